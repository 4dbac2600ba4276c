/**
 * The new-media section of the 政府网站与政务新媒体工作年度报表 (capability 11; API.md
 * "Yearly duties"; docs/annual-report.md lists every field and its source): plain functions
 * over plain data, no I/O. The loader (shared/reports/service.ts) reads the registry, the
 * activity and the inspections of the year; the renderers (functions/documents) lay it out.
 *
 * Every date is a Beijing date: a post at 23:30 on 31 December Beijing time (15:30 UTC) is in
 * that year, one at 00:30 on 1 January (16:30 UTC on 31 December) is in the next.
 */
import type { Platform } from '../registry/schemas';
import { PLATFORM_NAMES_ZH, PLATFORMS } from '../registry/schemas';
import { beijingDate } from '../time';

/** Report years the product accepts: from the 2019 template's first year to the year after the clock's. */
export const FIRST_REPORT_YEAR = 2019;

/** What one account contributes, as the loader read it. */
export interface AnnualAccountInput {
  account: {
    id: string;
    platform: Platform;
    name: string;
    handle: string;
    departmentId: string;
    regionCode: string;
    status: string;
    openedAt?: string;
    createdAt: string;
    closedAt?: string;
  };
  departmentName: string;
  /** Posts published in the year (the loader's UTC window; counted again here by Beijing date). */
  posts: readonly { publishedAt: string; isRepost?: boolean; classification?: { category: string } }[];
  /** Metric snapshots up to the year's end (any order); counters are cumulative (messagesReceived/Answered). */
  metrics: readonly { at: string; followers?: number; messagesReceived?: number; messagesAnswered?: number }[];
  /** The account's grades in the inspections whose check date is in the year. */
  grades: readonly { inspectionId: string; checkDate: string; verdict: 'pass' | 'fail'; score: number | null }[];
}

export interface AnnualInspectionResult {
  /** Times graded in the year's inspections. */
  checked: number;
  passed: number;
  failed: number;
  /** The grade of the year's last inspection of this account, or null when it was not inspected. */
  latest: { checkDate: string; verdict: 'pass' | 'fail'; score: number | null } | null;
}

export interface AnnualRow {
  accountId: string;
  platform: Platform;
  platformName: string;
  name: string;
  handle: string;
  departmentId: string;
  department: string;
  /** 信息发布总数: posts published in the year (Beijing dates). */
  posts: number;
  /** 其中：原创量: those not marked as reposts. */
  originalPosts: number;
  /** 其中：服务类: those the content checker classified as service. */
  servicePosts: number;
  /** Messages received and answered in the year (counter at year end minus counter before it); null: no snapshot. */
  messagesReceived: number | null;
  messagesAnswered: number | null;
  /** 关注量/订阅数 at the year's end: the newest snapshot on or before 31 December; null: none. */
  followersAtYearEnd: number | null;
  openedInYear: boolean;
  closedInYear: boolean;
  /** Operating on 31 December (opened by then, not closed by then). */
  operatingAtYearEnd: boolean;
  inspection: AnnualInspectionResult;
}

export interface PlatformTotals {
  platform: Platform;
  platformName: string;
  accounts: number;
  names: string[];
  posts: number;
  originalPosts: number;
  followersAtYearEnd: number;
}

export interface AnnualTotals {
  accounts: number;
  operatingAtYearEnd: number;
  posts: number;
  originalPosts: number;
  servicePosts: number;
  messagesReceived: number;
  messagesAnswered: number;
  followersAtYearEnd: number;
  openings: number;
  closures: number;
  /** Distinct inspections of the year that graded at least one of the rows. */
  inspections: number;
  checked: number;
  passed: number;
  failed: number;
  /** passed / checked, two decimals; null when nothing was checked. */
  passRate: number | null;
}

