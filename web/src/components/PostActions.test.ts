import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import type { ScheduledPost } from '../lib/types';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import PostActions from './PostActions.svelte';

const post = (status: ScheduledPost['status']) =>
  ({
    id: 'p1',
    accountId: 'acc-1',
    regionCode: '330127',
    departmentId: 'dept-hrss',
    publishAt: '2026-11-28T09:00:00+08:00',
    title: '社保卡办理指南',
    body: 'b',
    category: 'service',
    status,
    version: 5,
    createdBy: { sub: 'demo-hrss-editor', name: '王晓燕' },
    createdAt: '2026-11-27T08:00:00Z',
    updatedAt: '2026-11-27T08:00:00Z',
    reviewSteps: ['approver', 'approver'],
    round: 1,
    decisions: [],
    checks: [],
    attempts: 0,
    history: [],
  }) as unknown as ScheduledPost;

describe('PostActions (撤回 / 重新发布 / 确认未发布)', () => {
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

  it('buttons per status for the editor; none for an approver except 确认未发布', () => {
    signIn(fakeJwt(USERS.editor));
    for (const [status, names] of [
      ['in_review', ['撤回']],
      ['approved', ['撤回']],
      ['failed', ['重新发布']],
      ['needs_confirmation', ['确认未发布']],
      ['draft', []],
      ['published', []],
    ] as const) {
      const r = render(PostActions, { post: post(status), onupdated: () => {} });
      expect(screen.queryAllByRole('button').map((b) => b.textContent)).toEqual(names);
      r.unmount();
    }
    signIn(fakeJwt(USERS.approver));
    for (const status of ['in_review', 'approved', 'failed'] as const) {
      const r = render(PostActions, { post: post(status), onupdated: () => {} });
      expect(screen.queryAllByRole('button')).toHaveLength(0);
      r.unmount();
    }
    render(PostActions, { post: post('needs_confirmation'), onupdated: () => {} });
    expect(screen.getByRole('button', { name: '确认未发布' })).toBeTruthy();
  });

  it('withdraws with the version and reports the new status', async () => {
    signIn(fakeJwt(USERS.editor));
    const onupdated = vi.fn();
    render(PostActions, { post: post('approved'), onupdated });
    answers.push(jsonResponse(200, { ...post('draft'), version: 6 }));
    await fireEvent.click(screen.getByRole('button', { name: '撤回' }));
    await waitFor(() => expect(onupdated).toHaveBeenCalledOnce());
    expect(posted).toEqual([{ url: '/api/v1/scheduled-posts/p1/withdraw', body: { version: 5 } }]);
    expect(onupdated.mock.calls[0]![1]).toBe('已撤回「社保卡办理指南」，当前状态：草稿。');
  });

  it('confirm-not-published asks first; 409 illegal_transition reloads the post', async () => {
    signIn(fakeJwt(USERS.approver));
    const onrefresh = vi.fn();
    render(PostActions, { post: post('needs_confirmation'), onupdated: () => {}, onrefresh });
    await fireEvent.click(screen.getByRole('button', { name: '确认未发布' }));
    expect(posted).toHaveLength(0);
    expect(screen.getByText(/请先到平台核实/)).toBeTruthy();
    answers.push(jsonResponse(409, { error: { code: 'illegal_transition', message: 'x' } }));
    await fireEvent.click(screen.getByRole('button', { name: '已核实，确认未发布' }));
    await screen.findByText('稿件状态已变化，不能执行此操作，已重新读取。');
    expect(posted).toEqual([{ url: '/api/v1/scheduled-posts/p1/confirm-not-published', body: { version: 5 } }]);
    expect(onrefresh).toHaveBeenCalledOnce();
  });

  it('retry: 403 and 409 stale in plain words', async () => {
    signIn(fakeJwt(USERS.editor));
    render(PostActions, { post: post('failed'), onupdated: () => {} });
    answers.push(jsonResponse(403, { error: { code: 'forbidden', message: 'no' } }));
    await fireEvent.click(screen.getByRole('button', { name: '重新发布' }));
    await screen.findByText('只有本单位的运维人员可以撤回或重新发布稿件。');
    answers.push(jsonResponse(409, { error: { code: 'stale_version', message: 'stale' } }));
    await fireEvent.click(screen.getByRole('button', { name: '重新发布' }));
    await screen.findByText('该记录已被他人更新（版本已变化），已重新读取，请核对后再提交。');
  });
});
