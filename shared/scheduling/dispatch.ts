import { Conflict } from '../errors';
import { assertCan, illegalTransition, transition } from './review';
import { SYSTEM_ACTOR, type Confirmation, type LastError, type PublishError, type ScheduledPost } from './schemas';

/**
 * The publish dispatcher's decisions, pure. The job (functions/jobs) runs every
 * minute and, for each post:
 *
 *   approved and isDue           → startPublishing (conditional write on version: the only
 *                                   writer that wins publishes) → connector.publish →
 *                                   settleAttempt (published | approved + retry | failed |
 *                                   needs_confirmation)
 *   needs_confirmation, isCheckDue → connector.findPublished → resolveCheck
 *   publishing and isStuck        → recoverStuck (the job died mid-publish: treat as a timeout)
 *
 * Never publish twice: whenever the platform may have accepted the post (a timeout, a
 * lost connection, a job that died), the post goes to needs_confirmation and is only
 * published again after a lookup or a person says it is not there.
 */

export interface DispatchPolicy {
  /** Delay before the first retry; doubles each attempt. */
  baseDelayMs: number;
  /** The longest delay between attempts. */
  maxDelayMs: number;
  /** Attempts (including the first) before a retryable failure becomes `failed`. */
  maxAttempts: number;
  /** Wait before the first lookup after an uncertain publish (platforms index with a delay). */
  checkDelayMs: number;
  /** Wait between further lookups. */
  checkIntervalMs: number;
  /** Lookups before the dispatcher stops asking and waits for a person. */
  maxChecks: number;
  /** A post left in `publishing` this long was interrupted (the job died). */
  stuckAfterMs: number;
}

export const DEFAULT_DISPATCH_POLICY: Readonly<DispatchPolicy> = {
  baseDelayMs: 60_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 5,
  checkDelayMs: 2 * 60_000,
  checkIntervalMs: 5 * 60_000,
  maxChecks: 12,
  stuckAfterMs: 15 * 60_000,
};

/** What a connector's publish call ended in, as data (functions/connectors maps its results and errors onto this). */
export type AttemptOutcome =
  | { status: 'published'; platformPostId: string; url?: string }
  /** The platform accepted the post and publishes it asynchronously (WeChat freepublish); `ref` finds it later. */
  | { status: 'processing'; ref: string }
  /** The manual connector made a task: a person publishes and confirms the URL. */
  | { status: 'pending_manual'; taskId: string }
  | { status: 'error'; error: PublishError };

/** What a lookup after an uncertain publish found. */
export type CheckFinding =
  | { state: 'published'; platformPostId: string; url?: string }
  | { state: 'processing'; ref?: string }
  /** The platform says this publish failed (e.g. WeChat publish_status 3). */
  | { state: 'failed'; error: PublishError }
  /** Not on the platform. `conclusive`: the lookup is exact (an idempotency marker), not a best-effort search. */
  | { state: 'not_found'; conclusive: boolean }
  /** The lookup itself failed; ask again later. */
  | { state: 'check_error'; error: PublishError };

export type FailureDecision =
  | { action: 'retry'; delayMs: number; nextAttemptAt: string }
  | { action: 'fail'; reason: 'permanent' | 'auth' | 'max_attempts' }
  | { action: 'confirm'; autoCheck: boolean };

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

/** The key a connector uses to recognise this post's publish on the platform; stable across attempts. */
export function idempotencyKey(post: Pick<ScheduledPost, 'id'>): string {
  return `govmedia-${post.id}`;
}

/** Delay after the n-th failed attempt (n ≥ 1): base × 2^(n−1), capped at maxDelayMs. */
export function backoffDelayMs(attempt: number, policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 30));
}

/** An approved post whose publish time (and retry time, if any) has come. */
export function isDue(post: ScheduledPost, now: string): boolean {
  if (post.status !== 'approved') return false;
  if (ms(now) < ms(post.publishAt)) return false;
  return post.nextAttemptAt === undefined || ms(now) >= ms(post.nextAttemptAt);
}

