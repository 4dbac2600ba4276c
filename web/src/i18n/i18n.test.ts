import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../App.svelte';
import en from './en';
import { i18n, label, loadLocale, setLocale, t } from './i18n.svelte';
import zh from './zh-CN';

describe('i18n', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    loadLocale();
    // The sign-in page asks for the demo users (GET /dev/users); answer with nothing (it falls back to the custom form).
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":{"code":"x","message":"x"}}', { status: 404, headers: { 'Content-Type': 'application/json' } })));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    setLocale('zh-CN');
  });

  it('has the same keys in both dictionaries', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('defaults to Chinese, switches to English, and remembers the choice', async () => {
    expect(i18n.locale).toBe('zh-CN');
    const first = render(App);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('登录');
    expect(screen.getByText('政务新媒体管理平台')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign in');
    expect(screen.getByText('Government New Media Admin')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('govmedia.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    // A new page load reads the stored choice.
    first.unmount();
    loadLocale();
    render(App);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign in');

    await fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('登录');
    expect(localStorage.getItem('govmedia.locale')).toBe('zh-CN');
  });

  it('fills placeholders and labels enum values', () => {
    expect(t('registry.count', { shown: 3, total: 10 })).toBe('显示 3 个，共 10 个账号');
    expect(label('platform', 'wechat')).toBe('微信公众号');
    expect(label('platform', 'unknown_platform')).toBe('unknown_platform');
    setLocale('en');
    expect(t('registry.count', { shown: 3, total: 10 })).toBe('Showing 3 of 10 accounts');
    expect(label('flag', 'zombie')).toBe('Zombie');
  });
});
