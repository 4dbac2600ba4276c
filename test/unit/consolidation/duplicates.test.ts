import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/duplicate-names.json' with { type: 'json' };
import { candidateFromAccount, chooseKeeper, findDuplicateClusters, keeperChoice, type DuplicateCandidate } from '../../../shared/consolidation/duplicates';
import { noteZh } from '../../../shared/consolidation/notes';
import { pairPrecisionRecall, setPrecisionRecall } from '../../../shared/consolidation/evaluate';
import { DomainError } from '../../../shared/errors';
import { ACCOUNT_STATUSES, PLATFORMS, type Account } from '../../../shared/registry/schemas';

const REGION = '330112';
const OPTIONS = { regionNames: ['浙江省', '杭州市', '临安区'] };
let seq = 0;

function acc(over: Partial<DuplicateCandidate> & { name: string }): DuplicateCandidate {
  seq++;
  return { id: `a${String(seq).padStart(3, '0')}`, platform: 'wechat', departmentId: 'd-rsj', regionCode: REGION, status: 'active', ...over };
}

const ids = (clusters: { accountIds: string[] }[]) => clusters.map((c) => c.accountIds);

describe('same_unit_same_platform', () => {
  it('clusters two active accounts of one department on one platform', () => {
    const a = acc({ name: '临安人社' });
    const b = acc({ name: '临安就业' });
    const [cluster, ...rest] = findDuplicateClusters([a, b], OPTIONS);
    expect(rest).toEqual([]);
    expect(cluster).toMatchObject({ reason: 'same_unit_same_platform', accountIds: [a.id, b.id], platform: 'wechat', regionCode: REGION });
  });

  it('does not cluster one department across platforms', () => {
    expect(findDuplicateClusters([acc({ name: '临安人社' }), acc({ name: '临安人社', platform: 'douyin' })], OPTIONS)).toEqual([]);
  });

  it.each(['closed', 'closure_pending', 'announcing'] as const)('ignores an account in status %s', (status) => {
    expect(findDuplicateClusters([acc({ name: '临安人社' }), acc({ name: '临安就业', status })], OPTIONS)).toEqual([]);
  });

  it('counts an account pending opening', () => {
    expect(findDuplicateClusters([acc({ name: '临安人社' }), acc({ name: '临安就业', status: 'opening_pending' })], OPTIONS)).toHaveLength(1);
  });

  it('does not count an account with an approved duplicate exception', () => {
    expect(findDuplicateClusters([acc({ name: '临安人社' }), acc({ name: '临安反诈', duplicateException: true })], OPTIONS)).toEqual([]);
  });
});

describe('similar_function', () => {
  it('clusters accounts of different departments whose names normalise alike, in one region and platform', () => {
    const a = acc({ name: '临安文旅', departmentId: 'd-wlj' });
    const b = acc({ name: '临安区文化和旅游', departmentId: 'd-lyzx' });
    const [cluster] = findDuplicateClusters([a, b], OPTIONS);
    expect(cluster?.reason).toBe('similar_function');
    expect(cluster?.evidence).toContain('名称归一化后相同（“文旅”）：“临安文旅”、“临安区文化和旅游”');
  });

  it('never matches across regions: a city and its district each keep their own bureau account', () => {
    const city = acc({ name: '杭州文旅', departmentId: 'd-hz-wlj', regionCode: '330100' });
    const district = acc({ name: '临安文旅', departmentId: 'd-wlj' });
    expect(findDuplicateClusters([city, district], OPTIONS)).toEqual([]);
  });

  it('does not match names that lose every function word (临安发布, 中国临安)', () => {
    expect(findDuplicateClusters([acc({ name: '临安发布', departmentId: 'd-xcb' }), acc({ name: '中国临安', departmentId: 'd-zfb' })], OPTIONS)).toEqual([]);
  });

  it('joins transitively and says when a department also runs two accounts there', () => {
    const a = acc({ name: '临安人社', departmentId: 'd-rsj' });
    const b = acc({ name: '临安就业', departmentId: 'd-rsj' });
    const c = acc({ name: '临安区人力资源和社会保障局', departmentId: 'd-jyzx' });
    const [cluster, ...rest] = findDuplicateClusters([a, b, c], OPTIONS);
    expect(rest).toEqual([]);
    expect(cluster?.accountIds).toEqual([a.id, b.id, c.id]);
    expect(cluster?.reason).toBe('similar_function');
    expect(cluster?.evidence).toContain('其中有主办单位在该平台开设了多个账号');
  });
});

