/**
 * Inspection summaries (pass rates), what-if comparisons between profiles, and
 * the report rows (通报) that functions/ writes out as CSV or XLSX.
 */
import type { Grade } from '../grading/types';
import type { Platform } from '../registry/schemas';
import { BAND_LABELS, PLATFORM_LABELS, VERDICT_LABELS, VETO_LABELS, reasonsText } from './explain';

export interface InspectedAccount {
  platform: Platform;
  departmentId: string;
  departmentName?: string;
  name?: string;
  handle?: string;
}

export type AccountsById = ReadonlyMap<string, InspectedAccount> | Readonly<Record<string, InspectedAccount>>;

export interface PassCounts {
  checked: number;
  passed: number;
  failed: number;
  /** passed / checked, rounded to 4 decimals; 0 when nothing was checked. */
  passRate: number;
}

export interface DepartmentCounts extends PassCounts {
  departmentName?: string;
}

export interface InspectionSummary extends PassCounts {
  byPlatform: Partial<Record<Platform, PassCounts>>;
  byDepartment: Record<string, DepartmentCounts>;
}

function lookup(accounts: AccountsById, id: string): InspectedAccount | undefined {
  return accounts instanceof Map ? accounts.get(id) : (accounts as Record<string, InspectedAccount>)[id];
}

const rate = (passed: number, checked: number) => (checked === 0 ? 0 : Math.round((passed / checked) * 10_000) / 10_000);

function counts(): PassCounts {
  return { checked: 0, passed: 0, failed: 0, passRate: 0 };
}

function add(c: PassCounts, pass: boolean): void {
  c.checked++;
  if (pass) c.passed++;
  else c.failed++;
}

/**
 * Pass counts overall, by platform and by department. A result whose account
 * is missing from `accountsById` counts in the totals only. Keys are sorted so
 * the output is stable.
 */
export function summarizeInspection(results: readonly Grade[], accountsById: AccountsById): InspectionSummary {
  const total = counts();
  const byPlatform = new Map<Platform, PassCounts>();
  const byDepartment = new Map<string, DepartmentCounts>();
  for (const g of results) {
    const pass = g.verdict === 'pass';
    add(total, pass);
    const a = lookup(accountsById, g.accountId);
    if (!a) continue;
    let p = byPlatform.get(a.platform);
    if (!p) byPlatform.set(a.platform, (p = counts()));
    add(p, pass);
    let d = byDepartment.get(a.departmentId);
    if (!d) byDepartment.set(a.departmentId, (d = { ...counts(), ...(a.departmentName ? { departmentName: a.departmentName } : {}) }));
    add(d, pass);
  }
  const finish = <T extends PassCounts>(c: T): T => ({ ...c, passRate: rate(c.passed, c.checked) });
  return {
    ...finish(total),
    byPlatform: Object.fromEntries([...byPlatform.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, c]) => [k, finish(c)])),
    byDepartment: Object.fromEntries([...byDepartment.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, c]) => [k, finish(c)])),
  };
}

export interface VerdictChange {
  accountId: string;
  from: { verdict: Grade['verdict']; score: number | null; band: Grade['band']; vetoes: Grade['vetoes'][number]['code'][] };
  to: { verdict: Grade['verdict']; score: number | null; band: Grade['band']; vetoes: Grade['vetoes'][number]['code'][] };
}

export interface ProfileComparison {
  /** Accounts graded under both. */
  compared: number;
  /** pass under A, fail under B. */
  newlyFailing: VerdictChange[];
  /** fail under A, pass under B. */
  newlyPassing: VerdictChange[];
  unchanged: number;
  /** Accounts graded under only one of the two. */
  onlyInA: string[];
  onlyInB: string[];
  passRateA: number;
  passRateB: number;
}

/**
 * What-if: the same accounts graded under profile A (usually the one in
 * force) and profile B (a candidate). Lists the accounts whose verdict
 * changes, sorted by account id.
 */
export function compareProfiles(gradesA: readonly Grade[], gradesB: readonly Grade[]): ProfileComparison {
  const a = new Map(gradesA.map((g) => [g.accountId, g]));
  const b = new Map(gradesB.map((g) => [g.accountId, g]));
  const short = (g: Grade) => ({ verdict: g.verdict, score: g.score, band: g.band, vetoes: g.vetoes.map((v) => v.code) });
  const newlyFailing: VerdictChange[] = [];
  const newlyPassing: VerdictChange[] = [];
  let compared = 0;
  let passA = 0;
  let passB = 0;
  const ids = [...a.keys()].sort();
  for (const id of ids) {
    const gb = b.get(id);
    if (!gb) continue;
    const ga = a.get(id)!;
    compared++;
    if (ga.verdict === 'pass') passA++;
    if (gb.verdict === 'pass') passB++;
    if (ga.verdict === gb.verdict) continue;
    const change = { accountId: id, from: short(ga), to: short(gb) };
    (gb.verdict === 'fail' ? newlyFailing : newlyPassing).push(change);
  }
  return {
    compared,
    newlyFailing,
    newlyPassing,
    unchanged: compared - newlyFailing.length - newlyPassing.length,
    onlyInA: ids.filter((id) => !b.has(id)),
    onlyInB: [...b.keys()].filter((id) => !a.has(id)).sort(),
    passRateA: rate(passA, compared),
    passRateB: rate(passB, compared),
  };
}

