import { FORMULA_TRIGGERS, HEADER_SEARCH_ROWS, type SheetRow } from '../../shared/registry/import-parser';
import { JobOutOfMemory, JobTimedOut, workerPool, type WorkerPool } from './worker-pool';
import {
  errorOfRefusal,
  inspectZip,
  loadExcelJs,
  MAX_COLUMNS,
  tooComplex,
  tooManyRows,
  unreadable,
  XLSX_JOB,
  XLSX_LIMITS,
  XLSX_WORKER_URL,
  type XlsxJob,
  type XlsxOutcome,
} from './xlsx-reader';

export { cellText, checkZip, scanMarkup, XLSX_LIMITS } from './xlsx-reader';

/**
 * Spreadsheets in and out: XLSX (first visible sheet) and CSV read into rows of string
 * cells; CSV (UTF-8 with BOM, RFC 4180, formula-injection guard) and XLSX written.
 *
 * exceljs is loaded on first use only: it is a large library and most requests (and
 * every cold start) never touch a spreadsheet. Imports are read with bounded work: an
 * XLSX in a parse worker within the bounds of ./xlsx-reader.ts, a CSV in one linear pass
 * over at most 5 MB, 64 cells a record.
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

/** Most non-empty rows a reader returns before giving up: the data-row limit plus room for title and header rows. */
const readCap = (maxDataRows: number) => maxDataRows + HEADER_SEARCH_ROWS;

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
  let tabs = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') return ','; // a comma anywhere wins: no need to read on
    else if (ch === '\t') tabs++;
    else if (ch === ';') semicolons++;
  }
  if (tabs > 0) return '\t';
  if (semicolons > 0) return ';';
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
    // Cells past the last column read are dropped, as in XLSX (a header of a million unknown columns is one problem, not a million).
    if (record.length < MAX_COLUMNS) record.push(field);
    field = '';
    fieldStart = true;
  };
  const endRecord = () => {
    if (record.length === 0 && field === '') {
      // A blank line: nothing to keep (a file of a million line breaks costs a counter).
      fieldStart = true;
      recordNo++;
      return;
    }
    endField();
    if (record.some((c) => c.trim() !== '')) {
      if (rows.length >= cap) throw tooManyRows(maxDataRows);
      rows.push({ row: recordNo, cells: record });
      record = [];
    } else record.length = 0;
    recordNo++;
  };

  // Runs of text are sliced, not added a character at a time: linear and fast on a 5 MB body.
  const QUOTE = 0x22;
  const CR = 0x0d;
  const LF = 0x0a;
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (quoted) {
      const q = text.indexOf('"', i);
      if (q < 0) {
        field += text.slice(i);
        break;
      }
      field += text.slice(i, q);
      if (text.charCodeAt(q + 1) === QUOTE) {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
      quoteOpenedAt = recordNo;
      i++;
    } else if (ch === delim) {
      endField();
      i++;
    } else if (ch === CR || ch === LF) {
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      endRecord();
    } else {
      // Plain text up to the next delimiter or line end; a quote inside it is text (as Excel reads it).
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delim || c === CR || c === LF) break;
        j++;
      }
      field += text.slice(i, j);
      fieldStart = false;
      i = j;
    }
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

/**
 * The parse workers: exceljs reads an upload off the event loop, one file per worker at
 * a time, each within a time limit (the worker is terminated when it runs over) and a
 * heap limit. Two at most: a Lambda instance serves one request at a time, a local
 * server a few.
 */
let pool: WorkerPool<XlsxJob, XlsxOutcome> | undefined;
const xlsxPool = () =>
  (pool ??= workerPool<XlsxJob, XlsxOutcome>({
    moduleUrl: XLSX_WORKER_URL,
    kind: XLSX_JOB,
    size: 2,
    resourceLimits: { maxOldGenerationSizeMb: XLSX_LIMITS.workerHeapMb },
  }));

/** Stops the parse workers (they are started on first use and otherwise kept). */
export async function closeXlsxWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.close();
}

/**
 * The first visible worksheet of an XLSX as non-empty rows of text, with their sheet row
 * numbers. The zip's central directory is checked here (cheap); inflating, counting the
 * XML and exceljs run in a parse worker. Over a bound, or over `timeLimitMs`: 422
 * `spreadsheet_too_complex`; not a usable XLSX: 400.
 */
export async function readXlsx(
  bytes: Uint8Array,
  maxDataRows = Number.POSITIVE_INFINITY,
  { timeLimitMs = XLSX_LIMITS.timeLimitMs }: { timeLimitMs?: number } = {},
): Promise<SheetRow[]> {
  inspectZip(bytes);
  const copy = bytes.slice();
  let outcome: XlsxOutcome;
  try {
    outcome = await xlsxPool().run({ bytes: copy, maxDataRows }, { timeLimitMs, transfer: [copy.buffer] });
  } catch (err) {
    if (err instanceof JobTimedOut) {
      throw tooComplex(`表格解析超过 ${timeLimitMs / 1000} 秒，已停止；请只保留台账数据后重新导入 (spreadsheet too complex: parsing timed out)`);
    }
    if (err instanceof JobOutOfMemory) {
      throw tooComplex('表格解析所需内存过多，已停止；请只保留台账数据后重新导入 (spreadsheet too complex: out of memory)');
    }
    throw err;
  }
  if ('refusal' in outcome) throw errorOfRefusal(outcome.refusal);
  return outcome.rows;
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
  const ExcelJS = await loadExcelJs();
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
