import { describe, expect, it } from 'vitest';
import {
  cleanCell,
  columnOfHeader,
  EXPORT_HEADERS,
  exportRow,
  IMPORT_LIMITS,
  parseImport,
  templateRows,
  TEMPLATE_EXAMPLE,
  type DepartmentRef,
  type ImportScope,
  type ParsedRow,
  type SheetRow,
} from '../../../shared/registry/import-parser';

const dept: DepartmentRef = { id: 'dep1', name: '县教育局', regionCode: '330127' };
const other: DepartmentRef = { id: 'dep2', name: '县卫健局', regionCode: '330127' };
const twinA: DepartmentRef = { id: 'depA', name: '县交通运输局', regionCode: '330127' };
const twinB: DepartmentRef = { id: 'depB', name: '县交通运输局', regionCode: '330122' };
const scope: ImportScope = { departments: [dept, other, twinA, twinB] };

const HEADER = EXPORT_HEADERS;
type Cells = Partial<Record<(typeof HEADER)[number], string>>;

const base: Cells = {
  平台: 'wechat',
  账号: 'chunan_edu',
  账号名称: '淳安教育',
  主办单位: '县教育局',
  互动功能: '是',
  联系人: '王敏',
  联系电话: '0571-65012345',
};

/** A file of the header plus the given rows (sheet rows 2, 3, …). */
function sheet(...rows: Cells[]): SheetRow[] {
  return [
    { row: 1, cells: [...HEADER] },
    ...rows.map((r, i) => ({ row: i + 2, cells: HEADER.map((h) => (r as Record<string, string>)[h] ?? '') })),
  ];
}

function parseOne(overrides: Cells, s: ImportScope = scope): ParsedRow {
  const out = parseImport(sheet({ ...base, ...overrides }), s);
  if ('issues' in out) throw new Error(JSON.stringify(out.issues));
  return out.rows[0]!;
}

describe('a valid row', () => {
  it('becomes an AccountInput', () => {
    const row = parseOne({});
    expect(row.errors).toEqual([]);
    expect(row.row).toBe(2);
    expect(row.handle).toBe('chunan_edu');
    expect(row.input).toEqual({
      platform: 'wechat',
      handle: 'chunan_edu',
      name: '淳安教育',
      departmentId: 'dep1',
      interactionEnabled: true,
      contacts: [{ name: '王敏', phone: '0571-65012345' }],
    });
  });

  it('fills every optional column', () => {
    const row = parseOne({
      链接: 'https://mp.weixin.qq.com/x',
      认证主体: '淳安县教育局',
      开设用途: '教育政务公开',
      联系邮箱: 'a@example.gov.cn',
      开设日期: '2020-03-01',
      运维方式: '外包',
      服务链接: '招生查询|https://edu.example.gov.cn/zs；成绩查询|https://edu.example.gov.cn/cj',
    });
    expect(row.errors).toEqual([]);
    expect(row.input).toMatchObject({
      url: 'https://mp.weixin.qq.com/x',
      verifiedSubject: '淳安县教育局',
      purpose: '教育政务公开',
      contacts: [{ name: '王敏', phone: '0571-65012345', email: 'a@example.gov.cn' }],
      openedAt: '2020-03-01',
      operator: 'outsourced',
      serviceLinks: [
        { label: '招生查询', url: 'https://edu.example.gov.cn/zs' },
        { label: '成绩查询', url: 'https://edu.example.gov.cn/cj' },
      ],
    });
  });
});

