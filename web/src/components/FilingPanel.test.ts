import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shanghaiDay } from '../lib/format';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import FilingPanel from './FilingPanel.svelte';

describe('FilingPanel (备案)', () => {
  let answers: Response[];
  let posted: { url: string; body: unknown }[];
  beforeEach(() => {
    sessionStorage.clear();
    answers = [];
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        posted.push({ url, body: JSON.parse(String(init?.body ?? 'null')) });
        return answers.shift() ?? jsonResponse(500, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  const pending = makeAccount({ filingPendingSince: '2026-11-20' });

  it('shows the status to everyone and the form only to editors of the department and offices', () => {
    signIn(fakeJwt(USERS.reviewer));
    const r = render(FilingPanel, { account: pending, onupdated: () => {} });
    expect(screen.getByText('待备案')).toBeTruthy();
    expect(screen.getByText(/2026-11-20/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '登记备案' })).toBeNull();
    r.unmount();

    signIn(fakeJwt(USERS.otherEditor));
    const r2 = render(FilingPanel, { account: pending, onupdated: () => {} });
    expect(screen.queryByRole('button', { name: '登记备案' })).toBeNull();
    r2.unmount();

    signIn(fakeJwt(USERS.editor));
    render(FilingPanel, { account: pending, onupdated: () => {} });
    expect(screen.getByRole('button', { name: '登记备案' })).toBeTruthy();
  });

  it('a filed account shows its date and no form', () => {
    signIn(fakeJwt(USERS.office));
    render(FilingPanel, { account: makeAccount({ filedAt: '2026-11-21' }), onupdated: () => {} });
    expect(screen.getByText('已备案')).toBeTruthy();
    expect(screen.getByText('2026-11-21')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '登记备案' })).toBeNull();
  });

  it('validates the date, sends {filedAt, version} and maps 422 and 409', async () => {
    signIn(fakeJwt(USERS.office));
    const onupdated = vi.fn();
    render(FilingPanel, { account: pending, onupdated, onstale: vi.fn() });
    const input = screen.getByLabelText('备案日期') as HTMLInputElement;

    await fireEvent.input(input, { target: { value: '2026-11-19' } });
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    expect(screen.getByRole('alert').textContent).toBe('备案日期不能早于开设或变更日期（2026-11-20）');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(posted).toHaveLength(0);

    await fireEvent.input(input, { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    expect(screen.getByRole('alert').textContent).toBe('请选择备案日期');

    const today = shanghaiDay();
    await fireEvent.input(input, { target: { value: today } });
    answers.push(jsonResponse(422, { error: { code: 'filing_before_change', message: '备案日期不能早于开设或变更日期（2026-11-20）' } }));
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ url: '/api/v1/accounts/acc-1/filing', body: { filedAt: today, version: 3 } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('备案日期不能早于'));

    answers.push(jsonResponse(409, { error: { code: 'stale_version', message: 'stale' } }));
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    await screen.findByText('该记录已被他人更新（版本已变化），已重新读取，请核对后再提交。');

    answers.push(jsonResponse(200, makeAccount({ filedAt: today, version: 4 })));
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    await waitFor(() => expect(onupdated).toHaveBeenCalledOnce());
    expect(screen.getByRole('status').textContent).toBe(`已登记备案（${today}）。`);
  });
});
