import { describe, expect, it } from 'vitest';
import { bandFor, gradeAccount, type Deduction, type Grade } from '../../../shared/grading';
import { NATIONAL, STRICT_10DAY, WEEKLY_3 } from '../../../shared/profiles';
import { ACCOUNT, CHECK, SEVERE, TYPO, at, healthyPosts, input, post, sharePosts } from './helpers';

const deduction = (g: Grade, code: Deduction['code']) => g.deductions.find((d) => d.code === code);
const vetoCodes = (g: Grade) => g.vetoes.map((v) => v.code);

describe('a healthy account', () => {
  it('scores 100, excellent, with nothing to explain', () => {
    const g = gradeAccount(input(healthyPosts()), CHECK, NATIONAL);
    expect(g).toMatchObject({ accountId: 'acc-1', checkDate: CHECK, profile: 'national', profileVersion: 1, verdict: 'pass', score: 100, band: 'excellent' });
    expect(g.vetoes).toEqual([]);
    expect(g.deductions).toEqual([]);
  });
});

describe('veto no_update: no post within the 14 days before the check date', () => {
  it.each([
    [13, false],
    [14, false],
    [15, true],
  ])('latest post %i days before the check date → veto %s', (daysBefore, vetoed) => {
    const g = gradeAccount(input([post(daysBefore), post(daysBefore + 2), post(daysBefore + 5), post(daysBefore + 9)]), CHECK, NATIONAL);
    expect(vetoCodes(g).includes('no_update')).toBe(vetoed);
  });

  it('names the latest post, its Beijing date and the days since in the evidence', () => {
    const g = gradeAccount(input([post(15, 'service', {}, 'last'), post(40, 'service', {}, 'older')]), CHECK, NATIONAL);
    expect(g.vetoes[0]).toEqual({
      code: 'no_update',
      evidence: { threshold: { windowDays: 14 }, checkDate: CHECK, latestPost: { externalId: 'last', date: '2026-02-28' }, daysSinceLatestPost: 15 },
    });
  });

  it('applies to an account that never posted', () => {
    const g = gradeAccount(input([]), CHECK, NATIONAL);
    expect(g.vetoes[0]).toMatchObject({ code: 'no_update', evidence: { latestPost: null, daysSinceLatestPost: null } });
  });

  it('ignores posts published after the check date', () => {
    const g = gradeAccount(input([post(-1), post(20)]), CHECK, NATIONAL);
    expect(g.vetoes[0]).toMatchObject({ code: 'no_update', evidence: { daysSinceLatestPost: 20 } });
  });

  it('counts a post on the check date itself (0 days before)', () => {
    const g = gradeAccount(input([post(0), post(30)]), CHECK, NATIONAL);
    expect(vetoCodes(g)).not.toContain('no_update');
  });

  it('uses the Beijing day: 23:30 Beijing time is the previous day in UTC but counts as the Beijing day', () => {
    // 2026-03-01 23:30 in Beijing = 2026-03-01T15:30Z; 14 days before 2026-03-15 → passes.
    const late = { externalId: 'late', publishedAt: '2026-03-01T15:30:00Z', classification: { category: 'service' as const } };
    expect(vetoCodes(gradeAccount(input([late]), CHECK, NATIONAL))).not.toContain('no_update');
    // 2026-03-01 00:30 in Beijing is 2026-02-28 in UTC (15 days before in UTC terms), still the Beijing day 03-01 → passes.
    const early = { externalId: 'early', publishedAt: '2026-02-28T16:30:00Z', classification: { category: 'service' as const } };
    const g = gradeAccount(input([early]), CHECK, NATIONAL);
    expect(vetoCodes(g)).not.toContain('no_update');
    // 2026-02-28 23:59 Beijing → 15 days → fails.
    const tooOld = { externalId: 'old', publishedAt: '2026-02-28T15:59:00Z', classification: { category: 'service' as const } };
    expect(gradeAccount(input([tooOld]), CHECK, NATIONAL).vetoes[0]).toMatchObject({
      code: 'no_update',
      evidence: { latestPost: { externalId: 'old', date: '2026-02-28' }, daysSinceLatestPost: 15 },
    });
  });

  it.each([
    [STRICT_10DAY, 10, false],
    [STRICT_10DAY, 11, true],
    [WEEKLY_3, 7, false],
    [WEEKLY_3, 8, true],
  ])('follows the profile window (%s: %i days → veto %s)', (profile, daysBefore, vetoed) => {
    const g = gradeAccount(input([post(daysBefore)]), CHECK, profile);
    expect(vetoCodes(g).includes('no_update')).toBe(vetoed);
  });
});

