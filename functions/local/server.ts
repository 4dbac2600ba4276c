import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../api/app';
import { allRouteSet } from '../api/route-sets';
import { localDeps } from '../wiring/local';
import { config } from '../config';
import { createDynamoClients } from '../store/client';
import { ensureTable } from '../store/ensure-table';
import { demoUsers, seedIfEmpty } from './seed-runner';
import { devJobsOf, startLocalJobs } from './jobs';
import { DRAIN_TIMEOUT_MS, listen } from './http-server';
import { mountWebApp } from './web-static';

/** The built web app; GOVMEDIA_WEB_DIST points elsewhere (tests serve a dist of their own). */
const webDist = resolve(process.env.GOVMEDIA_WEB_DIST ?? 'web/dist');

export interface LocalServer {
  port: number;
  /**
   * The drain of a shutdown: no new connections, the requests in flight finish (at most
   * DRAIN_TIMEOUT_MS), then the job timers stop and the job runs in progress finish (at most 5 s).
   * DynamoDB Local is stopped by the caller afterwards.
   */
  shutdown(): Promise<void>;
}

/** Serves the same Hono app as Lambda, plus the built web app, on one port. */
export async function runLocal(opts: { port: number; seed: boolean; dataDir: string }): Promise<LocalServer> {
  const deps = localDeps();
  const { raw } = createDynamoClients({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
  const created = await ensureTable(raw, config.TABLE_NAME);
  if (opts.seed) await seedIfEmpty(deps, created === 'created');

  const app = createApp({ ...deps, devUsers: () => demoUsers(deps), devJobs: devJobsOf(deps) }, allRouteSet());
  if (existsSync(webDist)) {
    // Files as they are, unknown files 404, every other GET outside the API the SPA's index.html.
    mountWebApp(app, webDist);
  } else {
    console.warn('web/dist is missing: run `npm run build:web` to serve the admin UI.');
  }
  const http = await listen(app.fetch, { port: opts.port, hostname: '0.0.0.0' });
  const stopJobs = startLocalJobs(deps);
  console.log(`GovMedia 已启动: http://localhost:${http.port}  (API /api/v1, data ${opts.dataDir})`);
  return {
    port: http.port,
    async shutdown() {
      const { forced } = await http.drain(DRAIN_TIMEOUT_MS);
      if (forced) console.warn(`仍有请求未完成，已在 ${DRAIN_TIMEOUT_MS / 1000} s 后关闭连接 (requests still open after ${DRAIN_TIMEOUT_MS / 1000} s were cut)`);
      await stopJobs();
    },
  };
}
