/**
 * Registry writes stay O(1) (issue 13, decisions 30 and 38): median POST /accounts over real HTTP
 * with at least 50 siblings on the unit's platform, against a bare TransactWriteItems of the same
 * four items (account, handle guard, audit entry, the unit's roster entry) on the same DynamoDB
 * Local (goal: within 2x).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { Agent, request as httpRequest } from 'node:http';
import { startBenchStore } from '../support/local-store';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const SIBLINGS = 50;
const WARMUP = 10;
const RUNS = 60;

export default async function (log: (line: string) => void) {
  const dynamo = await startBenchStore('govmedia-bench-registry');
  try {
    const { createApp } = await import('../../../functions/api/app');
    const { allRouteSet } = await import('../../../functions/api/route-sets');
    const deps = (await import('../../../functions/wiring/local')).localDeps();
    const { ensureTable } = await import('../../../functions/store/ensure-table');
    const { createDynamoClients } = await import('../../../functions/store/client');
    const { keys } = await import('../../../functions/store/keys');
    const { auditEntry } = await import('../../../shared/audit/audit');
    const { raw, doc } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'cn-north-1' });
    await ensureTable(raw, 'govmedia-bench-registry');
    const app = createApp(deps, allRouteSet());
    const { stores } = deps;

    const token = await deps.devIssuer!.issue({ sub: 'bench', roles: ['office', 'admin'], region: '330127' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const dept = await (await app.request('/api/v1/departments', { method: 'POST', headers: auth, body: JSON.stringify({ name: '县政府办', regionCode: '330127' }) })).json();
    let n = 0;
    const body = () => JSON.stringify({ platform: 'wechat', handle: `bench${n++}`, name: '淳安发布', departmentId: dept.id, interactionEnabled: true, contacts: [{ name: '王敏' }] });
    for (let i = 0; i < SIBLINGS; i++) {
      const res = await app.request('/api/v1/accounts', { method: 'POST', headers: auth, body: body() });
      if (res.status !== 201) throw new Error(`sibling ${i}: ${res.status}`);
    }

    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (payload: string) =>
      new Promise<{ status: number; body: string }>((ok, fail) => {
        const req = httpRequest(`http://127.0.0.1:${port}/api/v1/accounts`, { method: 'POST', agent, headers: auth }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', fail);
        req.end(payload);
      });

    const apiTimes: number[] = [];
    const bareTimes: number[] = [];
    const actor = { sub: 'bench', name: 'bench', roles: ['office' as const], region: '330127' };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Interleaved so both see the same machine state.
      let t = performance.now();
      const res = await post(body());
      if (res.status !== 201) throw new Error(`POST /accounts ${res.status} ${res.body}`);
      if (i >= WARMUP) apiTimes.push(performance.now() - t);
      // The same four items, as the repository builds them, for an account like the one just registered.
      const like = JSON.parse(res.body);
      const account = { ...like, id: `bare${i}`, handle: `bare${i}` };
      const audit = auditEntry(actor, 'account.create', { type: 'account', id: account.id }, account, null, account, account.createdAt, `audit-bare${i}`);
      const items = [
        stores.table.put(stores.accounts.toItem(account), 'attribute_not_exists(pk)'),
        stores.table.put({ ...keys.handleGuard(account.platform, account.handle), accountId: account.id }, 'attribute_not_exists(pk)'),
        stores.table.auditPut(audit),
        stores.accounts.rosters.put(account),
      ];
      t = performance.now();
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      if (i >= WARMUP) bareTimes.push(performance.now() - t);
    }
    agent.destroy();
    server.close();
    const api = median(apiTimes);
    const bare = median(bareTimes);
    log(
      `POST /accounts median ${api.toFixed(2)} ms (${SIBLINGS + WARMUP}–${SIBLINGS + WARMUP + RUNS} siblings on the platform); ` +
        `bare TransactWriteItems of the same 4 items ${bare.toFixed(2)} ms; ratio ${(api / bare).toFixed(2)}x (goal 2x)`,
    );
    raw.destroy();
  } finally {
    await dynamo.stop();
  }
}