describe('column rules', () => {
  it.each([
    ['wechat', 'wechat'],
    ['WeChat', 'wechat'],
    ['微信公众号', 'wechat'],
    ['公众号', 'wechat'],
    ['微博', 'weibo'],
    ['抖音', 'douyin'],
    ['今日头条', 'toutiao'],
    ['快手', 'kuaishou'],
    ['哔哩哔哩', 'bilibili'],
    ['B站', 'bilibili'],
    ['小程序', 'miniprogram'],
    ['移动应用', 'app'],
    ['APP', 'app'],
    ['其他', 'other'],
  ])('platform %s → %s', (cell, platform) => {
    expect(parseOne({ 平台: cell }).input?.platform).toBe(platform);
  });

  it.each([
    ['是', true],
    ['否', false],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['yes', true],
  ])('interaction %s → %s', (cell, value) => {
    expect(parseOne({ 互动功能: cell }).input?.interactionEnabled).toBe(value);
  });

  it.each([
    ['自运维', 'in_house'],
    ['in_house', 'in_house'],
    ['外包', 'outsourced'],
    ['outsourced', 'outsourced'],
  ])('operator %s → %s', (cell, value) => {
    expect(parseOne({ 运维方式: cell }).input?.operator).toBe(value);
  });

  it.each([
    ['2020-03-01', '2020-03-01'],
    ['2020/3/1', '2020-03-01'],
    ['2020.03.01', '2020-03-01'],
    ['2020年3月1日', '2020-03-01'],
    ['2020-03-01 00:00:00', '2020-03-01'],
    ['2020-03-01T00:00:00.000Z', '2020-03-01'],
  ])('date %s → %s', (cell, value) => {
    expect(parseOne({ 开设日期: cell }).input?.openedAt).toBe(value);
  });

  it.each([
    ['县教育局', 'dep1'],
    ['dep2', 'dep2'],
    ['depB', 'depB'],
  ])('department %s → %s (name or id)', (cell, id) => {
    expect(parseOne({ 主办单位: cell }).input?.departmentId).toBe(id);
  });

  it('splits several contacts, aligned by position', () => {
    const row = parseOne({ 联系人: '王敏;李强；赵六', 联系电话: '13800000000;;0571-65012345', 联系邮箱: ';li@example.gov.cn' });
    expect(row.errors).toEqual([]);
    expect(row.input?.contacts).toEqual([
      { name: '王敏', phone: '13800000000' },
      { name: '李强', email: 'li@example.gov.cn' },
      { name: '赵六', phone: '0571-65012345' },
    ]);
  });

  it.each([
    ['平台', { 平台: 'myspace' }, 'platform', '未知平台'],
    ['empty platform', { 平台: '' }, 'platform', '平台不能为空'],
    ['empty handle', { 账号: '' }, 'handle', '账号不能为空'],
    ['handle with a space', { 账号: 'a b' }, 'handle', '空白'],
    ['oversized handle', { 账号: 'h'.repeat(101) }, 'handle', '100'],
    ['empty name', { 账号名称: '' }, 'name', '账号名称不能为空'],
    ['oversized name', { 账号名称: '淳'.repeat(101) }, 'name', '100'],
    ['unknown department', { 主办单位: '县不存在局' }, 'department', '不存在'],
    ['ambiguous department', { 主办单位: '县交通运输局' }, 'department', '多个地区'],
    ['empty department', { 主办单位: '' }, 'department', '不能为空'],
    ['bad url', { 链接: 'javascript:alert(1)' }, 'url', '链接'],
    ['ftp url', { 链接: 'ftp://example.gov.cn' }, 'url', 'http'],
    ['oversized subject', { 认证主体: 'x'.repeat(101) }, 'verifiedSubject', '100'],
    ['oversized purpose', { 开设用途: 'x'.repeat(501) }, 'purpose', '500'],
    ['bad interaction', { 互动功能: '可能' }, 'interactionEnabled', '是 或 否'],
    ['empty interaction', { 互动功能: '' }, 'interactionEnabled', '不能为空'],
    ['no contact', { 联系人: '', 联系电话: '' }, 'contact', '不能为空'],
    ['bad phone', { 联系电话: '12' }, 'phone', '电话格式'],
    ['more phones than contacts', { 联系电话: '13800000000;13900000000' }, 'phone', '对应'],
    ['bad email', { 联系邮箱: 'not-an-email' }, 'email', '邮箱'],
    ['bad date format', { 开设日期: '1/3/2020' }, 'openedAt', 'YYYY-MM-DD'],
    ['impossible date', { 开设日期: '2026-02-30' }, 'openedAt', '日期不存在'],
    ['bad operator', { 运维方式: '外星人' }, 'operator', '自运维 或 外包'],
    ['service link without label', { 服务链接: 'https://x.example.gov.cn' }, 'serviceLinks', '名称|链接'],
    ['service link bad url', { 服务链接: '查询|not a url' }, 'serviceLinks', '链接'],
  ])('rejects %s at %s', (_label, overrides, field, message) => {
    const row = parseOne(overrides as Cells);
    expect(row.input).toBeUndefined();
    expect(row.errors.map((e) => e.field)).toContain(field);
    expect(row.errors.find((e) => e.field === field)!.message).toContain(message);
  });

  it('says where each column is in this file, so a report names a field by its heading and letter', () => {
    const parsed = parseImport(sheet(base), scope);
    if (!('rows' in parsed)) throw new Error('expected rows');
    expect(parsed.columns.openedAt).toEqual({ heading: '开设日期', letter: String.fromCharCode(65 + HEADER.indexOf('开设日期')) });
    expect(parsed.columns.interactionEnabled).toMatchObject({ heading: '互动功能' });
  });

  it('names the column as the file spells it when the file uses another heading (备案号 for 备案编号)', () => {
    const rows: SheetRow[] = [{ row: 1, cells: HEADER.map((h) => (h === '备案编号' ? '备案号' : h)) }, ...sheet(base).slice(1)];
    const parsed = parseImport(rows, scope);
    if (!('rows' in parsed)) throw new Error('expected rows');
    expect(parsed.columns.filingNumber).toMatchObject({ heading: '备案号' });
  });

  it('reports every bad cell of a row at once, each once', () => {
    const row = parseOne({ 平台: 'x', 互动功能: '也许', 联系电话: '1' });
    expect(row.errors.map((e) => e.field).sort()).toEqual(['interactionEnabled', 'phone', 'platform']);
  });

  it('names which contact is wrong when there are several', () => {
    const row = parseOne({ 联系人: '王敏;李强', 联系电话: '13800000000;12' });
    expect(row.errors).toEqual([{ field: 'phone', message: expect.stringContaining('第 2 位联系人'), code: 'phone_format', params: { contact: 2 } }]);
  });

  it('tells an editor a row for another department is not theirs', () => {
    const editorScope: ImportScope = { departments: [dept], unknownDepartment: () => '只能导入本单位的账号' };
    const row = parseOne({ 主办单位: '县卫健局' }, editorScope);
    expect(row.errors).toEqual([{ field: 'department', message: '只能导入本单位的账号', code: 'unknown_department', params: { value: '县卫健局' } }]);
  });

  it('applies the department deny rule', () => {
    const denying: ImportScope = { departments: [dept], denyDepartment: () => '无权' };
    expect(parseOne({}, denying).errors).toEqual([{ field: 'department', message: '无权', code: 'not_your_department', params: { value: '县教育局' } }]);
  });
});

