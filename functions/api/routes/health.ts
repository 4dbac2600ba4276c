import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context';

/** How long a client should wait before asking again while the store is down (seconds). */
const RETRY_AFTER_SECONDS = 5;

/**
 * `GET /health` and `GET /health/ready` (no auth). Both probe the store with one cheap,
 * bounded read. Healthy: `/health` answers the contract's 200 `{"status":"ok"}`, `/health/ready`
 * adds `checks`. Store down: both answer 503 `{"status":"unavailable","checks":{"store":"down"}}`
 * with `Retry-After` (docs/api-notes.md).
 */
export function healthRoutes(): Hono<AppEnv> {
  const health = new Hono<AppEnv>();
  const answer = async (c: Context<AppEnv>, up: object) => {
    const { state, error } = await c.get('deps').stores.health.check();
    if (state === 'up') return c.json(up);
    c.get('log')?.warn('health: store down', { error: error as Error });
    return c.json({ status: 'unavailable', checks: { store: 'down' } }, 503, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  };
  health.get('/', (c) => answer(c, { status: 'ok' }));
  health.get('/ready', (c) => answer(c, { status: 'ok', checks: { store: 'up' } }));
  return health;
}
