import { inflateRawSync } from 'node:zlib';
import type { CellValue, Workbook } from 'exceljs';
import { DomainError, InvalidInput, RuleViolation, type Issue } from '../../shared/errors';
import { MAX_COLUMNS, readCap, tooManyRows, unreadable, type SheetRow } from '../../shared/registry/import-parser';
import { serveJobs } from './worker-pool';

/**
 * Reading an XLSX import, with its work bounded (docs/import-export.md, "Costly inputs").
 *
 * An XLSX is a zip of XML parts, and a small upload can mean a great deal of work: a
 * 55 KB file with three million nested elements kept exceljs busy for seconds. So:
 * - `inspectZip` (main thread, cheap: the central directory only) refuses too many
 *   entries, declared sizes over the bounds and a suspicious compression ratio;
 * - `checkZip` (in the parse worker) inflates every entry with a hard output cap, so
 *   lying size fields do not matter, and counts the XML elements and their nesting
 *   without parsing them;
 * - only then does exceljs read the workbook, in a worker thread with a time and heap
 *   limit (functions/api/spreadsheet.ts starts it), so the event loop stays free.
 * This module is also that worker's code: `serveJobs` at the bottom.
 */

export const XLSX_LIMITS = {
  maxEntries: 2000,
  /** All entries together, inflated. */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** One entry (a worksheet's XML), inflated. */
  maxPartBytes: 32 * 1024 * 1024,
  /** Inflated / compressed size of one entry, for entries over `ratioFloorBytes` (real sheets: about 5–15). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** XML start tags over all parts (a full 5,000-row, 14-column sheet has about 160,000). */
  maxElements: 1_000_000,
  /** XML nesting depth of any part (worksheets nest 7 deep, drawings and charts about 15). */
  maxDepth: 64,
  /** Wall time of one parse in the worker. */
  timeLimitMs: 10_000,
  /** Heap of the parse worker. */
  workerHeapMb: 512,
} as const;

export const TOO_COMPLEX = 'spreadsheet_too_complex';
const MB = 1024 * 1024;

const notXlsx = () => unreadable('文件不是有效的 XLSX（Excel 2007 及以后的 .xlsx 格式）(not a valid XLSX file)');
/** A file over one of the bounds above: 422, whatever part of it is at fault. */
export const tooComplex = (message: string) => new RuleViolation(TOO_COMPLEX, message);

/** Entry names come from the upload: shown shortened. */
const shown = (name: string) => (name.length > 60 ? `${name.slice(0, 60)}…` : name);

const tooBig = () =>
  tooComplex(`XLSX 解压后超过 ${XLSX_LIMITS.maxUncompressedBytes / MB} MB，请删除图片等无关内容后重新导入 (spreadsheet too complex: uncompressed size too large)`);
const partTooBig = (name: string) =>
  tooComplex(`XLSX 中的“${shown(name)}”解压后超过 ${XLSX_LIMITS.maxPartBytes / MB} MB，请只保留台账数据后重新导入 (spreadsheet too complex: part too large)`);
const ratioTooHigh = (name: string) =>
  tooComplex(`XLSX 中的“${shown(name)}”压缩比超过 ${XLSX_LIMITS.maxRatio} 倍，不像正常的表格文件 (spreadsheet too complex: compression ratio too high)`);

// ---------------------------------------------------------------------------
// The zip container

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it (may be a lie; `checkZip` inflates to find out). */
  uncompressedSize: number;
  /** Offset of the entry's data in the file. */
  dataStart: number;
}

