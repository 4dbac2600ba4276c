/**
 * Issue 15: the CSV/XLSX 通报 shows what a civil servant reads: the profile's title, Beijing times,
 * dimensions in words, and the no_update sentence as true as the UI's.
 */
import { describe, expect, it } from 'vitest';
import { beijingDateTimeCell, inspectionReportSheets, profileCell, sheetsToCsv } from '../../../functions/api/report';
import type { Inspection } from '../../../shared/assessment/assessment-ports';
import type { Grade } from '../../../shared/grading/types';

const vetoed: Grade = {
  accountId: 'a1',
  checkDate: '2026-11-27',
  profile: 'national',
  profileVersion: 1,
  verdict: 'fail',
  score: null,
  band: 'fail',
  vetoes: [{ code: 'no_update', evidence: { threshold: { windowDays: 14 }, checkDate: '2026-11-27', latestPost: null, daysSinceLatestPost: 158, lastKnownPostDate: '2026-06-22' } }],
  deductions: [],
};
const inspection: Inspection = {
  id: 'ins-1',
  regionCode: '330127',
  checkDate: '2026-11-27',
  profile: 'national',
  profileVersion: 1,
  sample: null,
  createdAt: '2026-11-27T01:05:00.000Z',
  createdBy: { sub: 'of-1', name: '宣传部' },
  summary: { checked: 1, passed: 0, failed: 1, passRate: 0 } as Inspection['summary'],
  results: [vetoed],
};
const accounts = new Map([['a1', { platform: 'weibo' as const, departmentId: 'd1', departmentName: '淳安县人社局', name: '淳安人社' }]]);

describe('the 通报 spreadsheet text', () => {
  const csv = sheetsToCsv(inspectionReportSheets(inspection, accounts));

  it('names the profile by its title and version, not its id', () => {
    expect(csv).toContain('规则配置,国家基线 第 1 版');
    expect(csv).not.toContain('national v1');
  });

  it('gives times in Beijing time, not UTC ISO', () => {
    expect(csv).toContain('生成时间,2026-11-27 09:05（北京时间）');
    expect(csv).not.toContain('2026-11-27T01:05');
  });

  it('names the pass-rate dimensions in words', () => {
    expect(csv).toMatch(/\r\n合计,合计,1,0,1,0\.00%/);
    expect(csv).not.toMatch(/\r\n(total|platform|department),/);
  });

  it('carries the true no_update sentence for an account silent longer than the look-back', () => {
    expect(csv).toContain('最近一条发布于 2026-06-22，已 158 天未更新');
    expect(csv).not.toContain('没有任何发布记录');
  });

  it.each([
    ['strict-10day', 1, '从严：10 天不更新否决 第 1 版'],
    ['custom-zj', 3, 'custom-zj 第 3 版'],
  ])('profileCell(%s, %i)', (name, version, text) => {
    expect(profileCell(name, version)).toBe(text);
  });

  it.each([
    ['2026-11-26T16:30:00Z', '2026-11-27 00:30（北京时间）'],
    ['2026-11-27T09:00:00+08:00', '2026-11-27 09:00（北京时间）'],
    [undefined, ''],
  ])('beijingDateTimeCell(%s)', (instant, text) => {
    expect(beijingDateTimeCell(instant)).toBe(text);
  });
});
