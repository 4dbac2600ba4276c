/**
 * GET /reports/annual: loads what the year's report is computed from (registry, activity,
 * inspections of the year) for the region roles of the region (the one list scope,
 * shared/auth/scope.ts), computes it (./annual.ts), and records an XLSX or DOCX export (which
 * withdraws the January reminder, ./reminder.ts).
 */
import type { Page } from '../page';
import type { Principal } from '../auth/principal';
import { regionContains, regionPrefix } from '../auth/principal';
import { listScope } from '../auth/scope';
import { Forbidden, InvalidInput } from '../errors';
import type { Grade } from '../grading/types';
import type { Clock } from '../clock-and-ids';
import type { Account, Department } from '../registry/schemas';
import type { MetricSnapshot, Post } from '../activity/schemas';
import { regionNameOf } from '../documents/official';
import { publishEvents, type SupervisionPorts } from '../supervision/service';
import { beijingDate } from '../time';
import { annualReport, beijingYearWindow, latestReportYear, reportedInYear, type AnnualAccountInput, type AnnualReport } from './annual';
import type { AnnualFormat } from './schemas';
import { annualReminderEvent, annualReminderId } from './reminder';


/** An XLSX or DOCX export of a region's report of a year (the first one is kept; later ones count). */
export interface AnnualExport {
  regionCode: string;
  year: number;
  format: Exclude<AnnualFormat, 'json'>;
  at: string;
  by: { sub: string; name?: string };
}

export interface AnnualExportStore {
  /** Records an export; true when it was the first of that region and year. */
  record(e: AnnualExport): Promise<boolean>;
  /** The first export of a region's report of a year, if any. */
  first(regionCode: string, year: number): Promise<AnnualExport | undefined>;
}

export interface AnnualReportPorts {
  accounts: { allInRegion(regionPrefix: string): Promise<Account[]> };
  departments: { listAll(regionPrefix: string): Promise<Department[]> };
  activity: {
    postsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<Post[]>;
    metricsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<MetricSnapshot[]>;
  };
  inspections: {
    listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<{ id: string; regionCode: string; checkDate: string; createdAt: string; status?: string }>>;
    get(id: string): Promise<{ results: Grade[] } | undefined>;
  };
  exports: AnnualExportStore;
  /** Withdraws a notification from its audience's list (the reminder, once exported). */
  notifications: { withdraw(id: string, at: string): Promise<boolean> };
  clock: Clock;
}

const LOAD_CONCURRENCY = 8;

const REGION_ROLES_ONLY = '只有本地区的管理部门可以生成年度报表 (region roles only)';

/** The region a caller may report on: the region roles of it or of a region containing it. */
export function annualReportRegion(actor: Principal, region: string | undefined): string {
  const scope = listScope(actor, { region });
  if (scope.kind !== 'region') throw new Forbidden(REGION_ROLES_ONLY);
  return scope.region;
}

function checkYear(year: number, now: string): void {
  const latest = latestReportYear(now);
  if (year > latest) throw new InvalidInput([{ path: 'year', code: 'out_of_range', message: `year 不能晚于 ${latest}（尚未到来的年度没有报表）`, params: { max: latest } }]);
}

/** Inspections whose scope overlaps the region (inside it, or a region containing it) with a check date in the year. */
async function inspectionsOfYear(region: string, year: number, ports: AnnualReportPorts): Promise<string[]> {
  const ids: string[] = [];
  const yearStart = beijingYearWindow(year).fromUtc;
  let cursor: string | undefined;
  do {
    const page = await ports.inspections.listInRegion(region.slice(0, 2), 100, cursor);
    for (const h of page.items) {
      const overlaps = regionContains(region, h.regionCode) || regionContains(h.regionCode, region);
      const done = h.status === undefined || h.status === 'done';
      if (overlaps && done && h.checkDate.startsWith(`${year}-`)) ids.push(h.id);
    }
    // Newest first by creation: one created before the year cannot check a date in it.
    const oldest = page.items.at(-1);
    cursor = page.cursor && oldest && oldest.createdAt >= yearStart ? page.cursor : undefined;
  } while (cursor);
  return ids;
}

