import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Grade } from '../../../shared/grading/types';
import { setLocale } from '../i18n/i18n.svelte';
import InspectionResultsTable from './InspectionResultsTable.svelte';
import PassRateBar from './PassRateBar.svelte';
import WhatIfChangesTable from './WhatIfChangesTable.svelte';

const grade = (accountId: string, score: number | null, verdict: 'pass' | 'fail'): Grade => ({
  accountId,
  checkDate: '2026-11-20',
  profile: 'national',
  profileVersion: 1,
  verdict,
  score,
  band: verdict === 'pass' ? 'pass' : 'fail',
  vetoes: score === null ? [{ code: 'no_update', evidence: {} } as unknown as Grade['vetoes'][number]] : [],
  deductions: [],
});

const accounts: Record<string, { name: string; platform: string; departmentName: string }> = {
  a: { name: '淳安发布', platform: 'wechat', departmentName: '县委宣传部' },
  b: { name: '淳安人社', platform: 'weibo', departmentName: '县人力社保局' },
  c: { name: '淳安市场监管', platform: 'douyin', departmentName: '县市场监管局' },
  d: { name: '千岛湖镇', platform: 'wechat', departmentName: '千岛湖镇人民政府' },
  e: { name: '淳安文旅', platform: 'toutiao', departmentName: '县文广旅体局' },
};
const results = [grade('a', 72, 'pass'), grade('b', 95, 'pass'), grade('c', 55, 'fail'), grade('d', 72, 'pass'), grade('e', null, 'fail')];

/** Each row as [rank, name, department]. */
const rows = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));

describe('inspection results table (issue 15: department column and ranking)', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => cleanup());

  it('ranks every result by score, ties sharing a rank (1, 2, 2, 4) and vetoed accounts last, with the department name', async () => {
    render(InspectionResultsTable, { props: { results, account: (id: string) => accounts[id], onlyFailed: false } });
    expect(screen.getByRole('columnheader', { name: '排名' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '主办单位' })).toBeTruthy();
    expect(rows('inspection-results').map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1', '淳安人社', '县人力社保局'],
      ['2', '淳安发布', '县委宣传部'],
      ['2', '千岛湖镇', '千岛湖镇人民政府'],
      ['4', '淳安市场监管', '县市场监管局'],
      ['5', '淳安文旅', '县文广旅体局'],
    ]);
  });

  it('keeps the rank among all results when only the failed ones are shown', async () => {
    render(InspectionResultsTable, { props: { results, account: (id: string) => accounts[id] } });
    expect(rows('inspection-results').map((r) => [r[0], r[1]])).toEqual([
      ['4', '淳安市场监管'],
      ['5', '淳安文旅'],
    ]);
    await fireEvent.click(screen.getByLabelText('只看不合格'));
    expect(rows('inspection-results')).toHaveLength(5);
  });

  it('reads in English', () => {
    setLocale('en');
    render(InspectionResultsTable, { props: { results, account: (id: string) => accounts[id], onlyFailed: false } });
    expect(screen.getByRole('columnheader', { name: 'Rank' })).toBeTruthy();
    expect(screen.queryByText('排名')).toBeNull();
  });
});

describe('what-if changes table (issue 15)', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => cleanup());

  it('ranks the changed accounts by their candidate score and names their department, from the answer or the registry', () => {
    const change = (accountId: string, score: number | null, verdict: string, withAccount: boolean) => ({
      accountId,
      from: { verdict: verdict === 'fail' ? 'pass' : 'fail', score: 80, vetoes: [] },
      to: { verdict, score, vetoes: score === null ? ['no_update'] : [] },
      ...(withAccount ? { account: accounts[accountId] } : {}),
    });
    render(WhatIfChangesTable, {
      props: { changes: [change('c', 58, 'fail', true), change('e', null, 'fail', false), change('b', 91, 'pass', true), change('a', 58, 'fail', false)], account: (id: string) => accounts[id] },
    });
    expect(rows('what-if-changes').map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', '淳安人社', '县人力社保局'],
      ['2', '淳安市场监管', '县市场监管局'],
      ['2', '淳安发布', '县委宣传部'],
      ['4', '淳安文旅', '县文广旅体局'],
    ]);
  });
});

describe('pass-rate bar (issue 15: coloured by threshold, never red at 100%)', () => {
  afterEach(() => cleanup());
  it.each([
    [1, 'good', '100.0%'],
    [0.75, 'fair', '75.0%'],
    [0.3, 'poor', '30.0%'],
  ] as const)('%s is %s', (rate, level, figure) => {
    const { container } = render(PassRateBar, { props: { rate } });
    const bar = container.querySelector('.bar')!;
    expect(bar.getAttribute('data-level')).toBe(level);
    expect(bar.classList.contains(`bar-${level}`)).toBe(true);
    expect((bar.firstElementChild as HTMLElement).style.width).toBe(figure.replace('.0', ''));
    expect(container.textContent).toContain(figure);
  });
});
