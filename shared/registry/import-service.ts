import type { AuditEntry } from '../audit/audit';
import { auditEntry } from '../audit/audit';
import { canActAs, hasRole, type Principal } from '../auth/principal';
import { listScope, OUTSIDE_REGION, scopeDepartmentId } from '../auth/scope';
import { Forbidden, InvalidInput } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { FlagPlanner } from './registry';
import { newAccount } from './new-account';
import { handleKey, parseImport, type FileColumns, PLATFORM_NAMES, truncate, type ImportScope, type ParsedRow, type RowError, type SheetRow } from './import-parser';
import type { Account, Department } from './schemas';

/**
 * Bulk import of the registry (台账), over ports like registry.ts: no I/O of its own (the
 * export's rows are built in ./export.ts). `importAccounts` reads the rows with the pure parser (./import-parser.ts), checks the
 * handles against the registry and writes all or nothing through the import's reservation
 * protocol.
 */

export interface ImportAccountStore {
  /** The given (platform, handle) pairs that are taken (as registered or reserved by a running import). */
  takenHandles(pairs: readonly { platform: string; handle: string }[]): Promise<{ platform: string; handle: string }[]>;
  /**
   * All or nothing: every account with its handle guard and audit entry, then the import's
   * own audit entry. If a handle is taken by then, nothing is written and the indices of the
   * entries that lost are returned.
   */
  createAll(entries: readonly { account: Account; audit: AuditEntry }[], importAudit: AuditEntry): Promise<{ taken: number[] }>;
}

export interface ImportDepartmentStore {
  get(id: string): Promise<Department | undefined>;
  listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<{ items: Department[]; cursor: string | null }>;
}

export interface ImportPorts {
  departments: ImportDepartmentStore;
  /** The import's reservation protocol over the handle guards (functions/store/account-imports.ts). */
  imports: ImportAccountStore;
  clock: Clock;
  ids: IdGenerator;
  /** Registry-derived flags of the new accounts and their siblings, as for one registration (RegistryPorts.flagPlanner). */
  flagPlanner?: FlagPlanner;
}

export interface ImportReportRow {
  row: number;
  status: 'ok' | 'error' | 'written';
  handle?: string;
  accountId?: string;
  errors: RowError[];
}

export interface ImportReport {
  /** Set when the import was written: its audit trail is `GET /audit-log?entity=import:<id>`. */
  importId?: string;
  total: number;
  valid: number;
  invalid: number;
  written: number;
  dryRun: boolean;
  rows: ImportReportRow[];
  /** Each column of the file by field: its heading as the file spells it and its letter, so an error at `openedAt` reads as the user's 「开设日期」 (L). */
  columns: FileColumns;
}

export interface ImportOptions {
  region?: string;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
}

const WRITE_ROLES = ['office', 'admin', 'editor'] as const;

