import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../../shared/errors';
import { answeredAs } from '../../support/answered';
import { checkZip, csvCell, formatOfContentType, readXlsx, writeCsv, writeXlsx } from '../../../functions/api/spreadsheet';
import { decodeCsv, parseCsv, previewCsv } from '../../../shared/registry/import-parser';

/** The first issue message of the InvalidInput that `fn` throws. */
function issueOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInput);
    return (err as InvalidInput).issues?.[0]?.message ?? '';
  }
  throw new Error('did not throw');
}

describe('CSV reading', () => {
  it.each([
    ['plain', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['LF line ends and no final newline', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted comma, quote and line break', 'a,b\n"x,y","say ""hi""\nthere"', [['a', 'b'], ['x,y', 'say "hi"\nthere']]],
    ['empty fields', 'a,,c\n,,z', [['a', '', 'c'], ['', '', 'z']]],
    ['a quote inside an unquoted field', 'a,b\n5" disk,2', [['a', 'b'], ['5" disk', '2']]],
    ['tab-separated', 'a\tb\n1\t2', [['a', 'b'], ['1', '2']]],
    ['semicolon-separated', 'a;b\n1;2', [['a', 'b'], ['1', '2']]],
    ['a BOM', '\uFEFF平台,账号\n微博,x', [['平台', '账号'], ['微博', 'x']]],
  ])('parses %s', (_label, text, cells) => {
    expect(parseCsv(text).map((r) => r.cells)).toEqual(cells);
  });

  it('numbers records as a spreadsheet does and skips blank ones', () => {
    expect(parseCsv('h\n\n"two\nlines"\n,\nlast').map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'h'],
      [3, 'two\nlines'],
      [5, 'last'],
    ]);
  });

  it('refuses an unterminated quote, naming the row', () => {
    expect(issueOf(() => parseCsv('a\n"oops'))).toContain('第 2 行');
  });

  it('stops reading past the row limit', () => {
    const text = Array.from({ length: 30 }, (_, i) => `r${i}`).join('\n');
    expect(() => parseCsv(text, 10)).toThrow(InvalidInput);
    expect(parseCsv(text, 20)).toHaveLength(30);
  });

  it('keeps the first 64 cells of a record and drops the rest, as XLSX reading does', () => {
    const [header] = parseCsv(`平台,账号,${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}`);
    expect(header!.cells).toHaveLength(64);
    expect(header!.cells.slice(0, 3)).toEqual(['平台', '账号', 'c0']);
  });

  it('reads a 5 MB record of empty cells as one record of 64 cells', () => {
    const rows = parseCsv(`平台,账号${','.repeat(5 * 1024 * 1024)}`);
    expect(rows.map((r) => r.cells.length)).toEqual([64]);
  });

  it('numbers records past any number of blank lines', () => {
    expect(parseCsv(`h${'\n'.repeat(1_000_000)}last`).map((r) => r.row)).toEqual([1, 1_000_001]);
  });

  it("previews the first rows exactly as the import reads them (the web app's preview), without reading on", () => {
    const text = '\uFEFF平台;账号\n\n微博;"a;b"\n微信;c\n抖音;d';
    expect(previewCsv(text, 3)).toEqual(parseCsv(text).slice(0, 3));
    expect(previewCsv(text, 2).map((r) => [r.row, r.cells])).toEqual([
      [1, ['平台', '账号']],
      [3, ['微博', 'a;b']],
    ]);
    // Past the import's row limit, or before a quote that never closes, a preview is still the rows it asked for.
    const long = Array.from({ length: 30 }, (_, i) => `r${i}`).join('\n');
    expect(previewCsv(long, 11)).toHaveLength(11);
    expect(previewCsv('a\nb\n"oops', 2).map((r) => r.cells)).toEqual([['a'], ['b']]);
    expect(previewCsv('a\n"oops', 5).map((r) => r.cells)).toEqual([['a']]);
  });

  it('decodes UTF-8 with and without BOM, GB18030 and UTF-16', () => {
    const utf8 = new TextEncoder().encode('平台,账号');
    expect(decodeCsv(utf8)).toBe('平台,账号');
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('平台,账号');
    // "平台,账号,账号名称" and "平台" in GBK, as Excel on a Chinese Windows saves them by default.
    const gbk = new Uint8Array([198, 189, 204, 168, 44, 213, 203, 186, 197, 44, 213, 203, 186, 197, 195, 251, 179, 198]);
    expect(decodeCsv(gbk)).toBe('平台,账号,账号名称');
    expect(decodeCsv(new Uint8Array([0xc6, 0xbd, 0xcc, 0xa8]), 'text/csv; charset=GBK')).toBe('平台');
    expect(decodeCsv(new TextEncoder().encode('café,naïve'))).toBe('café,naïve');
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, ...Buffer.from('平台', 'utf16le')]))).toBe('平台');
  });
});

