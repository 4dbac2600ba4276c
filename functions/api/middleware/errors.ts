import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, TooManyRequests } from '../../../shared/errors';
import { StoreUnavailable } from '../../store/errors';
import type { AppEnv } from '../context';

export const STORE_UNAVAILABLE_MESSAGE = '数据存储暂时不可用，请稍后重试 (service temporarily unavailable, retry later)';

/** The one place errors become HTTP. Clients never see a stack trace or an internal message. */
export function errorResponse(err: Error, c: Context<AppEnv>) {
  if (err instanceof DomainError) {
    const headers = err instanceof TooManyRequests ? { 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' } : undefined;
    return c.json({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }, err.status, headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'payload_too_large' : 'bad_request';
    const message = err.status === 413 ? '请求体过大 (payload too large)' : '请求无效 (bad request)';
    return c.json({ error: { code, message } }, err.status);
  }
  const log = c.get('log');
  if (err instanceof StoreUnavailable) {
    // An outage, not a bug: the client may retry; the log keeps the SDK's error (the cause).
    if (log) log.warn('store unavailable', { kind: err.kind, error: err.cause as Error });
    else console.warn('store unavailable', err.kind, err.cause);
    return c.json(
      { error: { code: 'unavailable', message: STORE_UNAVAILABLE_MESSAGE, correlationId: c.get('correlationId') } },
      503,
      { 'Retry-After': String(err.retryAfterSeconds) },
    );
  }
  if (log) log.error('unhandled error', { error: err });
  else console.error('unhandled error', err);
  return c.json(
    { error: { code: 'internal', message: '服务器内部错误，请稍后重试并联系管理员 (internal error)', correlationId: c.get('correlationId') } },
    500,
  );
}

export function notFoundResponse(c: Context<AppEnv>) {
  return c.json({ error: { code: 'not_found', message: '接口不存在 (no such route)' } }, 404);
}
