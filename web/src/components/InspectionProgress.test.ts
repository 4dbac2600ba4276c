import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import type { Inspection } from '../lib/types';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import InspectionProgress from './InspectionProgress.svelte';
import InspectionResultsPage from './InspectionResultsPage.svelte';

const running = (checked: number): Inspection =>
  ({ id: 'ins-1', regionCode: '330127', checkDate: '2026-11-20', status: 'running', progress: { checked, total: 1100 } }) as unknown as Inspection;

describe('InspectionProgress (an inspection job)', () => {
  let answers: unknown[];
  let calls: string[];
  beforeEach(() => {
    sessionStorage.clear();
    setLocale('zh-CN');
    signIn(fakeJwt(USERS.office));
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        calls.push(url);
        return jsonResponse(200, answers.length > 1 ? answers.shift() : answers[0]);
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('shows 进度 checked/total and polls until the job is done, then hands the finished view on', async () => {
    answers = [running(300), running(800), { ...running(1100), status: 'done', summary: { checked: 1100, passed: 900, failed: 200, passRate: 0.8182 } }];
    const onsettled = vi.fn();
    render(InspectionProgress, { props: { inspection: running(0), onsettled, intervalMs: 5 } });
    expect(screen.getByTestId('inspection-progress').textContent).toContain('进度 0/1100');
    expect(screen.getByText(/可以离开本页/)).toBeTruthy();
    await waitFor(() => expect(onsettled).toHaveBeenCalledTimes(1));
    expect(onsettled.mock.calls[0]![0]).toMatchObject({ status: 'done', summary: { checked: 1100 } });
    expect(calls.every((u) => u.endsWith('/inspections/ins-1'))).toBe(true);
    const polls = calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls.length).toBe(polls);
  });

  it('shows the reason of a job that failed', async () => {
    answers = [{ ...running(600), status: 'failed', failure: { code: 'chunk_failed', chunk: 6, message: '第 7 批账号（共 11 批）评分 3 次均失败，检查未完成，请重新发起', at: '2026-11-20T02:00:00Z' } }];
    const onsettled = vi.fn();
    render(InspectionProgress, { props: { inspection: running(500), onsettled, intervalMs: 5 } });
    await waitFor(() => expect(screen.getByTestId('inspection-failed')).toBeTruthy());
    expect(screen.getByRole('alert').textContent).toContain('第 7 批账号');
    expect(screen.getByText('检查未能完成')).toBeTruthy();
    expect(onsettled).toHaveBeenCalledTimes(1);
  });

  it('a job already failed when opened shows its reason without polling', async () => {
    answers = [running(0)];
    render(InspectionProgress, { props: { inspection: { ...running(200), status: 'failed', failure: { code: 'stalled', message: '检查已 30 分钟没有进展，已终止', at: 'x' } } as Inspection, intervalMs: 5 } });
    expect(screen.getByRole('alert').textContent).toContain('30 分钟没有进展');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([]);
  });
});

describe('InspectionResultsPage (results of a big inspection)', () => {
  const grade = (id: string, verdict: 'pass' | 'fail') => ({ accountId: id, checkDate: '2026-11-20', profile: 'national', profileVersion: 1, verdict, score: verdict === 'pass' ? 80 : null, band: verdict, vetoes: [], deductions: [] });
  let calls: string[];
  beforeEach(() => {
    sessionStorage.clear();
    setLocale('zh-CN');
    signIn(fakeJwt(USERS.office));
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        calls.push(url);
        return url.includes('cursor=') ? jsonResponse(200, { items: [grade('a3', 'fail')], cursor: null }) : jsonResponse(200, { items: [grade('a1', 'fail'), grade('a2', 'fail')], cursor: 'next-page' });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('pages the failed results from /results, 100 at a time, with 加载更多 until the last page', async () => {
    render(InspectionResultsPage, { props: { inspectionId: 'ins-1', total: 1100, accountName: (id: string) => `账号${id}` } });
    expect(await screen.findByText('账号a1')).toBeTruthy();
    expect(calls[0]).toContain('/inspections/ins-1/results?');
    expect(calls[0]).toContain('verdict=fail');
    expect(calls[0]).toContain('limit=100');
    screen.getByRole('button', { name: '加载更多' }).click();
    expect(await screen.findByText('账号a3')).toBeTruthy();
    expect(calls[1]).toContain('cursor=next-page');
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(screen.getByText(/已显示 3，共检查 1100 个账号/)).toBeTruthy();
  });
});
