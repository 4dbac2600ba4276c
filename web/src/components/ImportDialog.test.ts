import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_HEADERS, parseImport, PLATFORM_NAMES, type DepartmentRef } from '../../../shared/registry/import-parser';
import { loadDomainMessages, setLocale } from '../i18n/i18n.svelte';
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

describe('ImportDialog report in English, by code (issue 11)', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
    await loadDomainMessages();
    setLocale('en');
  });
  afterEach(() => {
    setLocale('zh-CN');
    cleanup();
    signOut();
    vi.unstubAllGlobals();
  });

  const HAN = /\p{Script=Han}/u;
  const dept: DepartmentRef = { id: 'dep1', name: '县教育局', regionCode: '330127' };
  const twins: DepartmentRef[] = [
    { id: 'depA', name: '县交通运输局', regionCode: '330127' },
    { id: 'depB', name: '县交通运输局', regionCode: '330122' },
  ];
  const base: Record<string, string> = { 平台: 'wechat', 账号: 'edu', 账号名称: '淳安教育', 主办单位: '县教育局', 互动功能: '是', 联系人: '王敏', 联系电话: '0571-65012345' };
  /** One row per kind of row error the parser gives (the headings are the template's, Chinese: the user's own data). */
  const BAD: Record<string, string>[] = [
    { 账号名称: '' },
    { 平台: '聚友网' },
    { 互动功能: '可能' },
    { 运维方式: '外星人' },
    { 开设日期: '去年' },
    { 开设日期: '2026-02-30' },
    { 服务链接: '社保查询' },
    { 备案编号: '浙ICP备12345678号-1A' },
    { 联系电话: '13800000000;13900000000', 联系邮箱: 'a@x.cn;b@x.cn' },
    { 主办单位: '县不存在局' },
    { 主办单位: '县交通运输局' },
    { 联系人: '王敏;李强', 联系电话: '13800000000;12' },
    { 账号名称: '淳'.repeat(101), 链接: 'ftp://x.example', 账号: 'a b' },
    { 账号: 'twice' },
    { 账号: 'twice' },
  ];

  function codedReport() {
    const cells = [{ row: 1, cells: [...EXPORT_HEADERS] }, ...BAD.map((b, i) => ({ row: i + 2, cells: EXPORT_HEADERS.map((h) => ({ ...base, 账号: `h${i}`, ...b })[h] ?? '') }))];
    const parsed = parseImport(cells, { departments: [dept, ...twins] });
    if (!('rows' in parsed)) throw new Error(JSON.stringify(parsed.issues));
    const rows = parsed.rows.map((r) => ({ row: r.row, status: 'error', handle: r.handle, errors: [...r.errors] }));
    // The registry's own answers (import-service.ts).
    rows[0]!.errors.push(
      { field: 'handle', message: '该平台账号已登记：微信公众号（wechat）上已有相同或形近易混淆的账号 (…)', code: 'handle_registered', params: { platform: 'wechat' } },
      { field: 'handle', message: '该平台账号刚被其他请求登记，整批未写入，请重试 (…)', code: 'handle_taken_meanwhile', params: {} },
      { field: 'department', message: '只能导入本单位（县教育局）的账号，“县卫健局”不是本单位 (…)', code: 'not_own_department', params: { value: '县卫健局', department: '县教育局' } },
      { field: 'department', message: '无权为该主办单位导入账号 (not in your scope)', code: 'not_your_department', params: { value: '县教育局' } },
    );
    const userData = [...EXPORT_HEADERS, ...BAD.flatMap((b) => Object.values(b)), ...Object.values(base), '县卫健局', ...rows.flatMap((r) => r.errors.map((e) => String(e.params.value ?? '')))];
    return { report: { total: rows.length, valid: 0, invalid: rows.length, written: 0, dryRun: true, rows, columns: parsed.columns }, userData };
  }

  async function validate(answer: Response) {
    vi.stubGlobal('fetch', vi.fn(async () => answer));
    render(ImportDialog, { onimported: () => {} });
    const input = document.getElementById('imp-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['a,b\n1,2\n'], 'a.csv', { type: 'text/csv' })], configurable: true });
    await fireEvent.change(input);
    await fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
  }

  const withoutUserData = (text: string, userData: string[]) =>
    [...userData].filter(Boolean).sort((a, b) => b.length - a.length).reduce((t, d) => t.split(d).join(''), text);

  it('says every row error in English by its code, naming the column by the file’s heading; only the user’s data stays Chinese', async () => {
    const { report, userData } = codedReport();
    const kinds = new Set(report.rows.flatMap((r) => r.errors.map((e) => e.code)));
    expect(kinds.size).toBeGreaterThanOrEqual(20);
    await validate(jsonResponse(200, report));
    await screen.findByText('Row-by-row report');
    const problems = [...document.querySelectorAll('.report-table li')].map((li) => li.textContent ?? '');
    expect(problems).toHaveLength(report.rows.reduce((n, r) => n + r.errors.length, 0));
    for (const p of problems) expect(withoutUserData(p, userData), p).not.toMatch(HAN);
    expect(problems).toContain('开设日期: Date must be in the format YYYY-MM-DD');
    expect(problems).toContain('平台: Unknown platform “聚友网”: use a platform name or one of the codes ' + Object.keys(PLATFORM_NAMES).join(', '));
    expect(problems).toContain('联系电话: Contact 2: Phone number is not valid (a mobile number, or a landline with its area code)');
    expect(problems).toContain('账号: Twice in the file: this account is also on row 16');
    expect(problems).toContain('账号: Already registered: WeChat official account has an account with this handle or a look-alike of it');
  });

  it('says the file’s own issues in English by code', async () => {
    const issues = [
      { path: 'header', code: 'no_header', params: { rows: 10 }, message: '未找到表头行' },
      { path: 'header.C', code: 'unknown_column', params: { letter: 'C', value: '备注' }, message: '未知的列“备注”' },
      { path: 'header.D', code: 'duplicate_column', params: { heading: '平台', first: 'A', second: 'D' }, message: '列“平台”重复出现' },
      { path: 'header', code: 'missing_column', params: { column: 'contact' }, message: '缺少必填列“联系人”' },
      { path: '', code: 'no_rows', params: {}, message: '文件中没有数据行' },
      { path: '', code: 'too_many_rows', params: { max: 5000, count: 5001 }, message: '一次最多导入 5000 行' },
    ];
    await validate(jsonResponse(400, { error: { code: 'invalid_input', params: {}, message: '导入文件无法读取 (unreadable import file)', issues } }));
    await screen.findByRole('alert');
    const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('thead')?.textContent?.includes('Problems'))!;
    const said = [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[1]?.textContent ?? '');
    expect(said).toEqual([
      'No header row: one of the first 10 rows must hold the platform and handle columns',
      'Column C: “备注” is not a column of the template',
      'The column “平台” appears twice (columns A and D)',
      'The required column “Contact” is missing',
      'The file has no data rows (nothing under the header)',
      'At most 5000 rows per import: split the file',
    ]);
  });
});
