import * as v from 'valibot';
import { InvalidInput, type ErrorParams, type Issue } from '../errors';
import type { IssueCode } from '../errors-codes';
import { codeOf } from '../validation-issues';
import { handleIdentity } from './handle';
import { isAppPlatform } from './apps';
import { AccountInput, PLATFORM_NAMES_ZH, type Account, type Platform } from './schemas';

/**
 * The registry's spreadsheet format (台账), pure: the columns, the header, the cells.
 * Spreadsheet rows already read into string cells become validated `AccountInput`s or
 * per-row errors (`parseImport`), and accounts become rows again (`exportRow`, the
 * template), with the same columns, so an export can be edited and imported. The import
 * itself, over ports, is ./import-service.ts.
 */

export const IMPORT_LIMITS = { maxRows: 5000, maxBytes: 5 * 1024 * 1024 } as const;

/** How many leading non-empty rows are searched for the header (title rows above it are allowed). */
export const HEADER_SEARCH_ROWS = 10;

export const IMPORT_COLUMNS = [
  { key: 'platform', zh: '平台', en: 'platform', required: true },
  { key: 'handle', zh: '账号', en: 'handle', required: true },
  { key: 'name', zh: '账号名称', en: 'name', required: true },
  { key: 'department', zh: '主办单位', en: 'department', required: true },
  { key: 'url', zh: '链接', en: 'url', required: false },
  { key: 'verifiedSubject', zh: '认证主体', en: 'verifiedSubject', required: false },
  { key: 'purpose', zh: '开设用途', en: 'purpose', required: false },
  { key: 'interactionEnabled', zh: '互动功能', en: 'interactionEnabled', required: true },
  { key: 'contact', zh: '联系人', en: 'contact', required: true },
  { key: 'phone', zh: '联系电话', en: 'phone', required: false },
  { key: 'email', zh: '联系邮箱', en: 'email', required: false },
  { key: 'openedAt', zh: '开设日期', en: 'openedAt', required: false },
  { key: 'operator', zh: '运维方式', en: 'operator', required: false },
  { key: 'serviceLinks', zh: '服务链接', en: 'serviceLinks', required: false },
  // Apps and mini-programs only (国办函〔2026〕12号, shared/registry/apps.ts).
  { key: 'filingNumber', zh: '备案编号', en: 'filingNumber', required: false },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
/** A row error names the column it is about; `row` when it is about the row as a whole. */
export type ImportField = ColumnKey | 'row';

/** The template and export header row (Chinese, the order above). */
export const EXPORT_HEADERS: readonly string[] = IMPORT_COLUMNS.map((c) => c.zh);

/** A few extra spellings people use in their own 台账 headers. */
const HEADER_ALIASES: Record<string, ColumnKey> = {
  平台类型: 'platform',
  账号id: 'handle',
  名称: 'name',
  主办单位id: 'department',
  departmentid: 'department',
  联系人姓名: 'contact',
  contactname: 'contact',
  contactphone: 'phone',
  contactemail: 'email',
  邮箱: 'email',
  备案号: 'filingNumber',
};

/** The platform names the template uses (one list for the whole product). */
export const PLATFORM_NAMES = PLATFORM_NAMES_ZH;

const PLATFORM_ALIASES: Record<string, Platform> = {
  微信: 'wechat',
  公众号: 'wechat',
  微信服务号: 'wechat',
  微信订阅号: 'wechat',
  新浪微博: 'weibo',
  头条: 'toutiao',
  头条号: 'toutiao',
  b站: 'bilibili',
  微信小程序: 'miniprogram',
  app: 'app',
  客户端: 'app',
  其它: 'other',
};

const OPERATOR_NAMES = { in_house: '自运维', outsourced: '外包' } as const;
const OPERATOR_ALIASES: Record<string, 'in_house' | 'outsourced'> = {
  自运维: 'in_house',
  自主运维: 'in_house',
  in_house: 'in_house',
  'in-house': 'in_house',
  外包: 'outsourced',
  第三方运维: 'outsourced',
  outsourced: 'outsourced',
};

const BOOLEAN_WORDS: Record<string, boolean> = { 是: true, 否: false, true: true, false: false, '1': true, '0': false, yes: true, no: false };

// ---------------------------------------------------------------------------
// Cells

/** One non-empty spreadsheet row: its 1-based row number in the sheet (or record number in a CSV) and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Hyperlink targets of cells, where the sheet has them (XLSX): a 链接 cell showing “主页” links to the URL. */
  links?: (string | undefined)[];
}

