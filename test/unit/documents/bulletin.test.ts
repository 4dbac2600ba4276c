import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../shared/assessment/assessment-ports';
import { bulletinDocument, bulletinTitle, failedAccountRows, problemsByType, rankDepartments, ratioPercent } from '../../../shared/documents/bulletin';
import type { Block } from '../../../shared/documents/official';
import { gradeAccount, type Grade } from '../../../shared/grading';
import { summarizeInspection, type InspectedAccount } from '../../../shared/inspection';
import { NATIONAL } from '../../../shared/profiles';
import { ACCOUNT, CHECK, TYPO, healthyPosts, input, post } from '../grading/helpers';

const HRSS = '淳安县人力资源和社会保障局';
const POLICE = '淳安县公安局';
const MARKET = '淳安县市场监督管理局';

const accounts = new Map<string, InspectedAccount>([
  ['a1', { platform: 'wechat', departmentId: 'd-rs', departmentName: HRSS, name: '淳安人社' }],
  ['a2', { platform: 'weibo', departmentId: 'd-rs', departmentName: HRSS, name: '淳安人社微博' }],
  ['a3', { platform: 'wechat', departmentId: 'd-ga', departmentName: POLICE, name: '平安淳安' }],
  ['a4', { platform: 'douyin', departmentId: 'd-sj', departmentName: MARKET, name: '淳安市场监管' }],
  ['a5', { platform: 'wechat', departmentId: 'd-sj', departmentName: MARKET, name: '淳安县市场监管' }],
]);

const gradeOf = (id: string, posts = healthyPosts()): Grade => gradeAccount(input(posts, { account: { ...ACCOUNT, id, name: accounts.get(id)!.name!, departmentName: accounts.get(id)!.departmentName! } }), CHECK, NATIONAL);
/** Silent for 20 days: the no_update veto. */
const silent = (id: string) => gradeOf(id, [post(20), post(25), post(30), post(40)]);
/** Healthy but with a typo: a wording deduction, still a pass. */
const typo = (id: string) => gradeOf(id, [...healthyPosts(), post(2, 'service', { wording: [TYPO] }, `typo-${id}`)]);

const results = [gradeOf('a1'), silent('a2'), typo('a3'), silent('a4'), silent('a5')];

function inspection(over: Partial<Inspection> = {}): Inspection {
  return {
    id: 'insp-1',
    regionCode: '330127',
    checkDate: CHECK,
    profile: 'national',
    profileVersion: 1,
    sample: null,
    createdAt: '2026-03-15T02:00:00Z',
    createdBy: { sub: 'office', name: '李敏' },
    summary: summarizeInspection(results, accounts),
    results,
    ...over,
  };
}

const NOW = '2026-03-20T02:30:00Z';
const textOf = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? [b.headers, ...b.rows].map((r) => r.join('|')).join('\n') : b.text)).join('\n');

describe('bulletinTitle', () => {
  it.each([
    ['2026-11-20', '淳安县', false, '关于2026年第四季度全县政府网站与政务新媒体检查情况的通报'],
    ['2026-11-20', null, false, '关于2026年第四季度政府网站与政务新媒体检查情况的通报'],
    ['2026-02-10', '杭州市', false, '关于2026年第一季度全市政府网站与政务新媒体检查情况的通报'],
    ['2026-05-10', '淳安县', true, '关于2026年第二季度全县政府网站与政务新媒体抽查情况的通报'],
  ])('%s in %s (sample %s) → %s', (checkDate, regionName, sampled, title) => {
    expect(bulletinTitle({ checkDate, regionName, sampled })).toBe(title);
  });
});

describe('rankDepartments', () => {
  it('ranks by pass rate, best first, equal rates sharing a rank', () => {
    const ranked = rankDepartments({
      a: { checked: 2, passed: 1, failed: 1, passRate: 0.5, departmentName: '甲' },
      b: { checked: 3, passed: 3, failed: 0, passRate: 1, departmentName: '乙' },
      c: { checked: 1, passed: 1, failed: 0, passRate: 1, departmentName: '丙' },
      d: { checked: 4, passed: 0, failed: 4, passRate: 0, departmentName: '丁' },
    });
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, '乙'],
      [1, '丙'],
      [3, '甲'],
      [4, '丁'],
    ]);
  });

  it('names a department from the accounts when the summary has no name', () => {
    expect(rankDepartments({ x: { checked: 1, passed: 1, failed: 0, passRate: 1 } }, new Map([['x', '淳安县教育局']]))[0]!.name).toBe('淳安县教育局');
  });

  it('keeps pass rates non-increasing and gives each department 1 + the number of better ones', () => {
    const counts = fc.record({ checked: fc.integer({ min: 1, max: 20 }), passed: fc.integer({ min: 0, max: 20 }) }).map(({ checked, passed }) => {
      const p = Math.min(passed, checked);
      return { checked, passed: p, failed: checked - p, passRate: Math.round((p / checked) * 10_000) / 10_000 };
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), counts), (byDepartment) => {
        const ranked = rankDepartments(byDepartment);
        expect(ranked).toHaveLength(Object.keys(byDepartment).length);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.passRate).toBeLessThanOrEqual(ranked[i - 1]!.passRate);
        for (const r of ranked) expect(r.rank).toBe(1 + ranked.filter((o) => o.passRate > r.passRate).length);
      }),
    );
  });
});

