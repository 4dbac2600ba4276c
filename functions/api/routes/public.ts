import { Hono } from 'hono';
import * as v from 'valibot';
import { InvalidInput } from '../../../shared/errors';
import { handleIssue } from '../../../shared/registry/handle';
import { PLATFORMS } from '../../../shared/registry/schemas';
import { verify, type VerifyQuery } from '../../../shared/registry/verify';
import type { AppEnv } from '../context';
import { PUBLIC_RATE_LIMIT, rateLimit } from '../middleware/rate-limit';
import { query } from '../validation';
import { verifyPortsOf } from '../../wiring/domain-ports';

/** How long a browser or CloudFront may keep an answer (seconds): a closure or a new account shows within a minute. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

const VerifyParams = v.strictObject({
  url: v.optional(v.pipe(v.string('链接须为字符串'), v.trim(), v.minLength(1, '链接不能为空'), v.maxLength(500, '链接不能超过 500 个字符'))),
  platform: v.optional(v.picklist(PLATFORMS, `平台须为以下之一：${PLATFORMS.join(', ')}`)),
  handle: v.optional(v.pipe(v.string('账号须为字符串'), v.trim(), v.minLength(1, '账号不能为空'), v.maxLength(100, '账号不能超过 100 个字符'))),
});

/** `?url=` alone, or `?platform=&handle=` together. */
function verifyQuery(p: v.InferOutput<typeof VerifyParams>): VerifyQuery {
  if (p.url !== undefined) {
    if (p.platform !== undefined || p.handle !== undefined) throw new InvalidInput([{ path: 'url', message: '请只提供链接，或只提供平台和账号 (url, or platform and handle)' }]);
    return { url: p.url };
  }
  if (p.platform === undefined || p.handle === undefined) {
    throw new InvalidInput([{ path: p.platform === undefined ? 'platform' : 'handle', message: '请提供账号链接（url），或平台（platform）和账号（handle） (url, or platform and handle)' }]);
  }
  const issue = handleIssue(p.handle);
  if (issue) throw new InvalidInput([{ path: 'handle', message: issue }]);
  return { platform: p.platform, handle: p.handle };
}

/**
 * The public routes (API.md "Public verification"): no token, mounted before authentication,
 * limited per client. Answers list only the public fields (shared/registry/verify.ts).
 */
export function publicRoutes(limit: { limit: number; windowSeconds: number } = PUBLIC_RATE_LIMIT): Hono<AppEnv> {
  return new Hono<AppEnv>().use('*', rateLimit(limit)).get('/verify', async (c) => {
    const q = verifyQuery(query(c, VerifyParams));
    const answer = await verify(q, verifyPortsOf(c.get('deps')));
    return c.json(answer, 200, { 'Cache-Control': `public, max-age=${PUBLIC_MAX_AGE_SECONDS}` });
  });
}