/** approved → publishing. The job writes this with a condition on the stored version before calling the connector. */
export function startPublishing(post: ScheduledPost, now: string): ScheduledPost {
  assertCan(post, 'dispatch');
  if (!isDue(post, now)) throw new Conflict('not_due', '尚未到发布时间或重试时间 (not due yet)');
  return transition(post, 'publishing', 'dispatch', SYSTEM_ACTOR, now, {
    attempts: post.attempts + 1,
    lastAttemptAt: now,
    nextAttemptAt: undefined,
  });
}

/**
 * What to do after a failed attempt (`post.attempts` counts the attempt that failed):
 * - timeout: the post may be out → confirm (lookup first when the connector can look up);
 * - auth: credentials need a person → fail now (retrying with a bad token helps nobody);
 * - permanent: → fail now;
 * - retryable: → retry after backoff (or the platform's retry-after if longer),
 *   until maxAttempts, then fail.
 */
export function nextAfterFailure(
  post: Pick<ScheduledPost, 'attempts'>,
  error: PublishError,
  now: string,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
  options: { canCheck?: boolean } = {},
): FailureDecision {
  switch (error.kind) {
    case 'timeout':
      return { action: 'confirm', autoCheck: options.canCheck ?? false };
    case 'auth':
      return { action: 'fail', reason: 'auth' };
    case 'permanent':
      return { action: 'fail', reason: 'permanent' };
    case 'retryable': {
      if (post.attempts >= policy.maxAttempts) return { action: 'fail', reason: 'max_attempts' };
      const delayMs = Math.max(backoffDelayMs(post.attempts, policy), error.retryAfterMs ?? 0);
      return { action: 'retry', delayMs, nextAttemptAt: iso(ms(now) + delayMs) };
    }
  }
}

const FAIL_NOTES: Record<'permanent' | 'auth' | 'max_attempts', string> = {
  permanent: '平台拒绝发布',
  auth: '平台授权失效，请更新凭据后重新发布',
  max_attempts: '已达最大重试次数',
};

function lastError(post: ScheduledPost, error: PublishError, now: string): LastError {
  return { ...error, at: now, attempt: post.attempts };
}

function applyFailure(
  post: ScheduledPost,
  error: PublishError,
  now: string,
  policy: DispatchPolicy,
  canCheck: boolean,
): ScheduledPost {
  const decision = nextAfterFailure(post, error, now, policy, { canCheck });
  const err = lastError(post, error, now);
  switch (decision.action) {
    case 'retry':
      return transition(post, 'approved', 'retry_scheduled', SYSTEM_ACTOR, now, { lastError: err, nextAttemptAt: decision.nextAttemptAt, confirmation: undefined }, `${error.code}: ${error.message}`);
    case 'fail':
      return transition(post, 'failed', 'failed', SYSTEM_ACTOR, now, { lastError: err, nextAttemptAt: undefined, confirmation: undefined }, `${FAIL_NOTES[decision.reason]}（${error.code}: ${error.message}）`);
    case 'confirm':
      return toConfirmation(post, now, policy, { reason: 'timeout', autoCheck: decision.autoCheck }, err);
  }
}

function toConfirmation(
  post: ScheduledPost,
  now: string,
  policy: DispatchPolicy,
  c: Pick<Confirmation, 'reason' | 'autoCheck' | 'ref' | 'taskId'>,
  err?: LastError,
): ScheduledPost {
  const confirmation: Confirmation = {
    ...c,
    since: now,
    checks: 0,
    ...(c.autoCheck ? { nextCheckAt: iso(ms(now) + policy.checkDelayMs) } : {}),
  };
  const notes: Record<Confirmation['reason'], string> = {
    timeout: '发布请求超时，可能已发布：先核查，不重复发布',
    interrupted: '发布过程中断，可能已发布：先核查，不重复发布',
    processing: '平台已受理，正在发布',
    manual: '已生成人工发布任务，发布后请填写链接确认',
  };
  return transition(post, 'needs_confirmation', 'needs_confirmation', SYSTEM_ACTOR, now, { confirmation, ...(err ? { lastError: err } : {}) }, notes[c.reason]);
}

function toPublished(post: ScheduledPost, now: string, platformPostId: string, url: string | undefined): ScheduledPost {
  return transition(post, 'published', 'published', SYSTEM_ACTOR, now, {
    platformPostId,
    platformUrl: url,
    publishedAt: now,
    nextAttemptAt: undefined,
    confirmation: undefined,
    lastError: undefined,
  });
}

