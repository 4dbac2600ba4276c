/**
 * Typed domain errors. Domain code throws these; exactly one place
 * (functions/api/middleware/errors.ts) maps them to HTTP statuses. Each carries a stable
 * `code` and its `params` (registered in ./errors-codes.ts, translated by the web app);
 * the `message` is safe to show to a client; anything else stays in the logs.
 */
import { entityParams, type ErrorParams } from './errors-codes';

export type { ErrorParams } from './errors-codes';

/** One problem with an input: where (`path`), which rule (`code`, ./errors-codes.ts ISSUE_CODES), with what (`params`). */
export interface Issue {
  path: string;
  message: string;
  /** `invalid` in the API's body when the thrower gives none (functions/api/middleware/errors.ts). */
  code?: string;
  params?: ErrorParams;
}

export abstract class DomainError extends Error {
  readonly params: ErrorParams;
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    params: ErrorParams = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.params = params;
  }
}

export class InvalidInput extends DomainError {
  constructor(issues: Issue[], message = '输入不合法 (invalid input)') {
    super('invalid_input', message, issues);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = '未登录或令牌无效 (missing or invalid token)') {
    super('unauthorized', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = '无权执行此操作 (not allowed)', code = 'forbidden', params?: ErrorParams) {
    super(code, message, undefined, params);
  }
}

/** `what` is the entity's Chinese name (`账号`), optionally followed by a space and its name; params `{ entity, name? }`. */
export class NotFound extends DomainError {
  constructor(what = 'resource') {
    super('not_found', `未找到 ${what} (not found or not visible)`, undefined, entityParams(what));
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string, params?: ErrorParams) {
    super(code, message, undefined, params);
  }
}

export class StaleVersion extends Conflict {
  constructor(current?: number) {
    super(
      'stale_version',
      current === undefined
        ? '记录已被他人修改，请刷新后重试 (stale version)'
        : `记录已被他人修改（当前版本 ${current}），请刷新后重试 (stale version)`,
      current === undefined ? {} : { current },
    );
  }
}

export class RuleViolation extends DomainError {
  constructor(code: string, message: string, params?: ErrorParams) {
    super(code, message, undefined, params);
  }
}

/** A body over a route's own size limit (e.g. an attachment). */
export class PayloadTooLarge extends DomainError {
  constructor(message: string, code = 'payload_too_large', params?: ErrorParams) {
    super(code, message, undefined, params);
  }
}

/** A body whose type the route does not take, or whose bytes are not what its Content-Type says. */
export class UnsupportedMediaType extends DomainError {
  constructor(code: string, message: string, params?: ErrorParams) {
    super(code, message, undefined, params);
  }
}

/** Too many requests from one client (the public routes' rate limit); `Retry-After` says when to ask again. */
export class TooManyRequests extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `请求过于频繁，请 ${retryAfterSeconds} 秒后再试 (too many requests, retry after ${retryAfterSeconds} s)`,
  ) {
    super('rate_limited', message, undefined, { retryAfterSeconds });
  }
}
