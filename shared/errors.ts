/**
 * Typed domain errors. Domain code throws these; exactly one place
 * (functions/api/middleware/errors.ts) maps them to HTTP. The `message`
 * is safe to show to a client; anything else stays in the logs.
 */
export interface Issue {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly status = 400;
  constructor(issues: Issue[], message = '输入不合法 (invalid input)') {
    super('invalid_input', message, issues);
  }
}

export class Unauthorized extends DomainError {
  readonly status = 401;
  constructor(message = '未登录或令牌无效 (missing or invalid token)') {
    super('unauthorized', message);
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  constructor(message = '无权执行此操作 (not allowed)', code = 'forbidden') {
    super(code, message);
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  constructor(what = 'resource') {
    super('not_found', `未找到 ${what} (not found or not visible)`);
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class StaleVersion extends Conflict {
  constructor(current?: number) {
    super(
      'stale_version',
      current === undefined
        ? '记录已被他人修改，请刷新后重试 (stale version)'
        : `记录已被他人修改（当前版本 ${current}），请刷新后重试 (stale version)`,
    );
  }
}

export class RuleViolation extends DomainError {
  readonly status = 422;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** A body over a route's own size limit (e.g. an attachment). */
export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  constructor(message: string, code = 'payload_too_large') {
    super(code, message);
  }
}

/** A body whose type the route does not take, or whose bytes are not what its Content-Type says. */
export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** Too many requests from one client (the public routes' rate limit); `Retry-After` says when to ask again. */
export class TooManyRequests extends DomainError {
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message = `请求过于频繁，请 ${retryAfterSeconds} 秒后再试 (too many requests, retry after ${retryAfterSeconds} s)`,
  ) {
    super('rate_limited', message);
  }
}
