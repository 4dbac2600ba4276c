import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import ConnectorPanel from './ConnectorPanel.svelte';

const manual = (code: string) => ({ platform: 'toutiao', mode: 'manual', manualReason: { code, message: 'x' }, credentials: 'none', lastAttemptAt: null, lastSuccessAt: null, lastError: null, nextAttemptAt: null });

describe('ConnectorPanel (数据来源与链接检查)', () => {
  let connector: unknown;
  let links: unknown;
  let calls: { method: string; url: string }[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.editor));
    calls = [];
    links = { accountId: 'acc-1', checkedAt: null, results: [], broken: 0 };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ method: init?.method ?? 'GET', url });
        if (url.endsWith('/connector')) return jsonResponse(200, connector);
        if (url.endsWith('/links')) return jsonResponse(200, links);
        if (url.endsWith('/oauth/start')) return jsonResponse(422, { error: { code: 'oauth_not_configured', message: '尚未配置该平台的开放平台应用' } });
        return jsonResponse(404, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('Toutiao: a visible “无自动数据” badge and the reason in words', async () => {
    connector = manual('no_official_api');
    render(ConnectorPanel, { account: makeAccount({ platform: 'toutiao' }) });
    expect((await screen.findByTestId('no-automatic-data')).textContent).toContain('无自动数据');
    expect(screen.getByText(/没有向第三方开放读取发布与粉丝数据的官方接口/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /授权/ })).toBeNull();
  });

  it('automatic: last success, last error in words, next attempt, and “数据截至” when the data is stale', async () => {
    connector = {
      platform: 'bilibili',
      mode: 'automatic',
      credentials: 'ok',
      lastAttemptAt: '2026-12-05T17:00:00.000Z',
      lastSuccessAt: '2026-12-02T17:00:00.000Z',
      lastError: { kind: 'retryable', code: '-412', message: 'B站接口错误 -412：请求被拦截', at: '2026-12-05T17:00:00.000Z' },
      nextAttemptAt: '2026-12-06T17:00:00.000Z',
      dataAsOf: '2026-12-02T17:00:00.000Z',
    };
    render(ConnectorPanel, { account: makeAccount({ platform: 'bilibili' }) });
    expect(await screen.findByText('自动获取')).toBeTruthy();
    expect(screen.getByTestId('data-as-of').textContent).toContain('数据截至');
    expect(screen.getByText(/请求被拦截/)).toBeTruthy();
    expect(screen.getByText('下次尝试')).toBeTruthy();
  });

  it('Douyin not connected: an editor can start the authorisation; a refusal is shown in words', async () => {
    connector = { ...manual('not_connected'), platform: 'douyin' };
    render(ConnectorPanel, { account: makeAccount({ platform: 'douyin' }) });
    await fireEvent.click(await screen.findByRole('button', { name: '发起平台授权' }));
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/accounts/acc-1/oauth/start'))).toBe(true);
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('link results: each link with its verdict, status and the error in words', async () => {
    connector = manual('no_official_api');
    links = {
      accountId: 'acc-1',
      checkedAt: '2026-12-05T19:00:00.000Z',
      broken: 1,
      results: [
        { kind: 'service', url: 'https://a.gov.cn/sb', label: '社保查询', verdict: 'ok', status: 200, redirects: 0, checkedAt: '2026-12-05T19:00:00.000Z' },
        { kind: 'service', url: 'https://a.gov.cn/gjj', label: '公积金', verdict: 'broken', status: 200, redirects: 0, error: { code: 'soft_404', message: '页面显示“404 页面不存在”，内容已不存在' }, checkedAt: '2026-12-05T19:00:00.000Z' },
      ],
    };
    render(ConnectorPanel, { account: makeAccount({ platform: 'toutiao' }) });
    const list = await screen.findByTestId('link-results');
    expect(list.textContent).toContain('社保查询');
    expect(list.textContent).toContain('可访问');
    expect(list.textContent).toContain('无法访问');
    expect(list.textContent).toContain('内容已不存在');
    expect(screen.getByText(/1 个无法访问/)).toBeTruthy();
  });
});