describe('veto no_interaction', () => {
  it('applies when the account has no interaction channel', () => {
    const g = gradeAccount(input(healthyPosts(), { account: { ...ACCOUNT, interactionEnabled: false } }), CHECK, NATIONAL);
    expect(g.vetoes).toEqual([
      { code: 'no_interaction', evidence: { threshold: { requireChannel: true, maxUnansweredDays: 90 }, reasons: ['channel_disabled'], interactionEnabled: false } },
    ]);
  });

  it.each([
    [89, false],
    [90, false],
    [91, true],
  ])('oldest unanswered message %i days old → veto %s', (days, vetoed) => {
    const g = gradeAccount(input(healthyPosts(), { metrics: { at: at(1), oldestUnansweredDays: days } }), CHECK, NATIONAL);
    expect(vetoCodes(g).includes('no_interaction')).toBe(vetoed);
    if (vetoed) expect(g.vetoes[0]).toMatchObject({ evidence: { reasons: ['unanswered_too_long'], oldestUnansweredDays: 91 } });
  });

  it('ignores a metric snapshot taken after the check date', () => {
    const g = gradeAccount(input(healthyPosts(), { metrics: { at: at(-2), oldestUnansweredDays: 200 } }), CHECK, NATIONAL);
    expect(g.vetoes).toEqual([]);
  });
});

describe('veto security', () => {
  it('applies to a severe wording error in a post of the inspection window', () => {
    const posts = [...healthyPosts(), post(30, 'news', { wording: [SEVERE] }, 'bad')];
    const g = gradeAccount(input(posts), CHECK, NATIONAL);
    expect(g.vetoes).toEqual([
      {
        code: 'security',
        evidence: {
          threshold: { windowDays: 90 },
          from: '2025-12-15',
          to: CHECK,
          severePosts: [{ externalId: 'bad', date: '2026-02-13', errors: [{ error: '台湾总统', suggestion: '台湾地区领导人' }] }],
        },
      },
    ]);
  });

  it.each([
    [90, true],
    [91, false],
  ])('a severe error %i days before the check date → veto %s', (daysBefore, vetoed) => {
    const g = gradeAccount(input([...healthyPosts(), post(daysBefore, 'news', { wording: [SEVERE] })]), CHECK, NATIONAL);
    expect(vetoCodes(g).includes('security')).toBe(vetoed);
  });

  it('applies to a recorded security incident', () => {
    const g = gradeAccount(input(healthyPosts(), { metrics: { securityIncident: '2026-03-02 发布的通知泄露了 12 名申请人的身份证号' } }), CHECK, NATIONAL);
    expect(g.vetoes[0]).toMatchObject({ code: 'security', evidence: { incident: '2026-03-02 发布的通知泄露了 12 名申请人的身份证号', severePosts: [] } });
  });
});

