import type { Context, MiddlewareHandler } from 'hono';
import { TooManyRequests } from '../../../shared/errors';
import type { AppEnv } from '../context';

/** Requests one client may make to the public routes per window (docs/api-notes.md, "Public verification"). */
export const PUBLIC_RATE_LIMIT = { limit: 30, windowSeconds: 60 } as const;
/** Clients remembered at once per process; the oldest window is dropped beyond it (memory stays bounded). */
const MAX_CLIENTS = 50_000;

/**
 * The client a request comes from: the first hop of `x-forwarded-for` (CloudFront and API Gateway
 * append theirs after it), else the socket address (the local server) or API Gateway's source IP
 * (Lambda). The first hop is what the client says it is, so this limit is a courtesy per honest
 * client; the deployed WAF rate rule counts the real source address (docs/deployment.md).
 */
export function clientOf(c: Context<AppEnv>): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; requestContext?: { http?: { sourceIp?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp ?? 'unknown';
}

/**
 * A fixed window per client, in this process's memory: `limit` requests per `windowSeconds`, then
 * 429 with `Retry-After` (seconds until the window ends). "Now" is the clock port, so the dev clock
 * moves it too. Each Lambda instance counts on its own; the WAF rule is the stack-wide limit.
 */
export function rateLimit(opts: { limit: number; windowSeconds: number } = PUBLIC_RATE_LIMIT): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = opts.windowSeconds * 1000;
  return async (c, next) => {
    const now = Date.parse(c.get('deps').clock.now());
    const client = clientOf(c);
    let w = windows.get(client);
    if (!w || now - w.start >= windowMs || now < w.start) {
      if (w) windows.delete(client);
      if (windows.size >= MAX_CLIENTS) windows.delete(windows.keys().next().value!);
      w = { start: now, count: 0 };
      windows.set(client, w);
    }
    w.count++;
    if (w.count > opts.limit) throw new TooManyRequests(Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)));
    await next();
  };
}
