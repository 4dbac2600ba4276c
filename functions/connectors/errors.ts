import type { PublishError } from '../../shared/scheduling';

/**
 * What kind of failure a platform call ended in, and so what the dispatcher may do:
 * - retryable: nothing was published; trying again later may work (rate limit, busy, network);
 * - permanent: the platform refused this content or request; trying again will not help;
 * - auth: the account's credentials are missing, invalid or expired; a person must renew them;
 * - timeout: the outcome is unknown (no answer, connection lost after sending, unreadable answer
 *   to a publishing call): the post may be out, so it must be checked, never blindly repeated.
 */
export type ConnectorErrorKind = PublishError['kind'];

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    readonly platform: string,
    /** The platform's code ("45009", "21327") or ours ("timeout", "network", "bad_response", "no_credentials"). */
    readonly code: string,
    /** Safe to show to an editor: never contains a token or a secret. */
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  toPublishError(): PublishError {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }

  /** The same error with another kind (e.g. a timeout before anything was sent to publish is retryable). */
  as(kind: ConnectorErrorKind, note?: string): ConnectorError {
    return new ConnectorError(kind, this.platform, this.code, note ? `${this.message}（${note}）` : this.message, this.retryAfterMs);
  }
}
