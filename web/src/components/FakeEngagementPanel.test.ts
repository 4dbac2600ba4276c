import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import FakeEngagementPanel from './FakeEngagementPanel.svelte';

describe('FakeEngagementPanel (弄虚作假认定)', () => {
  let answers: Response[];
  let posted: unknown[];
  beforeEach(() => {
    sessionStorage.clear();
    answers = [];
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        posted.push(JSON.parse(String(init?.body ?? 'null')));
        return answers.shift() ?? jsonResponse(500, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  const suspected = makeAccount({ flags: [{ type: 'suspected_fake_engagement', since: '2026-11-01', evidence: {} }] });

  it('only a reviewer of the region gets the buttons', () => {
    for (const who of [USERS.office, USERS.editor, USERS.admin]) {
      signIn(fakeJwt(who));
      const r = render(FakeEngagementPanel, { account: suspected, onupdated: () => {} });
      expect(screen.getByText(/尚未经审核人认定/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: '认定弄虚作假' })).toBeNull();
      r.unmount();
    }
    signIn(fakeJwt(USERS.reviewer));
    render(FakeEngagementPanel, { account: suspected, onupdated: () => {} });
    expect(screen.getByRole('button', { name: '认定弄虚作假' })).toBeTruthy();
  });

  it('asks for confirmation with the evidence, then posts {confirmed, note, version}', async () => {
    signIn(fakeJwt(USERS.reviewer));
    const onupdated = vi.fn();
    render(FakeEngagementPanel, { account: suspected, onupdated });
    await fireEvent.click(screen.getByRole('button', { name: '认定弄虚作假' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('单项否决');
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认认定' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('请写明认定依据');
    expect(posted).toHaveLength(0);

    await fireEvent.input(within(dialog).getByLabelText('认定依据'), { target: { value: '平台核查确认购买粉丝 5 万' } });
    answers.push(jsonResponse(403, { error: { code: 'forbidden', message: '只有本地区的审核人员可以认定弄虚作假' } }));
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认认定' }));
    await within(dialog).findByText('只有本地区的审核人可以认定或撤销弄虚作假。');

    answers.push(jsonResponse(200, makeAccount({ version: 4, fakeEngagementConfirmed: { confirmedAt: '2026-11-27T08:00:00Z', confirmedBy: '周建国', note: '平台核查确认购买粉丝 5 万' } })));
    await fireEvent.click(within(dialog).getByRole('button', { name: '确认认定' }));
    await waitFor(() => expect(onupdated).toHaveBeenCalledOnce());
    expect(posted.at(-1)).toEqual({ confirmed: true, note: '平台核查确认购买粉丝 5 万', version: 3 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a confirmation and lets the reviewer withdraw it (note optional)', async () => {
    signIn(fakeJwt(USERS.reviewer));
    const confirmed = makeAccount({ fakeEngagementConfirmed: { confirmedAt: '2026-11-27T08:00:00Z', confirmedBy: '周建国', note: '购买粉丝' } });
    render(FakeEngagementPanel, { account: confirmed, onupdated: () => {} });
    expect(screen.getByText('已认定弄虚作假')).toBeTruthy();
    expect(screen.getByText('“购买粉丝”')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '撤销认定' }));
    answers.push(jsonResponse(200, makeAccount({ version: 4 })));
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认撤销' }));
    await waitFor(() => expect(posted).toEqual([{ confirmed: false, version: 3 }]));
  });
});
