import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import ChannelForm from './ChannelForm.svelte';

const configured = {
  owner: { type: 'region', id: '330127', regionCode: '330127' },
  wecom: { configured: true, host: 'qyapi.weixin.qq.com', updatedAt: '2026-11-27T02:00:00Z' },
  dingtalk: { configured: false },
  updatedAt: '2026-11-27T02:00:00Z',
  updatedBy: { sub: 'demo-office', name: '李敏' },
  version: 1,
};

describe('ChannelForm (群机器人)', () => {
  let answers: Response[];
  let puts: unknown[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
    answers = [];
    puts = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') {
          puts.push(JSON.parse(String(init.body)));
          return answers.shift() ?? jsonResponse(500, {});
        }
        return jsonResponse(200, configured);
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('shows a configured robot by its host only, and asks for its URL again before replacing the configuration', async () => {
    render(ChannelForm, { path: '/regions/330127', title: '本地区' });
    expect((await screen.findByTestId('wecom-state')).textContent).toContain('已配置');
    expect(screen.getByTestId('wecom-state').textContent).toContain('qyapi.weixin.qq.com');
    expect(screen.getByTestId('dingtalk-state').textContent).toContain('未配置');
    const url = screen.getByLabelText('企业微信机器人 Webhook 地址') as HTMLInputElement;
    expect(url.type).toBe('password');
    expect(url.value).toBe('');

    await fireEvent.click(screen.getByRole('button', { name: '保存配置' }));
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(puts).toHaveLength(0);

    await fireEvent.input(url, { target: { value: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12' } });
    answers.push(jsonResponse(200, { ...configured, version: 2 }));
    await fireEvent.click(screen.getByRole('button', { name: '保存配置' }));
    await screen.findByText('已保存。');
    expect(puts[0]).toEqual({ wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12' }, version: 1 });
    expect(url.value).toBe('');
  });

  it('a host outside the allow-list is refused in plain words', async () => {
    render(ChannelForm, { path: '/regions/330127', title: '本地区' });
    await fireEvent.input(await screen.findByLabelText('企业微信机器人 Webhook 地址'), { target: { value: 'https://example.com/cgi-bin/webhook/send?key=abcdefgh12' } });
    answers.push(jsonResponse(422, { error: { code: 'webhook_host_not_allowed', message: '主机 example.com 不在允许的机器人地址清单中（qyapi.weixin.qq.com、oapi.dingtalk.com） (webhook host not allowed)' } }));
    await fireEvent.click(screen.getByRole('button', { name: '保存配置' }));
    expect((await screen.findByRole('alert')).textContent).toBe('只能填写企业微信或钉钉群机器人的地址。主机 example.com 不在允许的机器人地址清单中（qyapi.weixin.qq.com、oapi.dingtalk.com）');
  });

  it('says the feature is not available while the server has no channels route', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } })));
    render(ChannelForm, { path: '/regions/330127', title: '本地区' });
    await waitFor(() => expect(screen.getByText(/该功能的接口尚未上线/)).toBeTruthy());
  });
});
