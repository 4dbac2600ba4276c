/**
 * Issue 11: every problem of an import carries a stable `code` (shared/errors-codes.ts
 * ISSUE_CODES) and the params its sentence names, so the web app says it by code in any
 * language; `field` and `message` stay as they were for API clients.
 */
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../../shared/errors-codes';
import {
  EXPORT_HEADERS,
  HEADER_SEARCH_ROWS,
  IMPORT_LIMITS,
  parseCsv,
  parseImport,
  type DepartmentRef,
  type ImportScope,
  type ParsedRow,
  type SheetRow,
} from '../../../shared/registry/import-parser';
import { InvalidInput } from '../../../shared/errors';

const dept: DepartmentRef = { id: 'dep1', name: '县教育局', regionCode: '330127' };
const twinA: DepartmentRef = { id: 'depA', name: '县交通运输局', regionCode: '330127' };
const twinB: DepartmentRef = { id: 'depB', name: '县交通运输局', regionCode: '330122' };
const scope: ImportScope = { departments: [dept, twinA, twinB] };

const HEADER = EXPORT_HEADERS;
type Cells = Partial<Record<string, string>>;
const base: Cells = { 平台: 'wechat', 账号: 'chunan_edu', 账号名称: '淳安教育', 主办单位: '县教育局', 互动功能: '是', 联系人: '王敏', 联系电话: '0571-65012345' };
const dataRow = (c: Cells, row = 2): SheetRow => ({ row, cells: HEADER.map((h) => c[h] ?? '') });

function parseOne(overrides: Cells, s: ImportScope = scope): ParsedRow {
  const out = parseImport([{ row: 1, cells: [...HEADER] }, dataRow({ ...base, ...overrides })], s);
  if ('issues' in out) throw new Error(JSON.stringify(out.issues));
  return out.rows[0]!;
}

describe('row errors carry their code and params', () => {
  it.each([
    ['an empty required cell', { 账号名称: '' }, 'name', 'required', {}],
    ['an unknown platform', { 平台: 'myspace' }, 'platform', 'unknown_platform', { value: 'myspace', options: expect.stringContaining('wechat') }],
    ['an unknown platform, cut short', { 平台: 'm'.repeat(40) }, 'platform', 'unknown_platform', { value: `${'m'.repeat(30)}…` }],
    ['an interaction cell that is not yes or no', { 互动功能: '可能' }, 'interactionEnabled', 'not_yes_no', { value: '可能' }],
    ['an unknown operator', { 运维方式: '外星人' }, 'operator', 'unknown_operator', { value: '外星人' }],
    ['a date not written as a date', { 开设日期: '1/3/2020' }, 'openedAt', 'date_format', { value: '1/3/2020' }],
    ['a date that does not exist', { 开设日期: '2026-02-30' }, 'openedAt', 'no_such_date', {}],
    ['a service link without its name', { 服务链接: '社保|https://a.example;https://b.example' }, 'serviceLinks', 'service_link_format', { index: 2, value: 'https://b.example' }],
    ['a filing number on a platform that is no app', { 备案编号: '浙ICP备12345678号-1A' }, 'filingNumber', 'apps_only', {}],
    ['more phones than contacts', { 联系电话: '13800000000;13900000000' }, 'phone', 'more_than_contacts', { count: 2, contacts: 1 }],
    ['more emails than contacts', { 联系邮箱: 'a@x.cn;b@x.cn' }, 'email', 'more_than_contacts', { count: 2, contacts: 1 }],
    ['an unknown department', { 主办单位: '县不存在局' }, 'department', 'unknown_department', { value: '县不存在局' }],
    ['a department in several regions', { 主办单位: '县交通运输局' }, 'department', 'ambiguous_department', { value: '县交通运输局', ids: '330127: depA; 330122: depB' }],
    ['a bad phone (the schema rule)', { 联系电话: '12' }, 'phone', 'phone_format', {}],
    ['a bad phone of the second contact', { 联系人: '王敏;李强', 联系电话: '13800000000;12' }, 'phone', 'phone_format', { contact: 2 }],
    ['an oversized name (the schema rule)', { 账号名称: '淳'.repeat(101) }, 'name', 'too_long', { max: 100 }],
    ['a link that is not http(s)', { 链接: 'ftp://example.gov.cn' }, 'url', 'url_scheme', {}],
    ['a handle with a space', { 账号: 'a b' }, 'handle', 'handle_whitespace', {}],
  ])('%s: %s is %s', (_label, overrides, field, code, params) => {
    const row = parseOne(overrides as Cells);
    const error = row.errors.find((e) => e.field === field);
    expect(error).toMatchObject({ field, code, params: expect.objectContaining(params) });
    expect(Object.keys(params).every((p) => p === 'contact' || (ISSUE_CODES[code as keyof typeof ISSUE_CODES] as readonly string[]).includes(p))).toBe(true);
    expect(error!.message).not.toBe('');
  });

  it('a department the caller may not import for is not_your_department; an editor’s other department is the scope’s own fault', () => {
    const denying: ImportScope = { departments: [dept], denyDepartment: () => '无权' };
    expect(parseOne({}, denying).errors).toEqual([{ field: 'department', message: '无权', code: 'not_your_department', params: { value: '县教育局' } }]);
    const editor: ImportScope = {
      departments: [dept],
      unknownDepartment: (cell) => ({ error: `只能导入本单位，“${cell}”不是本单位`, code: 'not_own_department', params: { value: cell, department: dept.name } }),
    };
    expect(parseOne({ 主办单位: '县卫健局' }, editor).errors).toEqual([
      { field: 'department', message: '只能导入本单位，“县卫健局”不是本单位', code: 'not_own_department', params: { value: '县卫健局', department: '县教育局' } },
    ]);
  });

  it('a (platform, handle) twice in the file is duplicate_in_file with the other rows', () => {
    const out = parseImport([{ row: 1, cells: [...HEADER] }, dataRow(base, 2), dataRow(base, 3), dataRow({ ...base, 账号: 'CHUNAN_EDU' }, 5)], scope);
    if (!('rows' in out)) throw new Error('issues');
    expect(out.rows.map((r) => r.errors.map((e) => [e.code, e.params]))).toEqual([
      [['duplicate_in_file', { rows: '3, 5' }]],
      [['duplicate_in_file', { rows: '2, 5' }]],
      [['duplicate_in_file', { rows: '2, 3' }]],
    ]);
  });
});

