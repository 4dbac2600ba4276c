import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import type { SheetRow } from '../../shared/registry/import-parser';
import { importAccounts } from '../../shared/registry/import-service';
import { accountBody, app, call, editorOf, makeAccount, makeDepartment, office, tokenFor, unique, type Caller } from '../support/api';

const deps = localDeps();

const HEADERS = ['平台', '账号', '账号名称', '主办单位', '链接', '认证主体', '开设用途', '互动功能', '联系人', '联系电话', '联系邮箱', '开设日期', '运维方式', '服务链接', '备案编号'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Row = Partial<Record<(typeof HEADERS)[number], string>>;

function row(department: string, overrides: Row = {}): Row {
  return { 平台: '微信公众号', 账号: unique('imp'), 账号名称: '淳安发布', 主办单位: department, 互动功能: '是', 联系人: '王敏', 联系电话: '0571-65012345', ...overrides };
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function csv(rows: Row[], headers = HEADERS): string {
  return [headers, ...rows.map((r) => headers.map((h) => (r as Record<string, string>)[h] ?? ''))].map((cells) => cells.map(quote).join(',')).join('\r\n');
}

async function importCsv(caller: Caller, rows: Row[], params = '') {
  return call(caller, 'POST', `/imports${params}`, csv(rows), { 'content-type': 'text/csv' });
}

async function listHandles(caller: Caller, query: string): Promise<string[]> {
  const handles: string[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await call(caller, 'GET', `/accounts?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    handles.push(...res.body.items.map((a: { handle: string }) => a.handle));
    cursor = res.body.cursor;
  } while (cursor);
  return handles;
}

/** Raw response (binary-safe) of a GET. */
async function download(caller: Caller, path: string) {
  const res = await app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Minimal RFC 4180 reader for checking our own CSV output. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let rowCells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rowCells.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rowCells.push(field);
      rows.push(rowCells);
      rowCells = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || rowCells.length) rows.push([...rowCells, field]);
  return rows;
}

describe('POST /imports (CSV)', () => {
  it('imports every row of an all-valid file; the accounts are listable and audited', async () => {
    const dept = await makeDepartment();
    const rows = [
      row(dept.name, { 链接: 'https://mp.weixin.qq.com/s/x', 开设日期: '2020/3/1', 运维方式: '外包', 服务链接: '社保查询|https://example.gov.cn/sb' }),
      row(dept.id, { 平台: 'weibo', 互动功能: '否', 联系人: '王敏;李强', 联系电话: '13800000000;0571-65012345' }),
      row(dept.name, { 平台: '抖音', 联系邮箱: 'a@example.gov.cn' }),
    ];
    const res = await importCsv(office(), rows);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, valid: 3, invalid: 0, written: 3, dryRun: false });
    expect(res.body.rows.map((r: any) => [r.row, r.status, r.handle, r.errors])).toEqual(rows.map((r, i) => [i + 2, 'written', r.账号, []]));
    expect(typeof res.body.importId).toBe('string');

    expect((await listHandles(office(), `department=${dept.id}`)).sort()).toEqual(rows.map((r) => r.账号).sort());
    const first = await call(office(), 'GET', `/accounts/${res.body.rows[0].accountId}`);
    expect(first.body).toMatchObject({
      platform: 'wechat',
      status: 'active',
      version: 1,
      regionCode: dept.regionCode,
      departmentId: dept.id,
      openedAt: '2020-03-01',
      operator: 'outsourced',
      serviceLinks: [{ label: '社保查询', url: 'https://example.gov.cn/sb' }],
    });
    const second = await call(office(), 'GET', `/accounts/${res.body.rows[1].accountId}`);
    expect(second.body.contacts).toEqual([
      { name: '王敏', phone: '13800000000' },
      { name: '李强', phone: '0571-65012345' },
    ]);

    const accountAudit = await call(office(), 'GET', `/audit-log?entity=account:${first.body.id}`);
    expect(accountAudit.body.items.map((e: any) => e.action)).toEqual(['account.create']);
    const importAudit = await call(office(), 'GET', `/audit-log?entity=import:${res.body.importId}`);
    expect(importAudit.body.items).toHaveLength(1);
    expect(importAudit.body.items[0]).toMatchObject({
      action: 'import.accounts',
      entity: { type: 'import', id: res.body.importId },
      after: { format: 'csv', total: 3, written: 3 },
    });
    expect(importAudit.body.items[0].after.accountIds).toHaveLength(3);

    // The handle guard is in place: registering one of them again is 409.
    const again = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'weibo', handle: rows[1]!.账号!.toUpperCase() }));
    expect(again.status).toBe(409);
  });

  it('writes nothing when one row is invalid, and reports that row with the field (422 import_rejected)', async () => {
    const dept = await makeDepartment();
    const rows = [row(dept.name), row(dept.name, { 平台: 'myspace' }), row(dept.name)];
    const res = await importCsv(office(), rows);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_rejected');
    expect(res.body.report).toMatchObject({ total: 3, valid: 2, invalid: 1, written: 0, dryRun: false });
    expect(res.body.report.rows.map((r: any) => r.status)).toEqual(['ok', 'error', 'ok']);
    expect(res.body.report.rows[1]).toMatchObject({ row: 3, handle: rows[1]!.账号, errors: [{ field: 'platform' }] });
    expect(res.body.report.rows[1].errors[0].message).toContain('myspace');
    expect(await listHandles(office(), `department=${dept.id}`)).toEqual([]);
    // The valid rows' handles were never reserved: they register normally.
    const ok = await call(office(), 'POST', '/accounts', accountBody(dept.id, { handle: rows[0]!.账号 }));
    expect(ok.status).toBe(201);
  });

  it('reports a (platform, handle) twice in the file on both rows and writes nothing', async () => {
    const dept = await makeDepartment();
    const handle = unique('dup');
    const res = await importCsv(office(), [row(dept.name, { 账号: handle }), row(dept.name), row(dept.name, { 平台: 'wechat', 账号: handle.toUpperCase() })]);
    expect(res.status).toBe(422);
    const rows = res.body.report.rows;
    expect(rows.map((r: any) => r.status)).toEqual(['error', 'ok', 'error']);
    expect(rows[0].errors).toEqual([{ field: 'handle', message: expect.stringContaining('第 4 行'), code: 'duplicate_in_file', params: { rows: '4' } }]);
    expect(rows[2].errors).toEqual([{ field: 'handle', message: expect.stringContaining('第 2 行'), code: 'duplicate_in_file', params: { rows: '2' } }]);
    expect(await listHandles(office(), `department=${dept.id}`)).toEqual([]);
  });

  it('reports a row whose (platform, handle) is already registered', async () => {
    const dept = await makeDepartment();
    const existing = await makeAccount(dept, { platform: 'douyin' });
    const res = await importCsv(office(), [row(dept.name), row(dept.name, { 平台: 'douyin', 账号: existing.handle.toUpperCase() })]);
    expect(res.status).toBe(422);
    expect(res.body.report.rows[1]).toMatchObject({ status: 'error', errors: [{ field: 'handle', message: expect.stringContaining('已登记') }] });
    expect(await listHandles(office(), `department=${dept.id}`)).toEqual([existing.handle]);
  });

  it("lets an editor import for their own department and reports a row for another department", async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const editor = editorOf(mine);
    const bad = await importCsv(editor, [row(mine.name), row(other.name), row(other.id)]);
    expect(bad.status).toBe(422);
    expect(bad.body.report.rows.map((r: any) => [r.status, r.errors.map((e: any) => e.field)])).toEqual([
      ['ok', []],
      ['error', ['department']],
      ['error', ['department']],
    ]);
    expect(bad.body.report.rows[1].errors[0].message).toContain('本单位');
    expect(await listHandles(office(), `department=${other.id}`)).toEqual([]);

    const good = await importCsv(editor, [row(mine.name), row(mine.id)]);
    expect(good.status).toBe(200);
    expect(good.body.written).toBe(2);
    // The editor can read their import's audit entry.
    const audit = await call(editor, 'GET', `/audit-log?entity=import:${good.body.importId}`);
    expect(audit.body.items).toHaveLength(1);
  });

  it('previews with ?dryRun=true: a full report, nothing written', async () => {
    const dept = await makeDepartment();
    const rows = [row(dept.name), row(dept.name, { 互动功能: '也许' })];
    const preview = await importCsv(office(), rows, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 2, valid: 1, invalid: 1, written: 0, dryRun: true });
    expect(preview.body.rows[1].errors[0].field).toBe('interactionEnabled');
    expect(preview.body.importId).toBeUndefined();

    const valid = await importCsv(office(), [rows[0]!], '?dryRun=true');
    expect(valid.body).toMatchObject({ valid: 1, written: 0, dryRun: true, rows: [{ status: 'ok' }] });
    expect(await listHandles(office(), `department=${dept.id}`)).toEqual([]);
    // And the real import afterwards goes through (the dry run reserved nothing).
    expect((await importCsv(office(), [rows[0]!])).body.written).toBe(1);
  });

  it('imports into a county as the city office with ?region=', async () => {
    const dept = await makeDepartment('330127');
    const res = await importCsv(office('330100'), [row(dept.name)], '?region=330127');
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(1);
  });

  it('imports a file larger than one transaction (120 rows) in one piece', async () => {
    const dept = await makeDepartment();
    const rows = Array.from({ length: 120 }, () => row(dept.id));
    const res = await importCsv(office(), rows);
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(120);
    expect(await listHandles(office(), `department=${dept.id}`)).toHaveLength(120);
  });

  it('reads a GBK-encoded CSV as Excel on a Chinese Windows saves it', async () => {
    const dept = await makeDepartment('330127', unique('dept'));
    // GBK encoding of the required header plus one row; only ASCII apart from the header and 是/王敏.
    const handle = unique('gbk');
    const gbkHeader = [198, 189, 204, 168, 44, 213, 203, 186, 197, 44, 213, 203, 186, 197, 195, 251, 179, 198, 44, 214, 247, 176, 236, 181, 165, 206, 187, 44, 187, 165, 182, 175, 185, 166, 196, 220, 44, 193, 170, 207, 181, 200, 203];
    const body = new Uint8Array([...gbkHeader, 13, 10, ...new TextEncoder().encode(`wechat,${handle},x,${dept.id},1,`), 205, 245, 195, 244]);
    const res = await call(office(), 'POST', '/imports', body, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(1);
    const account = await call(office(), 'GET', `/accounts/${res.body.rows[0].accountId}`);
    expect(account.body.contacts).toEqual([{ name: '王敏' }]);
  });
});

describe('POST /imports (refusals)', () => {
  it.each([
    ['application/json', '{}'],
    ['text/plain', 'a,b'],
    ['application/vnd.ms-excel', 'x'],
  ])('refuses Content-Type %s with 400 invalid_input', async (type, body) => {
    const res = await call(office(), 'POST', '/imports', body, { 'content-type': type });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues[0].path).toBe('Content-Type');
  });

  it('refuses a body over 5 MB with 413', async () => {
    const res = await call(office(), 'POST', '/imports', `平台,账号\n${'x'.repeat(5 * 1024 * 1024)}`, { 'content-type': 'text/csv' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('5 MB');
  });

  it('refuses more than 5,000 rows with 400, writing nothing', async () => {
    const dept = await makeDepartment();
    const rows = Array.from({ length: 5001 }, (_, i) => row(dept.id, { 账号: `many${i}` }));
    const res = await importCsv(office(), rows);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].message).toContain('5000');
  });

  it.each([
    ['an unknown column', `${HEADERS.join(',')},备注\r\nx`, 'header.P'],
    ['a missing required column', '平台,账号\r\nweibo,x', 'header'],
    ['no data rows', HEADERS.join(','), ''],
    ['an unterminated quote', `${HEADERS.join(',')}\r\n"weibo,x`, ''],
  ])('refuses a file with %s with 400 and an issue', async (_label, body, path) => {
    const res = await call(office(), 'POST', '/imports', body, { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues.map((i: any) => i.path)).toContain(path);
  });

  it('refuses a non-XLSX body sent as XLSX with 400', async () => {
    const res = await call(office(), 'POST', '/imports', 'not a zip', { 'content-type': XLSX });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].message).toContain('XLSX');
  });

  it.each([
    ['a reviewer', { sub: 'rev', roles: ['reviewer'], region: '330127' } as Caller, ''],
    ['an approver', { sub: 'appr', roles: ['approver'], region: '330127', department: 'x' } as Caller, ''],
    ['an office of another region', office('440100'), '?region=330127'],
    ['an office asking for a region outside its scope', office('330127'), '?region=330100'],
  ])('forbids %s (403)', async (_label, caller, params) => {
    const dept = await makeDepartment();
    const res = await importCsv(caller, [row(dept.name)], params);
    expect(res.status).toBe(403);
  });

  it('rejects a bad query (400)', async () => {
    const res = await call(office(), 'POST', '/imports?dryRun=maybe', 'a', { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('dryRun');
  });
});

describe('POST /imports (XLSX)', () => {
  it('imports a workbook built in Excel style (title row, typed cells) and exports it back', async () => {
    const region = '330182';
    const dept = await makeDepartment(region);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['建德市政务新媒体台账']);
    ws.mergeCells('A1:N1');
    ws.addRow(HEADERS);
    const handles = [unique('x1'), unique('x2')];
    ws.addRow(['微博', handles[0], '建德发布', dept.name, { text: '主页', hyperlink: 'https://weibo.com/x' }, '', '', true, '王敏', 13800000000, '', new Date(Date.UTC(2019, 6, 1)), '自运维', '']);
    ws.addRow(['抖音', handles[1], { richText: [{ text: '建德' }, { text: '文旅' }] }, dept.id, '', '', '', '否', '李强', '0571-64712345', 'li@example.gov.cn', '2021-01-02', 'outsourced', '预约|https://example.gov.cn/yy']);
    const body = new Uint8Array(await wb.xlsx.writeBuffer());

    const preview = await call(office(region), 'POST', '/imports?dryRun=1', body, { 'content-type': XLSX });
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((r: any) => r.errors).flat()).toEqual([]);
    expect(preview.body.rows.map((r: any) => [r.row, r.status])).toEqual([
      [3, 'ok'],
      [4, 'ok'],
    ]);

    const res = await call(office(region), 'POST', '/imports', body, { 'content-type': XLSX });
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(2);
    const a = await call(office(region), 'GET', `/accounts/${res.body.rows[0].accountId}`);
    expect(a.body).toMatchObject({ platform: 'weibo', url: 'https://weibo.com/x', interactionEnabled: true, openedAt: '2019-07-01', operator: 'in_house', contacts: [{ name: '王敏', phone: '13800000000' }] });
    const b = await call(office(region), 'GET', `/accounts/${res.body.rows[1].accountId}`);
    expect(b.body).toMatchObject({ name: '建德文旅', interactionEnabled: false, serviceLinks: [{ label: '预约', url: 'https://example.gov.cn/yy' }] });

    const exported = await download(office(region), `/accounts/export?format=xlsx&region=${region}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe(XLSX);
    expect(exported.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="govmedia-accounts-${region}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"$`));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(exported.bytes) as never);
    const sheet = back.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const byHandle = new Map<string, unknown[]>();
    sheet.eachRow((r, n) => {
      if (n > 1) byHandle.set(String(r.getCell(2).value), (r.values as unknown[]).slice(1));
    });
    expect(byHandle.size).toBe(2);
    expect(byHandle.get(handles[0]!)).toEqual(['微博', handles[0], '建德发布', dept.name, 'https://weibo.com/x', undefined, undefined, '是', '王敏', '13800000000', undefined, '2019-07-01', '自运维']);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });
});

