import { inflateRawSync } from 'node:zlib';
import type { CellValue, Workbook } from 'exceljs';
import { InvalidInput } from '../../shared/errors';
import { FORMULA_TRIGGERS, HEADER_SEARCH_ROWS, type SheetRow } from '../../shared/registry/import';

/**
 * Spreadsheets in and out: XLSX (first visible sheet) and CSV read into rows of string
 * cells; CSV (UTF-8 with BOM, RFC 4180, formula-injection guard) and XLSX written.
 *
 * exceljs is loaded on first use only: it is a large library and most requests (and
 * every cold start) never touch a spreadsheet.
 */

export type SheetFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const CSV_TYPES = ['text/csv', 'application/csv', 'text/comma-separated-values'];

/** The format a request body's Content-Type names, or undefined for anything else. */
export function formatOfContentType(header: string | undefined): SheetFormat | undefined {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (CSV_TYPES.includes(type)) return 'csv';
  if (type === CONTENT_TYPES.xlsx) return 'xlsx';
  return undefined;
}

/** The `charset` parameter of a Content-Type, lower-cased. */
function charsetOf(header: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([\w-]+)"?/i.exec(header ?? '')?.[1]?.toLowerCase();
}

const unreadable = (message: string) => new InvalidInput([{ path: '', message }], '导入文件无法读取 (unreadable import file)');

/** Most non-empty rows a reader returns before giving up: the data-row limit plus room for title and header rows. */
const readCap = (maxDataRows: number) => maxDataRows + HEADER_SEARCH_ROWS;

const tooManyRows = (maxDataRows: number) =>
  unreadable(`一次最多导入 ${maxDataRows} 行，请拆分后分批导入 (too many rows)`);

// ---------------------------------------------------------------------------
// CSV

/**
 * Text of a CSV body. UTF-8 (with or without BOM) first; UTF-16 with a BOM (Excel's
 * "Unicode text"); GBK/GB18030 when the charset says so or the bytes are not UTF-8
 * (what Excel on a Chinese Windows writes by default).
 */
export function decodeCsv(bytes: Uint8Array, contentType?: string): string {
  const charset = charsetOf(contentType);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (charset && /^(gbk|gb2312|gb18030|x-gbk)$/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  const body = bytes;
  // Valid UTF-8 wins: real GBK text is almost never valid UTF-8 (its second bytes include 0x40–0x7e).
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** The delimiter of the first line (outside quotes): comma unless the line has only tabs or semicolons. */
function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  if (counts[',']! > 0) return ',';
  if (counts['\t']! > 0) return '\t';
  if (counts[';']! > 0) return ';';
  return ',';
}

/**
 * RFC 4180 records (quoted fields, doubled quotes, CRLF/LF/CR line ends, line breaks
 * inside quotes). Lenient where Excel is: a quote inside an unquoted field is text.
 * Row numbers are record numbers (what a spreadsheet shows); blank records are skipped.
 */
export function parseCsv(input: string, maxDataRows = Number.POSITIVE_INFINITY): SheetRow[] {
  const cap = readCap(maxDataRows);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = sniffDelimiter(text);
  const rows: SheetRow[] = [];
  let record: string[] = [];
  let field = '';
  let recordNo = 1;
  let quoted = false;
  let fieldStart = true;
  let quoteOpenedAt = 0;

  const endField = () => {
    record.push(field);
    field = '';
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    if (record.some((c) => c.trim() !== '')) {
      if (rows.length >= cap) throw tooManyRows(maxDataRows);
      rows.push({ row: recordNo, cells: record });
    }
    record = [];
    recordNo++;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      quoteOpenedAt = recordNo;
      continue;
    }
    if (ch === delimiter) {
      endField();
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      continue;
    }
    field += ch;
    fieldStart = false;
  }
  if (quoted) throw unreadable(`CSV 第 ${quoteOpenedAt} 行的引号没有闭合 (unterminated quote)`);
  if (field !== '' || record.length > 0) endRecord();
  return rows;
}

