import { Hono } from 'hono';
import { storeHealthOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';

/** How long a client should wait before asking again while the store is down (seconds). */
const RETRY_AFTER_SECONDS = 5;

/**
 * `GET /health` (no auth). It probes the store with one cheap, bounded read (a key that is
 * never written). Healthy: the contract's 200 `{"status":"ok"}`; `?ready=1` (the readiness
 * check) adds `checks: {store: "up"}`. Store down: 503 `{"status":"unavailable","checks":
 * {"store":"down"}}` with `Retry-After`, with or without `ready` (docs/api-notes.md).
 * A query parameter, not a path, so the deployed API's one public route serves both; other
 * parameters (a monitor's cache buster) are ignored rather than refused: a probe never answers 400.
 */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const ready = ['1', 'true'].includes(c.req.query('ready') ?? '');
    const { state, error } = await storeHealthOf(c.get('deps')).check();
    if (state === 'down') {
      c.get('log')?.warn('health: store down', { error: error as Error });
      return c.json({ status: 'unavailable', checks: { store: 'down' } }, 503, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
    return c.json(ready ? { status: 'ok', checks: { store: 'up' } } : { status: 'ok' });
  });
}