// ---------------------------------------------------------------------------
// Reading a file into rows: the bounds both readers keep (CSV here, XLSX in
// functions/api/xlsx-reader.ts), and the CSV reader, which the web app's preview uses too.

/** Columns beyond this are ignored when reading (the template has 14). */
export const MAX_COLUMNS = 64;

/** Most non-empty rows a reader returns before giving up: the data-row limit plus room for title and header rows. */
export const readCap = (maxDataRows: number) => maxDataRows + HEADER_SEARCH_ROWS;

/** A file the readers cannot read: one issue at `''`, with its code (`invalid` when the caller names none) and params. */
export const unreadable = (message: string, code: IssueCode = 'invalid', params: ErrorParams = {}) =>
  new InvalidInput([{ path: '', message, code, params }], '导入文件无法读取 (unreadable import file)');
export const tooManyRows = (maxDataRows: number) => unreadable(`一次最多导入 ${maxDataRows} 行，请拆分后分批导入 (too many rows)`, 'too_many_rows', { max: maxDataRows });

/** The `charset` parameter of a Content-Type, lower-cased. */
function charsetOf(header: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([\w-]+)"?/i.exec(header ?? '')?.[1]?.toLowerCase();
}

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
 * Each non-empty record goes to `take`, which answers false to stop reading. Answers the
 * record where a quote opened and never closed, if one did.
 */
function readCsv(input: string, take: (row: SheetRow) => boolean): { unterminatedAt?: number } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = sniffDelimiter(text);
  let stopped = false;
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
      if (!take({ row: recordNo, cells: record })) stopped = true;
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
  while (i < n && !stopped) {
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
  if (stopped) return {};
  if (quoted) return { unterminatedAt: quoteOpenedAt };
  if (field !== '' || record.length > 0) endRecord();
  return {};
}

/** The rows of a CSV import, at most `maxDataRows` data rows (plus room for title and header rows): more, or an unclosed quote, is refused. */
export function parseCsv(input: string, maxDataRows = Number.POSITIVE_INFINITY): SheetRow[] {
  const cap = readCap(maxDataRows);
  const rows: SheetRow[] = [];
  const { unterminatedAt } = readCsv(input, (row) => {
    if (rows.length >= cap) throw tooManyRows(maxDataRows);
    rows.push(row);
    return true;
  });
  if (unterminatedAt !== undefined) throw unreadable(`CSV 第 ${unterminatedAt} 行的引号没有闭合 (unterminated quote)`, 'unterminated_quote', { row: unterminatedAt });
  return rows;
}

/** The first `count` rows of a CSV import as the API will read them, for a preview before upload (the rest is not read; nothing is refused). */
export function previewCsv(input: string, count: number): SheetRow[] {
  const rows: SheetRow[] = [];
  if (count > 0) readCsv(input, (row) => rows.push(row) < count);
  return rows;
}

/** Characters that make a spreadsheet treat a cell as a formula; exports prefix such cells with a single quote. */
export const FORMULA_TRIGGERS = /^[=+\-@\t\r]/;

/**
 * A cell as the importer reads it: trimmed, and with the single quote that our own
 * export puts before =, +, -, @ removed again, so an export re-imports unchanged.
 */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return '';
  let s = raw;
  if (s.startsWith("'") && FORMULA_TRIGGERS.test(s.slice(1))) s = s.slice(1);
  return s.trim();
}

function normaliseHeader(raw: string): string {
  return cleanCell(raw)
    .replace(/[（(][^)）]*[)）]/g, '') // hints such as 互动功能（是/否）
    .replace(/[\s*＊:：]/g, '') // required markers and stray spaces
    .toLowerCase();
}

