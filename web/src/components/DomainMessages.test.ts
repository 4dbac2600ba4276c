/**
 * Messages from the shared domain in the English UI: the shared schemas' field messages, the API's
 * error messages (Chinese + English gloss) and an unknown message, which is shown unchanged.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDomainMessages, setLocale } from '../i18n/i18n.svelte';
import { jsonResponse } from '../test-fixtures';
import AccountForm from './AccountForm.svelte';

const departments = [{ id: 'dept-edu', name: '淳安县教育局', regionCode: '330127', createdAt: '2026-01-01T00:00:00Z', version: 1 }];

async function type(label: string, value: string) {
  const el = screen.getByLabelText(label) as HTMLInputElement;
  el.value = value;
  await fireEvent.input(el);
  await fireEvent.blur(el);
}

async function choose(label: string, value: string) {
  const el = screen.getByLabelText(label) as HTMLSelectElement;
  el.value = value;
  await fireEvent.change(el);
}

function messageFor(label: string): string | null {
  const id = screen.getByLabelText(label).getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

/** Fills the form validly (English labels) and submits it. */
async function fillAndSubmit() {
  await choose('Platform', 'weibo');
  await type('Handle (unique on the platform)', 'chunan');
  await type('Display name', '淳安教育');
  await type('Name 1', '李老师');
  await fireEvent.click(screen.getByRole('button', { name: 'Register' }));
}

describe('domain messages in the English UI', () => {
  beforeAll(async () => {
    await loadDomainMessages();
  });
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    setLocale('en');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    setLocale('zh-CN');
  });

  it('a form shows the shared schema’s field messages in English, and in Chinese after switching back', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });

    await fireEvent.submit(screen.getByRole('button', { name: 'Register' }).closest('form')!);
    expect(messageFor('Platform')).toBe('Platform must be one of: wechat, weibo, douyin, toutiao, kuaishou, bilibili, miniprogram, app, other');
    expect(messageFor('Handle (unique on the platform)')).toBe('Handle must not be empty');
    expect(messageFor('Display name')).toBe('Account name must not be empty');
    expect(messageFor('Name 1')).toBe('Contact name must not be empty');

    await type('Handle (unique on the platform)', 'chun an');
    await type('Display name', 'x'.repeat(101));
    await type('Phone', '12345');
    await type('Home page URL', 'ftp://example.com');
    expect(messageFor('Handle (unique on the platform)')).toBe('Handle must not contain whitespace');
    expect(messageFor('Display name')).toBe('Account name must be at most 100 characters');
    expect(messageFor('Phone')).toBe('Phone number is not valid (a mobile number, or a landline with its area code)');
    expect(messageFor('Home page URL')).toBe('Link must start with http:// or https://');

    // The same messages follow the language switch.
    setLocale('zh-CN');
    await waitFor(() => expect(messageFor('账号名称')).toBe('账号名称不能超过 100 个字符'));
    expect(messageFor('电话')).toBe('电话格式不正确（手机号或带区号的座机）');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('server issues are shown at their fields in English, and the API’s message as its English gloss', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(400, {
          error: { code: 'invalid_input', message: '输入不合法 (invalid input)', issues: [{ path: 'contacts.0.name', message: '联系人姓名不能超过 50 个字符' }] },
        }),
      ),
    );
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });
    await fillAndSubmit();
    await waitFor(() => expect(messageFor('Name 1')).toBe('Contact name must be at most 50 characters'));
    expect(screen.getByRole('alert').textContent).toBe('Invalid input');
  });

  it('an API error is shown as its English gloss (and without the gloss in Chinese)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(403, { error: { code: 'forbidden', message: '无权修改该账号 (not allowed to edit this account)' } })));
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });
    await fillAndSubmit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not allowed to edit this account');

    setLocale('zh-CN');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('无权修改该账号'));
  });

  it('an unknown message falls back to the original text unchanged', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(409, { error: { code: 'handle_taken', message: '该平台账号已登记：weibo / chunan' } })));
    render(AccountForm, { props: { departments, fixedDepartment: 'dept-edu', onsaved: vi.fn() } });
    await fillAndSubmit();
    await waitFor(() => expect(messageFor('Handle (unique on the platform)')).toBe('该平台账号已登记：weibo / chunan'));
  });
});
