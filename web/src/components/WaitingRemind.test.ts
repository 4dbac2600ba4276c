import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import WaitingRemind from './WaitingRemind.svelte';

const waiting = { waiting: true, tier: 0, role: 'approver', roleName: '单位审批人', since: '2026-11-27T01:00:00Z', workingHours: 9 };

describe('WaitingRemind (催办)', () => {
  let answers: Response[];
  let calls: { url: string; method: string }[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
    answers = [];
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, method: init?.method ?? 'GET' });
        if (url.endsWith('/waiting')) return jsonResponse(200, waiting);
        return answers.shift() ?? jsonResponse(500, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('names who must act, since when and for how many working hours', async () => {
    render(WaitingRemind, { kind: 'closures', id: 'c1' });
    const box = await screen.findByTestId('waiting');
    expect(box.textContent).toContain('等待第 1 级（单位审批人）审批');
    expect(box.textContent).toContain('已等待 9 个工作小时');
    expect(calls[0]).toEqual({ url: '/api/v1/closures/c1/waiting', method: 'GET' });
  });

  it('催办 reminds the tier and says so', async () => {
    render(WaitingRemind, { kind: 'approval-requests', id: 'q1' });
    answers.push(jsonResponse(200, { ...waiting, sent: true }));
    await fireEvent.click(await screen.findByRole('button', { name: '催办' }));
    expect((await screen.findByRole('status')).textContent).toBe('已催办，单位审批人会收到提醒。');
    expect(calls[1]).toEqual({ url: '/api/v1/approval-requests/q1/remind', method: 'POST' });
  });

  it('a second 催办 within the hour says it was already sent', async () => {
    render(WaitingRemind, { kind: 'scheduled-posts', id: 'p1' });
    answers.push(jsonResponse(200, { ...waiting, sent: false }));
    await fireEvent.click(await screen.findByRole('button', { name: '催办' }));
    expect((await screen.findByRole('status')).textContent).toBe('本小时内已催办过，无需重复催办。');
  });

  it('409 not_waiting: nothing waits any more, and the button goes away', async () => {
    render(WaitingRemind, { kind: 'closures', id: 'c1' });
    answers.push(jsonResponse(409, { error: { code: 'not_waiting', message: '该事项当前没有待审批的环节，无需催办 (nothing is waiting for a decision)' } }));
    await fireEvent.click(await screen.findByRole('button', { name: '催办' }));
    expect((await screen.findByRole('alert')).textContent).toBe('该事项已没有待审批的环节，无需催办。');
    expect(screen.queryByRole('button', { name: '催办' })).toBeNull();
  });

  it('the person who must act sees who is waited on but no 催办 button', async () => {
    render(WaitingRemind, { kind: 'closures', id: 'c1', canRemind: false });
    await screen.findByTestId('waiting');
    expect(screen.queryByRole('button', { name: '催办' })).toBeNull();
  });

  it('shows nothing when nothing waits', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { waiting: false })));
    render(WaitingRemind, { kind: 'closures', id: 'c1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId('waiting')).toBeNull();
  });
});
