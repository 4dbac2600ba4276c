import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DevTokenRequest } from '../../shared/auth/principal-schema';
import type { AppDeps, AppEnv } from './context';
import type { Router } from './routers';
import { authenticate } from './middleware/auth';
import { errorResponse, notFoundResponse } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { requestContext } from './middleware/request-context';
import { body } from './validation';

/** The one Hono app: served by @hono/node-server locally and by handle(app) on Lambda. */
export function createApp(deps: AppDeps, routers: Router[]) {
  const app = new Hono<AppEnv>();
  app.onError(errorResponse);
  app.notFound(notFoundResponse);
  app.use('*', requestContext(deps));

  app.get('/health', (c) => c.json({ status: 'ok' }));

  const api = new Hono<AppEnv>();
  api.use('*', bodyLimit({ maxSize: 6 * 1024 * 1024 }));
  const devIssuer = deps.devIssuer;
  if (devIssuer) {
    // Local mode only: the deployed stack has no dev issuer, so this route does not exist there.
    api.post('/dev/token', async (c) => c.json({ token: await devIssuer.issue(await body(c, DevTokenRequest)) }));
    const devUsers = deps.devUsers;
    if (devUsers) api.get('/dev/users', async (c) => c.json({ items: await devUsers() }));
  }
  api.use('*', authenticate);
  api.use('*', idempotency);
  for (const router of routers) api.route('/', router);

  app.route('/api/v1', api);
  return app;
}
export type App = ReturnType<typeof createApp>;
