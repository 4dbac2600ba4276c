import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { retryAfterSeconds } from '../lib/verify';
import Verify from './Verify.svelte';

/** The /verify page (API.md "Public verification"): no sign-in, a link or platform + handle, the public answer. */

const chunan = {
  platform: 'weibo',
  handle: '7123456789',
  name: '淳安发布',
  department: '淳安县融媒体中心',
  region: { code: '330127', name: '淳安县' },
  status: 'active',
  url: 'https://weibo.com/u/7123456789',
};

let calls: { url: string; headers: Record<string, string> }[];
let reply: () => Response;
const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });

beforeEach(() => {
  setLocale('zh-CN');
  calls = [];
  reply = () => json({ official: false });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
      return reply();
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  delete window.GOVMEDIA_CONFIG;
  vi.useRealTimers();
});

async function lookUpLink(link: string) {
  render(Verify);
  await fireEvent.input(screen.getByLabelText('账号链接'), { target: { value: link } });
  await fireEvent.click(screen.getByRole('button', { name: '查验' }));
}

describe('the /verify page', () => {
  it('looks a pasted link up without a token and shows the official account with its unit and region', async () => {
    reply = () => json({ official: true, account: chunan });
    await lookUpLink('https://weibo.com/u/7123456789');
    const result = await screen.findByTestId('verify-official');
    expect(result.textContent).toContain('这是淳安县登记在册的政务新媒体账号');
    expect(screen.getByTestId('verify-unit').textContent).toBe('淳安县融媒体中心');
    expect(result.textContent).toContain('微博');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`/api/v1/public/verify?url=${encodeURIComponent('https://weibo.com/u/7123456789')}`);
    expect(Object.keys(calls[0]!.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('looks up by platform and handle', async () => {
    reply = () => json({ official: true, account: { ...chunan, platform: 'douyin', handle: 'chunanfabu' } });
    render(Verify);
    await fireEvent.click(screen.getByLabelText('选择平台和账号'));
    await fireEvent.change(screen.getByLabelText('平台'), { target: { value: 'douyin' } });
    await fireEvent.input(screen.getByLabelText('账号'), { target: { value: ' chunanfabu ' } });
    await fireEvent.click(screen.getByRole('button', { name: '查验' }));
    await screen.findByTestId('verify-official');
    expect(calls[0]!.url).toBe('/api/v1/public/verify?platform=douyin&handle=chunanfabu');
  });

  it('says an announcing account is still official but closing soon', async () => {
    reply = () => json({ official: true, account: { ...chunan, status: 'announcing' } });
    await lookUpLink('https://weibo.com/u/7123456789');
    expect((await screen.findByTestId('verify-official')).textContent).toContain('该账号正在停更公告期，即将关停');
  });

  it('shows when a closed account closed and the account that took over, with its unit', async () => {
    reply = () => json({ official: false, closed: true, closedAt: '2026-11-02T02:00:00.000Z', successor: { ...chunan, name: '千岛湖发布', handle: 'qiandaohu' } });
    await lookUpLink('https://weibo.com/u/7000000001');
    const closed = await screen.findByTestId('verify-closed');
    expect(closed.textContent).toContain('该账号已于 2026-11-02 关停');
    expect(screen.getByTestId('verify-successor').textContent).toContain('千岛湖发布');
    expect(screen.getByTestId('verify-successor').textContent).toContain('淳安县融媒体中心');
  });

  it('says a closed account without successor has none', async () => {
    reply = () => json({ official: false, closed: true, closedAt: '2026-11-02' });
    await lookUpLink('https://weibo.com/u/7000000001');
    expect((await screen.findByTestId('verify-closed')).textContent).toContain('该账号没有接续账号');
  });

  it.each([
    [undefined, '请核对链接或账号是否正确'],
    ['wechat_article', '这是一篇公众号文章的链接'],
    ['wechat_profile', '请选择“微信公众号”并输入微信号查验'],
    ['short_link', '这是一个短链接'],
  ])('says an unknown account is not official (hint %s)', async (hint, text) => {
    reply = () => json(hint ? { official: false, hint } : { official: false });
    await lookUpLink('https://mp.weixin.qq.com/s/abc');
    const unknown = await screen.findByTestId('verify-unknown');
    expect(unknown.textContent).toContain('不是本地区登记在册的政务新媒体账号');
    expect(unknown.textContent).toContain(text);
  });

  it.each([
    ['30', '查询过于频繁，请 30 秒后再试。'],
    ['300', '查询过于频繁，请 5 分钟后再试。'],
    [null, '查询过于频繁，请稍后再试。'],
  ])('on 429 with Retry-After %s says in Chinese how long to wait, and blocks the button meanwhile', async (retryAfter, text) => {
    reply = () => json({ error: { code: 'rate_limited', message: 'too many' } }, { status: 429, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });
    await lookUpLink('https://weibo.com/u/7123456789');
    expect((await screen.findByTestId('verify-rate-limited')).textContent?.trim()).toBe(text);
    expect((screen.getByRole('button', { name: '查验' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lets the citizen try again once the wait is over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    reply = () => json({ error: { code: 'rate_limited' } }, { status: 429, headers: { 'Retry-After': '2' } });
    await lookUpLink('https://weibo.com/u/7123456789');
    await screen.findByTestId('verify-rate-limited');
    const button = screen.getByRole('button', { name: '查验' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(2100);
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it('shows the server\'s reason for a refused query', async () => {
    reply = () => json({ error: { code: 'invalid_input', message: 'x', issues: [{ path: 'url', message: '链接格式不正确' }] } }, { status: 400 });
    await lookUpLink('https://');
    expect((await screen.findByRole('alert')).textContent).toContain('链接格式不正确');
  });

  it.each([
    ['', '请粘贴账号链接'],
    ['weibo.com/u/1', '链接须以 http:// 或 https:// 开头'],
  ])('checks the link before asking (%j)', async (link, text) => {
    render(Verify);
    if (link) await fireEvent.input(screen.getByLabelText('账号链接'), { target: { value: link } });
    await fireEvent.click(screen.getByRole('button', { name: '查验' }));
    expect((await screen.findByRole('alert')).textContent).toBe(text);
    expect(calls).toEqual([]);
  });

  it('asks the public verification origin from /config.js when deployed', async () => {
    window.GOVMEDIA_CONFIG = { apiBase: 'https://abc.execute-api.ap-east-1.amazonaws.com', publicApiBase: 'https://d111.cloudfront.net/' };
    await lookUpLink('https://weibo.com/u/7123456789');
    await screen.findByTestId('verify-unknown');
    expect(calls[0]!.url.startsWith('https://d111.cloudfront.net/api/v1/public/verify?url=')).toBe(true);
  });

  it('is in English too', async () => {
    setLocale('en');
    reply = () => json({ official: true, account: chunan });
    render(Verify);
    await fireEvent.input(screen.getByLabelText('Account link'), { target: { value: 'https://weibo.com/u/7123456789' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByTestId('verify-official')).textContent).toContain('This is an official account registered in 淳安县');
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['Thu, 03 Dec 2026 10:00:30 GMT', 30],
    ['soon', null],
    [null, null],
  ])('reads %j as %j', (header, seconds) => {
    expect(retryAfterSeconds(header, Date.parse('2026-12-03T10:00:00Z'))).toBe(seconds);
  });
});
