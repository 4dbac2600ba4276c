/**
 * Domain errors know no HTTP status (shared/errors.ts); the HTTP layer gives each class its
 * status (functions/api/middleware/errors.ts `httpStatus`). Unit tests that say which status an
 * error is answered with ask the HTTP layer through these helpers.
 */
import { expect } from 'vitest';
import { httpStatus } from '../../functions/api/middleware/errors';
import { DomainError } from '../../shared/errors';

export type Answered<E> = E & { readonly status: number };

/** The error with `status`: the HTTP status the API answers it with (other values pass through). */
export function answered<E>(e: E): Answered<E> {
  if (e instanceof DomainError) Object.defineProperty(e, 'status', { value: httpStatus(e), enumerable: true, configurable: true });
  return e as Answered<E>;
}

/** For `toThrow(...)`: a domain error answered with `status` whose other fields match `expected`. */
export function answeredAs(expected: { status?: number } & Record<string, unknown>) {
  const { status, ...rest } = expected;
  const fields = expect.objectContaining(rest);
  return {
    asymmetricMatch: (e: unknown) => e instanceof DomainError && (status === undefined || httpStatus(e) === status) && fields.asymmetricMatch(e),
    toString: () => 'AnsweredAs',
    toAsymmetricMatcher: () => `AnsweredAs<${JSON.stringify(expected)}>`,
  };
}
