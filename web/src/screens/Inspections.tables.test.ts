import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Grade } from '../../../shared/grading/types';
import { setLocale } from '../i18n/i18n.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import Inspections from './Inspections.svelte';

const grade = (accountId: string, score: number | null, verdict: 'pass' | 'fail'): Grade => ({
  accountId,
  checkDate: '2026-11-20',
  profile: 'national',
  profileVersion: 1,
  verdict,
  score,
  band: verdict === 'pass' ? 'pass' : 'fail',
  vetoes: score === null ? ([{ code: 'no_update', evidence: {} }] as unknown as Grade['vetoes']) : [],
  deductions: [],
});

const departments = [
  { id: 'dept-hrss', name: '县人力社保局', regionCode: '330127' },
  { id: 'dept-edu', name: '县教育局', regionCode: '330127' },
];
const accounts = [
  makeAccount({ id: 'a', name: '淳安人社', departmentId: 'dept-hrss' }),
  makeAccount({ id: 'b', name: '淳安教育', handle: 'b', departmentId: 'dept-edu' }),
  makeAccount({ id: 'c', name: '淳安社保', handle: 'c', departmentId: 'dept-hrss' }),
];
const summary = (passed: number, byDepartment: Record<string, { checked: number; passed: number }>) => ({ checked: 3, passed, failed: 3 - passed, passRate: passed / 3, byPlatform: {}, byDepartment });
const inspectionA = { id: 'ins-a', regionCode: '330127', checkDate: '2026-11-20', profile: 'national', profileVersion: 1, createdAt: '2026-11-20T01:00:00Z', summary: summary(3, {}), results: [grade('a', 90, 'pass'), grade('b', 88, 'pass'), grade('c', 95, 'pass')] };
const inspectionB = {
  ...inspectionA,
  id: 'ins-b',
  createdAt: '2026-11-21T01:00:00Z',
  summary: summary(0, { 'dept-edu': { checked: 1, passed: 1 }, 'dept-hrss': { checked: 2, passed: 1 } }),
  results: [grade('a', 55, 'fail'), grade('b', 40, 'fail'), grade('c', 55, 'fail')],
};

/** Issue 15: the inspection screen's tables name the department and rank their rows. */
describe('Inspections screen tables', () => {
  beforeEach(() => {
    sessionStorage.clear();
    setLocale('zh-CN');
    signIn(fakeJwt(USERS.office));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        const path = new URL(input, 'http://localhost').pathname.replace(/^.*\/api\/v1/, '');
        if (path === '/inspections') return jsonResponse(200, { items: [inspectionA, inspectionB], cursor: null });
        if (path === '/inspections/ins-a') return jsonResponse(200, inspectionA);
        if (path === '/inspections/ins-b') return jsonResponse(200, inspectionB);
        if (path === '/departments') return jsonResponse(200, { items: departments, cursor: null });
        if (path === '/accounts') return jsonResponse(200, { items: accounts, cursor: null });
        return jsonResponse(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  const cells = (rows: HTMLElement[]) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim()));

  it('ranks the accounts whose verdict changed between two inspections, with their department', async () => {
    render(Inspections, { props: { params: {} } });
    const a = (await screen.findByLabelText('检查 A')) as HTMLSelectElement;
    await waitFor(() => expect(a.options.length).toBe(3));
    a.value = 'ins-a';
    await fireEvent.change(a);
    const b = screen.getByLabelText('检查 B') as HTMLSelectElement;
    b.value = 'ins-b';
    await fireEvent.change(b);
    await fireEvent.click(within(screen.getByRole('region', { name: '两次检查对比' })).getByRole('button', { name: '对比' }));
    await waitFor(() => expect(screen.getAllByTestId('compare-row')).toHaveLength(3));
    expect(cells(screen.getAllByTestId('compare-row'))).toEqual([
      ['1', '淳安人社', '县人力社保局'],
      ['1', '淳安社保', '县人力社保局'],
      ['3', '淳安教育', '县教育局'],
    ]);
  });

  it('ranks the departments by pass rate with coloured bars on an inspection', async () => {
    render(Inspections, { props: { params: { id: 'ins-b' } } });
    const table = (await screen.findByRole('heading', { name: '分单位合格率' })).nextElementSibling as HTMLElement;
    await waitFor(() => expect(table.textContent).toContain('县教育局'));
    const rows = [...table.querySelectorAll('tbody tr')] as HTMLElement[];
    expect(rows.map((r) => [r.querySelector('.rank')?.textContent, r.querySelectorAll('td')[1]?.textContent, r.querySelector('.bar')?.getAttribute('data-level')])).toEqual([
      ['1', '县教育局', 'good'],
      ['2', '县人力社保局', 'poor'],
    ]);
  });
});
