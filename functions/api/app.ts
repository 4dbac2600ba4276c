import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DevTokenRequest } from '../../shared/auth/principal-schema';
import type { AppDeps, AppEnv } from './context';
import { authenticate } from './middleware/auth';
import { errorResponse, notFoundResponse } from './middleware/errors';
import { idempotency } from './middleware/idempotency';
import { requestContext } from './middleware/request-context';
import { activityRoutes } from './routes/activity';
import { auditRoutes } from './routes/audit';
import { profileRoutes } from './routes/profiles';
import { contentRoutes } from './routes/content';
import { inspectionRoutes } from './routes/inspections';
import { closureRoutes } from './routes/closures';
import { importRoutes } from './routes/imports';
import { registryRoutes } from './routes/registry';
import { schedulingRoutes } from './routes/scheduling';
import { body } from './validation';

/** The one Hono app: served by @hono/node-server locally and by handle(app) on Lambda. */
export function createApp(deps: AppDeps) {
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
  // Before registryRoutes: GET /accounts/export must not be taken for /accounts/:id.
  api.route('/', importRoutes);
  api.route('/', registryRoutes);
  api.route('/', activityRoutes);
  api.route('/', auditRoutes);
  api.route('/', profileRoutes);
  api.route('/', inspectionRoutes);
  api.route('/', contentRoutes);
  api.route('/', closureRoutes);
  api.route('/', schedulingRoutes);

  app.route('/api/v1', api);
  return app;
}
export type App = ReturnType<typeof createApp>;