describe('veto fake_engagement', () => {
  it('applies only when confirmed', () => {
    expect(vetoCodes(gradeAccount(input(healthyPosts(), { confirmedFakeEngagement: true }), CHECK, NATIONAL))).toEqual(['fake_engagement']);
    expect(vetoCodes(gradeAccount(input(healthyPosts(), { confirmedFakeEngagement: false }), CHECK, NATIONAL))).toEqual([]);
  });

  it('keeps who confirmed it, and ignores a confirmation dated after the check date', () => {
    const confirmed = { confirmedAt: at(3), confirmedBy: 'reviewer-7', note: '购买粉丝 2 万' };
    expect(gradeAccount(input(healthyPosts(), { confirmedFakeEngagement: confirmed }), CHECK, NATIONAL).vetoes[0]).toEqual({
      code: 'fake_engagement',
      evidence: { confirmed: true, ...confirmed },
    });
    expect(gradeAccount(input(healthyPosts(), { confirmedFakeEngagement: { confirmedAt: at(-3) } }), CHECK, NATIONAL).vetoes).toEqual([]);
  });
});

describe('a veto', () => {
  it('makes the verdict fail, the score null and the band fail, and still lists the deductions for reference', () => {
    const g = gradeAccount(input([post(20, 'news')]), CHECK, NATIONAL);
    expect(g).toMatchObject({ verdict: 'fail', score: null, band: 'fail' });
    expect(g.deductions.map((d) => d.code)).toEqual(['cadence', 'service_share']);
  });

  it('lists every veto that applies', () => {
    const g = gradeAccount(input([post(20, 'news', { wording: [SEVERE] })], { account: { ...ACCOUNT, interactionEnabled: false }, confirmedFakeEngagement: true }), CHECK, NATIONAL);
    expect(vetoCodes(g)).toEqual(['no_update', 'no_interaction', 'security', 'fake_engagement']);
  });
});

describe('cadence: at least 4 posts in the 28 days before the check date, 5 points per missing post', () => {
  it.each([
    [[1, 2, 3, 28], 0, 'the 4th post exactly 28 days before counts'],
    [[1, 2, 3, 29], 5, 'a post 29 days before does not count'],
    [[1, 2, 3], 5, 'three posts: one missing'],
    [[1], 15, 'one post: three missing'],
    [[1, 2, 3, 4, 5, 6], 0, 'more than enough'],
  ])('posts %j days before → %i points (%s)', (days, points) => {
    const g = gradeAccount(input(days.map((d) => post(d, 'service'))), CHECK, NATIONAL);
    expect(deduction(g, 'cadence')?.points ?? 0).toBe(points);
  });

  it('shows the window bounds, the count and the post ids', () => {
    const g = gradeAccount(input([post(1, 'service', {}, 'a'), post(29, 'service', {}, 'old')]), CHECK, NATIONAL);
    expect(deduction(g, 'cadence')).toEqual({
      code: 'cadence',
      points: 15,
      cap: 20,
      evidence: { threshold: { windowDays: 28, minPosts: 4, pointsPerMissingPost: 5 }, from: '2026-02-15', to: CHECK, posts: 1, missing: 3, postIds: ['a'], uncappedPoints: 15 },
    });
  });

  it('never deducts more than the cap', () => {
    const g = gradeAccount(input([post(1)]), CHECK, WEEKLY_3);
    // weekly-3: 3 posts per 7 days, 7 points each; 2 missing → 14.
    expect(deduction(g, 'cadence')?.points).toBe(14);
    const none = gradeAccount(input([post(8)]), CHECK, WEEKLY_3);
    expect(deduction(none, 'cadence')).toMatchObject({ points: 20, cap: 20, evidence: { uncappedPoints: 21 } });
  });
});

