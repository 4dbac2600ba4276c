/**
 * Tiered approval (分级审批): plain data plus pure functions, reused by closure
 * requests, account openings and duplicate exceptions.
 *
 * A request carries an ordered list of tiers, each a role: ['approver', 'reviewer']
 * means "the department's approver, then the office's reviewer". Tier i is open once
 * tiers 0..i-1 have approved. A decision on the open tier by principal P is allowed
 * only if
 *   - P is not the requester (403 `self_approval`);
 *   - P holds that tier's role within scope (`canActAs`: department roles need
 *     P.department === request.departmentId; region roles need P's region to contain
 *     request.regionCode) (403 `forbidden` / `not_your_tier`);
 *   - P has not decided an earlier tier of the same request (403 `already_decided`):
 *     someone holding both `approver` and `reviewer` must not carry a request through
 *     two tiers alone — every tier is a different person;
 *   - the version matches (409 `stale_version`);
 *   - the request is still pending (409 `illegal_transition`).
 * Approve on the last tier → approved; reject on any tier → rejected, with the note.
 *
 * The function is deterministic in (request, input, principal, now): N concurrent
 * deciders on the same version all compute a successor with version + 1, and the
 * repository's conditional write (`version = :expected`) lets exactly one through.
 */
import { canActAs, ROLES, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, StaleVersion } from '../errors';

export interface Actor {
  sub: string;
  name: string;
}

export const DECISIONS = ['approve', 'reject'] as const;
export type DecisionValue = (typeof DECISIONS)[number];

export interface TierDecision {
  /** 0-based index into `tiers`. */
  tier: number;
  role: Role;
  by: Actor;
  at: string;
  decision: DecisionValue;
  note?: string;
}

export type ApprovalOutcome = 'pending' | 'approved' | 'rejected';

/** What a request must carry for the tier mechanism to work on it. */
export interface Approvable {
  regionCode: string;
  departmentId?: string;
  requestedBy: Actor;
  version: number;
  tiers: readonly Role[];
  decisions: readonly TierDecision[];
}

export interface DecisionInput {
  decision: DecisionValue;
  note?: string;
  version: number;
}

/** Role names as shown to users. */
export const ROLE_NAMES_ZH: Record<Role, string> = {
  office: '管理部门',
  reviewer: '管理部门审核人',
  editor: '运维人员',
  approver: '单位审批人',
  admin: '平台管理员',
};

export function actorOf(p: Principal): Actor {
  return { sub: p.sub, name: p.name };
}

/** Throws unless `tiers` is a non-empty list of known roles. */
export function assertTiers(tiers: readonly string[]): asserts tiers is readonly Role[] {
  if (tiers.length === 0) throw new InvalidInput([{ path: 'tiers', message: '审批层级不能为空' }]);
  tiers.forEach((t, i) => {
    if (!(ROLES as readonly string[]).includes(t)) throw new InvalidInput([{ path: `tiers.${i}`, message: `未知角色：${t}` }]);
  });
}

/** Where a request stands: rejected at the first reject, approved once every tier approved. */
export function approvalOutcome(subject: Pick<Approvable, 'tiers' | 'decisions'>): { outcome: ApprovalOutcome; currentTier: number | null } {
  if (subject.decisions.some((d) => d.decision === 'reject')) return { outcome: 'rejected', currentTier: null };
  const approved = subject.decisions.filter((d) => d.decision === 'approve').length;
  if (approved >= subject.tiers.length) return { outcome: 'approved', currentTier: null };
  return { outcome: 'pending', currentTier: approved };
}

/** For the UI: may `p` decide the open tier right now (ignoring the version)? */
export function canDecideNow(subject: Approvable, p: Principal): boolean {
  const { outcome, currentTier } = approvalOutcome(subject);
  if (outcome !== 'pending' || currentTier === null) return false;
  const role = subject.tiers[currentTier];
  return (
    role !== undefined &&
    p.sub !== subject.requestedBy.sub &&
    canActAs(p, [role], subject) &&
    !subject.decisions.some((d) => d.by.sub === p.sub)
  );
}

/**
 * Validates one decision and returns the decision record and the outcome after it.
 * Checks, in order: self-approval, scope (some tier role), version, still pending,
 * the open tier's role, one person one tier.
 */
export function decideTier(
  subject: Approvable,
  input: DecisionInput,
  actor: Principal,
  now: string,
): { decision: TierDecision; outcome: ApprovalOutcome } {
  if (actor.sub === subject.requestedBy.sub) {
    throw new Forbidden('不能审批本人提交的申请 (the requester may not decide on their own request)', 'self_approval');
  }
  if (!canActAs(actor, subject.tiers, subject)) {
    throw new Forbidden('无权审批该申请：角色或管辖范围不符 (no approval role in scope)');
  }
  if (input.version !== subject.version) throw new StaleVersion(subject.version);

  const { outcome, currentTier } = approvalOutcome(subject);
  if (outcome !== 'pending' || currentTier === null) {
    throw new Conflict('illegal_transition', `申请已${outcome === 'approved' ? '通过' : '驳回'}，不能再审批 (request is no longer pending)`);
  }
  const role = subject.tiers[currentTier] as Role;
  if (!canActAs(actor, [role], subject)) {
    throw new Forbidden(
      `当前为第 ${currentTier + 1} 级审批（${ROLE_NAMES_ZH[role]}），您在该级没有审批权限 (not your tier)`,
      'not_your_tier',
      { tier: currentTier + 1, role },
    );
  }
  if (subject.decisions.some((d) => d.by.sub === actor.sub)) {
    throw new Forbidden('同一人不能审批同一申请的两个层级 (one person decides at most one tier)', 'already_decided');
  }

  const note = input.note?.trim();
  const decision: TierDecision = {
    tier: currentTier,
    role,
    by: actorOf(actor),
    at: now,
    decision: input.decision,
    ...(note ? { note } : {}),
  };
  const after = approvalOutcome({ tiers: subject.tiers, decisions: [...subject.decisions, decision] });
  return { decision, outcome: after.outcome };
}
