import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/errors';
import {
  DEFAULT_DISPATCH_POLICY,
  backoffDelayMs,
  confirmNotPublished,
  idempotencyKey,
  isCheckDue,
  isDue,
  isStuck,
  nextAfterFailure,
  recoverStuck,
  resolveCheck,
  settleAttempt,
  startPublishing,
  type PublishError,
  type ScheduledPost,
} from '../../../shared/scheduling';
import { AFTER, NOW, PUBLISH_AT, approved, at, editor, publishing } from './fixtures';

const MIN = 60_000;
const rateLimited: PublishError = { kind: 'retryable', code: '45009', message: 'reach max api daily quota limit' };
const timedOut: PublishError = { kind: 'timeout', code: 'timeout', message: '超时' };

/** Fails `n` attempts in a row with `error`, each at its retry time. */
function failTimes(n: number, error: PublishError): ScheduledPost {
  let post = approved();
  let now = AFTER;
  for (let i = 0; i < n; i++) {
    post = settleAttempt(startPublishing(post, now), { status: 'error', error }, now);
    if (post.status !== 'approved') break;
    now = post.nextAttemptAt!;
  }
  return post;
}

describe('when a post is due', () => {
  it('an approved post is not due before its publish time', () => {
    expect(isDue(approved(), at(PUBLISH_AT, -1))).toBe(false);
  });

  it('is due exactly at its publish time', () => {
    expect(isDue(approved(), PUBLISH_AT)).toBe(true);
  });

  it('a post waiting for a retry is due at nextAttemptAt, not before', () => {
    const post = failTimes(1, rateLimited);
    expect(isDue(post, at(post.nextAttemptAt!, -1))).toBe(false);
    expect(isDue(post, post.nextAttemptAt!)).toBe(true);
  });

  it('startPublishing refuses a post that is not due (409 not_due)', () => {
    expect(() => startPublishing(approved(), NOW)).toThrow(Conflict);
  });

  it('startPublishing counts the attempt and records when it started', () => {
    const p = startPublishing(approved(), AFTER);
    expect(p).toMatchObject({ status: 'publishing', attempts: 1, lastAttemptAt: AFTER });
    expect(p.history.at(-1)).toMatchObject({ action: 'dispatch', by: { sub: 'system' } });
  });

  it('the idempotency key is the same for every attempt of a post', () => {
    expect(idempotencyKey(approved())).toBe(idempotencyKey(failTimes(2, rateLimited)));
  });
});

describe('backoff after a retryable failure (base 1 min, ×2, cap 30 min, 5 attempts)', () => {
  it.each([
    [1, 1 * MIN],
    [2, 2 * MIN],
    [3, 4 * MIN],
    [4, 8 * MIN],
    [5, 16 * MIN],
    [6, 30 * MIN],
    [10, 30 * MIN],
  ])('after attempt %i the delay is %i ms', (attempt, delay) => {
    expect(backoffDelayMs(attempt)).toBe(delay);
  });

  it.each([
    [1, { action: 'retry', delayMs: 1 * MIN }],
    [2, { action: 'retry', delayMs: 2 * MIN }],
    [3, { action: 'retry', delayMs: 4 * MIN }],
    [4, { action: 'retry', delayMs: 8 * MIN }],
    [5, { action: 'fail', reason: 'max_attempts' }],
  ])('a rate limit after attempt %i → %o', (attempts, expected) => {
    expect(nextAfterFailure({ attempts }, rateLimited, AFTER)).toMatchObject(expected);
  });

  it('retries at now + delay', () => {
    expect(nextAfterFailure({ attempts: 3 }, rateLimited, '2026-11-26T00:10:00.000Z')).toEqual({
      action: 'retry',
      delayMs: 4 * MIN,
      nextAttemptAt: '2026-11-26T00:14:00.000Z',
    });
  });

  it('waits longer when the platform asks for longer', () => {
    expect(nextAfterFailure({ attempts: 1 }, { ...rateLimited, retryAfterMs: 10 * MIN }, AFTER)).toMatchObject({ delayMs: 10 * MIN });
  });

  it('follows a custom policy', () => {
    const policy = { ...DEFAULT_DISPATCH_POLICY, baseDelayMs: 10_000, maxDelayMs: 25_000, maxAttempts: 3 };
    expect([1, 2].map((n) => nextAfterFailure({ attempts: n }, rateLimited, AFTER, policy))).toMatchObject([{ delayMs: 10_000 }, { delayMs: 20_000 }]);
    expect(backoffDelayMs(3, policy)).toBe(25_000);
    expect(nextAfterFailure({ attempts: 3 }, rateLimited, AFTER, policy)).toEqual({ action: 'fail', reason: 'max_attempts' });
  });
});