describe('CSV writing', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+8613800000000', "'+8613800000000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('starts with a BOM and ends lines with CRLF, and reads back', () => {
    const text = writeCsv([
      ['平台', '账号'],
      ['微博', 'a,"b"'],
    ]);
    expect(text.startsWith('\uFEFF平台,账号\r\n')).toBe(true);
    expect(parseCsv(text).map((r) => r.cells)).toEqual([
      ['平台', '账号'],
      ['微博', 'a,"b"'],
    ]);
  });
});

describe('content types', () => {
  it.each([
    ['text/csv', 'csv'],
    ['text/csv; charset=utf-8', 'csv'],
    ['application/csv', 'csv'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['application/json', undefined],
    [undefined, undefined],
  ])('%s → %s', (type, format) => {
    expect(formatOfContentType(type)).toBe(format);
  });
});

describe('XLSX', () => {
  it('reads the first visible sheet with text, numbers, dates, rich text, hyperlinks and formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('hidden');
    hidden.state = 'hidden';
    hidden.addRow(['not me']);
    const ws = wb.addWorksheet('台账');
    ws.addRow(['平台', '电话', '日期', '富文本', '链接', '公式', '布尔']);
    ws.addRow([
      '微博',
      13800000000,
      new Date(Date.UTC(2020, 2, 1)),
      { richText: [{ text: '淳安' }, { text: '发布' }] },
      { text: '官网', hyperlink: 'https://example.gov.cn' },
      { formula: '1+1', result: 2 },
      true,
    ]);
    ws.addRow([]);
    ws.getCell('B5').value = 'gap';
    const rows = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 1, cells: ['平台', '电话', '日期', '富文本', '链接', '公式', '布尔'] },
      {
        row: 2,
        cells: ['微博', '13800000000', '2020-03-01', '淳安发布', '官网', '2', 'true'],
        links: [undefined, undefined, undefined, undefined, 'https://example.gov.cn'],
      },
      { row: 5, cells: ['', 'gap'] },
    ]);
  });

  it('writes strings (never formulas) that read back unchanged', async () => {
    const bytes = await writeXlsx(
      [
        ['平台', '账号'],
        ['微博', '=1+1'],
      ],
      '账号台账',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const cell = wb.worksheets[0]!.getCell('B2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=1+1');
  });

  it('refuses a body that is not a zip', async () => {
    await expect(readXlsx(new TextEncoder().encode('平台,账号\n'))).rejects.toThrow(InvalidInput);
  });

  it('refuses a zip that inflates past the limit, whatever its headers claim', () => {
    const payload = deflateRawSync(Buffer.alloc(80 * 1024 * 1024, 0x41));
    expect(payload.length).toBeLessThan(200 * 1024);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(10, 22); // a lie: 10 bytes uncompressed
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(10, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdOffset = local.length + name.length + payload.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(cdOffset, 16);
    const zip = Buffer.concat([local, name, payload, central, name, eocd]);
    expect(() => checkZip(zip)).toThrow(answeredAs({ status: 422, code: 'spreadsheet_too_complex', message: expect.stringContaining('解压后超过') }));
  });
});