describe('公安局 and its 交警大队', () => {
  const police = { departmentId: 'd-gaj' };
  const traffic = { departmentId: 'd-jj' };

  it('are not merged on different platforms', () => {
    expect(findDuplicateClusters([acc({ name: '临安公安', platform: 'weibo', ...police }), acc({ name: '临安交警', platform: 'douyin', ...traffic })], OPTIONS)).toEqual([]);
  });

  it('are not merged on the same platform either: traffic police is another function', () => {
    expect(
      findDuplicateClusters([acc({ name: '临安区公安局', ...police }), acc({ name: '临安区公安局交通警察大队', ...traffic })], OPTIONS),
    ).toEqual([]);
  });

  it('the 交警大队 account is not an internal division', () => {
    expect(findDuplicateClusters([acc({ name: '临安区公安局交通警察大队', ...traffic })], OPTIONS)).toEqual([]);
  });

  it('are one unit when the 交警大队 account is registered under the 公安局 itself (same platform)', () => {
    const [cluster] = findDuplicateClusters([acc({ name: '临安公安', ...police }), acc({ name: '临安交警', ...police })], OPTIONS);
    expect(cluster?.reason).toBe('same_unit_same_platform');
  });
});

describe('internal_division', () => {
  it("is a cluster of exactly the one account, keeping itself, with the department's best account as successor", () => {
    const main = acc({ name: '临安人社', platform: 'weibo', gradeScore: 90 });
    const other = acc({ name: '临安人社', platform: 'douyin', gradeScore: 70 });
    const section = acc({ name: '临安区人社局就业促进科', platform: 'wechat' });
    const clusters = findDuplicateClusters([main, other, section], OPTIONS);
    expect(clusters).toEqual([
      {
        reason: 'internal_division',
        accountIds: [section.id],
        keeperId: section.id,
        why: ['本单位在该平台仅此一个账号：宜更名为单位账号，或注销并引导至建议的接续账号'],
        evidence: ['“临安区人社局就业促进科”以内设机构命名（科）'],
        whyNotes: [{ code: 'division_rename_or_successor' }],
        evidenceNotes: [{ code: 'division_section', name: '临安区人社局就业促进科', term: '科' }],
        platform: 'wechat',
        regionCode: REGION,
        suggestedSuccessorId: main.id,
        divisionAccountIds: [section.id],
      },
    ]);
  });

  it('joins the department account on the same platform, which keeps even with a lower score', () => {
    const unit = acc({ name: '临安市场监管', departmentId: 'd-scj', gradeScore: 60 });
    const station = acc({ name: '临安区市场监管局锦城所', departmentId: 'd-scj', gradeScore: 95 });
    const [cluster] = findDuplicateClusters([unit, station], OPTIONS);
    expect(cluster).toMatchObject({ reason: 'same_unit_same_platform', keeperId: unit.id, divisionAccountIds: [station.id] });
    expect(cluster?.why[0]).toBe('以单位名义开设（非内设机构或活动账号）');
  });

  it('flags one-off events too', () => {
    const [cluster] = findDuplicateClusters([acc({ name: '2023临安马拉松', departmentId: 'd-ty' })], OPTIONS);
    expect(cluster).toMatchObject({ reason: 'internal_division', evidence: ['“2023临安马拉松”以活动、专项或一次性项目命名（2023）'] });
    expect(cluster?.suggestedSuccessorId).toBeUndefined();
  });
});

describe('keeper', () => {
  const base = { name: 'x', departmentId: 'd', regionCode: REGION, platform: 'wechat' as const, status: 'active' as const };

  it.each([
    ['the highest grade score', [{ id: 'a', gradeScore: 70, followers: 9000 }, { id: 'b', gradeScore: 88, followers: 10 }], 'b', ['评分最高（88 分）']],
    ['then the most followers', [{ id: 'a', gradeScore: 80, followers: 500 }, { id: 'b', gradeScore: 80, followers: 12000 }], 'b', ['粉丝最多（12000）']],
    [
      'each criterion that narrows the field, saying when it left a tie',
      [{ id: 'a', gradeScore: 80, followers: 500 }, { id: 'b', gradeScore: 80, followers: 12000 }, { id: 'c', gradeScore: 60, followers: 99999 }],
      'b',
      ['评分最高（80 分，2 个并列）', '粉丝最多（12000）'],
    ],
    ['then the oldest opening date', [{ id: 'a', openedAt: '2019-05-01' }, { id: 'b', openedAt: '2014-03-01' }], 'b', ['开设最早（2014-03-01）']],
    ['then service links', [{ id: 'a', serviceLinks: 0 }, { id: 'b', serviceLinks: 3 }], 'b', ['有服务链接（3 个）']],
    ['then the smallest id, said so', [{ id: 'b' }, { id: 'a' }], 'a', ['其余条件相同，按账号标识顺序选定']],
    ['a graded account over an ungraded one', [{ id: 'a' }, { id: 'b', gradeScore: 61 }], 'b', ['评分最高（61 分）']],
  ])('is chosen by %s', (_rule, members, keeperId, why) => {
    expect(chooseKeeper(members.map((m) => ({ ...base, ...m })))).toEqual({ keeperId, why });
  });
});

