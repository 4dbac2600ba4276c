/**
 * What the signed-in user may do on a closure or a scheduled post, for buttons and hints. The
 * rules are the domain's own (shared/approvals/tiers, shared/scheduling/review); the API still
 * decides — this only hides what it would refuse and says why.
 */
import { canActAs, type Principal, type Role } from '../../../shared/auth/principal';
import type { Closure } from '../../../shared/closure/closure';
import type { ScheduledPost } from '../../../shared/scheduling/schemas';
import type { Account } from '../../../shared/registry/schemas';
import type { ApprovalRequest } from '../../../shared/approvals/requests';
import { approvalOutcome, canDecideNow, type Approvable } from '../../../shared/approvals/tiers';

export type DecideState =
  | { can: true }
  | { can: false; why: 'own' | 'not_your_tier' | 'already_decided' | 'done'; role?: Role };

/** The open tier of a pending closure (0-based) and its role, or null when decided. */
export function closureTier(c: Pick<Approvable, 'tiers' | 'decisions'>): { index: number; role: Role } | null {
  const { currentTier } = approvalOutcome(c);
  if (currentTier === null) return null;
  const role = c.tiers[currentTier];
  return role ? { index: currentTier, role } : null;
}

/** Who may decide the open tier of anything on the tier mechanism (closures, openings, duplicate exceptions). */
export function tierDecideState(c: Approvable & { status: string }, p: Principal | null | undefined): DecideState {
  const tier = closureTier(c);
  if (!p || c.status !== 'pending' || !tier) return { can: false, why: 'done' };
  if (canDecideNow(c, p)) return { can: true };
  if (p.sub === c.requestedBy.sub) return { can: false, why: 'own' };
  if (!canActAs(p, [tier.role], c)) return { can: false, why: 'not_your_tier', role: tier.role };
  return { can: false, why: 'already_decided', role: tier.role };
}

export function closureDecideState(c: Closure, p: Principal | null | undefined): DecideState {
  return tierDecideState(c, p);
}

/** Openings and duplicate exceptions: the same tier rules as closures. */
export function requestDecideState(r: ApprovalRequest, p: Principal | null | undefined): DecideState {
  return tierDecideState(r, p);
}

type AccountScope = Pick<Account, 'regionCode' | 'departmentId'>;

/** Registering a filing (备案): an editor of the department, an office or admin of the region. */
export function canRecordFiling(a: AccountScope, p: Principal | null | undefined): boolean {
  return !!p && canActAs(p, ['editor', 'office', 'admin'], a);
}

/** Confirming or withdrawing fake engagement (弄虚作假): a reviewer of the region only. */
export function canConfirmFakeEngagement(a: AccountScope, p: Principal | null | undefined): boolean {
  return !!p && canActAs(p, ['reviewer'], a);
}

/** Requesting a duplicate exception: an editor of the department, an office or admin of the region. */
export function canRequestException(a: AccountScope & Pick<Account, 'status' | 'flags' | 'duplicateException'>, p: Principal | null | undefined): boolean {
  return (
    !!p &&
    !a.duplicateException &&
    (a.status === 'active' || a.status === 'opening_pending') &&
    a.flags.some((f) => f.type === 'duplicate') &&
    canActAs(p, ['editor', 'office', 'admin'], a)
  );
}

/** Platforms with an automatic connector (credentials make sense only there). */
export const CONNECTOR_PLATFORMS = ['wechat', 'weibo'] as const;

/** Platform credentials: an office or admin of the region, on a platform with a connector, not closed. */
export function canManageCredentials(a: AccountScope & Pick<Account, 'platform' | 'status'>, p: Principal | null | undefined): boolean {
  return !!p && (CONNECTOR_PLATFORMS as readonly string[]).includes(a.platform) && a.status !== 'closed' && canActAs(p, ['office', 'admin'], a);
}

export type PostAction = 'withdraw' | 'retry' | 'confirm-not-published';

/**
 * The post actions besides review and confirm-published, per status and role (docs/scheduling.md):
 * withdraw (in_review, approved) and retry (failed) by an editor of the department;
 * confirm-not-published (needs_confirmation) by an editor or approver of the department.
 */
export function postActions(post: Pick<ScheduledPost, 'status' | 'regionCode' | 'departmentId'>, p: Principal | null | undefined): PostAction[] {
  if (!p) return [];
  const editor = canActAs(p, ['editor'], post);
  const out: PostAction[] = [];
  if (editor && (post.status === 'in_review' || post.status === 'approved')) out.push('withdraw');
  if (editor && post.status === 'failed') out.push('retry');
  if (post.status === 'needs_confirmation' && canActAs(p, ['editor', 'approver'], post)) out.push('confirm-not-published');
  return out;
}

/** Notice, cancellation and filing are done by an editor of the department or an office of the region. */
export function canOperateClosure(c: Pick<Closure, 'regionCode' | 'departmentId'>, p: Principal | null | undefined): boolean {
  return !!p && canActAs(p, ['editor', 'office'], c);
}

/** The review step waiting for a decision (index into reviewSteps), or null. */
export function postStep(post: ScheduledPost): { index: number; role: Role } | null {
  if (post.status !== 'in_review') return null;
  const index = post.decisions.filter((d) => d.round === post.round && d.decision === 'approve').length;
  const role = post.reviewSteps[index];
  return role ? { index, role } : null;
}

export function postDecideState(post: ScheduledPost, p: Principal | null | undefined): DecideState {
  const step = postStep(post);
  if (!p || !step) return { can: false, why: 'done' };
  const contributor =
    post.createdBy.sub === p.sub || post.history.some((h) => h.by.sub === p.sub && (h.action === 'create' || h.action === 'edit' || h.action === 'submit'));
  if (contributor) return { can: false, why: 'own' };
  if (!canActAs(p, [step.role], post)) return { can: false, why: 'not_your_tier', role: step.role };
  if (post.decisions.some((d) => d.round === post.round && d.by.sub === p.sub)) return { can: false, why: 'already_decided', role: step.role };
  return { can: true };
}
