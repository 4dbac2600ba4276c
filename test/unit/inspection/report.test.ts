import { describe, expect, it } from 'vitest';
import { gradeAccount, type Grade } from '../../../shared/grading';
import {
  PASS_RATE_COLUMNS,
  RESULT_COLUMNS,
  compareProfiles,
  explainGrade,
  formatPassRate,
  inspectionReportRows,
  summarizeInspection,
  type InspectedAccount,
} from '../../../shared/inspection';
import { NATIONAL, STRICT_10DAY } from '../../../shared/profiles';
import { ACCOUNT, CHECK, SEVERE, TYPO, healthyPosts, input, post } from '../grading/helpers';

const grade = (accountId: string, verdict: 'pass' | 'fail', score: number | null = verdict === 'pass' ? 90 : null): Grade => ({
  accountId,
  checkDate: CHECK,
  profile: 'national',
  profileVersion: 1,
  verdict,
  score,
  band: verdict === 'pass' ? 'excellent' : 'fail',
  vetoes: [],
  deductions: [],
});

const accounts = new Map<string, InspectedAccount>([
  ['a1', { platform: 'wechat', departmentId: 'd-rs', departmentName: '市人社局', name: '杭州人社' }],
  ['a2', { platform: 'weibo', departmentId: 'd-rs', departmentName: '市人社局', name: '杭州人社微博' }],
  ['a3', { platform: 'wechat', departmentId: 'd-ga', departmentName: '市公安局', name: '平安杭州' }],
  ['a4', { platform: 'douyin', departmentId: 'd-ga', departmentName: '市公安局', name: '杭州公安抖音' }],
]);

describe('summarizeInspection', () => {
  const results = [grade('a1', 'pass'), grade('a2', 'fail'), grade('a3', 'pass'), grade('a4', 'pass')];

  it('counts passes overall, by platform and by department', () => {
    expect(summarizeInspection(results, accounts)).toEqual({
      checked: 4,
      passed: 3,
      failed: 1,
      passRate: 0.75,
      byPlatform: {
        douyin: { checked: 1, passed: 1, failed: 0, passRate: 1 },
        wechat: { checked: 2, passed: 2, failed: 0, passRate: 1 },
        weibo: { checked: 1, passed: 0, failed: 1, passRate: 0 },
      },
      byDepartment: {
        'd-ga': { checked: 2, passed: 2, failed: 0, passRate: 1, departmentName: '市公安局' },
        'd-rs': { checked: 2, passed: 1, failed: 1, passRate: 0.5, departmentName: '市人社局' },
      },
    });
  });

  it('accepts a plain object as the account lookup', () => {
    expect(summarizeInspection(results, Object.fromEntries(accounts)).byPlatform.weibo).toEqual({ checked: 1, passed: 0, failed: 1, passRate: 0 });
  });

  it('reports a pass rate of 0 for an empty inspection', () => {
    expect(summarizeInspection([], accounts)).toMatchObject({ checked: 0, passRate: 0, byPlatform: {}, byDepartment: {} });
  });

  it('rounds the pass rate to four decimals', () => {
    expect(summarizeInspection([grade('a1', 'pass'), grade('a2', 'fail'), grade('a3', 'fail')], accounts).passRate).toBe(0.3333);
    expect(formatPassRate(0.3333)).toBe('33.33%');
  });
});

describe('compareProfiles (what-if)', () => {
  it('lists the accounts whose verdict changes under the candidate profile', () => {
    // Latest post 12 days ago: passes the 14-day national window, fails strict-10day.
    const posts = [post(12), post(13), post(16), post(20)];
    const a = [gradeAccount(input(healthyPosts(), { account: { ...ACCOUNT, id: 'fine' } }), CHECK, NATIONAL), gradeAccount(input(posts, { account: { ...ACCOUNT, id: 'slow' } }), CHECK, NATIONAL)];
    const b = [gradeAccount(input(healthyPosts(), { account: { ...ACCOUNT, id: 'fine' } }), CHECK, STRICT_10DAY), gradeAccount(input(posts, { account: { ...ACCOUNT, id: 'slow' } }), CHECK, STRICT_10DAY)];
    const cmp = compareProfiles(a, b);
    expect(cmp).toMatchObject({ compared: 2, unchanged: 1, newlyPassing: [], passRateA: 1, passRateB: 0.5, onlyInA: [], onlyInB: [] });
    expect(cmp.newlyFailing).toEqual([
      { accountId: 'slow', from: { verdict: 'pass', score: 100, band: 'excellent', vetoes: [] }, to: { verdict: 'fail', score: null, band: 'fail', vetoes: ['no_update'] } },
    ]);
  });

  it('reports accounts graded under only one profile', () => {
    const cmp = compareProfiles([grade('a1', 'pass'), grade('a2', 'pass')], [grade('a2', 'pass'), grade('a3', 'fail')]);
    expect(cmp).toMatchObject({ compared: 1, onlyInA: ['a1'], onlyInB: ['a3'] });
  });
});

