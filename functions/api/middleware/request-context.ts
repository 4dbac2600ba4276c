import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { RequestLogger } from '../../logger';
import type { AppEnv } from '../context';
import type { Needs } from '../../wiring/deps';

/** Deps, a correlation id and a per-request child logger; one access log line per request. */
export function requestContext(deps: Needs<'verifier'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-correlation-id');
    const correlationId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    const log = new RequestLogger(deps.logger, correlationId);
    c.set('deps', deps);
    c.set('correlationId', correlationId);
    c.set('log', log);
    const started = performance.now();
    await next();
    c.header('x-correlation-id', correlationId);
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      sub: c.get('principal')?.sub,
    });
  };
}