describe('which failures are retried', () => {
  it.each([
    ['permanent', { kind: 'permanent', code: '45003', message: 'title size out of limit' }, { action: 'fail', reason: 'permanent' }],
    ['auth', { kind: 'auth', code: '21327', message: 'expired_token' }, { action: 'fail', reason: 'auth' }],
    ['timeout, connector cannot look', timedOut, { action: 'confirm', autoCheck: false }],
  ] as const)('%s → %o', (_name, error, expected) => {
    expect(nextAfterFailure({ attempts: 1 }, error, AFTER)).toEqual(expected);
  });

  it('timeout, connector can look → confirm with an automatic lookup first', () => {
    expect(nextAfterFailure({ attempts: 1 }, timedOut, AFTER, DEFAULT_DISPATCH_POLICY, { canCheck: true })).toEqual({ action: 'confirm', autoCheck: true });
  });
});

describe('settling an attempt', () => {
  it('a success records the platform id and URL and clears any earlier error', () => {
    const retried = failTimes(1, rateLimited);
    const done = settleAttempt(startPublishing(retried, retried.nextAttemptAt!), { status: 'published', platformPostId: 'A1', url: 'https://mp.weixin.qq.com/s/a1' }, AFTER);
    expect(done).toMatchObject({ status: 'published', platformPostId: 'A1', platformUrl: 'https://mp.weixin.qq.com/s/a1', publishedAt: AFTER });
    expect(done.lastError).toBeUndefined();
  });

  it('a retryable failure goes back to approved with the error and the next attempt time', () => {
    const post = failTimes(1, rateLimited);
    expect(post).toMatchObject({ status: 'approved', attempts: 1, lastError: { kind: 'retryable', code: '45009', attempt: 1 } });
    expect(post.nextAttemptAt).toBe(at(AFTER, MIN));
  });

  it('the fifth retryable failure ends as failed, with the error kept for the editor', () => {
    const post = failTimes(5, rateLimited);
    expect(post).toMatchObject({ status: 'failed', attempts: 5, lastError: { code: '45009', attempt: 5 } });
    expect(post.history.at(-1)?.note).toMatch(/最大重试次数/);
  });

  it('an auth failure fails at once and says to renew the credentials', () => {
    const post = failTimes(1, { kind: 'auth', code: '21327', message: 'expired_token' });
    expect(post.status).toBe('failed');
    expect(post.history.at(-1)?.note).toMatch(/授权/);
  });

  it('a timeout never goes back to the queue by itself: it waits for confirmation', () => {
    const post = settleAttempt(publishing(), { status: 'error', error: timedOut }, AFTER);
    expect(post.status).toBe('needs_confirmation');
    expect(post.confirmation).toMatchObject({ reason: 'timeout', autoCheck: false, checks: 0 });
    expect(isDue(post, at(AFTER, 86_400_000))).toBe(false);
    expect(isCheckDue(post, at(AFTER, 86_400_000))).toBe(false);
  });

  it('a timeout with a connector that can look schedules a lookup after checkDelayMs', () => {
    const post = settleAttempt(publishing(), { status: 'error', error: timedOut }, AFTER, DEFAULT_DISPATCH_POLICY, { canCheck: true });
    expect(post.confirmation).toMatchObject({ reason: 'timeout', autoCheck: true, nextCheckAt: at(AFTER, 2 * MIN) });
    expect(isCheckDue(post, at(AFTER, 2 * MIN - 1))).toBe(false);
    expect(isCheckDue(post, at(AFTER, 2 * MIN))).toBe(true);
  });

  it('an accepted-but-processing publish waits for a lookup by the platform reference', () => {
    const post = settleAttempt(publishing(), { status: 'processing', ref: '100000001' }, AFTER, DEFAULT_DISPATCH_POLICY, { canCheck: true });
    expect(post.confirmation).toMatchObject({ reason: 'processing', ref: '100000001', autoCheck: true });
  });

  it('a manual task waits for a person', () => {
    const post = settleAttempt(publishing(), { status: 'pending_manual', taskId: 'govmedia-sp-1' }, AFTER);
    expect(post).toMatchObject({ status: 'needs_confirmation', confirmation: { reason: 'manual', autoCheck: false, taskId: 'govmedia-sp-1' } });
  });

  it('settling a post that is not publishing is an illegal transition', () => {
    expect(() => settleAttempt(approved(), { status: 'published', platformPostId: 'x' }, AFTER)).toThrow(Conflict);
  });
});

