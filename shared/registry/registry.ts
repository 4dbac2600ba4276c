import { stripUndefined } from '../util/objects';
import type { AuditEntry } from '../audit/audit';
import { auditEntry } from '../audit/audit';
import { canActAs, canSee, type Principal, type Role } from '../auth/principal';
import { createOpeningRequest, type ApprovalRequest } from '../approvals/requests';
import { waitingOfRequest, type WaitingWatch } from '../supervision/approvals';
import { beijingDate } from '../time';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation, StaleVersion } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { Account, AccountInput, AccountPatch, Department, DepartmentInput } from './schemas';
import { assertAppFields, openingApprovalFor, recordedFeatures } from './apps';
import { newAccount } from './new-account';

export interface DepartmentStore {
  get(id: string): Promise<Department | undefined>;
  /** Persists the department and its audit entry together. */
  create(dept: Department, audit: AuditEntry): Promise<void>;
}

export interface AccountStore {
  get(id: string): Promise<Account | undefined>;
  /**
   * Persists account, (platform, handle) guard and audit entry in one transaction (with the
   * opening request, when the profile requires approval); Conflict(handle_taken) if taken.
   */
  create(account: Account, audit: AuditEntry, opening?: { request: ApprovalRequest; audit: AuditEntry }): Promise<void>;
  /** Replaces `before` by `after` iff the stored version is still before.version; StaleVersion otherwise. */
  update(before: Account, after: Account, audit: AuditEntry): Promise<void>;
}

export interface RegistryPorts {
  departments: DepartmentStore;
  accounts: AccountStore;
  clock: Clock;
  ids: IdGenerator;
  /** Whether the region's profile requires approval of new accounts, and by which tiers. */
  openingPolicy?: (regionCode: string) => Promise<{ required: boolean; tiers: Role[] }>;
  /**
   * Registry-derived flags (duplicate, internal_division, unfiled_change, naming_mismatch,
   * needs_review) of accounts about to be registered or edited, from registry data only; a new
   * account also gets its first grade (no activity yet). `write()` after the store write puts
   * an edited account's flags and those of siblings whose flags appear or go (decision 30).
   */
  flagPlanner?: FlagPlanner;
  /**
   * Starts the reads the flag planner will make for a unit (its accounts, the profile, the
   * calendar), so a registration waits one round trip for them and the opening policy together.
   */
  warmUnit?: (unit: { regionCode: string; departmentId: string }) => Promise<void>;
  /** Re-grades one account from its activity after a change of a grade input (a fake-engagement decision). */
  refresh?: (account: Account) => Promise<void>;
  /** Told that an opening waits for approval (notifications and 催办). */
  waiting?: WaitingWatch;
}

/** See RegistryPorts.flagPlanner (implemented by shared/assessment/refresh.ts planRegistryFlags). */
export type FlagPlanner = (changes: { account: Account; before?: Account }[]) => Promise<{ accounts: Account[]; write(): Promise<number> }>;

const EDIT_ROLES = ['office', 'admin', 'editor'] as const;

/** Fields the national filing (备案) records: changing one starts a new filing deadline. */
const FILED_FIELDS = ['platform', 'handle', 'name', 'departmentId', 'verifiedSubject', 'url'] as const;

export async function createDepartment(input: DepartmentInput, actor: Principal, ports: RegistryPorts): Promise<Department> {
  if (!canActAs(actor, ['office', 'admin'], { regionCode: input.regionCode })) {
    throw new Forbidden('只有本地区的管理部门可以登记主办单位 (only an office or admin of this region)');
  }
  const now = ports.clock.now();
  const dept: Department = { id: ports.ids.next(), name: input.name, regionCode: input.regionCode, ...(input.level ? { level: input.level } : {}), createdAt: now, version: 1 };
  await ports.departments.create(
    dept,
    auditEntry(actor, 'department.create', { type: 'department', id: dept.id }, dept, null, dept, now, ports.ids.next()),
  );
  return dept;
}

export async function getVisibleDepartment(id: string, actor: Principal, ports: Pick<RegistryPorts, 'departments'>): Promise<Department> {
  const dept = await ports.departments.get(id);
  if (!dept || !canSee(actor, { regionCode: dept.regionCode, departmentId: dept.id })) throw new NotFound('主办单位');
  return dept;
}

