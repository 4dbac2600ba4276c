import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import CredentialsPanel from './CredentialsPanel.svelte';

describe('CredentialsPanel (平台凭据)', () => {
  let configured: boolean;
  let writes: Response[];
  let calls: { method: string; url: string; body: unknown }[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
    configured = false;
    writes = [];
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        if (method === 'GET') return jsonResponse(200, { configured, platform: url.includes('acc-weibo') ? 'weibo' : 'wechat' });
        return writes.shift() ?? jsonResponse(500, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('WeChat: password inputs, required fields, PUT with only the filled fields, then the values are gone', async () => {
    render(CredentialsPanel, { account: makeAccount() });
    await screen.findByText('未配置');
    await fireEvent.click(screen.getByRole('button', { name: '配置凭据' }));
    const dialog = screen.getByRole('dialog');
    const appId = within(dialog).getByLabelText(/AppID/) as HTMLInputElement;
    const secret = within(dialog).getByLabelText(/AppSecret/) as HTMLInputElement;
    for (const input of within(dialog).getAllByLabelText(/AppID|AppSecret|封面图|作者/)) expect((input as HTMLInputElement).type).toBe('password');

    await fireEvent.click(within(dialog).getByRole('button', { name: '保存凭据' }));
    expect(within(dialog).getAllByRole('alert').map((a) => a.textContent)).toEqual(['appId 不能为空', 'appSecret 不能为空']);
    expect(appId.getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);

    await fireEvent.input(appId, { target: { value: 'wx123' } });
    await fireEvent.input(secret, { target: { value: 's3cret' } });
    writes.push(new Response(null, { status: 204 }));
    configured = true;
    await fireEvent.click(within(dialog).getByRole('button', { name: '保存凭据' }));
    await screen.findByText('已保存平台凭据。');
    expect(calls.find((c) => c.method === 'PUT')).toEqual({ method: 'PUT', url: '/api/v1/accounts/acc-1/credentials', body: { appId: 'wx123', appSecret: 's3cret' } });
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByText('已配置');
    expect(document.body.textContent).not.toContain('s3cret');

    // Reopening starts empty.
    await fireEvent.click(screen.getByRole('button', { name: '更换凭据' }));
    expect((within(screen.getByRole('dialog')).getByLabelText(/AppSecret/) as HTMLInputElement).value).toBe('');
  });

  it('Weibo: its own fields; a bad share URL; 422 and 403 in plain words', async () => {
    render(CredentialsPanel, { account: makeAccount({ id: 'acc-weibo', platform: 'weibo' }) });
    await screen.findByText('未配置');
    await fireEvent.click(screen.getByRole('button', { name: '配置凭据' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByLabelText(/AppID/)).toBeNull();
    await fireEvent.input(within(dialog).getByLabelText(/Access Token/), { target: { value: 'tok' } });
    await fireEvent.input(within(dialog).getByLabelText(/分享链接/), { target: { value: 'weibo.com/x' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: '保存凭据' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('shareUrl 须为 http(s) 链接');

    await fireEvent.input(within(dialog).getByLabelText(/分享链接/), { target: { value: '' } });
    writes.push(jsonResponse(403, { error: { code: 'forbidden', message: '只有本地区的管理部门可以配置平台凭据' } }));
    await fireEvent.click(within(dialog).getByRole('button', { name: '保存凭据' }));
    await within(dialog).findByText('只有本地区的管理部门或平台管理员可以配置平台凭据。');

    writes.push(jsonResponse(422, { error: { code: 'account_closed', message: '账号已注销归档，不能配置平台凭据' } }));
    await fireEvent.click(within(dialog).getByRole('button', { name: '保存凭据' }));
    await within(dialog).findByText('不符合业务规则：账号已注销归档，不能配置平台凭据');
  });

  it('revokes after a confirmation (DELETE, 204)', async () => {
    configured = true;
    render(CredentialsPanel, { account: makeAccount() });
    await screen.findByText('已配置');
    await fireEvent.click(screen.getByRole('button', { name: '撤销凭据' }));
    expect(screen.getByRole('dialog').textContent).toContain('人工发布');
    writes.push(new Response(null, { status: 204 }));
    configured = false;
    await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认撤销' }));
    await screen.findByText('已撤销平台凭据。');
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/v1/accounts/acc-1/credentials')).toBe(true);
    await waitFor(() => expect(screen.getByText('未配置')).toBeTruthy());
  });
});