/** publishing → the next status, from what the connector answered. */
export function settleAttempt(
  post: ScheduledPost,
  outcome: AttemptOutcome,
  now: string,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
  options: { canCheck?: boolean } = {},
): ScheduledPost {
  if (post.status !== 'publishing') throw illegalTransition(post.status, 'published');
  const canCheck = options.canCheck ?? false;
  switch (outcome.status) {
    case 'published':
      return toPublished(post, now, outcome.platformPostId, outcome.url);
    case 'processing':
      return toConfirmation(post, now, policy, { reason: 'processing', autoCheck: canCheck, ref: outcome.ref });
    case 'pending_manual':
      return toConfirmation(post, now, policy, { reason: 'manual', autoCheck: false, taskId: outcome.taskId });
    case 'error':
      return applyFailure(post, outcome.error, now, policy, canCheck);
  }
}

/** A post waiting for confirmation whose next automatic lookup is due. */
export function isCheckDue(post: ScheduledPost, now: string): boolean {
  const c = post.confirmation;
  return post.status === 'needs_confirmation' && c !== undefined && c.autoCheck && c.nextCheckAt !== undefined && ms(now) >= ms(c.nextCheckAt);
}

/** A lookup found nothing decisive: count it, and after maxChecks stop and wait for a person. */
function checkAgainLater(post: ScheduledPost, now: string, policy: DispatchPolicy, ref: string | undefined): ScheduledPost {
  const c = post.confirmation ?? { reason: 'timeout' as const, since: now, autoCheck: true, checks: 0 };
  const checks = c.checks + 1;
  const giveUp = checks >= policy.maxChecks;
  const confirmation: Confirmation = giveUp
    ? { reason: c.reason, since: c.since, autoCheck: false, checks, ...(c.ref ?? ref ? { ref: c.ref ?? ref } : {}), ...(c.taskId ? { taskId: c.taskId } : {}) }
    : { ...c, checks, nextCheckAt: iso(ms(now) + policy.checkIntervalMs), ...(ref && !c.ref ? { ref } : {}) };
  if (giveUp) {
    return transition(post, 'needs_confirmation', 'needs_confirmation', SYSTEM_ACTOR, now, { confirmation }, '自动核查未能确认发布结果，请人工核实后确认');
  }
  // No status change and no history line for a routine lookup; the write still bumps the version.
  return { ...post, confirmation, version: post.version + 1, updatedAt: now };
}

/** needs_confirmation → the next status, from what a lookup (connector.findPublished) found. */
export function resolveCheck(
  post: ScheduledPost,
  finding: CheckFinding,
  now: string,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): ScheduledPost {
  if (post.status !== 'needs_confirmation') throw illegalTransition(post.status, 'published');
  switch (finding.state) {
    case 'published':
      return toPublished(post, now, finding.platformPostId, finding.url);
    case 'failed':
      // The platform settled it: nothing is out, so the usual rules apply (a timeout here cannot recur).
      return applyFailure(post, finding.error.kind === 'timeout' ? { ...finding.error, kind: 'retryable' } : finding.error, now, policy, false);
    case 'not_found':
      if (finding.conclusive) {
        return applyFailure(post, { kind: 'retryable', code: 'not_published', message: '核查确认平台上没有该内容，将重新发布' }, now, policy, false);
      }
      return checkAgainLater(post, now, policy, undefined);
    case 'processing':
      return checkAgainLater(post, now, policy, finding.ref);
    case 'check_error':
      return checkAgainLater(post, now, policy, undefined);
  }
}

/** A post left in `publishing` longer than stuckAfterMs: the job died between the write and the answer. */
export function isStuck(post: ScheduledPost, now: string, policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY): boolean {
  return post.status === 'publishing' && ms(now) - ms(post.lastAttemptAt ?? post.updatedAt) >= policy.stuckAfterMs;
}

/** publishing (stuck) → needs_confirmation; returns the same object when it is not stuck. */
export function recoverStuck(
  post: ScheduledPost,
  now: string,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
  options: { canCheck?: boolean } = {},
): ScheduledPost {
  if (!isStuck(post, now, policy)) return post;
  return toConfirmation(post, now, policy, { reason: 'interrupted', autoCheck: options.canCheck ?? false });
}
