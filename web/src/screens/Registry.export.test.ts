import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { exportQuery } from '../lib/registry-filter';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import Registry from './Registry.svelte';

/** Issue 15: 「12 shown, 155 exported」 — the export asks for what the screen lists. */
describe('registry export query', () => {
  const office = { roles: ['office'], region: '330127' };
  const editor = { roles: ['editor'], region: '330127', department: 'dept-hrss' };

  it('sends the filters on screen, the caller’s scope and the state columns', () => {
    expect(exportQuery({ platform: 'weibo', flag: 'zombie', status: 'active', q: ' 人社 ', department: 'dept-edu' }, 'csv', office)).toEqual({
      format: 'csv',
      columns: 'full',
      region: '330127',
      department: 'dept-edu',
      platform: 'weibo',
      status: 'active',
      flag: 'zombie',
      q: '人社',
    });
  });

  it('gives a department role its own department, and drops empty filters', () => {
    expect(exportQuery({ q: '  ', platform: '' }, 'xlsx', editor)).toEqual({
      format: 'xlsx',
      columns: 'full',
      region: undefined,
      department: 'dept-hrss',
      platform: undefined,
      status: undefined,
      flag: undefined,
      q: undefined,
    });
  });
});

describe('Registry screen export', () => {
  let exports: URL[];
  beforeEach(() => {
    sessionStorage.clear();
    setLocale('zh-CN');
    signIn(fakeJwt(USERS.office));
    exports = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        const url = new URL(input, 'http://localhost');
        if (url.pathname.endsWith('/departments')) return jsonResponse(200, { items: [{ id: 'dept-hrss', name: '县人力社保局', regionCode: '330127' }], cursor: null });
        if (url.pathname.endsWith('/accounts/export')) {
          exports.push(url);
          return new Response('\uFEFF平台\r\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="x.csv"' } });
        }
        if (url.pathname.endsWith('/accounts')) {
          return jsonResponse(200, {
            items: [makeAccount({ id: 'a1', platform: 'weibo', flags: [{ type: 'zombie', since: '2026-10-01', evidence: {} }] }), makeAccount({ id: 'a2', handle: 'x2', name: '淳安发布' })],
            cursor: null,
          });
        }
        return jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    signOut();
  });

  it('exports with the platform and flag chosen on screen', async () => {
    render(Registry);
    await waitFor(() => expect(screen.getByTestId('registry-count').textContent).toContain('共 2 个账号'));
    const platform = screen.getByLabelText('平台') as HTMLSelectElement;
    platform.value = 'weibo';
    await fireEvent.change(platform);
    const flag = screen.getByLabelText('标记') as HTMLSelectElement;
    flag.value = 'zombie';
    await fireEvent.change(flag);
    expect(screen.getByTestId('registry-count').textContent).toContain('显示 1 个');

    await fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    await waitFor(() => expect(exports).toHaveLength(1));
    const q = Object.fromEntries(exports[0]!.searchParams);
    expect(q).toEqual({ format: 'csv', columns: 'full', region: '330127', platform: 'weibo', flag: 'zombie' });
  });
});
