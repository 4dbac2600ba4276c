import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitOf, hasExited, stopChild } from '../../../functions/local/dynamo-local';

/** A real node child: `script` is its program. */
const child = (script: string) => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
const idle = 'setInterval(() => {}, 1000)';

/** Resolves with how long `promise` took, or rejects when it took longer than `ms`. */
async function within(ms: number, promise: Promise<unknown>): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`still waiting after ${ms} ms`)), ms)))]);
  clearTimeout(timer);
  return Date.now() - started;
}

describe('stopChild (stopping DynamoDB Local)', () => {
  it.each([
    ['exited by itself', 'process.exit(3)', null],
    ['was killed by a signal (exitCode stays null)', idle, 'SIGKILL' as const],
  ])('returns at once for a child that %s', async (_label, script, signal) => {
    const c = child(script);
    if (signal) c.kill(signal);
    await exitOf(c);
    expect(hasExited(c)).toBe(true);
    await within(200, stopChild(c));
  });

  it('stops a running child with SIGTERM', async () => {
    const c = child(idle);
    await new Promise((r) => c.once('spawn', r));
    await within(3000, stopChild(c));
    expect(c.signalCode).toBe('SIGTERM');
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const c = child(`process.on('SIGTERM', () => {}); ${idle}`);
    // Let the child install its handler before it is asked to stop.
    await new Promise((r) => setTimeout(r, 300));
    const took = await within(3000, stopChild(c, 200));
    expect(c.signalCode).toBe('SIGKILL');
    expect(took).toBeGreaterThanOrEqual(150);
  });
});