describe('service share: service or policy posts in the last 90 days; < 30% → 10, < 10% → 20', () => {
  it.each([
    [10, 3, 0, 'exactly 30% → nothing'],
    [10, 2, 10, '20% → 10'],
    [10, 1, 10, 'exactly 10% → 10 (not below 10%)'],
    [20, 1, 20, '5% → 20'],
    [10, 0, 20, 'none → 20'],
  ])('%i posts, %i of them service → %i points (%s)', (n, k, points) => {
    const g = gradeAccount(input(sharePosts(n, k, 'service')), CHECK, NATIONAL);
    expect(deduction(g, 'service_share')?.points ?? 0).toBe(points);
  });

  it('counts policy interpretation as service content', () => {
    const g = gradeAccount(input(sharePosts(10, 3, 'policy')), CHECK, NATIONAL);
    expect(deduction(g, 'service_share')).toBeUndefined();
  });

  it.each([
    [90, 0],
    [91, 10],
  ])('a service post %i days before the check date is in the window? (→ %i points)', (daysBefore, points) => {
    // 7 news posts + 3 service posts = 30% when the old one counts, 2/9 = 22% when it does not.
    const posts = [...sharePosts(9, 2, 'service'), post(daysBefore, 'service')];
    const g = gradeAccount(input(posts), CHECK, NATIONAL);
    expect(deduction(g, 'service_share')?.points ?? 0).toBe(points);
  });

  it('shows the counts, the share and the tier applied', () => {
    const g = gradeAccount(input(sharePosts(10, 2, 'service')), CHECK, NATIONAL);
    expect(deduction(g, 'service_share')?.evidence).toMatchObject({ totalPosts: 10, servicePosts: 2, sharePercent: 20, appliedTier: { belowPercent: 30, points: 10 } });
  });

  it('treats an empty window as a 0% share (only reachable when no_update is off)', () => {
    const profile = structuredClone(NATIONAL);
    profile.vetoes.noUpdate.enabled = false;
    const g = gradeAccount(input([]), CHECK, profile);
    expect(deduction(g, 'service_share')).toMatchObject({ points: 20, evidence: { totalPosts: 0, sharePercent: null } });
  });
});

describe('off-mission share in the last 90 days: ≥ 10% → 10, ≥ 20% → 20', () => {
  it.each([
    [20, 1, 0, '5% → nothing'],
    [10, 1, 10, 'exactly 10% → 10'],
    [20, 3, 10, '15% → 10'],
    [10, 2, 20, 'exactly 20% → 20'],
    [10, 5, 20, '50% → 20 (cap)'],
  ])('%i posts, %i off-mission → %i points (%s)', (n, k, points) => {
    const g = gradeAccount(input(sharePosts(n, k, 'off_mission')), CHECK, NATIONAL);
    expect(deduction(g, 'off_mission_share')?.points ?? 0).toBe(points);
  });

  it('lists the off-mission posts with the terms that made them so', () => {
    const posts = [...sharePosts(9, 0, 'off_mission'), post(2, 'off_mission', { offMissionReasons: [{ term: '抽奖', category: 'lottery_game' }] }, 'lucky')];
    const g = gradeAccount(input(posts), CHECK, NATIONAL);
    expect(deduction(g, 'off_mission_share')?.evidence).toMatchObject({
      totalPosts: 10,
      offMissionPosts: 1,
      sharePercent: 10,
      posts: [{ externalId: 'lucky', date: '2026-03-13', reasons: ['抽奖'] }],
    });
  });

  it('deducts nothing with no posts in the window', () => {
    const profile = structuredClone(NATIONAL);
    profile.vetoes.noUpdate.enabled = false;
    expect(deduction(gradeAccount(input([]), CHECK, profile), 'off_mission_share')).toBeUndefined();
  });
});

describe('wording: 3 points per post with an ordinary error, cap 15', () => {
  it.each([
    [1, 3],
    [4, 12],
    [5, 15],
    [7, 15],
  ])('%i posts with typos → %i points', (n, points) => {
    const posts = [...healthyPosts(), ...Array.from({ length: n }, (_, i) => post(2 + i, 'service', { wording: [TYPO, TYPO] }))];
    expect(deduction(gradeAccount(input(posts), CHECK, NATIONAL), 'wording')?.points).toBe(points);
  });

  it('does not count posts older than the window', () => {
    const posts = [...healthyPosts(), post(91, 'service', { wording: [TYPO] })];
    expect(deduction(gradeAccount(input(posts), CHECK, NATIONAL), 'wording')).toBeUndefined();
  });
});