describe('hyperlinks', () => {
  it('takes the link of a 链接 cell that shows text instead of a URL', () => {
    const rows = sheet({ ...base, 链接: '主页' });
    const urlIndex = HEADER.indexOf('链接');
    rows[1]!.links = Object.assign([], { [urlIndex]: 'https://weibo.com/x', 1: 'https://ignored.example' });
    const out = parseImport(rows, scope);
    expect('rows' in out && out.rows[0]!.input).toMatchObject({ url: 'https://weibo.com/x', handle: 'chunan_edu' });
  });
});

describe('cells', () => {
  it.each([
    ["'=HYPERLINK(1)", '=HYPERLINK(1)'],
    ["'+8613800000000", '+8613800000000'],
    ["'-x", '-x'],
    ["'@x", '@x'],
    ["'plain", "'plain"],
    ['  padded  ', 'padded'],
  ])('cleans %j to %j (the export guard is undone)', (raw, clean) => {
    expect(cleanCell(raw)).toBe(clean);
  });
});

describe('header', () => {
  it.each([
    ['平台', 'platform'],
    ['platform', 'platform'],
    ['Platform', 'platform'],
    ['*平台', 'platform'],
    ['互动功能（是/否）', 'interactionEnabled'],
    ['开设日期(YYYY-MM-DD)', 'openedAt'],
    ['主办单位ID', 'department'],
    ['departmentId', 'department'],
    ['联系人', 'contact'],
    ['contact', 'contact'],
    ['服务链接', 'serviceLinks'],
  ])('%s is column %s', (header, key) => {
    expect(columnOfHeader(header)).toBe(key);
  });

  it('accepts English headers in any order', () => {
    const out = parseImport(
      [
        { row: 1, cells: ['handle', 'platform', 'name', 'department', 'interactionEnabled', 'contact'] },
        { row: 2, cells: ['abc', 'weibo', '淳安发布', 'dep1', 'false', '王敏'] },
      ],
      scope,
    );
    expect('rows' in out && out.rows[0]!.input).toMatchObject({ platform: 'weibo', handle: 'abc', interactionEnabled: false });
  });

  it('finds the header below a title row and keeps sheet row numbers', () => {
    const rows = sheet(base).map((r) => ({ ...r, row: r.row + 2 }));
    const out = parseImport([{ row: 1, cells: ['淳安县政务新媒体台账'] }, ...rows], scope);
    expect('rows' in out && out.rows.map((r) => [r.row, r.errors])).toEqual([[4, []]]);
  });

  it.each([
    ['an unknown column', [...HEADER, '备注'], '未知的列'],
    ['a duplicated column', [...HEADER, '平台'], '重复'],
    ['a missing required column', HEADER.filter((h) => h !== '联系人'), '缺少必填列“联系人”'],
    ['no header at all', ['a', 'b'], '未找到表头'],
  ])('refuses the file for %s', (_label, header, message) => {
    const out = parseImport([{ row: 1, cells: [...header] }, { row: 2, cells: ['x'] }], scope);
    expect('issues' in out && out.issues.map((i) => i.message).join()).toContain(message);
  });

  it('refuses a file with no data rows', () => {
    const out = parseImport([{ row: 1, cells: [...HEADER] }], scope);
    expect('issues' in out && out.issues[0]!.message).toContain('没有数据行');
  });

  it(`refuses more than ${IMPORT_LIMITS.maxRows} data rows`, () => {
    const rows = sheet(...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => ({ ...base, 账号: `h${i}` })));
    const out = parseImport(rows, scope);
    expect('issues' in out && out.issues[0]!.message).toContain(String(IMPORT_LIMITS.maxRows));
  });
});