const HEADER_LOOKUP: Map<string, ColumnKey> = new Map([
  ...IMPORT_COLUMNS.flatMap((c) => [
    [normaliseHeader(c.zh), c.key] as const,
    [normaliseHeader(c.en), c.key] as const,
  ]),
  ...Object.entries(HEADER_ALIASES).map(([k, key]) => [normaliseHeader(k), key] as const),
]);

export function columnOfHeader(raw: string): ColumnKey | undefined {
  return HEADER_LOOKUP.get(normaliseHeader(raw));
}

const COLUMN_LABEL: Record<ColumnKey, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.zh])) as Record<ColumnKey, string>;

// ---------------------------------------------------------------------------
// Header

export interface HeaderMap {
  /** The sheet row number of the header. */
  row: number;
  /** For each cell index, the column it holds (undefined: an empty header cell). */
  columns: (ColumnKey | undefined)[];
  /** For each cell index, the heading as the file spells it (an alias, English, Chinese). */
  headings: string[];
}

/**
 * Finds the header among the first rows (a title row above it is common in 台账 files)
 * and maps its cells to columns. Unknown, duplicated or missing required headers are
 * file-level problems: the caller answers 400 and reads no row.
 */
export function readHeader(rows: readonly SheetRow[]): { header: HeaderMap } | { issues: Issue[] } {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const headerRow = candidates.find((r) => {
    const keys = new Set(r.cells.map(columnOfHeader).filter((k) => k !== undefined));
    return keys.has('platform') && keys.has('handle');
  });
  if (!headerRow) {
    return {
      issues: [
        {
          path: 'header',
          message: `未找到表头行：前 ${HEADER_SEARCH_ROWS} 行中须有包含“平台”和“账号”列的表头 (no header row with platform and handle)`,
          code: 'no_header',
          params: { rows: HEADER_SEARCH_ROWS },
        },
      ],
    };
  }
  const issues: Issue[] = [];
  const columns: (ColumnKey | undefined)[] = [];
  const headings: string[] = [];
  const seen = new Map<ColumnKey, number>();
  headerRow.cells.forEach((cell, i) => {
    const text = cleanCell(cell);
    headings.push(text);
    if (!text) {
      columns.push(undefined);
      return;
    }
    const key = columnOfHeader(text);
    if (!key) {
      issues.push({
        path: `header.${columnLetter(i)}`,
        message: `未知的列“${truncate(text, 30)}”（可用列：${EXPORT_HEADERS.join('、')}）(unknown column)`,
        code: 'unknown_column',
        params: { letter: columnLetter(i), value: truncate(text, 30) },
      });
      columns.push(undefined);
      return;
    }
    if (seen.has(key)) {
      issues.push({
        path: `header.${columnLetter(i)}`,
        message: `列“${COLUMN_LABEL[key]}”重复出现（第 ${columnLetter(seen.get(key)!)} 列和第 ${columnLetter(i)} 列）(duplicate column)`,
        code: 'duplicate_column',
        params: { heading: truncate(text, 30), first: columnLetter(seen.get(key)!), second: columnLetter(i) },
      });
    }
    seen.set(key, i);
    columns.push(key);
  });
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !seen.has(c.key)) {
      issues.push({ path: 'header', message: `缺少必填列“${c.zh}”(${c.en}) (missing required column)`, code: 'missing_column', params: { column: c.key } });
    }
  }
  return issues.length ? { issues } : { header: { row: headerRow.row, columns, headings } };
}

/** 0 → A, 25 → Z, 26 → AA: how a spreadsheet user names a column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell quoted in a message, cut to `max` characters. */
export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

// ---------------------------------------------------------------------------
// Cell rules, one per column kind

/** A cell's value, or why it is not one: the message (Chinese, the API's), its issue code and params. */
export interface CellFault {
  error: string;
  code: IssueCode;
  params: ErrorParams;
}
type Converted<T> = { value: T } | CellFault;
const fault = (error: string, code: IssueCode, params: ErrorParams = {}): CellFault => ({ error, code, params });