/** The central directory of a zip: refuses what is not a plain (non-ZIP64, unencrypted, stored or deflated) zip. */
function zipDirectory(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable('不支持 ZIP64 格式的 XLSX 文件 (ZIP64 not supported)');
  if (count > XLSX_LIMITS.maxEntries) {
    throw tooComplex(`XLSX 文件内部条目超过 ${XLSX_LIMITS.maxEntries} 个 (spreadsheet too complex: too many zip entries)`);
  }
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw notXlsx();
    const flags = buf.readUInt16LE(offset + 8);
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const uncompressedSize = buf.readUInt32LE(offset + 24);
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    if (offset + 46 + nameLen > buf.length) throw notXlsx();
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLen);
    if (flags & 0x1) throw unreadable('XLSX 文件已加密，请取消密码后再导入 (encrypted file)');
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) {
      throw unreadable('不支持 ZIP64 格式的 XLSX 文件 (ZIP64 not supported)');
    }
    if (method !== 0 && method !== 8) throw notXlsx();
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw notXlsx();
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw notXlsx();
    entries.push({ name, method, compressedSize, uncompressedSize, dataStart });
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const overRatio = (inflated: number, compressed: number) =>
  inflated > XLSX_LIMITS.ratioFloorBytes && inflated > XLSX_LIMITS.maxRatio * Math.max(1, compressed);

/**
 * The cheap check, on the main thread: the central directory only (entry count,
 * declared sizes, compression ratios), no inflating. Throws InvalidInput (not a usable
 * zip) or `spreadsheet_too_complex`.
 */
export function inspectZip(bytes: Uint8Array): ZipEntry[] {
  const entries = zipDirectory(bytes);
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > XLSX_LIMITS.maxPartBytes) throw partTooBig(e.name);
    total += e.uncompressedSize;
    if (total > XLSX_LIMITS.maxUncompressedBytes) throw tooBig();
    if (e.method === 8 && overRatio(e.uncompressedSize, e.compressedSize)) throw ratioTooHigh(e.name);
  }
  return entries;
}

/** The XML parts (what exceljs parses); images and other binaries are only inflated. */
const isXml = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/**
 * The thorough check, before exceljs sees the file: `inspectZip`, then every entry is
 * inflated with a hard output cap (so lying size fields do not matter) and every XML
 * part is scanned for its element count and nesting depth. Throws InvalidInput or
 * `spreadsheet_too_complex`.
 */
export function checkZip(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget: number = XLSX_LIMITS.maxUncompressedBytes;
  let elements = 0;
  for (const e of inspectZip(bytes)) {
    const data = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
    let inflated: Buffer;
    if (e.method === 0) inflated = data;
    else {
      const cap = Math.min(budget, XLSX_LIMITS.maxPartBytes);
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw cap < XLSX_LIMITS.maxPartBytes ? tooBig() : partTooBig(e.name);
        }
        throw notXlsx();
      }
      if (overRatio(inflated.length, e.compressedSize)) throw ratioTooHigh(e.name);
    }
    budget -= inflated.length;
    if (budget < 0) throw tooBig();
    if (!isXml(e.name)) continue;
    const stats = scanMarkup(inflated, { maxElements: XLSX_LIMITS.maxElements - elements, maxDepth: XLSX_LIMITS.maxDepth });
    elements += stats.elements;
    if (stats.over === 'elements') {
      throw tooComplex(
        `表格结构过于复杂：XML 元素超过 ${XLSX_LIMITS.maxElements.toLocaleString('en')} 个，请只保留台账数据后重新导入 (spreadsheet too complex: too many XML elements)`,
      );
    }
    if (stats.over === 'depth') {
      throw tooComplex(`表格结构过于复杂：“${shown(e.name)}”的 XML 嵌套超过 ${XLSX_LIMITS.maxDepth} 层 (spreadsheet too complex: XML nested too deeply)`);
    }
  }
}

// ---------------------------------------------------------------------------
// XML, counted without parsing