describe('the whole file', () => {
  it('reports every occurrence of a (platform, handle) twice in the file, case-insensitively', () => {
    const out = parseImport(sheet(base, { ...base, 账号: 'CHUNAN_EDU' }, { ...base, 账号: 'other' }, { ...base, 平台: 'weibo' }), scope);
    if (!('rows' in out)) throw new Error('issues');
    expect(out.rows.map((r) => r.errors.map((e) => e.message))).toEqual([
      ['文件内重复：该平台账号在第 3 行也出现 (duplicate in file)'],
      ['文件内重复：该平台账号在第 2 行也出现 (duplicate in file)'],
      [],
      [],
    ]);
    expect(out.rows[0]!.input).toBeUndefined();
  });

  it('skips blank rows but keeps the numbering', () => {
    const rows = sheet(base);
    rows.push({ row: 3, cells: ['', ' '] }, { row: 4, cells: HEADER.map((h) => ({ ...base, 账号: 'b' })[h as keyof Cells] ?? '') });
    const out = parseImport(rows, scope);
    expect('rows' in out && out.rows.map((r) => r.row)).toEqual([2, 4]);
  });
});

describe('export rows', () => {
  it('round-trips: an exported account parses back to the same input', () => {
    const account = {
      platform: 'douyin' as const,
      handle: '=cmd|x',
      name: '淳安文旅',
      departmentId: 'dep1',
      url: 'https://www.douyin.com/user/x',
      verifiedSubject: '淳安县文化和广电旅游体育局',
      purpose: '文旅宣传',
      interactionEnabled: false,
      contacts: [{ name: '王敏', phone: '13800000000' }, { name: '李强', email: 'li@example.gov.cn' }],
      serviceLinks: [{ label: '景区预约', url: 'https://example.gov.cn/yy' }],
      openedAt: '2021-05-04',
      operator: 'in_house' as const,
    };
    const cells = exportRow(account, '县教育局');
    expect(cells[0]).toBe('抖音');
    const out = parseImport([{ row: 1, cells: [...EXPORT_HEADERS] }, { row: 2, cells }], scope);
    expect('rows' in out && out.rows[0]!.input).toEqual(account);
  });

  it('makes a template whose example row is valid once the department exists', () => {
    const [header, example] = templateRows();
    expect(header).toEqual(EXPORT_HEADERS);
    const out = parseImport([{ row: 1, cells: header! }, { row: 2, cells: example! }], {
      departments: [{ id: 'd', name: '县委宣传部', regionCode: '330127' }],
    });
    expect('rows' in out && out.rows[0]!.input).toEqual({ ...TEMPLATE_EXAMPLE, departmentId: 'd' });
  });
});
