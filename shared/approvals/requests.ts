/**
 * Approval requests other than closures, on the same tier mechanism:
 *  - `opening`: an account registered while the region's profile requires approval
 *    of openings starts as `opening_pending`; approved → `active`; rejected → `closed`
 *    (the record is archived, never deleted, like every account).
 *  - `duplicate_exception`: "one account per unit per platform" unless an exception
 *    was approved. Approved → the account carries `duplicateException: true`, and the
 *    duplicate finder no longer counts it in `same_unit_same_platform`.
 *
 * Pure: `now` and the new id are parameters; the caller persists with a conditional
 * write on `version`.
 */
import { canActAs, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput } from '../errors';
import type { AccountStatus } from '../registry/schemas';
import type { AccountEffect } from './step-write';
import { actorOf, approvalOutcome, assertTiers, decideTier, type Actor, type ApprovalOutcome, type Approvable, type DecisionInput, type TierDecision } from './tiers';

export const APPROVAL_KINDS = ['opening', 'duplicate_exception'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Default tiers: the department's approver, then the office's reviewer. */
export const DEFAULT_REQUEST_TIERS: readonly Role[] = ['approver', 'reviewer'];

export interface ApprovalHistoryEntry {
  at: string;
  by: Actor;
  action: 'create' | 'approve' | 'reject';
  from: ApprovalOutcome | null;
  to: ApprovalOutcome;
  /** For approvals on a non-final tier: which tier was passed. */
  tier?: number;
  note?: string;
}

export interface ApprovalRequest extends Approvable {
  id: string;
  kind: ApprovalKind;
  accountId: string;
  regionCode: string;
  departmentId: string;
  reason?: string;
  status: ApprovalOutcome;
  version: number;
  requestedBy: Actor;
  requestedAt: string;
  tiers: Role[];
  decisions: TierDecision[];
  history: ApprovalHistoryEntry[];
  updatedAt: string;
}

/** The account fields a request needs; a registry `Account` fits. */
export interface RequestAccountRef {
  id: string;
  regionCode: string;
  departmentId: string;
  status: AccountStatus;
}

export interface RequestContext {
  actor: Principal;
  now: string;
  /** Id of the new request (from the IdGenerator port). */
  id: string;
  /** Tiers from the region's profile; defaults to DEFAULT_REQUEST_TIERS. */
  tiers?: readonly Role[];
}

/** What the request's outcome does to the account. */

export interface RequestTransition {
  request: ApprovalRequest;
  effect: AccountEffect;
  /** Audit action name. */
  action: string;
}

/** Who may file a request for an account: an editor of its department, an office or admin of its region. */
const REQUEST_ROLES: readonly Role[] = ['editor', 'office', 'admin'];

function newRequest(kind: ApprovalKind, account: RequestAccountRef, ctx: RequestContext, reason?: string): ApprovalRequest {
  if (!canActAs(ctx.actor, REQUEST_ROLES, account)) {
    throw new Forbidden('只有本单位运维人员或本地区管理部门可以提交申请 (not your department or region)');
  }
  const tiers = [...(ctx.tiers ?? DEFAULT_REQUEST_TIERS)];
  assertTiers(tiers);
  const by = actorOf(ctx.actor);
  return {
    id: ctx.id,
    kind,
    accountId: account.id,
    regionCode: account.regionCode,
    departmentId: account.departmentId,
    ...(reason ? { reason } : {}),
    status: 'pending',
    version: 1,
    requestedBy: by,
    requestedAt: ctx.now,
    tiers,
    decisions: [],
    history: [{ at: ctx.now, by, action: 'create', from: null, to: 'pending' }],
    updatedAt: ctx.now,
  };
}

/** An opening request for an account registered as `opening_pending`. */
export function createOpeningRequest(account: RequestAccountRef, ctx: RequestContext, reason?: string): RequestTransition {
  if (account.status !== 'opening_pending') {
    throw new Conflict('illegal_transition', '只有待开设（opening_pending）的账号需要开设审批 (account is not pending opening)');
  }
  const request = newRequest('opening', account, ctx, reason?.trim() || undefined);
  return { request, effect: { accountStatus: 'opening_pending' }, action: 'opening.request' };
}

/** A request to keep a second account of the same unit on the same platform. */
export function createDuplicateExceptionRequest(account: RequestAccountRef, reason: string, ctx: RequestContext): RequestTransition {
  const why = reason.trim();
  if (!why) throw new InvalidInput([{ path: 'reason', message: '须说明保留该账号的理由' }]);
  if (account.status !== 'active' && account.status !== 'opening_pending') {
    throw new Conflict('illegal_transition', '账号已在关停流程中或已注销，不能申请例外 (account is being closed or closed)');
  }
  return { request: newRequest('duplicate_exception', account, ctx, why), effect: {}, action: 'duplicate_exception.request' };
}

function effectOf(kind: ApprovalKind, outcome: ApprovalOutcome): AccountEffect {
  if (kind === 'opening') {
    if (outcome === 'approved') return { accountStatus: 'active' };
    if (outcome === 'rejected') return { accountStatus: 'closed' };
    return {};
  }
  return outcome === 'approved' ? { duplicateException: true } : {};
}

/** One tier decision on an opening or duplicate-exception request. */
export function decideApprovalRequest(request: ApprovalRequest, input: DecisionInput, ctx: { actor: Principal; now: string }): RequestTransition {
  const { decision, outcome } = decideTier(request, input, ctx.actor, ctx.now);
  const before = approvalOutcome(request).outcome;
  const next: ApprovalRequest = {
    ...request,
    status: outcome,
    version: request.version + 1,
    decisions: [...request.decisions, decision],
    history: [
      ...request.history,
      {
        at: ctx.now,
        by: decision.by,
        action: decision.decision,
        from: before,
        to: outcome,
        tier: decision.tier,
        ...(decision.note ? { note: decision.note } : {}),
      },
    ],
    updatedAt: ctx.now,
  };
  return { request: next, effect: effectOf(request.kind, outcome), action: `${request.kind}.decide` };
}
