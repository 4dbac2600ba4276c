import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { allRouters } from '../api/all-routers';
import { createApp } from '../api/app';
import { deps } from '../api/deps';
import { config } from '../config';
import { createDynamoClients } from '../store/client';
import { ensureTable } from '../store/ensure-table';
import { demoUsers, seedIfEmpty } from './seed-runner';
import { devJobsOf, startLocalJobs } from './jobs';

const webDist = resolve('web/dist');

/** Serves the same Hono app as Lambda, plus the built web app, on one port. */
export async function runLocal(opts: { port: number; seed: boolean; dataDir: string }) {
  const { raw } = createDynamoClients({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
  const created = await ensureTable(raw, config.TABLE_NAME);
  if (opts.seed) await seedIfEmpty(deps, created === 'created');

  const app = createApp({ ...deps, devUsers: () => demoUsers(deps), devJobs: devJobsOf(deps) }, allRouters);
  if (existsSync(webDist)) {
    const root = relative(process.cwd(), webDist);
    app.use('/*', serveStatic({ root }));
    // The SPA owns every other GET path outside the API.
    const index = serveStatic({ root, path: 'index.html' });
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : index(c, next)));
  } else {
    console.warn('web/dist is missing: run `npm run build:web` to serve the admin UI.');
  }
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: '0.0.0.0' });
  await new Promise<void>((ok, fail) => {
    server.once('listening', () => ok());
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(new Error(err.code === 'EADDRINUSE' ? `端口 ${opts.port} 已被占用：请用 PORT=<其他端口> npm start (port ${opts.port} is in use)` : err.message)),
    );
  });
  startLocalJobs(deps);
  console.log(`GovMedia 已启动: http://localhost:${opts.port}  (API /api/v1, data ${opts.dataDir})`);
  return server;
}