describe('problemsByType', () => {
  const problems = problemsByType(results, accounts);

  it('lists vetoes before deductions, each with the number of accounts', () => {
    expect(problems.map((p) => [p.kind, p.code, p.count])).toEqual(
      expect.arrayContaining([
        ['veto', 'no_update', 3],
        ['deduction', 'wording', 1],
      ]),
    );
    expect(problems[0]).toMatchObject({ kind: 'veto', code: 'no_update', label: '内容不更新' });
  });

  it('gives at most two examples, each in words with its unit and account', () => {
    const noUpdate = problems.find((p) => p.code === 'no_update')!;
    expect(noUpdate.examples).toHaveLength(2);
    expect(noUpdate.examples[0]).toMatchObject({ department: HRSS, account: '微博“淳安人社微博”' });
    expect(noUpdate.examples[0]!.text).toMatch(/^检查日 2026-03-15 前 14 天内没有更新/);
  });

  it('counts a deduction of an account that still passed', () => {
    const wording = problems.find((p) => p.code === 'wording')!;
    expect(wording.examples[0]).toMatchObject({ department: POLICE, account: '微信公众号“平安淳安”' });
    expect(wording.examples[0]!.text).toContain('按装→安装');
  });
});

describe('failedAccountRows', () => {
  it('lists every failed account by unit, with platform, name and reasons', () => {
    const rows = failedAccountRows(results, accounts);
    expect(rows.map((r) => [r.department, r.platform, r.name])).toEqual([
      [HRSS, '微博', '淳安人社微博'],
      [MARKET, '微信公众号', '淳安县市场监管'],
      [MARKET, '抖音', '淳安市场监管'],
    ]);
    expect(rows[0]!.reasons[0]).toMatch(/^单项否决「内容不更新」/);
  });
});

describe('bulletinDocument', () => {
  const doc = bulletinDocument({ inspection: inspection(), accounts, now: NOW });
  const body = textOf(doc.body);

  it('is titled after the check date\'s quarter and the region, and issued by its government office', () => {
    expect(doc.title).toBe('关于2026年第一季度全县政府网站与政务新媒体检查情况的通报');
    expect(doc.issuer).toBe('淳安县人民政府办公室');
    expect(doc.addressee).toBe('各有关单位');
    expect(doc.signature).toEqual({ issuer: '淳安县人民政府办公室', date: '2026-03-20' });
  });

  it('states the overall figures and the figures by platform', () => {
    expect(body).toContain('本次共检查政务新媒体账号5个，合格2个，不合格3个，合格率40.00%。');
    expect(body).toContain('微信公众号3个，合格2个，合格率66.67%');
  });

  it('ranks the departments in a table', () => {
    const table = doc.body.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')!;
    expect(table.headers).toEqual(['排名', '主办单位', '检查数', '合格数', '不合格数', '合格率']);
    expect(table.rows).toEqual([
      ['1', POLICE, '1', '1', '0', '100.00%'],
      ['2', HRSS, '2', '1', '1', '50.00%'],
      ['3', MARKET, '2', '0', '2', '0.00%'],
    ]);
  });

  it('lists the problems by type with counts', () => {
    expect(body).toContain('（一）单项否决问题');
    expect(body).toContain('「内容不更新」3个');
    expect(body).toContain('（二）扣分问题');
  });

  it('asks for rectification by the notice\'s due date when one was issued, and says a notice follows otherwise', () => {
    const withNotice = textOf(bulletinDocument({ inspection: inspection(), accounts, now: NOW, rectification: { dueDate: '2026-04-01' } }).body);
    expect(withNotice).toContain('于2026年4月1日前完成整改');
    expect(body).toContain('整改通知另行下发');
  });

  it('annexes the failed accounts with unit, platform, name and reasons', () => {
    expect(doc.annexNote).toEqual(['附件：检查不合格政务新媒体账号及问题清单']);
    const [annex] = doc.annexes;
    const table = annex!.blocks[0] as Extract<Block, { kind: 'table' }>;
    expect(table.headers).toEqual(['序号', '主办单位', '平台', '账号名称', '问题及依据']);
    expect(table.rows.map((r) => r.slice(0, 4))).toEqual([
      ['1', HRSS, '微博', '淳安人社微博'],
      ['2', MARKET, '微信公众号', '淳安县市场监管'],
      ['3', MARKET, '抖音', '淳安市场监管'],
    ]);
    expect(textOf(annex!.blocks)).toContain('2026年3月20日 10:30（北京时间）');
  });

  it('labels a sample inspection 抽查 with its ratio', () => {
    const sampled = bulletinDocument({ inspection: inspection({ sample: { ratio: 0.25, seed: 's', population: 20 } }), accounts, now: NOW });
    expect(sampled.title).toContain('抽查情况的通报');
    expect(textOf(sampled.body)).toContain('按25%的比例，从20个正常运营的政务新媒体账号中随机抽查了5个');
    expect(ratioPercent(0.125)).toBe('12.5%');
  });

  it('has no annex when every account passed', () => {
    const passing = [gradeOf('a1')];
    const doc2 = bulletinDocument({ inspection: inspection({ results: passing, summary: summarizeInspection(passing, accounts) }), accounts, now: NOW });
    expect(doc2.annexes).toEqual([]);
    expect(doc2.annexNote).toEqual([]);
  });
});