describe('explainGrade: plain Chinese, one sentence per veto and deduction, with evidence', () => {
  it('explains a pass with deductions', () => {
    const g = gradeAccount(input([post(3, 'news', { wording: [TYPO] }, 'p-typo'), post(5, 'news'), post(7, 'news'), post(9, 'service')]), CHECK, NATIONAL);
    const lines = explainGrade(g);
    expect(lines[0]).toBe('结论：合格，得分 87（良好）。检查日 2026-03-15，规则「national」第 1 版。');
    expect(lines[1]).toBe('「服务内容占比」扣 10 分（上限 20 分）：2025-12-15 至 2026-03-15（检查日前 90 天）服务类和政策解读类 1 条，占 4 条的 25%，低于 30% 扣 10 分。');
    expect(lines[2]).toBe('「表述错误」扣 3 分（上限 15 分）：2025-12-15 至 2026-03-15 有 1 条稿件存在错别字或一般表述错误，每条扣 3 分：2026-03-12（编号 p-typo）「按装→安装」。');
    expect(lines).toHaveLength(3);
  });

  it('explains a veto with the latest post and days since, and marks deductions as for reference', () => {
    const g = gradeAccount(input([post(15, 'service', {}, 'last')]), CHECK, NATIONAL);
    const lines = explainGrade(g);
    expect(lines[0]).toBe('结论：不合格（单项否决，不计分）。检查日 2026-03-15，规则「national」第 1 版。');
    expect(lines[1]).toBe('单项否决「内容不更新」：检查日 2026-03-15 前 14 天内没有更新，最近一条发布于 2026-02-28（编号 last），已 15 天未更新。');
    expect(lines[2]).toMatch(/^（仅供整改参考）「更新频率」扣 15 分（上限 20 分）：2026-02-15 至 2026-03-15（检查日前 28 天）发布 1 条/);
  });

  it.each([
    [input(healthyPosts(), { account: { ...ACCOUNT, interactionEnabled: false } }), '账号未开通留言、评论等互动渠道'],
    [input(healthyPosts(), { metrics: { oldestUnansweredDays: 120 } }), '有公众留言 120 天未回复（上限 90 天）'],
    [input([...healthyPosts(), post(4, 'news', { wording: [SEVERE] }, 'tw')]), '2026-03-11（编号 tw）「台湾总统（应为/处理：台湾地区领导人）」'],
    [input(healthyPosts(), { confirmedFakeEngagement: { confirmedBy: '审核员王某', confirmedAt: '2026-03-01' } }), '已由 审核员王某于 2026-03-01确认'],
    [input(healthyPosts(), { metrics: { brokenServiceLinks: ['https://x.example/a'] } }), '1 个服务链接无法访问，每个扣 5 分：https://x.example/a'],
    [input(healthyPosts(), { account: { ...ACCOUNT, name: '城市生活小助手' } }), '账号名称「城市生活小助手」未体现主办单位「杭州市人力资源和社会保障局」'],
    [input(healthyPosts(), { account: { ...ACCOUNT, siblingNames: ['杭州市人力社保'] } }), '同一单位在其他平台的账号名称不一致'],
  ])('names the evidence (%#)', (gradeInput, fragment) => {
    expect(explainGrade(gradeAccount(gradeInput, CHECK, NATIONAL)).join('\n')).toContain(fragment);
  });

  it('says so when nothing was deducted', () => {
    expect(explainGrade(gradeAccount(input(healthyPosts()), CHECK, NATIONAL))).toEqual([
      '结论：合格，得分 100（优秀）。检查日 2026-03-15，规则「national」第 1 版。',
      '各项指标均未扣分。',
    ]);
  });

  it('mentions the cap when it cut the deduction', () => {
    const posts = [...healthyPosts(), ...[2, 4, 6, 8, 10, 12].map((d) => post(d, 'service', { wording: [TYPO] }))];
    expect(explainGrade(gradeAccount(input(posts), CHECK, NATIONAL))[1]).toContain('按规则应扣 18 分，已封顶');
  });
});

describe('inspectionReportRows (通报)', () => {
  it('gives pass-rate rows and failed accounts with reasons', () => {
    const failing = gradeAccount(input([post(20, 'service')], { account: { ...ACCOUNT, id: 'a2' } }), CHECK, NATIONAL);
    const { passRates, failed, all } = inspectionReportRows([grade('a1', 'pass'), failing], accounts);
    expect(passRates.map((r) => [r.dimension, r.label, r.checked, r.passed, r.failed, r.passRate])).toEqual([
      ['total', '合计', 2, 1, 1, 0.5],
      ['platform', '微信公众号', 1, 1, 0, 1],
      ['platform', '微博', 1, 0, 1, 0],
      ['department', '市人社局', 2, 1, 1, 0.5],
    ]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ accountId: 'a2', accountName: '杭州人社微博', platform: '微博', department: '市人社局', verdict: '不合格', score: null, band: '不合格', vetoes: '内容不更新' });
    expect(failed[0]!.reasons).toContain('最近一条发布于 2026-02-23');
    expect(all).toHaveLength(2);
  });

  it('has Chinese column headers for every field', () => {
    expect(PASS_RATE_COLUMNS.map((c) => c.header)).toEqual(['维度', '名称', '检查数', '合格数', '不合格数', '合格率']);
    expect(RESULT_COLUMNS.map((c) => c.header)).toContain('问题及依据');
  });
});