describe('GET /accounts/export', () => {
  it('exports every visible account as CSV with the template columns, parseable back', async () => {
    const region = '330183';
    const dept = await makeDepartment(region);
    const a = await makeAccount(dept, { platform: 'weibo', url: 'https://weibo.com/a', contacts: [{ name: '王敏', phone: '13800000000' }, { name: '李强', email: 'li@example.gov.cn' }] });
    const b = await makeAccount(dept, { interactionEnabled: false, openedAt: '2020-01-02', operator: 'outsourced', serviceLinks: [{ label: '查询, 办理', url: 'https://example.gov.cn/q' }] });
    const res = await download(office(region), `/accounts/export?format=csv&region=${region}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="govmedia-accounts-${region}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder().decode(res.bytes.slice(3)));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(3);
    const byHandle = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byHandle.get(a.handle)).toEqual(['微博', a.handle, '淳安发布', dept.name, 'https://weibo.com/a', '', '', '是', '王敏;李强', '13800000000;', ';li@example.gov.cn', '', '', '', '']);
    expect(byHandle.get(b.handle)).toEqual(['微信公众号', b.handle, '淳安发布', dept.name, '', '', '', '否', '王敏', '0571-65012345', '', '2020-01-02', '外包', '查询, 办理|https://example.gov.cn/q', '']);
  });

  it('is not mistaken for GET /accounts/:id, and defaults to CSV of the caller region', async () => {
    const res = await download(office('330184'), '/accounts/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('govmedia-accounts-330184-');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes)).toBe(`\uFEFF${HEADERS.join(',')}\r\n`);
  });

  it("gives an editor only their own department, and 404 for another's", async () => {
    const region = '330185';
    const mine = await makeDepartment(region);
    const other = await makeDepartment(region);
    const own = await makeAccount(mine);
    await makeAccount(other);
    const editor = editorOf(mine);
    const res = await download(editor, '/accounts/export?format=csv');
    const rows = readCsv(new TextDecoder().decode(res.bytes.slice(3)));
    expect(rows.slice(1).map((r) => r[1])).toEqual([own.handle]);
    expect((await download(editor, `/accounts/export?department=${other.id}`)).status).toBe(404);
    expect((await download(office('440100'), `/accounts/export?region=${region}`)).status).toBe(403);
  });

  it('filters by department', async () => {
    const region = '330186';
    const one = await makeDepartment(region);
    const two = await makeDepartment(region);
    const a = await makeAccount(one);
    await makeAccount(two);
    const res = await download(office(region), `/accounts/export?department=${one.id}`);
    const rows = readCsv(new TextDecoder().decode(res.bytes.slice(3)));
    expect(rows.slice(1).map((r) => [r[1], r[3]])).toEqual([[a.handle, one.name]]);
  });

  it('neutralises formula-injection cells in CSV, and an export re-imports to the same values', async () => {
    const region = '330187';
    const dept = await makeDepartment(region);
    const evil = await makeAccount(dept, {
      handle: unique('=cmd|calc'),
      name: '=HYPERLINK("http://evil.example","点我")',
      purpose: '@SUM(1+1)',
      verifiedSubject: '-2+3',
      contacts: [{ name: '+王敏', phone: '+8613800000000' }],
    });
    const res = await download(office(region), `/accounts/export?region=${region}`);
    const text = new TextDecoder().decode(res.bytes.slice(3));
    const rows = readCsv(text);
    const cells = rows.find((r) => r[1] === `'${evil.handle}`)!;
    expect(cells).toBeDefined();
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
    expect(cells[2]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(cells[5]).toBe("'-2+3");
    expect(cells[6]).toBe("'@SUM(1+1)");
    expect(cells[8]).toBe("'+王敏");
    expect(cells[9]).toBe("'+8613800000000");

    // Re-import the export into another region after editing the handle: the guard quote is undone.
    const target = await makeDepartment('330188', dept.name);
    const edited = text.replace(`'${evil.handle}`, `'${evil.handle}x`);
    const back = await call(office('330188'), 'POST', '/imports', edited, { 'content-type': 'text/csv' });
    expect(back.status).toBe(200);
    const imported = await call(office('330188'), 'GET', `/accounts/${back.body.rows[0].accountId}`);
    expect(imported.body).toMatchObject({
      handle: `${evil.handle}x`,
      name: evil.name,
      purpose: '@SUM(1+1)',
      verifiedSubject: '-2+3',
      departmentId: target.id,
      contacts: [{ name: '+王敏', phone: '+8613800000000' }],
    });
  });

  it('rejects an unknown format (400)', async () => {
    const res = await call(office(), 'GET', '/accounts/export?format=pdf');
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('format');
  });
});

describe('GET /imports/template', () => {
  it('gives a CSV template with the headers and one example row', async () => {
    const res = await download(office(), '/imports/template?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="govmedia-accounts-template.csv"');
    const rows = readCsv(new TextDecoder().decode(res.bytes.slice(3)));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('微信公众号');
  });

  it('gives an XLSX template, and the template imports once its department exists', async () => {
    const region = '330189';
    const res = await download(office(region), '/imports/template?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.bytes) as never);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    await makeDepartment(region, '县委宣传部');
    const imported = await call(office(region), 'POST', '/imports?dryRun=true', res.bytes, { 'content-type': XLSX });
    expect(imported.status).toBe(200);
    expect(imported.body.valid).toBe(1);
  });
});

describe('the write window', () => {
  it('when a handle is taken between validation and write, reports that row and writes nothing', async () => {
    const dept = await makeDepartment();
    const taken = await makeAccount(dept, { platform: 'kuaishou' });
    const handles = [unique('race'), taken.handle, unique('race')];
    const sheet: SheetRow[] = [
      { row: 1, cells: HEADERS },
      ...handles.map((h, i) => ({ row: i + 2, cells: ['快手', h, '淳安发布', dept.id, '', '', '', '是', '王敏', '', '', '', '', ''] })),
    ];
    const { stores, clock, ids } = deps;
    // Validation sees nothing taken (as if the other registration landed right after it).
    const imports = { takenHandles: async () => [], createAll: stores.accountImports.createAll.bind(stores.accountImports) };
    const result = await importAccounts(sheet, { dryRun: false, format: 'csv' }, { sub: 'o', name: 'o', roles: ['office'], region: '330127' }, {
      departments: stores.departments,
      imports,
      clock,
      ids,
    });
    expect(result.rejected).toBe(true);
    expect(result.report.written).toBe(0);
    expect(result.report.rows.map((r) => r.status)).toEqual(['ok', 'error', 'ok']);
    expect(result.report.rows[1]!.errors[0]!.message).toContain('整批未写入');
    expect(await listHandles(office(), `department=${dept.id}`)).toEqual([taken.handle]);
    // The reservations of the other rows were released: those handles register normally.
    for (const h of [handles[0]!, handles[2]!]) {
      expect((await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'kuaishou', handle: h }))).status).toBe(201);
    }
  });

  it('two concurrent imports of the same handle: exactly one writes', async () => {
    const dept = await makeDepartment();
    const shared = unique('both');
    const [a, b] = await Promise.all([
      importCsv(office(), [row(dept.id, { 账号: shared }), row(dept.id)]),
      importCsv(office(), [row(dept.id, { 账号: shared }), row(dept.id)]),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    expect((await listHandles(office(), `department=${dept.id}`)).filter((h) => h === shared)).toHaveLength(1);
    // The winner wrote both its rows; the loser wrote nothing.
    expect(await listHandles(office(), `department=${dept.id}`)).toHaveLength(2);
  });
});

describe('fuzzing the import body', () => {
  it('never answers 5xx to random CSV, near-valid rows or random XLSX-ish bytes', async () => {
    const dept = await makeDepartment();
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('微博', 'wechat', '是', '否', dept.name, dept.id, '=1+1', '"', '\n', '2026-02-30', 'a|https://x.cn', '王敏;李强'),
    );
    const nearValid = fc.array(fc.array(cell, { minLength: 14, maxLength: 15 }), { maxLength: 5 }).map((rows) => csv(rows.map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i] ?? ''])))));
    const zipish = fc.uint8Array({ maxLength: 400 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b]));
    const body = fc.oneof(
      fc.string({ maxLength: 300 }).map((t) => ({ type: 'text/csv', body: t as string | Uint8Array })),
      nearValid.map((t) => ({ type: 'text/csv', body: t as string | Uint8Array })),
      fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'text/csv; charset=gbk', body: b as string | Uint8Array })),
      zipish.map((b) => ({ type: XLSX, body: b as string | Uint8Array })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (input, dryRun) => {
        const res = await call(office(), 'POST', `/imports${dryRun ? '?dryRun=true' : ''}`, input.body, { 'content-type': input.type });
        expect(res.status, typeof input.body === 'string' ? input.body : `${input.body.length} bytes`).toBeLessThan(500);
        if (res.status >= 400) expect(typeof res.body.error.code).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});
