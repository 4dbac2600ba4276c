import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRouteSet } from '../../functions/api/route-sets';
import { createApp } from '../../functions/api/app';
import { buildApiDeps } from '../../functions/wiring/api';
import { freePort, startDynamoLocal, type DynamoLocal } from '../../functions/local/dynamo-local';
import { superviseDynamoLocal } from '../../functions/local/supervise';
import { createDynamoClients } from '../../functions/store/client';
import { ensureTable } from '../../functions/store/ensure-table';
import { callerOf, unique } from '../support/api';

/**
 * Store outages (issue 10). This file runs its own DynamoDB Local (persisted in a temporary
 * directory, so the table survives a restart), not the shared one the other files use in
 * parallel: it kills it, checks what the API answers, and starts it again on the same port.
 */
const region = '330127';
const admin = { sub: 'admin-faults', roles: ['admin' as const, 'office' as const], region };
const tableName = 'govmedia-faults';

let dataDir: string;
let dynamo: DynamoLocal;
let call: ReturnType<typeof callerOf>;
let app: ReturnType<typeof createApp>;
let department: { id: string };

async function health(path: '/health' | '/health?ready=1') {
  const res = await app.request(path);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'govmedia-faults-'));
  dynamo = await startDynamoLocal({ dataDir });
  const { raw } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'cn-north-1' });
  await ensureTable(raw, tableName);
  raw.destroy();
  app = createApp(buildApiDeps({ endpoint: dynamo.endpoint, region: 'cn-north-1', tableName }), allRouteSet());
  call = callerOf(app);
  const res = await call(admin, 'POST', '/departments', { name: unique('故障测试单位'), regionCode: region });
  expect(res.status).toBe(201);
  department = res.body;
});

afterAll(async () => {
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('while the store is up', () => {
  it('GET /health answers the contract: 200 {"status":"ok"}', async () => {
    const res = await health('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health?ready=1 (the readiness check) answers 200 naming the store check', async () => {
    expect(await health('/health?ready=1')).toMatchObject({ status: 200, body: { status: 'ok', checks: { store: 'up' } } });
  });
});

describe('while the store is down (DynamoDB Local killed)', () => {
  beforeAll(async () => {
    process.kill(dynamo.pid, 'SIGKILL');
    await dynamo.exited;
  });

  const newAccount = () => ({ platform: 'wechat', handle: unique('h'), name: '淳安发布', departmentId: department.id, interactionEnabled: true, contacts: [] });
  it.each([
    ['a list', 'GET', () => `/departments?region=${region}`, undefined, {}],
    ['a read', 'GET', () => `/departments/${department.id}`, undefined, {}],
    ['a write', 'POST', () => '/departments', () => ({ name: unique('单位'), regionCode: region }), {}],
    ['a write with an Idempotency-Key', 'POST', () => '/accounts', newAccount, { 'idempotency-key': unique('k') }],
  ])('%s answers 503 unavailable with Retry-After', async (_label, method, path, body, headers) => {
    const res = await call(admin, method, path(), body?.(), headers);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^数据存储暂时不可用.*\(.+\)$/) });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('fails fast instead of hanging', async () => {
    const started = Date.now();
    expect((await call(admin, 'GET', `/departments?region=${region}`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each(['/health', '/health?ready=1'] as const)('%s answers 503 {"status":"unavailable","checks":{"store":"down"}} with Retry-After', async (path) => {
    const res = await health(path);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { store: 'down' } });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('once the store is back (started again on the same port)', () => {
  beforeAll(async () => {
    dynamo = await startDynamoLocal({ dataDir, port: dynamo.port });
  });

  it('GET /health answers 200 {"status":"ok"} again', async () => {
    expect(await health('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('routes answer again, with the data written before the outage', async () => {
    const res = await call(admin, 'GET', `/departments/${department.id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(department.id);
  });
});

describe("the local server's watch over DynamoDB Local", () => {
  it('starts a killed DynamoDB Local again on the same port, with the same data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govmedia-supervised-'));
    let restarted!: () => void;
    const restart = new Promise<void>((r) => (restarted = r));
    const port = await freePort();
    const supervised = await superviseDynamoLocal({
      start: () => startDynamoLocal({ dataDir: dir, port }),
      onRestart: () => restarted(),
      onGiveUp: (message) => expect.fail(message),
    });
    try {
      const { raw } = createDynamoClients({ endpoint: supervised.endpoint, region: 'cn-north-1' });
      await ensureTable(raw, tableName);
      raw.destroy();
      const first = supervised.current.pid;
      process.kill(first, 'SIGKILL');
      await restart;
      expect(supervised.current.pid).not.toBe(first);
      expect(supervised.endpoint).toBe(`http://127.0.0.1:${port}`);
      const watched = createApp(buildApiDeps({ endpoint: supervised.endpoint, region: 'cn-north-1', tableName }), allRouteSet());
      // 200 needs the table: it was created before the kill, so the data dir was kept.
      const res = await watched.request('/health');
      expect(res.status).toBe(200);
    } finally {
      await supervised.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
