/**
 * `npm start` to `/health` with the demo seed (issue 13; goal: under 15 s after the web build).
 * Runs the real entry point (functions/local/main.ts) on a fresh data directory, so DynamoDB Local
 * starts on disk exactly as on a first `npm start`, and polls GET /health until it answers 200.
 * The seed's own phase timings (printed by the seed) are passed through.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../functions/local/dynamo-local';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export default async function (log: (line: string) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'govmedia-bench-seed-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'functions/local/main.ts'], {
    env: { ...process.env, GOVMEDIA_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exited = false;
  child.on('exit', () => (exited = true));
  const keep = (d: unknown) => lines.push(...String(d).split('\n').filter((l) => /seed|演示数据/.test(l)));
  child.stdout.on('data', keep);
  child.stderr.on('data', (d) => lines.push(...String(d).split('\n').filter((l) => l.trim())));
  try {
    let ready = false;
    while (!ready && !exited && performance.now() - started < 300_000) {
      await sleep(100);
      ready = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    }
    const ms = performance.now() - started;
    for (const l of lines) log(`| ${l.trim()}`);
    if (!ready) throw new Error('npm start did not answer /health');
    log(`npm start (without the web build) to /health with the demo seed: ${(ms / 1000).toFixed(1)} s (goal under 15 s)`);
  } finally {
    if (!exited) {
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