describe('after an uncertain publish', () => {
  const uncertain = () => settleAttempt(publishing(), { status: 'error', error: timedOut }, AFTER, DEFAULT_DISPATCH_POLICY, { canCheck: true });
  const later = at(AFTER, 3 * MIN);

  it('a lookup that finds the post marks it published (no second publish)', () => {
    const post = resolveCheck(uncertain(), { state: 'published', platformPostId: 'A1', url: 'https://mp.weixin.qq.com/s/a1' }, later);
    expect(post).toMatchObject({ status: 'published', platformPostId: 'A1', attempts: 1 });
    expect(post.confirmation).toBeUndefined();
  });

  it('a best-effort miss keeps waiting and asks again later', () => {
    const post = resolveCheck(uncertain(), { state: 'not_found', conclusive: false }, later);
    expect(post.status).toBe('needs_confirmation');
    expect(post.confirmation).toMatchObject({ checks: 1, autoCheck: true, nextCheckAt: at(later, 5 * MIN) });
  });

  it('after maxChecks misses it stops asking and waits for a person', () => {
    let post = uncertain();
    for (let i = 0; i < DEFAULT_DISPATCH_POLICY.maxChecks; i++) post = resolveCheck(post, { state: 'not_found', conclusive: false }, later);
    expect(post.status).toBe('needs_confirmation');
    expect(post.confirmation).toMatchObject({ autoCheck: false, checks: DEFAULT_DISPATCH_POLICY.maxChecks });
    expect(post.confirmation?.nextCheckAt).toBeUndefined();
    expect(post.history.at(-1)?.note).toMatch(/人工/);
  });

  it('a conclusive miss (exact idempotency marker) puts it back in the queue with backoff', () => {
    const post = resolveCheck(uncertain(), { state: 'not_found', conclusive: true }, later);
    expect(post).toMatchObject({ status: 'approved', nextAttemptAt: at(later, MIN), lastError: { code: 'not_published' } });
  });

  it('a platform-reported failure follows the failure rules', () => {
    const post = resolveCheck(uncertain(), { state: 'failed', error: { kind: 'permanent', code: 'publish_status_4', message: '平台审核不通过' } }, later);
    expect(post).toMatchObject({ status: 'failed', lastError: { code: 'publish_status_4' } });
  });

  it('a lookup that itself failed is just asked again', () => {
    const post = resolveCheck(uncertain(), { state: 'check_error', error: rateLimited }, later);
    expect(post).toMatchObject({ status: 'needs_confirmation', confirmation: { checks: 1, autoCheck: true } });
  });

  it('a person who checked the platform and found nothing puts it back in the queue now', () => {
    const u = uncertain();
    const post = confirmNotPublished(u, { version: u.version }, editor, later);
    expect(post).toMatchObject({ status: 'approved', nextAttemptAt: later });
    expect(isDue(post, later)).toBe(true);
  });
});

describe('a dispatcher that died mid-publish', () => {
  it('leaves a post in publishing; after stuckAfterMs it is treated as uncertain, not republished', () => {
    const p = publishing();
    expect(isStuck(p, at(AFTER, 15 * MIN - 1))).toBe(false);
    expect(recoverStuck(p, at(AFTER, 15 * MIN - 1))).toBe(p);
    const r = recoverStuck(p, at(AFTER, 15 * MIN));
    expect(r).toMatchObject({ status: 'needs_confirmation', confirmation: { reason: 'interrupted' } });
  });
});