/**
 * The department an account is registered under, checked against who registers it. One
 * that does not exist and one the caller cannot see are the same 404 as
 * GET /departments/{id}; visible but not the caller's to register under is 403.
 */
async function departmentForWrite(departmentId: string, actor: Principal, ports: RegistryPorts): Promise<Department> {
  const dept = await getVisibleDepartment(departmentId, actor, ports);
  if (!canActAs(actor, EDIT_ROLES, { regionCode: dept.regionCode, departmentId: dept.id })) {
    throw new Forbidden('只能为本单位（或本地区）登记账号 (not your department or region)');
  }
  return dept;
}

export async function registerAccount(input: AccountInput, actor: Principal, ports: RegistryPorts): Promise<Account> {
  // Nearly every registration is for a department of the caller's own region: start that unit's
  // reads beside the department's, so they are under way when the check passes (nothing read is
  // used unless it does; a department elsewhere has its unit read after the check, below).
  void ports.warmUnit?.({ regionCode: actor.region, departmentId: input.departmentId }).catch(() => undefined);
  const dept = await departmentForWrite(input.departmentId, actor, ports);
  const now = ports.clock.now();
  assertAppFields(input);
  // The opening policy and the unit's registry data are independent reads: one round trip for both.
  const [source] = await Promise.all([ports.openingPolicy?.(dept.regionCode), ports.warmUnit?.({ regionCode: dept.regionCode, departmentId: dept.id })]);
  // An app of a unit below county level needs the office's approval whatever the profile says (国办函〔2026〕12号).
  const policy = openingApprovalFor(source ?? { required: false, tiers: [] }, dept, input.platform);
  const created = newAccount(input, dept, { kind: 'registration', awaitsOpeningApproval: policy.required }, { now, id: ports.ids.next() });
  // Flags and the first grade ride in the creation itself: no second write, no re-read.
  const plan = await ports.flagPlanner?.([{ account: created }]);
  const account = plan?.accounts[0] ?? created;
  let opening: { request: ApprovalRequest; audit: AuditEntry } | undefined;
  if (policy.required) {
    const t = createOpeningRequest(account, { actor, now, id: ports.ids.next(), tiers: policy.tiers });
    opening = { request: t.request, audit: auditEntry(actor, t.action, { type: 'approval_request', id: t.request.id }, account, null, t.request, now, ports.ids.next()) };
  }
  await ports.accounts.create(
    account,
    auditEntry(actor, 'account.create', { type: 'account', id: account.id }, account, null, account, now, ports.ids.next()),
    opening,
  );
  if (opening) await ports.waiting?.({ kind: 'approval_request', id: opening.request.id }, waitingOfRequest(opening.request, account.name));
  await plan?.write();
  return account;
}

export async function getVisibleAccount(id: string, actor: Principal, ports: { accounts: Pick<AccountStore, 'get'> }): Promise<Account> {
  const account = await ports.accounts.get(id);
  if (!account || !canSee(actor, account)) throw new NotFound('账号');
  return account;
}

export async function updateAccount(id: string, patch: AccountPatch, version: number | undefined, actor: Principal, ports: RegistryPorts): Promise<Account> {
  const before = await getVisibleAccount(id, actor, ports);
  if (!canActAs(actor, EDIT_ROLES, before)) throw new Forbidden('无权修改该账号 (not allowed to edit this account)');
  if (version === undefined) {
    throw new InvalidInput([{ path: 'version', message: '须提供当前版本号（请求体 version 或 If-Match 头）' }]);
  }
  if (version !== before.version) throw new StaleVersion(before.version);
  if (before.status === 'closed') throw new Forbidden('账号已注销归档，不能修改 (closed accounts are archived)', 'archived');

  const { version: _ignored, url, filingNumber, appFeatures, ...fields } = patch;
  let regionCode = before.regionCode;
  if (fields.departmentId !== undefined && fields.departmentId !== before.departmentId) {
    regionCode = (await departmentForWrite(fields.departmentId, actor, ports)).regionCode;
  }
  const now = ports.clock.now();
  const after: Account = { ...before, ...stripUndefined(fields), regionCode, updatedAt: now, lastValidatedAt: now, version: before.version + 1 };
  if (FILED_FIELDS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))) after.filingPendingSince ??= beijingDate(now);
  if (url === null) delete after.url;
  else if (url !== undefined) after.url = url;
  // The 备案编号 and the banned-feature checklist (a review) of an app; the audit entry keeps both sides.
  if (filingNumber === null) delete after.filingNumber;
  else if (filingNumber !== undefined) after.filingNumber = filingNumber;
  if (appFeatures) after.appFeatures = recordedFeatures(appFeatures, now);
  assertAppFields(after);
  const plan = await ports.flagPlanner?.([{ account: after, before }]);
  await ports.accounts.update(
    before,
    after,
    auditEntry(actor, 'account.update', { type: 'account', id }, after, diffView(before, after), diffView(after, before), now, ports.ids.next()),
  );
  if (!plan) return (await ports.accounts.get(id)) ?? after;
  await plan.write();
  return plan.accounts[0]!;
}