export interface MarkupStats {
  /** Start tags seen (self-closing ones included). */
  elements: number;
  /** Deepest nesting seen. */
  depth: number;
  /** The bound that stopped the scan, if one did. */
  over?: 'elements' | 'depth';
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function startsAt(buf: Buffer, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (buf[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * Counts the elements of an XML text and its nesting depth in one pass over the bytes,
 * without building anything: start tags (quoted attribute values may hold `>`), end
 * tags, self-closing tags; comments, CDATA, processing instructions and a DOCTYPE are
 * skipped. Stops at the first bound crossed. Linear in the input; fast enough to run
 * before a real parser on anything the zip bounds let through.
 */
export function scanMarkup(xml: Uint8Array, limits: { maxElements: number; maxDepth: number }): MarkupStats {
  const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  const n = buf.length;
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < n) {
    const lt = buf.indexOf(LT, i);
    if (lt < 0) break;
    const next = buf[lt + 1];
    if (next === SLASH) {
      depth = Math.max(0, depth - 1);
      const gt = buf.indexOf(GT, lt + 2);
      if (gt < 0) break;
      i = gt + 1;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = buf.indexOf('?>', lt + 2);
      if (end < 0) break;
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (startsAt(buf, lt, '<!--')) {
        const end = buf.indexOf('-->', lt + 4);
        if (end < 0) break;
        i = end + 3;
      } else if (startsAt(buf, lt, '<![CDATA[')) {
        const end = buf.indexOf(']]>', lt + 9);
        if (end < 0) break;
        i = end + 3;
      } else {
        // <!DOCTYPE …> with an optional [internal subset]
        let j = lt + 2;
        let brackets = 0;
        for (; j < n; j++) {
          const b = buf[j];
          if (b === 0x5b) brackets++;
          else if (b === 0x5d) brackets--;
          else if (b === GT && brackets <= 0) break;
        }
        i = j + 1;
      }
      continue;
    }
    elements++;
    depth++;
    if (depth > deepest) deepest = depth;
    if (elements > limits.maxElements) return { elements, depth: deepest, over: 'elements' };
    if (depth > limits.maxDepth) return { elements, depth: deepest, over: 'depth' };
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const b = buf[j]!;
      if (quote) {
        if (b === quote) quote = 0;
      } else if (b === 0x22 || b === 0x27) quote = b;
      else if (b === GT) break;
    }
    if (j >= n) break;
    if (buf[j - 1] === SLASH) depth--;
    i = j + 1;
  }
  return { elements, depth: deepest };
}

// ---------------------------------------------------------------------------
// Cells

export async function loadExcelJs() {
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

/**
 * The first visible worksheet as non-empty rows of text, with their sheet row numbers.
 * Runs in the parse worker (it is CPU-bound); `checkZip` first.
 */
export async function readWorkbook(bytes: Uint8Array, maxDataRows: number): Promise<SheetRow[]> {
  checkZip(bytes);
  const cap = readCap(maxDataRows);
  const ExcelJS = await loadExcelJs();
  const wb: Workbook = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw notXlsx();
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

// ---------------------------------------------------------------------------
// The parse worker

/** Refusals cross the thread boundary as plain data and become the same domain errors again. */
export interface Refusal {
  code: string;
  message: string;
  issues?: Issue[];
}

export type XlsxJob = { bytes: Uint8Array; maxDataRows: number };
export type XlsxOutcome = { rows: SheetRow[] } | { refusal: Refusal };

export function errorOfRefusal(r: Refusal): DomainError {
  return r.code === TOO_COMPLEX ? tooComplex(r.message) : new InvalidInput(r.issues ?? [], r.message);
}

export const XLSX_JOB = 'xlsx-read';
/** The module the parse worker loads: this file from source, the bundle itself when bundled. */
export const XLSX_WORKER_URL = import.meta.url;

serveJobs<XlsxJob, XlsxOutcome>(XLSX_JOB, async ({ bytes, maxDataRows }) => {
  try {
    return { rows: await readWorkbook(bytes, maxDataRows) };
  } catch (err) {
    if (err instanceof InvalidInput || (err instanceof DomainError && err.code === TOO_COMPLEX)) {
      return { refusal: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
    }
    throw err;
  }
});