/** Issue 15: the UI says a cluster's reasons in its own language, from codes and parameters. */
describe('notes', () => {
  const base = { name: 'x', departmentId: 'd', regionCode: REGION, platform: 'wechat' as const, status: 'active' as const };

  it('give the keeper criteria with their figures and ties, not sentences', () => {
    const members = [{ id: 'a', gradeScore: 80, followers: 500 }, { id: 'b', gradeScore: 80, followers: 12000 }, { id: 'c', gradeScore: 60 }].map((m) => ({ ...base, ...m }));
    expect(keeperChoice(members)).toEqual({
      keeperId: 'b',
      notes: [
        { code: 'keeper_highest_grade', score: 80, tied: 2 },
        { code: 'keeper_most_followers', followers: 12000 },
      ],
    });
  });

  it('give the evidence with the platform code and the names as a list', () => {
    const a = acc({ name: '临安人社', platform: 'weibo', departmentId: 'd-rsj' });
    const b = acc({ name: '临安区人社', platform: 'weibo', departmentId: 'd-rsj2' });
    const [cluster] = findDuplicateClusters([a, b], OPTIONS);
    expect(cluster?.evidenceNotes).toEqual([
      { code: 'similar_function', platform: 'weibo', departments: 2 },
      { code: 'same_name_key', key: expect.any(String), names: ['临安人社', '临安区人社'] },
    ]);
  });

  it('are what the Chinese why and evidence say, line by line', () => {
    const clusters = findDuplicateClusters(
      [
        acc({ name: '临安人社', platform: 'weibo', gradeScore: 90 }),
        acc({ name: '临安人社服务', platform: 'weibo', gradeScore: 70 }),
        acc({ name: '临安区人社局就业促进科', platform: 'wechat' }),
        acc({ name: '临安人社', platform: 'douyin', departmentId: 'd-2' }),
        acc({ name: '临安区人社', platform: 'douyin', departmentId: 'd-3' }),
        acc({ name: '2023临安马拉松', departmentId: 'd-ty' }),
      ],
      OPTIONS,
    );
    expect(new Set(clusters.map((c) => c.reason))).toEqual(new Set(['same_unit_same_platform', 'similar_function', 'internal_division']));
    for (const c of clusters) {
      expect(c.whyNotes.map(noteZh)).toEqual(c.why);
      expect(c.evidenceNotes.map(noteZh)).toEqual(c.evidence);
    }
  });
});

describe('input', () => {
  it('refuses duplicate ids (400)', () => {
    const a = acc({ name: '临安人社' });
    expect(() => findDuplicateClusters([a, { ...a }], OPTIONS)).toThrow(DomainError);
  });

  it('maps a registry account, taking followers from the metrics', () => {
    const account = {
      id: 'x1', platform: 'weibo', name: '临安人社', handle: 'lars', departmentId: 'd', regionCode: REGION, status: 'active', openedAt: '2015-01-01',
      latestGrade: { checkDate: '2026-11-01', profile: 'national', profileVersion: 1, verdict: 'pass', score: 91, band: 'excellent' },
      serviceLinks: [{ label: '社保查询', url: 'https://a.cn' }],
    } satisfies Partial<Account>;
    expect(candidateFromAccount(account, { followers: 300 })).toEqual({
      id: 'x1', platform: 'weibo', name: '临安人社', handle: 'lars', departmentId: 'd', regionCode: REGION, status: 'active',
      openedAt: '2015-01-01', followers: 300, gradeScore: 91, serviceLinks: 1,
    });
  });
});