/** The fields of `a` that differ from `b`: what an audit reader wants to see. */
function diffView(a: Account, b: Account): Partial<Account> {
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'lastValidatedAt') continue;
    const av = (a as unknown as Record<string, unknown>)[k];
    const bv = (b as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(av) !== JSON.stringify(bv)) out[k] = av ?? null;
  }
  return out as Partial<Account>;
}


/**
 * A reviewer confirms (or withdraws) bought followers or forced likes: the only way to the
 * `fake_engagement` veto; the system itself only ever raises a suspicion flag.
 */
export async function confirmFakeEngagement(
  id: string,
  input: { confirmed: boolean; note?: string; version: number },
  actor: Principal,
  ports: RegistryPorts,
): Promise<Account> {
  const before = await getVisibleAccount(id, actor, ports);
  if (!canActAs(actor, ['reviewer'], before)) throw new Forbidden('只有本地区的审核人员可以认定弄虚作假 (reviewer of the region only)');
  if (input.version !== before.version) throw new StaleVersion(before.version);
  const now = ports.clock.now();
  const after: Account = { ...before, updatedAt: now, version: before.version + 1 };
  if (input.confirmed) after.fakeEngagementConfirmed = { confirmedAt: now, confirmedBy: actor.name, ...(input.note ? { note: input.note } : {}) };
  else delete after.fakeEngagementConfirmed;
  await ports.accounts.update(
    before,
    after,
    auditEntry(actor, input.confirmed ? 'account.fake_engagement.confirm' : 'account.fake_engagement.withdraw', { type: 'account', id }, after,
      { fakeEngagementConfirmed: before.fakeEngagementConfirmed ?? null }, { fakeEngagementConfirmed: after.fakeEngagementConfirmed ?? null, note: input.note ?? null }, now, ports.ids.next()),
  );
  if (ports.refresh) await ports.refresh(after);
  return (await ports.accounts.get(id)) ?? after;
}

/** POST /accounts/{id}/filing: the opening or the latest change has been filed with the national system (备案). */
export async function recordAccountFiling(id: string, input: { filedAt: string; version: number }, actor: Principal, ports: RegistryPorts): Promise<Account> {
  const before = await getVisibleAccount(id, actor, ports);
  if (!canActAs(actor, EDIT_ROLES, before)) throw new Forbidden('无权登记备案 (not allowed)');
  if (input.version !== before.version) throw new StaleVersion(before.version);
  if (!before.filingPendingSince) throw new Conflict('nothing_to_file', '该账号没有待备案的开设或变更 (nothing to file)');
  const filedDay = input.filedAt.length === 10 ? input.filedAt : beijingDate(input.filedAt);
  if (filedDay < before.filingPendingSince) {
    throw new RuleViolation('filing_before_change', `备案日期不能早于开设或变更日期（${before.filingPendingSince}）`, { since: before.filingPendingSince });
  }
  const now = ports.clock.now();
  const after: Account = { ...before, filedAt: input.filedAt, updatedAt: now, version: before.version + 1 };
  delete after.filingPendingSince;
  await ports.accounts.update(
    before,
    after,
    auditEntry(actor, 'account.filing', { type: 'account', id }, after, { filingPendingSince: before.filingPendingSince }, { filedAt: input.filedAt }, now, ports.ids.next()),
  );
  // unfiled_change is a registry flag: no re-grade.
  const plan = await ports.flagPlanner?.([{ account: after, before }]);
  if (!plan) return (await ports.accounts.get(id)) ?? after;
  await plan.write();
  return plan.accounts[0]!;
}
