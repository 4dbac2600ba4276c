import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  Conflict,
  DomainError,
  Forbidden,
  InvalidInput,
  NotFound,
  PayloadTooLarge,
  RuleViolation,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
  type Issue,
} from '../../../shared/errors';
import { StoreUnavailable } from '../../store/errors';
import type { AppEnv } from '../context';

export const STORE_UNAVAILABLE_MESSAGE = '数据存储暂时不可用，请稍后重试 (service temporarily unavailable, retry later)';

type ClientErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** HTTP statuses of the domain's error classes (shared/errors.ts knows none); the first class an error is an instance of wins. */
const STATUS_OF: readonly [abstract new (...args: never[]) => DomainError, ClientErrorStatus][] = [
  [InvalidInput, 400],
  [Unauthorized, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409], // StaleVersion too
  [PayloadTooLarge, 413],
  [UnsupportedMediaType, 415],
  [RuleViolation, 422],
  [TooManyRequests, 429],
];

/** The HTTP status of a domain error: 400 for a class the table does not name. */
export function httpStatus(err: DomainError): ClientErrorStatus {
  return STATUS_OF.find(([cls]) => err instanceof cls)?.[1] ?? 400;
}

/** An issue as the API says it: always with a `code` (`invalid` when the thrower gave none) and `params`. */
const issueBody = (i: Issue) => ({ path: i.path, code: i.code ?? 'invalid', params: i.params ?? {}, message: i.message });

/** The one place errors become HTTP. Clients never see a stack trace or an internal message. */
export function errorResponse(err: Error, c: Context<AppEnv>) {
  if (err instanceof DomainError) {
    const headers = err instanceof TooManyRequests ? { 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' } : undefined;
    return c.json(
      { error: { code: err.code, message: err.message, params: err.params, ...(err.issues ? { issues: err.issues.map(issueBody) } : {}) } },
      httpStatus(err),
      headers,
    );
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'payload_too_large' : 'bad_request';
    const message = err.status === 413 ? '请求体过大 (payload too large)' : '请求无效 (bad request)';
    return c.json({ error: { code, message, params: {} } }, err.status);
  }
  const log = c.get('log');
  if (err instanceof StoreUnavailable) {
    // An outage, not a bug: the client may retry; the log keeps the SDK's error (the cause).
    if (log) log.warn('store unavailable', { kind: err.kind, error: err.cause as Error });
    else console.warn('store unavailable', err.kind, err.cause);
    return c.json(
      { error: { code: 'unavailable', message: STORE_UNAVAILABLE_MESSAGE, params: {}, correlationId: c.get('correlationId') } },
      503,
      { 'Retry-After': String(err.retryAfterSeconds) },
    );
  }
  if (log) log.error('unhandled error', { error: err });
  else console.error('unhandled error', err);
  return c.json(
    { error: { code: 'internal', message: '服务器内部错误，请稍后重试并联系管理员 (internal error)', params: {}, correlationId: c.get('correlationId') } },
    500,
  );
}

export function notFoundResponse(c: Context<AppEnv>) {
  return c.json({ error: { code: 'not_found', message: '接口不存在 (no such route)', params: { entity: 'route' } } }, 404);
}