describe('labelled set (test/fixtures/duplicate-names.json)', () => {
  const accounts = fixture.accounts as unknown as (DuplicateCandidate & { division: boolean })[];
  const predicted = findDuplicateClusters(accounts, { regionNames: fixture.allRegionNames });

  it('has at least 200 names across several regions and platforms', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(200);
    expect(new Set(accounts.map((a) => a.regionCode)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(accounts.map((a) => a.platform)).size).toBeGreaterThanOrEqual(5);
  });

  it('labels every same-department same-platform pair of live accounts as one cluster (the rule is definitional)', () => {
    const label = new Map(fixture.clusters.flatMap((c) => c.accountIds.map((id) => [id, c.label] as const)));
    const live = accounts.filter((a) => a.status === 'active');
    for (const a of live) {
      for (const b of live) {
        if (a.id < b.id && a.departmentId === b.departmentId && a.platform === b.platform) expect([a.id, label.get(a.id)]).toEqual([a.id, label.get(b.id)]);
      }
    }
  });

  it('finds the labelled clusters with pair precision ≥ 0.95 and recall ≥ 0.9', () => {
    const score = pairPrecisionRecall(ids(predicted.filter((c) => c.accountIds.length > 1)), fixture.clusters.map((c) => c.accountIds));
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the division-named accounts with precision and recall ≥ 0.95', () => {
    const score = setPrecisionRecall(predicted.flatMap((c) => c.divisionAccountIds ?? []), accounts.filter((a) => a.division).map((a) => a.id));
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('properties', () => {
  const NAMES = [...new Set(fixture.accounts.map((a) => a.name))].slice(0, 60);
  const arbAccounts = fc
    .array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        platform: fc.constantFrom(...PLATFORMS.slice(0, 3)),
        departmentId: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
        regionCode: fc.constantFrom('330112', '330100'),
        status: fc.constantFrom(...ACCOUNT_STATUSES),
        gradeScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        followers: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        openedAt: fc.option(fc.constantFrom('2014-01-01', '2018-06-30', '2023-12-31'), { nil: undefined }),
        serviceLinks: fc.integer({ min: 0, max: 2 }),
        duplicateException: fc.boolean(),
      }),
      { maxLength: 40 },
    )
    .map((list) =>
      list.map((a, i): DuplicateCandidate => {
        const { gradeScore, followers, openedAt, ...rest } = a;
        return {
          id: `p${i}`,
          ...rest,
          ...(gradeScore !== undefined ? { gradeScore } : {}),
          ...(followers !== undefined ? { followers } : {}),
          ...(openedAt !== undefined ? { openedAt } : {}),
        };
      }),
    );

  it('clusters are disjoint', () => {
    fc.assert(
      fc.property(arbAccounts, (accounts) => {
        const all = findDuplicateClusters(accounts, OPTIONS).flatMap((c) => c.accountIds);
        expect(new Set(all).size).toBe(all.length);
      }),
    );
  });

  it('every cluster has at least two accounts, except internal_division clusters, which have exactly one', () => {
    fc.assert(
      fc.property(arbAccounts, (accounts) => {
        for (const c of findDuplicateClusters(accounts, OPTIONS)) {
          if (c.reason === 'internal_division') expect(c.accountIds).toHaveLength(1);
          else expect(c.accountIds.length).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });

  it('the keeper is a member, and the members share platform and are live', () => {
    fc.assert(
      fc.property(arbAccounts, (accounts) => {
        const byId = new Map(accounts.map((a) => [a.id, a]));
        for (const c of findDuplicateClusters(accounts, OPTIONS)) {
          expect(c.accountIds).toContain(c.keeperId);
          const members = c.accountIds.map((id) => byId.get(id) as DuplicateCandidate);
          expect(new Set(members.map((m) => m.platform))).toEqual(new Set([c.platform]));
          expect(members.every((m) => m.status === 'active' || m.status === 'opening_pending')).toBe(true);
        }
      }),
    );
  });

  it('the result does not depend on the order of the input', () => {
    fc.assert(
      fc.property(
        arbAccounts.chain((accounts) => fc.tuple(fc.constant(accounts), fc.shuffledSubarray(accounts, { minLength: accounts.length, maxLength: accounts.length }))),
        ([accounts, shuffled]) => {
          expect(findDuplicateClusters(shuffled, OPTIONS)).toEqual(findDuplicateClusters(accounts, OPTIONS));
        },
      ),
    );
  });
});