/** A cell as written to CSV: formula triggers neutralised by a leading single quote, then RFC 4180 quoting. */
export function csvCell(value: string): string {
  const safe = FORMULA_TRIGGERS.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with BOM (so Excel opens Chinese text correctly) and CRLF line ends. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------
// XLSX

/** An XLSX is a zip; these bounds keep a small upload from inflating into a memory bomb. */
export const XLSX_LIMITS = { maxEntries: 2000, maxUncompressedBytes: 64 * 1024 * 1024 } as const;

/**
 * Checks the zip container before exceljs sees it: every entry is inflated with a hard
 * output cap (so lying size fields do not matter), encrypted and ZIP64 archives are
 * refused. Throws InvalidInput.
 */
export function checkZip(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notXlsx = () => unreadable('文件不是有效的 XLSX（Excel 2007 及以后的 .xlsx 格式）(not a valid XLSX file)');
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) throw unreadable('不支持 ZIP64 格式的 XLSX 文件 (ZIP64 not supported)');
  if (entries > XLSX_LIMITS.maxEntries) throw unreadable('XLSX 文件内部条目过多 (too many zip entries)');
  let budget: number = XLSX_LIMITS.maxUncompressedBytes;
  const tooBig = () => unreadable(`XLSX 解压后超过 ${XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024} MB，请删除图片等无关内容 (uncompressed size too large)`);
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw notXlsx();
    const flags = buf.readUInt16LE(offset + 8);
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const localOffset = buf.readUInt32LE(offset + 42);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    if (flags & 0x1) throw unreadable('XLSX 文件已加密，请取消密码后再导入 (encrypted file)');
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw unreadable('不支持 ZIP64 格式的 XLSX 文件 (ZIP64 not supported)');
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw notXlsx();
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw notXlsx();
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) {
      budget -= compressedSize;
    } else if (method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw notXlsx();
      }
    } else {
      throw notXlsx();
    }
    if (budget < 0) throw tooBig();
    offset += 46 + nameLen + extraLen + commentLen;
  }
}

async function exceljs() {
  const mod = await import('exceljs');
  return (mod.default ?? mod) as typeof import('exceljs');
}

/** A date cell: the calendar date when it has no time of day (Excel dates are UTC-based), else the ISO instant. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Any exceljs cell value as the text a user sees. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text ?? '').join('');
    if ('hyperlink' in value) return cellText((value.text ?? null) as CellValue) || String(value.hyperlink ?? '');
    if ('formula' in value || 'sharedFormula' in value) return cellText(((value as { result?: unknown }).result ?? null) as CellValue);
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** Columns beyond this are ignored when reading (the template has 14). */
const MAX_COLUMNS = 64;

/** The first visible worksheet of an XLSX as non-empty rows of text, with their sheet row numbers. */
export async function readXlsx(bytes: Uint8Array, maxDataRows = Number.POSITIVE_INFINITY): Promise<SheetRow[]> {
  checkZip(bytes);
  const cap = readCap(maxDataRows);
  const ExcelJS = await exceljs();
  const wb: Workbook = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw unreadable('文件不是有效的 XLSX（Excel 2007 及以后的 .xlsx 格式）(not a valid XLSX file)');
  }
  const sheet = wb.worksheets.find((s) => s.state === 'visible' || s.state === undefined) ?? wb.worksheets[0];
  if (!sheet) throw unreadable('XLSX 文件中没有工作表 (no worksheet)');
  const rows: SheetRow[] = [];
  let over = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (over) return;
    const cells: string[] = [];
    const links: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) return;
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = cellText(cell.value);
      const value = cell.value;
      if (value && typeof value === 'object' && 'hyperlink' in value && typeof value.hyperlink === 'string') links[col - 1] = value.hyperlink;
    });
    if (!cells.some((c) => c.trim() !== '')) return;
    if (rows.length >= cap) {
      over = true;
      return;
    }
    rows.push({ row: rowNumber, cells, ...(links.length ? { links } : {}) });
  });
  if (over) throw tooManyRows(maxDataRows);
  return rows;
}

/** Reads an import body of the given format. */
export async function readSheet(bytes: Uint8Array, format: SheetFormat, contentType: string | undefined, maxDataRows: number): Promise<SheetRow[]> {
  return format === 'xlsx' ? readXlsx(bytes, maxDataRows) : parseCsv(decodeCsv(bytes, contentType), maxDataRows);
}

/**
 * One worksheet, every cell written as a string (never a formula, so no injection),
 * bold frozen header, columns sized to their content.
 */
export async function writeXlsx(rows: readonly (readonly string[])[], sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await exceljs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GovMedia';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) ws.addRow(r.map((c) => (c === '' ? null : c)));
  ws.getRow(1).font = { bold: true };
  const width = rows[0]?.length ?? 0;
  for (let c = 1; c <= width; c++) {
    const col = ws.getColumn(c);
    col.numFmt = '@'; // text, so Excel does not turn phone numbers or dates into numbers when edited
    const longest = Math.max(...rows.slice(0, 200).map((r) => [...(r[c - 1] ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)));
    col.width = Math.min(60, Math.max(8, longest + 2));
  }
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}
