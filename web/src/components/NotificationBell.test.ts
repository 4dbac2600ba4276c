import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bell, POLL_MS, resetBell } from '../lib/notifications.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import NotificationBell from './NotificationBell.svelte';

const newest = { id: 'n2', at: '2026-11-27T02:00:00Z', type: 'rectification_issued', entity: { type: 'rectification', id: 'r1' }, title: '整改通知：淳安人社', body: '请于 2026-12-11 前反馈整改情况。', readAt: null };
const older = { id: 'n1', at: '2026-11-26T02:00:00Z', type: 'stale_warning', entity: { type: 'account', id: 'acc-1' }, title: '断更预警：微博「淳安人社」', body: '已 10 天未更新。', readAt: '2026-11-26T03:00:00Z' };

describe('NotificationBell', () => {
  let unread: number;
  let calls: { url: string; method: string }[];
  beforeEach(() => {
    sessionStorage.clear();
    resetBell();
    location.hash = '';
    signIn(fakeJwt(USERS.editor));
    unread = 3;
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        calls.push({ url, method });
        if (method === 'POST' && url === '/api/v1/notifications/n2/read') {
          unread--;
          return jsonResponse(200, { ...newest, readAt: '2026-11-27T03:00:00Z' });
        }
        if (url.startsWith('/api/v1/notifications?')) return jsonResponse(200, { items: url.includes('unread=true') ? [newest] : [newest, older], cursor: null, unread });
        return jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    signOut();
  });

  it('shows the unread count on the bell', async () => {
    render(NotificationBell);
    expect((await screen.findByTestId('bell-count')).textContent).toBe('3');
    expect(screen.getByRole('button', { name: '通知（3 条未读）' })).toBeTruthy();
    expect(calls[0]!.url).toBe('/api/v1/notifications?unread=true&limit=1');
  });

  it('lists the newest first with the unread one marked', async () => {
    render(NotificationBell);
    await fireEvent.click(await screen.findByRole('button', { name: '通知（3 条未读）' }));
    const items = await screen.findAllByTestId('notification');
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('整改通知：淳安人社'), expect.stringContaining('断更预警')]);
    expect(items[0]!.classList.contains('unread')).toBe(true);
    expect(within(items[0]!).getByText('未读')).toBeTruthy();
    expect(items[1]!.classList.contains('unread')).toBe(false);
  });

  it('a click marks the notification read, lowers the count and opens its rectification page', async () => {
    render(NotificationBell);
    await fireEvent.click(await screen.findByRole('button', { name: '通知（3 条未读）' }));
    await fireEvent.click((await screen.findAllByTestId('notification'))[0]!.querySelector('button')!);
    await waitFor(() => expect(location.hash).toBe('#/rectifications/r1'));
    expect(calls).toContainEqual({ url: '/api/v1/notifications/n2/read', method: 'POST' });
    await waitFor(() => expect(screen.getByTestId('bell-count').textContent).toBe('2'));
  });

  it('re-reads the count every 60 seconds', async () => {
    vi.useFakeTimers();
    render(NotificationBell);
    await vi.waitFor(() => expect(bell.unread).toBe(3));
    unread = 5;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await vi.waitFor(() => expect(bell.unread).toBe(5));
    expect(calls.filter((c) => c.url.includes('unread=true'))).toHaveLength(2);
  });

  it('is left out while the server has no notifications route', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } })));
    render(NotificationBell);
    await waitFor(() => expect(bell.missing).toBe(true));
    expect(screen.queryByRole('button', { name: /通知/ })).toBeNull();
  });
});
