import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../../../shared/auth/principal';
import { Conflict, InvalidInput, RuleViolation } from '../../../shared/errors';
import type { StoredResponse } from '../../store/idempotency';
import type { AppEnv } from '../context';

/**
 * `Idempotency-Key` on POST: the first response is stored and replayed for the
 * same key (per caller); the same key with a different body is refused.
 */
const MAX_STORED_CHARS = 350_000;

/**
 * Whose keys these are: the subject together with the scope its token grants (roles, region,
 * department), so a response is replayed only to a token with the same claims; the same
 * person with other claims has other keys (docs/decisions.md). Fixed-length digest, no '#'.
 */
export function idempotencyCaller(p: Principal): string {
  const scope = JSON.stringify([[...p.roles].sort(), p.region, p.department ?? null]);
  return `${p.sub}#${createHash('sha256').update(scope).digest('base64url').slice(0, 22)}`;
}

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || key === undefined) return next();
  if (!/^[\w.:-]{1,200}$/.test(key)) {
    throw new InvalidInput([{ path: 'Idempotency-Key', message: 'Idempotency-Key 须为 1–200 个字母、数字或 _.:- 字符' }]);
  }
  const { stores, clock } = c.get('deps');
  const caller = idempotencyCaller(c.get('principal'));
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(raw).digest('hex');
  const claim = await stores.idempotency.claim(caller, key, requestHash, new Date(clock.now()));
  if (claim.state === 'in_progress') throw new Conflict('idempotency_in_progress', '相同 Idempotency-Key 的请求正在处理中，请稍后重试');
  if (claim.state === 'done') {
    if (claim.record.requestHash !== requestHash) {
      throw new RuleViolation('idempotency_key_reused', '该 Idempotency-Key 已用于另一个请求 (key reused with a different request)');
    }
    const stored = claim.record.response as StoredResponse;
    c.header('idempotent-replayed', 'true');
    const replay = stored.encoding === 'gzip' ? gunzipSync(Buffer.from(stored.body, 'base64')).toString('utf8') : stored.body;
    return c.body(replay, stored.status as 200, { 'content-type': stored.contentType });
  }
  try {
    await next();
  } catch (err) {
    await stores.idempotency.release(caller, key);
    throw err;
  }
  // Errors are handled by onError inside compose, so c.res may already be the error response here.
  if (c.res.status >= 500) {
    await stores.idempotency.release(caller, key);
    return;
  }
  const copy = c.res.clone();
  const text = await copy.text();
  // A DynamoDB item holds at most 400 KB: large responses (a 5,000-row import report) are stored
  // compressed; one that is still too large is not stored, and the key is released instead.
  const stored = text.length > 64_000 ? { body: gzipSync(text).toString('base64'), encoding: 'gzip' as const } : { body: text };
  if (stored.body.length > MAX_STORED_CHARS) {
    c.get('log').warn('idempotent response too large to store; key released', { bytes: text.length });
    await stores.idempotency.release(caller, key);
    return;
  }
  await stores.idempotency.complete(caller, key, {
    status: copy.status,
    ...stored,
    contentType: copy.headers.get('content-type') ?? 'application/json',
    requestHash,
  });
};
