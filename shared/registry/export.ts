import type { Principal } from '../auth/principal';
import { scopeDepartmentId } from '../auth/scope';
import { beijingDate, daysBetween } from '../time';
import { EXPORT_HEADERS, exportRow } from './import-parser';
import { listAccounts, type RegistryListPorts } from './lists';
import type { Account, AccountQuery, AccountStatus, Department, FlagType } from './schemas';
import { BAND_LABELS, VERDICT_LABELS } from '../inspection/explain';

/**
 * GET /accounts/export: the registry as the screen lists it (issue 15, "Lists and tables").
 *
 * The same filters and visibility as `GET /accounts` (region, department, platform, status,
 * flag, q), so the file holds exactly the accounts the screen shows. The columns are the
 * import template's (an export can be edited and imported again); with `columns=full`
 * (what the registry screen asks for) the registry's state follows them: status, flags,
 * latest grade, last post and days since the last post (未更新天数). Pure apart from the
 * ports; "today" comes from the caller's clock.
 */

/** The account statuses as the export writes them (the web app's zh-CN labels). */
export const ACCOUNT_STATUS_NAMES_ZH: Record<AccountStatus, string> = {
  opening_pending: '待开设审批',
  active: '正常',
  closure_pending: '关停审批中',
  announcing: '停更公告中',
  closed: '已关停',
};

/** The flags as the export writes them (the web app's zh-CN labels). */
export const FLAG_NAMES_ZH: Record<FlagType, string> = {
  stale: '即将断更',
  dormant: '长期未更新',
  zombie: '僵尸账号',
  off_mission: '内容偏离职能',
  suspected_fake_engagement: '疑似数据造假',
  duplicate: '重复/相似账号',
  internal_division: '内设机构账号',
  naming_mismatch: '命名或认证不符',
  unfiled_change: '变更未备案',
  needs_review: '需复核',
  rectification_overdue: '整改逾期',
  unfiled_app: '应用未备案',
  banned_app_feature: '含违规功能',
};

/** The registry-state columns that follow the template's with `columns=full`. */
export const STATE_HEADERS = ['状态', '标记', '最近评分', '最近发布', '未更新天数'] as const;

export type ExportColumns = 'template' | 'full';

export function exportHeaders(columns: ExportColumns = 'template'): string[] {
  return columns === 'full' ? [...EXPORT_HEADERS, ...STATE_HEADERS] : [...EXPORT_HEADERS];
}

/**
 * Whole calendar days (Beijing dates) from the last post to `today`; null when the account has
 * never posted. A post today is 0.
 */
export function daysSinceLastPost(lastPostAt: string | undefined, today: string): number | null {
  if (!lastPostAt) return null;
  return Math.max(0, daysBetween(beijingDate(lastPostAt), today));
}

/** 「85（良好）」, a veto 「不合格（单项否决）」, none yet 「」. */
export function gradeCell(g: Account['latestGrade']): string {
  if (!g) return '';
  if (g.score === null) return `${VERDICT_LABELS[g.verdict]}（单项否决）`;
  return `${Number(g.score.toFixed(1))}（${BAND_LABELS[g.band]}）`;
}

/** The registry-state cells of one account (the order of STATE_HEADERS). */
export function stateCells(a: Pick<Account, 'status' | 'flags' | 'latestGrade' | 'lastPostAt'>, today: string): string[] {
  const days = daysSinceLastPost(a.lastPostAt, today);
  return [
    ACCOUNT_STATUS_NAMES_ZH[a.status] ?? a.status,
    (a.flags ?? []).map((f) => FLAG_NAMES_ZH[f.type] ?? f.type).join('、'),
    gradeCell(a.latestGrade),
    a.lastPostAt ? beijingDate(a.lastPostAt) : '从未发布',
    days === null ? '' : String(days),
  ];
}

/** One account as a row of the export's columns. */
export function registryExportRow(a: Account, departmentName: string, today: string, columns: ExportColumns = 'template'): string[] {
  const row = exportRow(a, departmentName);
  return columns === 'full' ? [...row, ...stateCells(a, today)] : row;
}

export type RegistryExportQuery = Omit<AccountQuery, 'limit' | 'cursor'> & { columns?: ExportColumns };

export type RegistryExportPorts = RegistryListPorts;

const PAGE = 500;

/**
 * Every account `GET /accounts` lists for the same query (all its pages), as rows of the
 * export's columns with the department names, and the region that names the file.
 */
export async function registryExport(
  q: RegistryExportQuery,
  actor: Principal,
  ports: RegistryExportPorts,
  today: string,
): Promise<{ region: string; header: string[]; rows: string[][] }> {
  const columns = q.columns ?? 'template';
  const { columns: _columns, ...listQuery } = q;
  const accounts: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAccounts({ ...listQuery, limit: PAGE, cursor }, actor, ports);
    accounts.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);

  // Each department read once (a region of 40 units: 40 reads, however many accounts).
  const read = new Map<string, Promise<Department | undefined>>();
  const department = (id: string) => {
    let d = read.get(id);
    if (!d) read.set(id, (d = ports.departments.get(id)));
    return d;
  };
  const rows = await Promise.all(accounts.map(async (a) => registryExportRow(a, (await department(a.departmentId))?.name ?? a.departmentId, today, columns)));
  // The file is named after the region asked for, else the scope's department's, else the caller's.
  const scoped = scopeDepartmentId(actor, q);
  const region = q.region ?? (scoped === undefined ? undefined : (await department(scoped))?.regionCode) ?? actor.region;
  return { region, header: exportHeaders(columns), rows };
}
