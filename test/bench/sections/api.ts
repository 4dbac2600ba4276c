/**
 * API figures (ARCHITECTURE.md budget):
 * - median GET /accounts/{id} over real HTTP vs a bare SDK GetItem, same DynamoDB Local (≤ 1.5x);
 * - API bundle import + first request vs a minimal Hono + GetItem bundle, same build (≤ 1.3x).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { startBenchStore } from '../support/local-store';
import { httpApiEvent } from '../support/http-event';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (log: (line: string) => void) {
  const dynamo = await startBenchStore('govmedia-bench');
  try {
    const { createApp } = await import('../../../functions/api/app');
    const { allRouteSet } = await import('../../../functions/api/route-sets');
    const deps = (await import('../../../functions/wiring/local')).localDeps();
    const { ensureTable } = await import('../../../functions/store/ensure-table');
    const { createDynamoClients } = await import('../../../functions/store/client');
    const { raw, doc } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'cn-north-1' });
    await ensureTable(raw, 'govmedia-bench');
    const app = createApp(deps, allRouteSet());

    const token = await deps.devIssuer!.issue({ sub: 'bench', roles: ['office', 'admin'], region: '330127' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const dept = await (await app.request('/api/v1/departments', { method: 'POST', headers: auth, body: JSON.stringify({ name: '县政府办', regionCode: '330127' }) })).json();
    const account = await (
      await app.request('/api/v1/accounts', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ platform: 'wechat', handle: 'bench', name: '淳安发布', departmentId: dept.id, interactionEnabled: true, contacts: [{ name: '王敏' }] }),
      })
    ).json();

    // 1. Latency: real HTTP through the whole app vs the SDK call it wraps.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}/api/v1/accounts/${account.id}`;
    const apiTimes: number[] = [];
    const sdkTimes: number[] = [];
    // A keep-alive node:http client, the same kind of client the SDK uses for GetItem, so the
    // ratio measures the server and not the difference between HTTP client libraries.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((ok, fail) => {
        const req = httpRequest(url, { agent, headers: auth }, (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode ?? 0));
        });
        req.on('error', fail);
        req.end();
      });
    for (let i = 0; i < 400; i++) {
      // Interleaved so both see the same machine state.
      let t = performance.now();
      const status = await get();
      if (status !== 200) throw new Error(`GET failed ${status}`);
      if (i >= 50) apiTimes.push(performance.now() - t);
      t = performance.now();
      await doc.send(new GetCommand({ TableName: 'govmedia-bench', Key: { pk: `ACC#${account.id}`, sk: 'A' }, ConsistentRead: true }));
      if (i >= 50) sdkTimes.push(performance.now() - t);
    }
    agent.destroy();
    server.close();
    const api = median(apiTimes);
    const sdk = median(sdkTimes);
    log(`GET /accounts/{id} median ${api.toFixed(2)} ms; bare SDK GetItem median ${sdk.toFixed(2)} ms; ratio ${(api / sdk).toFixed(2)}x (budget 1.5x)`);

    // 2. Cold start: both bundles built the same way, each run in a fresh process.
    const outDir = resolve('.bench');
    mkdirSync(outDir, { recursive: true });
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'esm' as const,
      target: 'node20',
      minify: true,
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent' as const,
    };
    const apiBundle = resolve(outDir, 'api.mjs');
    const minimalBundle = resolve(outDir, 'minimal.mjs');
    const built = await build({ ...common, entryPoints: ['functions/api/lambda.ts'], outfile: apiBundle, metafile: true });
    await build({ ...common, entryPoints: ['test/bench/support/minimal-lambda.ts'], outfile: minimalBundle });
    const apiBytes = Object.values(built.metafile.outputs)[0]!.bytes;
    const event = JSON.stringify(httpApiEvent('GET', `/api/v1/accounts/${account.id}`, { authorization: `Bearer ${token}` }));
    const coldApi: number[] = [];
    const coldMin: number[] = [];
    // Pairs run back to back, and the ratio is the median of the per-pair ratios, so a
    // burst of load from elsewhere on the machine hits both sides of a pair alike.
    for (let i = 0; i < 15; i++) {
      for (const [bundle, out] of [
        [apiBundle, coldApi],
        [minimalBundle, coldMin],
      ] as const) {
        const ms = execFileSync(process.execPath, ['test/bench/support/cold-start.mjs', bundle, event], { env: process.env, encoding: 'utf8' });
        out.push(Number(ms.trim()));
      }
    }
    const a = median(coldApi);
    const m = median(coldMin);
    const pairRatio = median(coldApi.map((x, i) => x / coldMin[i]!));
    log(
      `API bundle (${(apiBytes / 1024).toFixed(0)} KB) import + first request median ${a.toFixed(0)} ms; minimal Hono + GetItem ${m.toFixed(0)} ms; ` +
        `ratio ${pairRatio.toFixed(2)}x (median of 15 back-to-back pairs; budget 1.3x)`,
    );
    raw.destroy();
  } finally {
    await dynamo.stop();
  }
}