export function parsePlatform(cell: string): Converted<Platform> {
  const key = cell.trim().toLowerCase();
  const direct = (Object.keys(PLATFORM_NAMES) as Platform[]).find((p) => p === key || PLATFORM_NAMES[p] === cell.trim());
  const platform = direct ?? PLATFORM_ALIASES[key];
  if (platform) return { value: platform };
  return fault(
    `未知平台“${truncate(cell, 30)}”，须为 ${Object.values(PLATFORM_NAMES).join('、')} 或平台代码 ${Object.keys(PLATFORM_NAMES).join(', ')}`,
    'unknown_platform',
    { value: truncate(cell, 30), options: Object.keys(PLATFORM_NAMES).join(', ') },
  );
}

export function parseBoolean(cell: string): Converted<boolean> {
  const value = BOOLEAN_WORDS[cell.trim().toLowerCase()];
  return value === undefined ? fault(`互动功能须为 是 或 否（也可填 true/false、1/0），不能是“${truncate(cell, 20)}”`, 'not_yes_no', { value: truncate(cell, 20) }) : { value };
}

export function parseOperator(cell: string): Converted<'in_house' | 'outsourced'> {
  const value = OPERATOR_ALIASES[cell.trim().toLowerCase()];
  return value === undefined
    ? fault(`运维方式须为 自运维 或 外包（也可填 in_house/outsourced），不能是“${truncate(cell, 20)}”`, 'unknown_operator', { value: truncate(cell, 20) })
    : { value };
}

/** 2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日 (a time part is dropped) → 2026-11-27; existence is checked by the schema. */
export function parseDate(cell: string): Converted<string> {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(cell.trim());
  if (!m) return fault(`开设日期格式须为 YYYY-MM-DD（如 2026-11-27），不能是“${truncate(cell, 20)}”`, 'date_format', { value: truncate(cell, 20) });
  return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
}

const LIST_SEPARATOR = /[;；\n]/;

/** `名称|https://…;名称2|https://…` (full-width ｜ and ； also accepted). */
export function parseServiceLinks(cell: string): Converted<{ label: string; url: string }[]> {
  const items = cell.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  const out: { label: string; url: string }[] = [];
  for (const [i, item] of items.entries()) {
    const at = item.search(/[|｜]/);
    if (at < 0) return fault(`第 ${i + 1} 个服务链接须写成“名称|链接”，多个用分号分隔，不能是“${truncate(item, 40)}”`, 'service_link_format', { index: i + 1, value: truncate(item, 40) });
    out.push({ label: item.slice(0, at).trim(), url: item.slice(at + 1).trim() });
  }
  return { value: out };
}

/** Splits a multi-value cell (several contacts); trailing empty items are dropped, inner ones keep positions. */
export function splitList(cell: string): string[] {
  const parts = cell.split(LIST_SEPARATOR).map((s) => s.trim());
  while (parts.length && !parts[parts.length - 1]) parts.pop();
  return parts;
}

// ---------------------------------------------------------------------------
// Departments

export interface DepartmentRef {
  id: string;
  name: string;
  regionCode: string;
}

export interface ImportScope {
  /** The departments a cell may name (by name or id). */
  departments: readonly DepartmentRef[];
  /** Why the caller may not import for a resolved department (a message: code `not_your_department`, or a coded fault); undefined if they may. */
  denyDepartment?: (d: DepartmentRef) => string | CellFault | undefined;
  /** What a cell that matches none of `departments` is told (a message: code `unknown_department`, or a coded fault). */
  unknownDepartment?: (cell: string) => string | CellFault;
}

function departmentResolver(scope: ImportScope) {
  const byId = new Map(scope.departments.map((d) => [d.id, d]));
  const byName = new Map<string, DepartmentRef[]>();
  for (const d of scope.departments) {
    const key = d.name.trim();
    byName.set(key, [...(byName.get(key) ?? []), d]);
  }
  return (cell: string): Converted<DepartmentRef> => {
    const found = byId.get(cell) ? [byId.get(cell)!] : (byName.get(cell) ?? []);
    const value = truncate(cell, 50);
    if (found.length === 0) {
      const unknown = scope.unknownDepartment?.(cell) ?? `主办单位“${value}”不存在（请先登记主办单位，或填写其编号）`;
      return typeof unknown === 'string' ? fault(unknown, 'unknown_department', { value }) : unknown;
    }
    if (found.length > 1) {
      const places = found.map((d) => `${d.regionCode}: ${d.id}`);
      return fault(`主办单位“${value}”在多个地区都有（${places.join('；')}），请改填主办单位编号`, 'ambiguous_department', { value, ids: places.join('; ') });
    }
    const dept = found[0]!;
    const denied = scope.denyDepartment?.(dept);
    if (denied === undefined) return { value: dept };
    return typeof denied === 'string' ? fault(denied, 'not_your_department', { value }) : denied;
  };
}