/** The year's report of a region, computed at the clock's now. */
export async function annualReportOf(q: { region?: string; year: number }, actor: Principal, ports: AnnualReportPorts): Promise<AnnualReport> {
  const region = annualReportRegion(actor, q.region);
  const now = ports.clock.now();
  checkYear(q.year, now);
  const prefix = regionPrefix(region);
  const [accounts, departments, inspectionIds] = await Promise.all([ports.accounts.allInRegion(prefix), ports.departments.listAll(prefix), inspectionsOfYear(region, q.year, ports)]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const reported = accounts.filter((a) => reportedInYear(a, q.year));
  const ids = new Set(reported.map((a) => a.id));

  const grades = new Map<string, AnnualAccountInput['grades'][number][]>();
  for (const id of inspectionIds) {
    const inspection = await ports.inspections.get(id);
    for (const g of inspection?.results ?? []) {
      if (!ids.has(g.accountId)) continue;
      const list = grades.get(g.accountId) ?? [];
      list.push({ inspectionId: id, checkDate: g.checkDate, verdict: g.verdict, score: g.score });
      grades.set(g.accountId, list);
    }
  }

  const { fromUtc, toUtc } = beijingYearWindow(q.year);
  // Counter baselines come from the year before (docs/annual-report.md): older snapshots are not read.
  const baselineFrom = beijingYearWindow(q.year - 1).fromUtc;
  const inputs: AnnualAccountInput[] = [];
  // Eight accounts at a time: a county's few hundred accounts in a few seconds, without a burst on the table.
  for (let i = 0; i < reported.length; i += LOAD_CONCURRENCY) {
    const batch = reported.slice(i, i + LOAD_CONCURRENCY);
    const loaded = await Promise.all(
      batch.map(async (a) => {
        const [posts, metrics] = await Promise.all([ports.activity.postsBetween(a.id, fromUtc, toUtc), ports.activity.metricsBetween(a.id, baselineFrom, toUtc)]);
        return { account: a, departmentName: names.get(a.departmentId) ?? a.departmentId, posts, metrics, grades: grades.get(a.id) ?? [] };
      }),
    );
    inputs.push(...loaded);
  }
  return annualReport({ regionCode: region, regionName: regionNameOf(departments.map((d) => d.name)), year: q.year, generatedAt: now, accounts: inputs });
}

/** After an XLSX or DOCX was produced: the export is recorded and the January reminder of that year withdrawn. */
export async function recordAnnualExport(report: Pick<AnnualReport, 'regionCode' | 'year'>, format: Exclude<AnnualFormat, 'json'>, actor: Principal, ports: Pick<AnnualReportPorts, 'exports' | 'notifications' | 'clock'>): Promise<void> {
  const at = ports.clock.now();
  await ports.exports.record({ regionCode: report.regionCode, year: report.year, format, at, by: { sub: actor.sub, ...(actor.name ? { name: actor.name } : {}) } });
  await ports.notifications.withdraw(annualReminderId(report.regionCode, report.year), at);
}

/**
 * The sweep's part: in January, the office of each region holding accounts is reminded of
 * the year before's report, once, unless it has been exported.
 */
export async function remindAnnualReports(
  regionCodes: Iterable<string>,
  ports: Pick<AnnualReportPorts, 'exports' | 'clock'> & Pick<SupervisionPorts, 'notifications' | 'onPublished'>,
): Promise<number> {
  const now = ports.clock.now();
  if (beijingDate(now).slice(5, 7) !== '01') return 0;
  let notified = 0;
  for (const region of new Set(regionCodes)) {
    const year = Number(beijingDate(now).slice(0, 4)) - 1;
    const exported = (await ports.exports.first(region, year)) !== undefined;
    const event = annualReminderEvent(region, now, exported);
    if (event) notified += await publishEvents([event], ports);
  }
  return notified;
}
