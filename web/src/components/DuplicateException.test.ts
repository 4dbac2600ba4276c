import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import DuplicateException from './DuplicateException.svelte';

describe('DuplicateException (申请例外保留)', () => {
  let waiting: unknown[];
  let answers: Response[];
  let posted: { url: string; body: unknown }[];
  beforeEach(() => {
    sessionStorage.clear();
    waiting = [];
    answers = [];
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push({ url, body: JSON.parse(String(init.body)) });
          return answers.shift() ?? jsonResponse(500, {});
        }
        return jsonResponse(200, { items: waiting, cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  const dup = makeAccount({ flags: [{ type: 'duplicate', since: '2026-11-01', evidence: {} }] });

  it('offered to the department’s editor and offices, not to reviewers', async () => {
    signIn(fakeJwt(USERS.reviewer));
    const r = render(DuplicateException, { account: dup });
    expect(screen.queryByRole('button', { name: '申请例外保留' })).toBeNull();
    r.unmount();
    signIn(fakeJwt(USERS.editor));
    render(DuplicateException, { account: dup });
    expect(await screen.findByRole('button', { name: '申请例外保留' })).toBeTruthy();
  });

  it('a request already waiting replaces the button', async () => {
    signIn(fakeJwt(USERS.office));
    waiting = [{ id: 'r1', kind: 'duplicate_exception', accountId: 'acc-1', status: 'pending' }];
    render(DuplicateException, { account: dup });
    await screen.findByText('例外保留申请审批中。');
    expect(screen.queryByRole('button', { name: '申请例外保留' })).toBeNull();
  });

  it('needs a reason, then posts it and names the tiers', async () => {
    signIn(fakeJwt(USERS.editor));
    render(DuplicateException, { account: dup });
    await fireEvent.click(await screen.findByRole('button', { name: '申请例外保留' }));
    const dialog = screen.getByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: '提交申请' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('例外理由不能为空');
    await fireEvent.input(within(dialog).getByLabelText('保留理由'), { target: { value: '  面向企业的专门服务号  ' } });
    answers.push(jsonResponse(201, { id: 'r9', kind: 'duplicate_exception', accountId: 'acc-1', status: 'pending', tiers: ['approver', 'reviewer'], decisions: [] }));
    await fireEvent.click(within(dialog).getByRole('button', { name: '提交申请' }));
    await screen.findByText('已提交例外保留申请，待 单位审批人 → 审核人 审批。');
    expect(posted).toEqual([{ url: '/api/v1/accounts/acc-1/duplicate-exception', body: { reason: '面向企业的专门服务号' } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('例外保留申请审批中。')).toBeTruthy();
  });
});