// ---------------------------------------------------------------------------
// Rows

/** One problem of a row: the column it is about, the message (Chinese, for API clients), its issue code and params (shared/errors-codes.ts ISSUE_CODES). */
export interface RowError {
  field: ImportField;
  message: string;
  code: IssueCode;
  params: ErrorParams;
}

/** Where each column is in this file: its heading as spelt there and its letter (the first, if twice). */
function columnsInFile(header: HeaderMap): FileColumns {
  const where: FileColumns = {};
  header.columns.forEach((key, i) => {
    if (key && !where[key]) where[key] = { heading: header.headings[i]!, letter: columnLetter(i) };
  });
  return where;
}

export interface ParsedRow {
  /** 1-based row number in the sheet (header included), as the user sees it in Excel/WPS. */
  row: number;
  handle?: string;
  /** Set when every cell of the row is valid (in-file duplicates are checked separately). */
  input?: AccountInput;
  /** The parsed platform and handle (even when other cells fail), for duplicate and registry checks. */
  key?: { platform: Platform; handle: string };
  /** Another row of the file has the same (platform, handle). */
  duplicate?: boolean;
  errors: RowError[];
}

/** The rows, and where each column is in this file (so a report names a field's column as the user's file does). */
export type ParseResult = { rows: ParsedRow[]; columns: FileColumns } | { issues: Issue[] };
/** For each column the file has: its heading as spelt there (an alias, English or Chinese) and its letter (A, B, … AA). */
export type FileColumns = Partial<Record<ColumnKey, { heading: string; letter: string }>>;

/** `contacts.1.phone` → phone; `departmentId` → department: valibot paths back to the columns they came from. */
function fieldOfPath(path: string): ImportField {
  const [head, , leaf] = path.split('.');
  switch (head) {
    case 'departmentId':
      return 'department';
    case 'contacts':
      return leaf === 'phone' ? 'phone' : leaf === 'email' ? 'email' : 'contact';
    case 'serviceLinks':
      return 'serviceLinks';
    case 'platform':
    case 'handle':
    case 'name':
    case 'url':
    case 'verifiedSubject':
    case 'purpose':
    case 'interactionEnabled':
    case 'openedAt':
    case 'operator':
    case 'filingNumber':
      return head;
    default:
      return 'row';
  }
}

/** Which contact (from 1) a schema path is about, when the row has several; param `contact` of the error. */
function contactNumber(path: string, contacts: number): number | undefined {
  const m = /^contacts\.(\d+)\./.exec(path);
  return m && contacts > 1 ? Number(m[1]) + 1 : undefined;
}

function contactPrefix(path: string, contacts: number): string {
  const n = contactNumber(path, contacts);
  return n === undefined ? '' : `第 ${n} 位联系人：`;
}

