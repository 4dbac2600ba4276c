import { auditEntry } from '../audit/audit';
import { canSee, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import { NotFound } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { WorkCalendar } from '../time';
import type { StepWrite } from '../approvals/step-write';
import { waitingOfClosure, type WaitingWatch } from '../supervision/approvals';
import { profileForRegion, type ProfileStore } from '../profiles/catalog';
import type { Account, AccountStatus, Department } from '../registry/schemas';
import {
  completeClosure,
  createClosure,
  decideClosure,
  fileClosure,
  recordClosureNotice,
  type Closure,
  type ClosureTransition,
} from './closure';
import type { ClosureComplete, ClosureCreate, ClosureDecision, ClosureFiling, ClosureNotice, ClosureStatus } from './schemas';

/** One write: the closure (conditional on its version), the account's status if the step moves it, and the audit entries. */
export type ClosureWrite = StepWrite<Closure>;

export interface ClosureStore {
  get(id: string): Promise<Closure | undefined>;
  /** Conflict/StaleVersion when the closure's version or the account's status moved meanwhile. */
  write(w: ClosureWrite): Promise<void>;
  /**
   * New closures written all or none, in one transaction (a consolidation plan). Conflict
   * `closure_exists` when any account's status moved meanwhile; then nothing is written.
   */
  createAll(ws: ClosureWrite[]): Promise<void>;
  list(
    scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
    status: ClosureStatus | undefined,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Closure[]; cursor: string | null }>;
}

export interface ClosurePorts {
  closures: ClosureStore;
  accounts: { get(id: string): Promise<Account | undefined> };
  departments: { get(id: string): Promise<Department | undefined> };
  profiles: ProfileStore;
  clock: Clock;
  ids: IdGenerator;
  /** Told what waits for whom after each write (approval notifications and 催办). */
  waiting?: WaitingWatch;
  /** The official working-day calendar for the filing deadline (Monday to Friday without it). */
  calendar?: () => Promise<WorkCalendar>;
}

/**
 * An account named in a body, as the caller may see it. One that does not exist and one
 * the caller cannot see give the same 404 as `GET /accounts/{id}` (existence and status
 * are not revealed).
 */
export async function referencedAccount(id: string, actor: Principal, ports: Pick<ClosurePorts, 'accounts'>): Promise<Account> {
  const account = await ports.accounts.get(id);
  if (!account || !canSee(actor, account)) throw new NotFound('账号');
  return account;
}

/** The write that records a transition: closure, account status and audit entries. */
async function writeOf(t: ClosureTransition, before: Closure | null, actor: Principal, ports: ClosurePorts, now: string): Promise<ClosureWrite> {
  const { closure } = t;
  const account = await ports.accounts.get(closure.accountId);
  const expectedStatus: AccountStatus = before ? account?.status ?? t.accountStatus : 'active';
  const owner = { regionCode: closure.regionCode, departmentId: closure.departmentId };
  const audit = [auditEntry(actor, t.action, { type: 'closure', id: closure.id }, owner, before, closure, now, ports.ids.next())];
  if (expectedStatus !== t.accountStatus) {
    audit.push(
      auditEntry(actor, 'account.status', { type: 'account', id: closure.accountId }, owner, { status: expectedStatus }, { status: t.accountStatus, closureId: closure.id }, now, ports.ids.next()),
    );
  }
  const effect = expectedStatus !== t.accountStatus ? { accountStatus: t.accountStatus } : {};
  // The account's unit as it is now (its roster lists the status), the closure's own if it is gone.
  const unit = { regionCode: account?.regionCode ?? closure.regionCode, departmentId: account?.departmentId ?? closure.departmentId };
  return { before, after: closure, account: { ...effect, id: closure.accountId, expectedStatus, ...unit }, audit };
}

async function persist(t: ClosureTransition, before: Closure | null, actor: Principal, ports: ClosurePorts, now: string): Promise<Closure> {
  await ports.closures.write(await writeOf(t, before, actor, ports, now));
  await ports.waiting?.({ kind: 'closure', id: t.closure.id }, waitingOfClosure(t.closure));
  return t.closure;
}

/**
 * A new closure request decided but not yet written: every rule of POST /closures is
 * checked (scope, role, status, successor). The account and successor are loaded as the
 * caller may see them (`referencedAccount`).
 */
export async function prepareClosure(
  input: ClosureCreate,
  refs: { account: Account; successor?: Account },
  actor: Principal,
  ports: ClosurePorts,
): Promise<ClosureWrite> {
  const { account, successor } = refs;
  const profile = await profileForRegion(account.regionCode, ports);
  const department = await ports.departments.get(account.departmentId);
  const now = ports.clock.now();
  const t = createClosure(input, {
    actor,
    now,
    id: ports.ids.next(),
    account,
    successor,
    departmentName: department?.name,
    rules: { noticePeriodDays: profile.registry.noticePeriodDays, filingWorkingDays: profile.registry.filingWorkingDays },
    tiers: profile.approvals.closure,
  });
  return writeOf(t, null, actor, ports, now);
}

/** POST /closures: the request names the account (and its successor); tiers and deadlines come from the profile. */
export async function requestClosure(input: ClosureCreate, actor: Principal, ports: ClosurePorts): Promise<Closure> {
  const account = await referencedAccount(input.accountId, actor, ports);
  const successor = input.successorAccountId ? await referencedAccount(input.successorAccountId, actor, ports) : undefined;
  const w = await prepareClosure(input, { account, successor }, actor, ports);
  await ports.closures.write(w);
  await ports.waiting?.({ kind: 'closure', id: w.after.id }, waitingOfClosure(w.after));
  return w.after;
}

export async function getVisibleClosure(id: string, actor: Principal, ports: Pick<ClosurePorts, 'closures'>): Promise<Closure> {
  const closure = await ports.closures.get(id);
  if (!closure || !canSee(actor, closure)) throw new NotFound('关停申请');
  return closure;
}

type Step<I> = (closure: Closure, input: I, ctx: { actor: Principal; now: string; calendar?: WorkCalendar }) => ClosureTransition;

async function advance<I>(id: string, input: I, step: Step<I>, actor: Principal, ports: ClosurePorts): Promise<Closure> {
  const before = await getVisibleClosure(id, actor, ports);
  const now = ports.clock.now();
  const calendar = await ports.calendar?.();
  return persist(step(before, input, { actor, now, ...(calendar ? { calendar } : {}) }), before, actor, ports, now);
}

export const decideOnClosure = (id: string, input: ClosureDecision, actor: Principal, ports: ClosurePorts) => advance(id, input, decideClosure, actor, ports);
export const recordNotice = (id: string, input: ClosureNotice, actor: Principal, ports: ClosurePorts) => advance(id, input, recordClosureNotice, actor, ports);
export const confirmCancellation = (id: string, input: ClosureComplete, actor: Principal, ports: ClosurePorts) => advance(id, input, completeClosure, actor, ports);
export const recordFiling = (id: string, input: ClosureFiling, actor: Principal, ports: ClosurePorts) => advance(id, input, fileClosure, actor, ports);

/** GET /closures, in the one list scope (shared/auth/scope.ts). */
export async function listClosures(
  q: { region?: string; status?: ClosureStatus; limit?: number; cursor?: string },
  actor: Principal,
  ports: Pick<ClosurePorts, 'closures' | 'departments'>,
) {
  const limit = q.limit ?? 50;
  const scope = await resolveListScope(actor, { region: q.region }, ports);
  if (scope.kind === 'region') return ports.closures.list({ regionPrefix: scope.regionPrefix }, q.status, limit, q.cursor);
  if (scope.kind === 'department') return ports.closures.list({ regionCode: scope.regionCode, departmentId: scope.departmentId }, q.status, limit, q.cursor);
  return emptyPage<Closure>();
}

/** GET /accounts/{id}/closures: every closure of an account the caller can see (404 otherwise). */
export async function closuresOfAccount(
  accountId: string,
  actor: Principal,
  ports: { accounts: ClosurePorts['accounts']; closures: { ofAccount(accountId: string): Promise<Closure[]> } },
): Promise<{ items: Closure[]; cursor: null }> {
  const account = await referencedAccount(accountId, actor, ports);
  return { items: await ports.closures.ofAccount(account.id), cursor: null };
}