export interface AnnualReport {
  regionCode: string;
  /** The region's name read from its departments' names (shared/documents/official.ts regionNameOf), or null. */
  regionName: string | null;
  year: number;
  /** The Beijing dates the figures cover. */
  period: { from: string; to: string };
  generatedAt: string;
  totals: AnnualTotals;
  /** Per platform, in the registry's platform order (the template's 微博, 微信 and 其他 are read from these). */
  byPlatform: PlatformTotals[];
  rows: AnnualRow[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The UTC window of a Beijing year: [yyyy-01-01T00:00+08:00, (yyyy+1)-01-01T00:00+08:00). */
export function beijingYearWindow(year: number): { fromUtc: string; toUtc: string } {
  const start = (y: number) => new Date(Date.UTC(y, 0, 1) - 8 * 3_600_000).toISOString();
  return { fromUtc: start(year), toUtc: start(year + 1) };
}

/** Is an instant in the Beijing year? */
export function inBeijingYear(instant: string, year: number): boolean {
  return yearOf(beijingDate(instant)) === year;
}

/** The Beijing date an account opened: its recorded opening date, else the day it was registered. */
export function openingDate(a: AnnualAccountInput['account']): string {
  return a.openedAt ?? beijingDate(a.createdAt);
}

/**
 * Does the account belong in the year's report: opened on or before 31 December, not closed
 * before 1 January, and not an opening still waiting for approval.
 */
export function reportedInYear(a: AnnualAccountInput['account'], year: number): boolean {
  if (a.status === 'opening_pending') return false;
  if (yearOf(openingDate(a)) > year) return false;
  if (a.closedAt && yearOf(beijingDate(a.closedAt)) < year) return false;
  return true;
}

type Counter = 'messagesReceived' | 'messagesAnswered';

/**
 * A cumulative counter's increase over the year: its newest reading before the year's end
 * minus its newest reading before the year began. Without a reading before the year, the
 * baseline is 0 for an account opened in the year and the year's first reading otherwise (what
 * came before the first reading is not known). null when the year has no reading at all.
 */
export function counterInYear(metrics: AnnualAccountInput['metrics'], field: Counter, year: number, openedInYear: boolean): number | null {
  const readings = metrics
    .filter((m) => m[field] !== undefined)
    .map((m) => ({ y: yearOf(beijingDate(m.at)), ms: Date.parse(m.at), value: m[field]! }))
    .filter((r) => r.y <= year)
    .sort((a, b) => a.ms - b.ms);
  const inYear = readings.filter((r) => r.y === year);
  const last = inYear.at(-1);
  if (!last) return null;
  const before = readings.filter((r) => r.y < year).at(-1);
  const baseline = before ? before.value : openedInYear ? 0 : inYear[0]!.value;
  return Math.max(0, last.value - baseline);
}

/** Followers on the newest snapshot dated on or before 31 December (Beijing); null when there is none. */
export function followersAtYearEnd(metrics: AnnualAccountInput['metrics'], year: number): number | null {
  const last = metrics
    .filter((m) => m.followers !== undefined && yearOf(beijingDate(m.at)) <= year)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .at(-1);
  return last ? last.followers! : null;
}

export function inspectionResult(grades: AnnualAccountInput['grades'], year: number): AnnualInspectionResult {
  const ofYear = grades.filter((g) => yearOf(g.checkDate) === year).sort((a, b) => (a.checkDate < b.checkDate ? -1 : a.checkDate > b.checkDate ? 1 : 0));
  const passed = ofYear.filter((g) => g.verdict === 'pass').length;
  const last = ofYear.at(-1);
  return { checked: ofYear.length, passed, failed: ofYear.length - passed, latest: last ? { checkDate: last.checkDate, verdict: last.verdict, score: last.score } : null };
}

/** One account's row of the year. */
export function annualRow(input: AnnualAccountInput, year: number): AnnualRow {
  const a = input.account;
  const posts = input.posts.filter((p) => inBeijingYear(p.publishedAt, year));
  const openedInYear = yearOf(openingDate(a)) === year;
  const closedInYear = a.closedAt !== undefined && inBeijingYear(a.closedAt, year);
  const closedByYearEnd = a.closedAt !== undefined && yearOf(beijingDate(a.closedAt)) <= year;
  return {
    accountId: a.id,
    platform: a.platform,
    platformName: PLATFORM_NAMES_ZH[a.platform],
    name: a.name,
    handle: a.handle,
    departmentId: a.departmentId,
    department: input.departmentName,
    posts: posts.length,
    originalPosts: posts.filter((p) => !p.isRepost).length,
    servicePosts: posts.filter((p) => p.classification?.category === 'service').length,
    messagesReceived: counterInYear(input.metrics, 'messagesReceived', year, openedInYear),
    messagesAnswered: counterInYear(input.metrics, 'messagesAnswered', year, openedInYear),
    followersAtYearEnd: followersAtYearEnd(input.metrics, year),
    openedInYear,
    closedInYear,
    operatingAtYearEnd: !closedByYearEnd,
    inspection: inspectionResult(input.grades, year),
  };
}

const sum = (rows: readonly AnnualRow[], pick: (r: AnnualRow) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);

/** The region's totals: each one the sum of the rows' figures (an unknown figure counts 0). */
export function annualTotals(rows: readonly AnnualRow[], inspections: number): AnnualTotals {
  const checked = sum(rows, (r) => r.inspection.checked);
  const passed = sum(rows, (r) => r.inspection.passed);
  return {
    accounts: rows.length,
    operatingAtYearEnd: rows.filter((r) => r.operatingAtYearEnd).length,
    posts: sum(rows, (r) => r.posts),
    originalPosts: sum(rows, (r) => r.originalPosts),
    servicePosts: sum(rows, (r) => r.servicePosts),
    messagesReceived: sum(rows, (r) => r.messagesReceived),
    messagesAnswered: sum(rows, (r) => r.messagesAnswered),
    followersAtYearEnd: sum(rows, (r) => r.followersAtYearEnd),
    openings: rows.filter((r) => r.openedInYear).length,
    closures: rows.filter((r) => r.closedInYear).length,
    inspections,
    checked,
    passed,
    failed: sum(rows, (r) => r.inspection.failed),
    passRate: checked ? Math.round((passed / checked) * 10_000) / 100 : null,
  };
}

/** The template's per-platform block (微博, 微信, and each other platform): names, posts, original posts, followers. */
export function platformTotals(rows: readonly AnnualRow[]): PlatformTotals[] {
  return PLATFORMS.flatMap((platform) => {
    const of = rows.filter((r) => r.platform === platform);
    if (!of.length) return [];
    return [
      {
        platform,
        platformName: PLATFORM_NAMES_ZH[platform],
        accounts: of.length,
        names: of.map((r) => r.name),
        posts: sum(of, (r) => r.posts),
        originalPosts: sum(of, (r) => r.originalPosts),
        followersAtYearEnd: sum(of, (r) => r.followersAtYearEnd),
      },
    ];
  });
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report of a region and a year: one row per account reported in the year (ordered by
 * department, platform, name), the totals over the rows, the per-platform blocks.
 */
export function annualReport(input: {
  regionCode: string;
  regionName: string | null;
  year: number;
  generatedAt: string;
  accounts: readonly AnnualAccountInput[];
}): AnnualReport {
  const { year } = input;
  const rows = input.accounts
    .filter((a) => reportedInYear(a.account, year))
    .map((a) => annualRow(a, year))
    .sort((a, b) => byText(a.department, b.department) || PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) || byText(a.name, b.name) || byText(a.accountId, b.accountId));
  const reported = new Set(rows.map((r) => r.accountId));
  const inspections = new Set(input.accounts.filter((a) => reported.has(a.account.id)).flatMap((a) => a.grades.filter((g) => yearOf(g.checkDate) === year).map((g) => g.inspectionId)));
  return {
    regionCode: input.regionCode,
    regionName: input.regionName,
    year,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    generatedAt: input.generatedAt,
    totals: annualTotals(rows, inspections.size),
    byPlatform: platformTotals(rows),
    rows,
  };
}

/** The year whose report is due in January of the clock's year (the year before), and whether it is January (Beijing). */
export function reportDue(now: string): { year: number; january: boolean } {
  const today = beijingDate(now);
  return { year: yearOf(today) - 1, january: today.slice(5, 7) === '01' };
}

/** Latest report year one may ask for at `now`: the current Beijing year (a report of the year so far). */
export function latestReportYear(now: string): number {
  return yearOf(beijingDate(now));
}
