/**
 * Store outages, told apart from every other store error here, so that the HTTP layer
 * (functions/api/middleware/errors.ts) maps one error type and never reads SDK internals.
 */

/** Why the store could not answer: it was not reachable, too slow, throttling us, or failing itself. */
export type OutageKind = 'unreachable' | 'timeout' | 'throttled' | 'server_error';

/** How long a client should wait before trying again (the `Retry-After` header), per kind. */
const RETRY_AFTER_SECONDS: Record<OutageKind, number> = { unreachable: 5, timeout: 5, throttled: 2, server_error: 5 };

/** The store did not answer (after the SDK's own retries): a temporary outage, not a bug. */
export class StoreUnavailable extends Error {
  readonly retryAfterSeconds: number;
  constructor(
    readonly kind: OutageKind,
    options?: { cause?: unknown },
  ) {
    super(`store unavailable (${kind})`, options);
    this.name = 'StoreUnavailable';
    this.retryAfterSeconds = RETRY_AFTER_SECONDS[kind];
  }
}

/** Socket-level failures of Node: the store's address refused, dropped or never answered. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const THROTTLING_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'TooManyRequestsException',
]);
const SERVER_NAMES = new Set(['InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure']);

/** A cancelled transaction's per-item reasons that mean the table was throttling, not that a condition failed. */
const THROTTLING_CANCELLATION_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/**
 * A transaction cancelled only because the table throttled it (no condition failed) is an
 * outage, not a conflict: its StoreUnavailable, else null (the reasons are the callers' to read).
 */
export function throttledCancellation(reasons: readonly (string | null)[], cause: unknown): StoreUnavailable | null {
  const throttled = reasons.some((r) => r !== null && THROTTLING_CANCELLATION_REASONS.has(r));
  return throttled && !reasons.includes('ConditionalCheckFailed') ? new StoreUnavailable('throttled', { cause }) : null;
}

/** The outage kind of an error thrown by the DynamoDB client, or null when it is not an outage (a failed condition, a bad request, a bug). */
export function outageKindOf(err: unknown): OutageKind | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { name?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (THROTTLING_NAMES.has(name)) return 'throttled';
  if (name === 'TimeoutError' || TIMEOUT_CODES.has(code)) return 'timeout';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (SERVER_NAMES.has(name)) return 'server_error';
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' && typeof status === 'number' && status >= 500) return 'server_error';
  return null;
}

/** The error as the store's callers should see it: an outage becomes StoreUnavailable, anything else is left as it is. */
export function classifyStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailable) return err;
  const kind = outageKindOf(err);
  return kind ? new StoreUnavailable(kind, { cause: err }) : err;
}
