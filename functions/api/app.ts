import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context';
import type { Needs } from '../wiring/deps';
import type { RouteSet } from './route-sets';
import { authenticate } from './middleware/auth';
import { errorResponse, notFoundResponse } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { requestContext } from './middleware/request-context';
import { devRoutes } from './routes/dev';
import { healthRoutes } from './routes/health';
import { publicRoutes } from './routes/public';
import { oauthCallbackRoutes } from './routes/oauth';

/** The one Hono app: served by @hono/node-server locally and by handle(app) on Lambda. */
export function createApp(deps: Needs<'verifier'>, routes: RouteSet) {
  const app = new Hono<AppEnv>();
  app.onError(errorResponse);
  app.notFound(notFoundResponse);
  app.use('*', requestContext(deps));

  app.route('/health', healthRoutes());

  const api = new Hono<AppEnv>();
  api.use('*', bodyLimit({ maxSize: 6 * 1024 * 1024 }));
  // Local mode only: the deployed stack has no dev issuer, so these routes do not exist there.
  const dev = devRoutes(deps);
  if (dev) api.route('/dev', dev);
  // Public verification: no token, its own per-client rate limit (API.md "Public verification").
  api.route('/public', publicRoutes());
  // The OAuth callback: the platform redirects the operator's browser here, without a token; the signed state authenticates it.
  api.route('/oauth', oauthCallbackRoutes);
  api.use('*', authenticate);
  api.use('*', idempotency);
  // The function's route set (functions/api/route-sets.ts): its modules are mounted under their prefixes there.
  api.route('/', routes);

  app.route('/api/v1', api);
  return app;
}
export type App = ReturnType<typeof createApp>;
