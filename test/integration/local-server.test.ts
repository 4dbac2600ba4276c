import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/dynamo-local';

/**
 * `npm start`'s entry (functions/local/main.ts) as a child process, with its own DynamoDB
 * Local on a pinned port (GOVMEDIA_DYNAMODB_PORT): what happens when DynamoDB Local dies,
 * and on SIGTERM. (Draining requests in flight: test/unit/local/drain.test.ts.)
 */
let server: ChildProcess;
let output = '';
let dataDir: string;
/** A built web app of the test's own (GOVMEDIA_WEB_DIST): index.html and one chunk. */
let webDist: string;
let port: number;
let dynamoPort: number;

/** The pid of the DynamoDB Local listening on `dynamoPort`, from /proc (null when there is none). */
function dynamoPid(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const at = args.indexOf('-port');
    if (args.some((a) => a.endsWith('DynamoDBLocal.jar')) && args[at + 1] === String(dynamoPort)) return Number(entry);
  }
  return null;
}

async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} within ${ms / 1000} s; output: ${output.slice(-1500)}`);
}

const healthStatus = () =>
  fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) }).then(
    (r) => r.status,
    () => 0,
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'govmedia-local-'));
  webDist = mkdtempSync(join(tmpdir(), 'govmedia-dist-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>GovMedia</title><div id="app"></div>');
  writeFileSync(join(webDist, 'assets', 'Registry-new123.js'), 'export default 1;');
  [port, dynamoPort] = [await freePort(), await freePort()];
  const { DYNAMODB_ENDPOINT: _shared, ...env } = process.env;
  // node itself (not npx or the tsx CLI), so the signals the test sends reach main.ts.
  server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...env, PORT: String(port), GOVMEDIA_DYNAMODB_PORT: String(dynamoPort), GOVMEDIA_DATA_DIR: dataDir, GOVMEDIA_WEB_DIST: webDist, GOVMEDIA_SEED: '0', LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += String(d)));
  server.stderr?.on('data', (d) => (output += String(d)));
  await eventually('the server started', async () => output.includes('GovMedia 已启动') && (await healthStatus()) === 200, 90_000);
}, 120_000);

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    const pid = dynamoPid();
    if (pid) process.kill(pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(webDist, { recursive: true, force: true });
});

describe('npm start (functions/local/main.ts)', () => {
  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5000) });

  // Issue 15: after a rebuild under a running server, the old chunk URLs came back as 200 text/html.
  it('answers 404 for a file that is not in the build, and index.html only for the SPA\'s own paths', async () => {
    const chunk = await get('/assets/Registry-new123.js');
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-type')).toMatch(/javascript/);

    for (const missing of ['/assets/Registry-old999.js', '/assets/index-old999.css', '/assets/no-extension', '/favicon.png', '/registry/logo.svg']) {
      const res = await get(missing);
      expect({ missing, status: res.status, type: res.headers.get('content-type') }).toEqual({ missing, status: 404, type: expect.not.stringMatching(/html/) });
    }

    for (const spa of ['/', '/dashboard', '/accounts/01abc']) {
      const res = await get(spa);
      expect({ spa, status: res.status }).toEqual({ spa, status: 200 });
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="app">');
    }
    expect((await get('/api/v1/no-such-route')).headers.get('content-type')).not.toMatch(/html/);
  });

  it('starts DynamoDB Local again when it dies, on the same port, and answers again', async () => {
    const first = dynamoPid();
    expect(first).not.toBeNull();
    process.kill(first!, 'SIGKILL');
    await eventually('the restart was reported', () => output.includes('已重新启动'));
    await eventually('GET /health answered 200 again', async () => (await healthStatus()) === 200);
    expect(dynamoPid()).not.toBe(first);
  }, 90_000);

  it('on SIGTERM stops DynamoDB Local and exits 0 within seconds', async () => {
    const started = Date.now();
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(output).toContain('正在停止 GovMedia (stopping)');
    expect(dynamoPid()).toBeNull();
    expect(await healthStatus()).toBe(0);
  }, 40_000);
});
