import { auditEntry } from '../audit/audit';
import { canSee, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import { InvalidInput, NotFound } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { waitingOfRequest, type WaitingWatch } from '../supervision/approvals';
import { profileForRegion, type ProfileStore } from '../profiles/catalog';
import type { Account, Department } from '../registry/schemas';
import { createDuplicateExceptionRequest, decideApprovalRequest, type ApprovalKind, type ApprovalRequest } from './requests';
import type { AccountEffect, StepWrite } from './step-write';
import type { ApprovalDecision } from './schemas';
import type { ApprovalOutcome } from './tiers';

/** One write: the request (conditional on its version) and what its outcome does to the account. */
export type RequestWrite = StepWrite<ApprovalRequest>;

export interface ApprovalRequestStore {
  get(id: string): Promise<ApprovalRequest | undefined>;
  write(w: RequestWrite): Promise<void>;
  list(
    scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
    filter: { status?: ApprovalOutcome; kind?: ApprovalKind },
    limit: number,
    cursor?: string,
  ): Promise<{ items: ApprovalRequest[]; cursor: string | null }>;
}

export interface ApprovalPorts {
  requests: ApprovalRequestStore;
  accounts: { get(id: string): Promise<Account | undefined> };
  departments: { get(id: string): Promise<Department | undefined> };
  profiles: ProfileStore;
  clock: Clock;
  ids: IdGenerator;
  /** Recomputes the account's flags once an outcome changes them (the duplicate flag). */
  refresh?: (account: Account) => Promise<void>;
  /** Told what waits for whom after each write (approval notifications and 催办). */
  waiting?: WaitingWatch;
}

async function persist(
  t: { request: ApprovalRequest; effect: AccountEffect; action: string },
  before: ApprovalRequest | null,
  account: Account,
  actor: Principal,
  ports: ApprovalPorts,
): Promise<ApprovalRequest> {
  const now = t.request.updatedAt;
  const owner = { regionCode: account.regionCode, departmentId: account.departmentId };
  const audit = [auditEntry(actor, t.action, { type: 'approval_request', id: t.request.id }, owner, before, t.request, now, ports.ids.next())];
  if (t.effect.accountStatus || t.effect.duplicateException) {
    audit.push(
      auditEntry(actor, 'account.approval_outcome', { type: 'account', id: account.id }, owner, { status: account.status }, { ...t.effect, requestId: t.request.id }, now, ports.ids.next()),
    );
  }
  await ports.requests.write({ before, after: t.request, account: { ...t.effect, id: account.id, expectedStatus: account.status, regionCode: account.regionCode, departmentId: account.departmentId }, audit });
  await ports.waiting?.({ kind: 'approval_request', id: t.request.id }, waitingOfRequest(t.request, account.name));
  if (ports.refresh && (t.effect.accountStatus || t.effect.duplicateException)) {
    const fresh = await ports.accounts.get(account.id);
    if (fresh) await ports.refresh(fresh);
  }
  return t.request;
}

/** POST /accounts/{id}/duplicate-exception: keep a second account of a unit on one platform, if approved. */
export async function requestDuplicateException(accountId: string, reason: string, actor: Principal, ports: ApprovalPorts): Promise<ApprovalRequest> {
  const account = await ports.accounts.get(accountId);
  if (!account || !canSee(actor, account)) throw new NotFound('账号');
  if (account.duplicateException) throw new InvalidInput([{ path: 'accountId', message: '该账号已获准例外保留' }]);
  const profile = await profileForRegion(account.regionCode, ports);
  const t = createDuplicateExceptionRequest(account, reason, { actor, now: ports.clock.now(), id: ports.ids.next(), tiers: profile.approvals.closure });
  return persist(t, null, account, actor, ports);
}

export async function getVisibleRequest(id: string, actor: Principal, ports: Pick<ApprovalPorts, 'requests'>): Promise<ApprovalRequest> {
  const request = await ports.requests.get(id);
  if (!request || !canSee(actor, request)) throw new NotFound('审批申请');
  return request;
}

/** POST /approval-requests/{id}/decisions: one tier's decision on an opening or a duplicate exception. */
export async function decideOnRequest(id: string, input: ApprovalDecision, actor: Principal, ports: ApprovalPorts): Promise<ApprovalRequest> {
  const before = await getVisibleRequest(id, actor, ports);
  const account = await ports.accounts.get(before.accountId);
  if (!account) throw new NotFound('账号');
  const t = decideApprovalRequest(before, input, { actor, now: ports.clock.now() });
  return persist(t, before, account, actor, ports);
}

export async function listRequests(
  q: { region?: string; status?: ApprovalOutcome; kind?: ApprovalKind; limit?: number; cursor?: string },
  actor: Principal,
  ports: Pick<ApprovalPorts, 'requests' | 'departments'>,
) {
  const limit = q.limit ?? 50;
  const filter = { status: q.status, kind: q.kind };
  // The one list scope (shared/auth/scope.ts): a department role's ?region= now narrows as in every list.
  const scope = await resolveListScope(actor, { region: q.region }, ports);
  if (scope.kind === 'region') return ports.requests.list({ regionPrefix: scope.regionPrefix }, filter, limit, q.cursor);
  if (scope.kind === 'department') return ports.requests.list({ regionCode: scope.regionCode, departmentId: scope.departmentId }, filter, limit, q.cursor);
  return emptyPage<ApprovalRequest>();
}
