import { decodeCsv, FORMULA_TRIGGERS, parseCsv, type SheetRow } from '../../shared/registry/import-parser';
import { JobOutOfMemory, JobTimedOut, workerPool, type WorkerPool } from './worker-pool';
import {
  errorOfRefusal,
  inspectZip,
  loadExcelJs,
  tooComplex,
  XLSX_JOB,
  XLSX_LIMITS,
  XLSX_WORKER_URL,
  type XlsxJob,
  type XlsxOutcome,
} from './xlsx-reader';

export { cellText, checkZip, scanMarkup, XLSX_LIMITS } from './xlsx-reader';

/**
 * Spreadsheets in and out: XLSX (first visible sheet) and CSV read into rows of string
 * cells (the CSV reader is the registry format's own, shared/registry/import-parser.ts,
 * which the web app's preview uses too); CSV (UTF-8 with BOM, RFC 4180, formula-injection
 * guard) and XLSX written.
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