/** One data row → an AccountInput or the reasons it is not one. */
export function parseRow(row: SheetRow, header: HeaderMap, resolveDepartment: (cell: string) => Converted<DepartmentRef>): ParsedRow {
  const cell: Partial<Record<ColumnKey, string>> = {};
  header.columns.forEach((key, i) => {
    if (!key) return;
    cell[key] = cleanCell(row.cells[i]);
    const link = row.links?.[i];
    if (key === 'url' && link && !/^https?:\/\//i.test(cell[key]) && /^https?:\/\//i.test(link)) cell[key] = link.trim();
  });
  const errors: RowError[] = [];
  const fail = (field: ImportField, message: string, code: IssueCode, params: ErrorParams = {}) => errors.push({ field, message, code, params });
  const candidate: Record<string, unknown> = {};

  for (const c of IMPORT_COLUMNS) {
    if (c.required && !cell[c.key]) fail(c.key, `${c.zh}不能为空`, 'required');
  }
  /** Converts a non-empty cell; a failure is that column's error. */
  const take = <T>(key: ColumnKey, convert: (s: string) => Converted<T>): T | undefined => {
    const raw = cell[key];
    if (!raw) return undefined;
    const out = convert(raw);
    if ('error' in out) {
      fail(key, out.error, out.code, out.params);
      return undefined;
    }
    return out.value;
  };

  const platform = take('platform', parsePlatform);
  if (platform) candidate.platform = platform;
  for (const key of ['handle', 'name', 'url', 'verifiedSubject', 'purpose'] as const) {
    if (cell[key]) candidate[key] = cell[key];
  }
  const dept = take('department', resolveDepartment);
  if (dept) candidate.departmentId = dept.id;
  const interactionEnabled = take('interactionEnabled', parseBoolean);
  if (interactionEnabled !== undefined) candidate.interactionEnabled = interactionEnabled;
  const openedAt = take('openedAt', parseDate);
  if (openedAt) candidate.openedAt = openedAt;
  const operator = take('operator', parseOperator);
  if (operator) candidate.operator = operator;
  const serviceLinks = take('serviceLinks', parseServiceLinks);
  if (serviceLinks?.length) candidate.serviceLinks = serviceLinks;
  if (cell.filingNumber) {
    if (platform && !isAppPlatform(platform)) fail('filingNumber', '备案编号只适用于移动应用和小程序 (apps and mini-programs only)', 'apps_only');
    else candidate.filingNumber = cell.filingNumber;
  }

  const names = splitList(cell.contact ?? '');
  const phones = splitList(cell.phone ?? '');
  const emails = splitList(cell.email ?? '');
  if (phones.length > Math.max(names.length, 1)) {
    fail('phone', `联系电话有 ${phones.length} 个，联系人只有 ${names.length} 位：请用分号按联系人顺序对应填写`, 'more_than_contacts', { count: phones.length, contacts: names.length });
  }
  if (emails.length > Math.max(names.length, 1)) {
    fail('email', `联系邮箱有 ${emails.length} 个，联系人只有 ${names.length} 位：请用分号按联系人顺序对应填写`, 'more_than_contacts', { count: emails.length, contacts: names.length });
  }
  if (names.length) {
    candidate.contacts = names.map((name, i) => ({
      name,
      ...(phones[i] ? { phone: phones[i] } : {}),
      ...(emails[i] ? { email: emails[i] } : {}),
    }));
  }

  // Cells whose own rule already failed are not reported twice by the schema.
  const failed = new Set(errors.map((e) => e.field));
  const result = v.safeParse(AccountInput, candidate);
  if (!result.success) {
    const seenPaths = new Set<string>();
    for (const issue of result.issues) {
      const path = v.getDotPath(issue) ?? '';
      const field = fieldOfPath(path);
      // One message per cell (and per contact): the first rule it breaks.
      if (failed.has(field) || seenPaths.has(path)) continue;
      seenPaths.add(path);
      const { code, params } = codeOf(issue);
      const contact = contactNumber(path, names.length);
      fail(field, contactPrefix(path, names.length) + issue.message, code, contact === undefined ? params : { ...params, contact });
    }
  }
  const handle = cell.handle ? truncate(cell.handle, 100) : undefined;
  const handleOk = !errors.some((e) => e.field === 'handle') && cell.handle !== undefined && cell.handle !== '';
  return {
    row: row.row,
    ...(handle !== undefined ? { handle } : {}),
    ...(platform && handleOk ? { key: { platform, handle: cell.handle! } } : {}),
    ...(result.success && errors.length === 0 ? { input: result.output } : {}),
    errors,
  };
}

/** The (platform, handle identity) that the registry's handle guard uses: case, width and look-alikes ignored. */
export const handleKey = (k: { platform: string; handle: string }) => `${k.platform}#${handleIdentity(k.handle)}`;

/**
 * The whole file: header, every data row, and (platform, handle) duplicates inside the
 * file (every occurrence is reported, naming the other rows). Pure.
 */
export function parseImport(rows: readonly SheetRow[], scope: ImportScope): ParseResult {
  const found = readHeader(rows);
  if ('issues' in found) return found;
  const { header } = found;
  const data = rows.filter((r) => r.row > header.row && r.cells.some((c) => cleanCell(c) !== ''));
  if (data.length === 0) return { issues: [{ path: '', message: '文件中没有数据行（表头下方为空）(no data rows)', code: 'no_rows', params: {} }] };
  if (data.length > IMPORT_LIMITS.maxRows) {
    return {
      issues: [
        {
          path: '',
          message: `一次最多导入 ${IMPORT_LIMITS.maxRows} 行，文件有 ${data.length} 行，请拆分后分批导入 (too many rows)`,
          code: 'too_many_rows',
          params: { max: IMPORT_LIMITS.maxRows, count: data.length },
        },
      ],
    };
  }
  const resolve = departmentResolver(scope);
  const parsed = data.map((r) => parseRow(r, header, resolve));

  const byKey = new Map<string, ParsedRow[]>();
  for (const p of parsed) {
    if (!p.key) continue;
    const k = handleKey(p.key);
    byKey.set(k, [...(byKey.get(k) ?? []), p]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      const others = group.filter((o) => o !== p).map((o) => o.row);
      p.errors.push({
        field: 'handle',
        message: `文件内重复：该平台账号在第 ${others.join('、')} 行也出现 (duplicate in file)`,
        code: 'duplicate_in_file',
        params: { rows: others.join(', ') },
      });
      p.duplicate = true;
      delete p.input;
    }
  }
  return { rows: parsed, columns: columnsInFile(header) };
}

// ---------------------------------------------------------------------------
// Export rows (the inverse of parseRow)

/** An account as one row of the template columns; `departmentName` is what the department cell shows. */
export function exportRow(a: Pick<Account, keyof AccountInput>, departmentName: string): string[] {
  const contacts = a.contacts ?? [];
  const list = (pick: (c: (typeof contacts)[number]) => string | undefined) => {
    const values = contacts.map((c) => pick(c) ?? '');
    return values.some(Boolean) ? values.join(';') : '';
  };
  const byKey: Record<ColumnKey, string> = {
    platform: PLATFORM_NAMES[a.platform] ?? a.platform,
    handle: a.handle,
    name: a.name,
    department: departmentName,
    url: a.url ?? '',
    verifiedSubject: a.verifiedSubject ?? '',
    purpose: a.purpose ?? '',
    interactionEnabled: a.interactionEnabled ? '是' : '否',
    contact: contacts.map((c) => c.name).join(';'),
    phone: list((c) => c.phone),
    email: list((c) => c.email),
    openedAt: a.openedAt ?? '',
    operator: a.operator ? OPERATOR_NAMES[a.operator] : '',
    serviceLinks: (a.serviceLinks ?? []).map((l) => `${l.label}|${l.url}`).join(';'),
    filingNumber: a.filingNumber ?? '',
  };
  return IMPORT_COLUMNS.map((c) => byKey[c.key]);
}

/** The example row of the downloadable template (delete it before importing). */
export const TEMPLATE_EXAMPLE: AccountInput = {
  platform: 'wechat',
  handle: 'chunan_fabu',
  name: '淳安发布',
  departmentId: '',
  url: 'https://mp.weixin.qq.com/',
  verifiedSubject: '中共淳安县委宣传部',
  purpose: '发布本县政务信息，提供办事服务',
  interactionEnabled: true,
  contacts: [{ name: '王敏', phone: '0571-65012345', email: 'wangmin@example.gov.cn' }],
  openedAt: '2018-06-01',
  operator: 'in_house',
  serviceLinks: [{ label: '社保查询', url: 'https://example.gov.cn/sb' }],
};
export const TEMPLATE_EXAMPLE_DEPARTMENT = '县委宣传部';

/** The template: header plus one example row. */
export function templateRows(): string[][] {
  return [[...EXPORT_HEADERS], exportRow(TEMPLATE_EXAMPLE, TEMPLATE_EXAMPLE_DEPARTMENT)];
}