describe('file issues carry their code and params', () => {
  const refused = (rows: SheetRow[]) => {
    const out = parseImport(rows, scope);
    if (!('issues' in out)) throw new Error('expected issues');
    return out.issues.map((i) => ({ path: i.path, code: i.code, params: i.params }));
  };
  const letterAfterLast = String.fromCharCode(65 + HEADER.length);

  it.each([
    ['no header row', [{ row: 1, cells: ['a', 'b'] }], [{ path: 'header', code: 'no_header', params: { rows: HEADER_SEARCH_ROWS } }]],
    ['an unknown column', [{ row: 1, cells: [...HEADER, '备注'] }, dataRow(base)], [{ path: `header.${letterAfterLast}`, code: 'unknown_column', params: { letter: letterAfterLast, value: '备注' } }]],
    ['a column twice', [{ row: 1, cells: [...HEADER, 'platform'] }, dataRow(base)], [{ path: `header.${letterAfterLast}`, code: 'duplicate_column', params: { heading: 'platform', first: 'A', second: letterAfterLast } }]],
    ['a missing required column', [{ row: 1, cells: HEADER.filter((h) => h !== '联系人') }], [{ path: 'header', code: 'missing_column', params: { column: 'contact' } }]],
    ['no data rows', [{ row: 1, cells: [...HEADER] }], [{ path: '', code: 'no_rows', params: {} }]],
  ] as [string, SheetRow[], unknown[]][])('%s', (_label, rows, issues) => {
    expect(refused(rows)).toEqual(issues);
  });

  it(`more than ${IMPORT_LIMITS.maxRows} data rows is too_many_rows with the limit and the count`, () => {
    const rows = [{ row: 1, cells: [...HEADER] }, ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => dataRow({ ...base, 账号: `h${i}` }, i + 2))];
    expect(refused(rows)).toEqual([{ path: '', code: 'too_many_rows', params: { max: IMPORT_LIMITS.maxRows, count: IMPORT_LIMITS.maxRows + 1 } }]);
  });

  it.each([
    ['too many rows for the reader', 'a\n'.repeat(HEADER_SEARCH_ROWS + 2), 1, { code: 'too_many_rows', params: { max: 1 } }],
    ['an unclosed quote', 'a,b\n"x,y\n', Number.POSITIVE_INFINITY, { code: 'unterminated_quote', params: { row: 2 } }],
  ])('the CSV reader refuses %s with its code', (_label, text, max, issue) => {
    let thrown: unknown;
    try {
      parseCsv(text, max);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidInput);
    expect((thrown as InvalidInput).issues).toEqual([{ path: '', message: expect.any(String), ...issue }]);
  });
});
