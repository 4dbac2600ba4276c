import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDomainMessages, setLocale } from '../i18n/i18n.svelte';
import AccountForm from './AccountForm.svelte';

const departments = [
  { id: 'dept-health', name: '淳安县卫生健康局', regionCode: '330127', createdAt: '2026-01-01T00:00:00Z', version: 1 },
  { id: 'dept-edu', name: '淳安县教育局', regionCode: '330127', createdAt: '2026-01-01T00:00:00Z', version: 1 },
];

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function type(label: RegExp | string, value: string) {
  const el = screen.getByLabelText(label) as HTMLInputElement;
  el.value = value;
  await fireEvent.input(el);
  await fireEvent.blur(el);
}

async function choose(label: RegExp | string, value: string) {
  const el = screen.getByLabelText(label) as HTMLSelectElement;
  el.value = value;
  await fireEvent.change(el);
}

/** The message shown for a field: the element its aria-describedby points to. */
function messageFor(label: RegExp | string): string | null {
  const el = screen.getByLabelText(label);
  const id = el.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('AccountForm', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the shared schema’s field-level messages and does not submit invalid data', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const onsaved = vi.fn();
    render(AccountForm, { props: { departments, onsaved } });

    await fireEvent.submit(screen.getByRole('button', { name: '登记' }).closest('form')!);

    expect(messageFor('平台')).toMatch(/^平台须为以下之一/);
    expect(messageFor('账号（平台内唯一标识）')).toBe('账号不能为空');
    expect(messageFor('账号名称')).toBe('账号名称不能为空');
    expect(messageFor('主办单位')).toBe('标识格式不正确');
    expect(messageFor('姓名 1')).toBe('联系人姓名不能为空');
    expect(screen.getByLabelText('账号名称').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/请修改标红的字段/);

    // Field-level checks from the same schema: handle with a space, a bad phone, a bad URL.
    await type('账号（平台内唯一标识）', 'chun an');
    await type('电话', '12345');
    await type('主页链接', 'ftp://example.com');
    expect(messageFor('账号（平台内唯一标识）')).toBe('账号不能包含空白字符');
    expect(messageFor('电话')).toBe('电话格式不正确（手机号或带区号的座机）');
    expect(messageFor('主页链接')).toBe('链接须以 http:// 或 https:// 开头');

    // Fixing a field removes its message.
    await type('电话', '0571-64812345');
    expect(messageFor('电话')).toBeNull();

    expect(fetchMock).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('submits valid data as the API’s AccountInput and reports the saved account', async () => {
    const created = { id: 'acc-1', status: 'active', version: 1 };
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => jsonResponse(201, { ...JSON.parse(String(init.body)), ...created }));
    vi.stubGlobal('fetch', fetchMock);
    const onsaved = vi.fn();
    render(AccountForm, { props: { departments, onsaved } });

    await choose('平台', 'wechat');
    await type('账号（平台内唯一标识）', 'chunan_health');
    await type('账号名称', '健康淳安');
    await choose('主办单位', 'dept-health');
    await type('主页链接', 'https://mp.weixin.qq.com/health');
    await type('认证主体', '淳安县卫生健康局');
    await type('姓名 1', '王敏');
    await type('电话', '13800138000');
    await fireEvent.click(screen.getByRole('button', { name: '登记' }));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/accounts');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({
      platform: 'wechat',
      handle: 'chunan_health',
      name: '健康淳安',
      departmentId: 'dept-health',
      url: 'https://mp.weixin.qq.com/health',
      verifiedSubject: '淳安县卫生健康局',
      interactionEnabled: true,
      contacts: [{ name: '王敏', phone: '13800138000' }],
    });
    expect(onsaved.mock.calls[0]![0]).toMatchObject({ id: 'acc-1', name: '健康淳安' });
    expect(onsaved.mock.calls[0]![1]).toBe(true);
  });

  it('shows a 409 handle_taken from the server at the handle field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(409, { error: { code: 'handle_taken', message: '该平台账号已登记：weibo / chunan' } })));
    const onsaved = vi.fn();
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved } });
    expect((screen.getByLabelText('主办单位') as HTMLSelectElement).value).toBe('dept-edu');

    await choose('平台', 'weibo');
    await type('账号（平台内唯一标识）', 'chunan');
    await type('账号名称', '淳安教育');
    await type('姓名 1', '李老师');
    await fireEvent.click(screen.getByRole('button', { name: '登记' }));

    await vi.waitFor(() => expect(messageFor('账号（平台内唯一标识）')).toBe('该平台账号已登记：weibo / chunan'));
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('says a 409 handle_taken with its params by its code, in Chinese and in English (issue 11)', async () => {
    const answer = { error: { code: 'handle_taken', params: { platform: 'weibo', handle: 'chunan' }, message: '服务器的另一种说法' } };
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(409, answer)));
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });
    await choose('平台', 'weibo');
    await type('账号（平台内唯一标识）', 'chunan');
    await type('账号名称', '淳安教育');
    await type('姓名 1', '李老师');
    await fireEvent.click(screen.getByRole('button', { name: '登记' }));
    await vi.waitFor(() => expect(messageFor('账号（平台内唯一标识）')).toBe('该平台账号已登记：微博上已有与“chunan”相同或形近易混淆的账号'));
  });

  it('in English, shows the server’s field issues and its refusal in English, by code (issue 11)', async () => {
    await loadDomainMessages();
    setLocale('en');
    try {
      const answer = {
        error: {
          code: 'invalid_input',
          params: {},
          message: '输入不合法 (invalid input)',
          issues: [
            { path: 'name', code: 'too_long', params: { max: 100 }, message: '账号名称不能超过 100 个字符' },
            { path: 'contacts.0.phone', code: 'phone_format', params: {}, message: '电话格式不正确（手机号或带区号的座机）' },
          ],
        },
      };
      vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(400, answer)));
      render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });
      await choose(/^Platform/, 'weibo');
      await type(/^Handle/, 'chunan');
      await type(/^Display name/, 'Chun’an education');
      await type('Name 1', 'Li');
      await fireEvent.click(screen.getByRole('button', { name: 'Register' }));
      await vi.waitFor(() => expect(messageFor(/^Display name/)).toBe('Account name must be at most 100 characters'));
      expect(messageFor('Phone')).toBe('Phone number is not valid (a mobile number, or a landline with its area code)');
      expect(screen.getByRole('alert').textContent).toBe('Invalid input');
    } finally {
      setLocale('zh-CN');
    }
  });
});