/** One row of the pass-rate sheet. */
export interface PassRateRow {
  dimension: 'total' | 'platform' | 'department';
  key: string;
  label: string;
  checked: number;
  passed: number;
  failed: number;
  passRate: number;
}

/** One row of the failed-accounts sheet (and of the full results sheet). */
export interface ResultRow {
  accountId: string;
  accountName: string;
  platform: string;
  department: string;
  verdict: string;
  score: number | null;
  band: string;
  vetoes: string;
  reasons: string;
}

/** Column headers in Chinese for each row type, in output order. */
export const PASS_RATE_COLUMNS: readonly { key: keyof PassRateRow; header: string }[] = [
  { key: 'dimension', header: '维度' },
  { key: 'label', header: '名称' },
  { key: 'checked', header: '检查数' },
  { key: 'passed', header: '合格数' },
  { key: 'failed', header: '不合格数' },
  { key: 'passRate', header: '合格率' },
];

export const RESULT_COLUMNS: readonly { key: keyof ResultRow; header: string }[] = [
  { key: 'accountName', header: '账号名称' },
  { key: 'platform', header: '平台' },
  { key: 'department', header: '主办单位' },
  { key: 'verdict', header: '结论' },
  { key: 'score', header: '得分' },
  { key: 'band', header: '等次' },
  { key: 'vetoes', header: '否决项' },
  { key: 'reasons', header: '问题及依据' },
  { key: 'accountId', header: '账号编号' },
];

/** The pass-rate sheet's dimensions in words (its `dimension` column never shows the English key). */
export const DIMENSION_LABELS = { total: '合计', platform: '平台', department: '主办单位' } as const;

/**
 * The report (通报) as plain rows: pass rates (total, by platform, by
 * department) and the failed accounts with their reasons in plain Chinese.
 * `all` holds every result, for a full annex. The web UI and the CSV/XLSX
 * writer in functions/ render these; `dimension` is the English key,
 * {@link PASS_RATE_COLUMNS} the Chinese headers.
 */
export function inspectionReportRows(
  results: readonly Grade[],
  accountsById: AccountsById,
): { passRates: PassRateRow[]; failed: ResultRow[]; all: ResultRow[] } {
  const s = summarizeInspection(results, accountsById);
  const passRates: PassRateRow[] = [
    { dimension: 'total', key: 'total', label: DIMENSION_LABELS.total, checked: s.checked, passed: s.passed, failed: s.failed, passRate: s.passRate },
  ];
  for (const [platform, c] of Object.entries(s.byPlatform) as [Platform, PassCounts][])
    passRates.push({ dimension: 'platform', key: platform, label: PLATFORM_LABELS[platform] ?? platform, ...c });
  for (const [dept, c] of Object.entries(s.byDepartment))
    passRates.push({
      dimension: 'department',
      key: dept,
      label: c.departmentName ?? dept,
      checked: c.checked,
      passed: c.passed,
      failed: c.failed,
      passRate: c.passRate,
    });
  const all = [...results]
    .sort((x, y) => (x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0))
    .map((g): ResultRow => {
      const a = lookup(accountsById, g.accountId);
      return {
        accountId: g.accountId,
        accountName: a?.name ?? g.accountId,
        platform: a ? (PLATFORM_LABELS[a.platform] ?? a.platform) : '',
        department: a?.departmentName ?? a?.departmentId ?? '',
        verdict: VERDICT_LABELS[g.verdict],
        score: g.score,
        band: BAND_LABELS[g.band],
        vetoes: g.vetoes.map((v) => VETO_LABELS[v.code]).join('、'),
        reasons: reasonsText(g),
      };
    });
  const failedIds = new Set(results.filter((g) => g.verdict === 'fail').map((g) => g.accountId));
  return { passRates, failed: all.filter((r) => failedIds.has(r.accountId)), all };
}

/** Formats a pass rate for a report cell: 0.8333 → "83.33%". */
export function formatPassRate(rate: number): string {
  return `${(Math.round(rate * 10_000) / 100).toFixed(2)}%`;
}
