import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../../shared/errors';
import type { AppEnv } from '../context';

/** The one place errors become HTTP. Clients never see a stack trace or an internal message. */
export function errorResponse(err: Error, c: Context<AppEnv>) {
  if (err instanceof DomainError) {
    return c.json({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }, err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 413 ? 'payload_too_large' : 'bad_request';
    const message = err.status === 413 ? '请求体过大 (payload too large)' : '请求无效 (bad request)';
    return c.json({ error: { code, message } }, err.status);
  }
  const log = c.get('log');
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
