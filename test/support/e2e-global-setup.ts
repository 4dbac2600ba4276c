import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../functions/local/dynamo-local';

let server: ChildProcess | undefined;
let dataDir: string | undefined;

/**
 * Browser journeys run against the product as `npm start` runs it: the web
 * app built, then the local server (DynamoDB Local, demo data) on a free port.
 */
export async function setup(project: TestProject) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'govmedia-e2e-'));
  server = spawn('npx', ['tsx', 'functions/local/main.ts'], {
    env: { ...process.env, PORT: String(port), GOVMEDIA_DATA_DIR: dataDir, LOG_LEVEL: 'WARN', GOVMEDIA_DISPATCH_INTERVAL_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout?.on('data', (d) => (output += String(d)));
  server.stderr?.on('data', (d) => (output += String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output.slice(-2000)}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok && output.includes('GovMedia 已启动')) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 120 s: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 3000));
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