describe('naming and verification', () => {
  it.each([
    [{}, 0],
    [{ name: '城市生活小助手' }, 10],
    [{ verifiedSubject: '某某文化传媒有限公司' }, 10],
    [{ verifiedSubject: '杭州市人力资源和社会保障局' }, 0],
    [{ name: '城市生活小助手', verifiedSubject: '某某文化传媒有限公司' }, 10],
    [{ siblingNames: ['杭州人社微博', '杭州人社'] }, 0],
    [{ siblingNames: ['杭州市人力社保'] }, 5],
    [{ name: '城市生活小助手', siblingNames: ['杭州人社'] }, 15],
  ])('%j → %i points', (over, points) => {
    const g = gradeAccount(input(healthyPosts(), { account: { ...ACCOUNT, ...over } }), CHECK, NATIONAL);
    expect(deduction(g, 'naming')?.points ?? 0).toBe(points);
  });
});

describe('service links: 5 points per broken link, cap 10', () => {
  it.each([
    [[], 0],
    [['https://a.example/1'], 5],
    [['https://a.example/1', 'https://a.example/1'], 5],
    [['https://a.example/1', 'https://a.example/2', 'https://a.example/3'], 10],
  ])('%j → %i points', (links, points) => {
    const g = gradeAccount(input(healthyPosts(), { metrics: { brokenServiceLinks: links } }), CHECK, NATIONAL);
    expect(deduction(g, 'service_links')?.points ?? 0).toBe(points);
  });
});

describe('score, verdict and band', () => {
  it('60 passes: cadence 15 + service share 20 + naming 5 = 40', () => {
    const g = gradeAccount(input([post(3, 'news')], { account: { ...ACCOUNT, siblingNames: ['杭州市人力社保'] } }), CHECK, NATIONAL);
    expect(g.deductions.map((d) => [d.code, d.points])).toEqual([
      ['cadence', 15],
      ['service_share', 20],
      ['naming', 5],
    ]);
    expect(g).toMatchObject({ score: 60, verdict: 'pass', band: 'pass' });
  });

  it('59 fails: cadence 15 + service share 20 + wording 6 = 41', () => {
    const g = gradeAccount(input([post(3, 'news', { wording: [TYPO] }), post(60, 'news', { wording: [TYPO] })]), CHECK, NATIONAL);
    expect(g.deductions.map((d) => [d.code, d.points])).toEqual([
      ['cadence', 15],
      ['service_share', 20],
      ['wording', 6],
    ]);
    expect(g).toMatchObject({ score: 59, verdict: 'fail', band: 'fail' });
  });

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79, 'pass'],
    [60, 'pass'],
    [59.99, 'fail'],
    [0, 'fail'],
  ])('score %d is band %s', (score, band) => {
    expect(bandFor(score, NATIONAL.bands)).toBe(band);
  });
});

describe('determinism', () => {
  it('gives the same grade whatever the order of the posts', () => {
    const posts = [...sharePosts(10, 3, 'off_mission'), post(2, 'news', { wording: [TYPO] }), post(5, 'service', { wording: [TYPO] })];
    const a = gradeAccount(input(posts), CHECK, NATIONAL);
    const b = gradeAccount(input([...posts].reverse()), CHECK, NATIONAL);
    expect(b).toEqual(a);
  });

  it('uses a precomputed day when given, and it agrees with publishedAt', () => {
    const posts = healthyPosts();
    const withDays = posts.map((p) => ({ ...p, day: Math.floor((Date.parse(p.publishedAt) + 8 * 3_600_000) / 86_400_000) }));
    expect(gradeAccount(input(withDays), CHECK, NATIONAL)).toEqual(gradeAccount(input(posts), CHECK, NATIONAL));
  });

  it('treats a post without a classification as news', () => {
    const posts = [{ externalId: 'x', publishedAt: at(1) }, ...sharePosts(9, 3, 'service')];
    expect(deduction(gradeAccount(input(posts), CHECK, NATIONAL), 'service_share')).toBeUndefined();
    expect(gradeAccount(input(posts), CHECK, NATIONAL).score).toBe(100);
  });
});
