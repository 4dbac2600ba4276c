import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import ImportDialog from './ImportDialog.svelte';

describe('ImportDialog preview (台账导入)', () => {
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
  });
  afterEach(() => {
    cleanup();
    signOut();
  });

  async function choose(file: File) {
    render(ImportDialog, { onimported: () => {} });
    const input = document.getElementById('imp-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await fireEvent.change(input);
    return screen.findByRole('table');
  }

  it('reads a CSV as the API will: semicolons, quotes, blank lines skipped', async () => {
    const text = '平台;账号;账号名称\n\n微博;"gov;x";县教育局\n微信;y;县卫健局\n';
    const table = await choose(new File([text], '台账.csv', { type: 'text/csv' }));
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['平台', '账号', '账号名称']);
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['微博', 'gov;x', '县教育局'],
      ['微信', 'y', '县卫健局'],
    ]);
    expect(screen.getByText('文件预览（前 2 行）')).toBeTruthy();
  });

  it('decodes a GBK file (what Excel on a Chinese Windows writes) as the API does', async () => {
    // "平台,账号\n微博,x" in GBK.
    const gbk = new Uint8Array([0xc6, 0xbd, 0xcc, 0xa8, 0x2c, 0xd5, 0xcb, 0xba, 0xc5, 0x0a, 0xce, 0xa2, 0xb2, 0xa9, 0x2c, 0x78]);
    const table = await choose(new File([gbk], '台账.csv', { type: 'text/csv' }));
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['平台', '账号']);
    expect(within(table).getAllByRole('cell').map((c) => c.textContent)).toEqual(['微博', 'x']);
  });
});

describe('ImportDialog report (台账导入)', () => {
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
  });
  afterEach(() => {
    cleanup();
    signOut();
    vi.unstubAllGlobals();
  });

  it('names a rejected cell by the heading the file gives its column, not by the internal field', async () => {
    const report = {
      total: 1,
      valid: 0,
      invalid: 1,
      written: 0,
      dryRun: true,
      rows: [{ row: 2, status: 'error', handle: 'x', errors: [{ field: 'openedAt', message: '开设日期须为 YYYY-MM-DD' }] }],
      columns: { platform: { heading: '平台', letter: 'A' }, handle: { heading: '账号', letter: 'B' }, openedAt: { heading: '开通时间', letter: 'C' } },
    };
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, report)));
    render(ImportDialog, { onimported: () => {} });
    const input = document.getElementById('imp-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['平台,账号,开通时间\nwechat,x,1/3/2020\n'], 'a.csv', { type: 'text/csv' })], configurable: true });
    await fireEvent.change(input);
    await fireEvent.click(await screen.findByRole('button', { name: '校验' }));
    const problem = await screen.findByText(/开设日期须为/);
    expect(problem.textContent).toContain('开通时间');
    expect(problem.textContent).not.toContain('openedAt');
  });
});
