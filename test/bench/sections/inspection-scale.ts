/**
 * Grading reads O(accounts) (issue 13): an end-to-end inspection of 10,000 accounts × 60 posts
 * through the API against bare reads of the same activity summaries (goal: within 3x, under 60 s),
 * its peak memory, and the time per account at 10 vs 100 posts per account (goal: under 1.3x).
 * The work runs in a child process (test/bench/support/inspection-scale-run.ts) so its env, its
 * memoised deps and its memory are its own. BENCH_ACCOUNTS / BENCH_SMALL_ACCOUNTS shrink it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export default async function (log: (line: string) => void) {
  const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'test/bench/support/inspection-scale-run.ts'], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  let pending = '';
  child.stdout.on('data', (d) => {
    pending += String(d);
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const l of lines) if (l.trim()) log(l);
  });
  child.stderr.on('data', (d) => (errors += String(d)));
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  if (pending.trim()) log(pending);
  if (code !== 0) throw new Error(`inspection-scale worker exited ${code}: ${errors.slice(-2000)}`);
}
