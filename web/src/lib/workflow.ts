/**
 * What the signed-in user may do on a closure or a scheduled post, for buttons and hints. The
 * rules are the domain's own (shared/workflow/tiers, shared/scheduling/review); the API still
 * decides — this only hides what it would refuse and says why.
 */
import { canActAs, type Principal, type Role } from '../../../shared/auth/principal';
import type { Closure } from '../../../shared/closure/closure';
import type { ScheduledPost } from '../../../shared/scheduling/schemas';
import { approvalOutcome, canDecideNow } from '../../../shared/workflow/tiers';

export type DecideState =
  | { can: true }
  | { can: false; why: 'own' | 'not_your_tier' | 'already_decided' | 'done'; role?: Role };

/** The open tier of a pending closure (0-based) and its role, or null when decided. */
export function closureTier(c: Pick<Closure, 'tiers' | 'decisions'>): { index: number; role: Role } | null {
  const { currentTier } = approvalOutcome(c);
  if (currentTier === null) return null;
  const role = c.tiers[currentTier];
  return role ? { index: currentTier, role } : null;
}

export function closureDecideState(c: Closure, p: Principal | null | undefined): DecideState {
  const tier = closureTier(c);
  if (!p || c.status !== 'pending' || !tier) return { can: false, why: 'done' };
  if (canDecideNow(c, p)) return { can: true };
  if (p.sub === c.requestedBy.sub) return { can: false, why: 'own' };
  if (!canActAs(p, [tier.role], c)) return { can: false, why: 'not_your_tier', role: tier.role };
  return { can: false, why: 'already_decided', role: tier.role };
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