export async function allDepartmentsInRegion(store: ImportDepartmentStore, prefix: string): Promise<Department[]> {
  const out: Department[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listInRegion(prefix, 500, cursor);
    out.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Which departments the caller may import for, and what a row for any other one is told. The
 * region is the one list scope (shared/auth/scope.ts) of the caller's writing roles (office,
 * admin, editor): an office or admin imports over its region, an editor for their own
 * department; unlike a list, a region that holds nothing the caller may write is 403.
 */
async function importScope(actor: Principal, region: string, ports: ImportPorts): Promise<ImportScope> {
  const writer: Principal = { ...actor, roles: actor.roles.filter((r) => (WRITE_ROLES as readonly string[]).includes(r)) };
  if (!writer.roles.length) throw new Forbidden('只有管理部门或运维人员可以导入账号 (office, admin or editor required)');
  const departmentId = scopeDepartmentId(writer, { region });
  const own = departmentId === undefined ? undefined : await ports.departments.get(departmentId);
  const scope = listScope(writer, { region }, own);
  if (scope.kind === 'region') {
    const departments = await allDepartmentsInRegion(ports.departments, scope.regionPrefix);
    return {
      departments,
      denyDepartment: (d) => (canActAs(actor, WRITE_ROLES, d) ? undefined : '无权为该主办单位导入账号 (not in your scope)'),
    };
  }
  if (scope.kind === 'department' && own) {
    // An editor resolves names against their own department only, so other departments' existence is not revealed.
    return {
      departments: [own],
      unknownDepartment: (cell) => ({
        error: `只能导入本单位（${own.name}）的账号，“${truncate(cell, 50)}”不是本单位 (editors import only for their own department)`,
        code: 'not_own_department',
        params: { value: truncate(cell, 50), department: own.name },
      }),
    };
  }
  throw new Forbidden(OUTSIDE_REGION);
}

/**
 * Validates every row of an import and, when all are valid and it is not a dry run,
 * registers every account with registerAccount's semantics (status active, handle guard,
 * one audit entry each) plus one audit entry for the import. `rejected` means rows are
 * invalid and nothing was written.
 */
export async function importAccounts(
  rows: readonly SheetRow[],
  options: ImportOptions,
  actor: Principal,
  ports: ImportPorts,
): Promise<{ report: ImportReport; rejected: boolean }> {
  const region = options.region ?? actor.region;
  const scope = await importScope(actor, region, ports);
  const parsed = parseImport(rows, scope);
  if ('issues' in parsed) throw new InvalidInput(parsed.issues, '导入文件无法读取 (unreadable import file)');

  const checkable = parsed.rows.filter((r) => r.key);
  const unique = new Map(checkable.map((r) => [handleKey(r.key!), r.key!]));
  const taken = new Set((await ports.imports.takenHandles([...unique.values()])).map(handleKey));
  for (const r of checkable) {
    if (taken.has(handleKey(r.key!))) {
      r.errors.push({
        field: 'handle',
        message: `该平台账号已登记：${PLATFORM_NAMES[r.key!.platform]}（${r.key!.platform}）上已有相同或形近易混淆的账号 (a ${r.key!.platform} account with this handle or a look-alike of it is already registered)`,
        code: 'handle_registered',
        params: { platform: r.key!.platform },
      });
      delete r.input;
    }
  }

  const report = (written: Map<ParsedRow, string> | undefined, importId?: string): ImportReport => {
    const out = parsed.rows.map((r): ImportReportRow => {
      const accountId = written?.get(r);
      return {
        row: r.row,
        status: r.errors.length ? 'error' : accountId ? 'written' : 'ok',
        ...(r.handle !== undefined ? { handle: r.handle } : {}),
        ...(accountId ? { accountId } : {}),
        errors: r.errors,
      };
    });
    const invalid = out.filter((r) => r.status === 'error').length;
    return {
      ...(importId ? { importId } : {}),
      total: out.length,
      valid: out.length - invalid,
      invalid,
      written: written?.size ?? 0,
      dryRun: options.dryRun,
      rows: out,
      columns: parsed.columns,
    };
  };

  const invalid = parsed.rows.some((r) => r.errors.length > 0);
  if (invalid || options.dryRun) return { report: report(undefined), rejected: invalid && !options.dryRun };

  const now = ports.clock.now();
  const deptById = new Map(scope.departments.map((d) => [d.id, d]));
  // Rows record accounts that already exist (decision 37): active, no filing clock.
  const created = parsed.rows.map((r) => newAccount(r.input!, deptById.get(r.input!.departmentId)!, { kind: 'import' }, { now, id: ports.ids.next() }));
  // One query per unit the import touches, however many rows: flags and first grades ride in the creation.
  const plan = await ports.flagPlanner?.(created.map((account) => ({ account })));
  const entries = (plan?.accounts ?? created).map((account) => ({
    account,
    audit: auditEntry(actor, 'account.create', { type: 'account', id: account.id }, account, null, account, now, ports.ids.next()),
  }));
  const importId = ports.ids.next();
  // An editor's import belongs to their department (so they can read its audit entry); an office's to the region.
  const own = scope.departments.length === 1 && !hasRole(actor, 'office', 'admin') ? scope.departments[0]! : undefined;
  const importOwner = own ? { regionCode: own.regionCode, departmentId: own.id } : { regionCode: region };
  const importAudit = auditEntry(
    actor,
    'import.accounts',
    { type: 'import', id: importId },
    importOwner,
    null,
    { format: options.format, total: entries.length, written: entries.length, accountIds: entries.map((e) => e.account.id) },
    now,
    ports.ids.next(),
  );
  const result = await ports.imports.createAll(entries, importAudit);
  if (result.taken.length) {
    for (const i of result.taken) {
      const r = parsed.rows[i]!;
      r.errors.push({
        field: 'handle',
        message: '该平台账号刚被其他请求登记，整批未写入，请重试 (taken while importing; nothing was written)',
        code: 'handle_taken_meanwhile',
        params: {},
      });
    }
    return { report: report(undefined), rejected: true };
  }
  await plan?.write();
  return { report: report(new Map(parsed.rows.map((r, i) => [r, entries[i]!.account.id])), importId), rejected: false };
}
