import { describe, expect, it } from 'vitest';
import type { ChildExit, DynamoLocal } from '../../../functions/local/dynamo-local';
import { superviseDynamoLocal, type SuperviseOptions } from '../../../functions/local/supervise';

/**
 * The restart policy over stand-in DynamoDB Local processes (test/integration/faults.test.ts
 * restarts the real one): each start gives an instance the test can make "die".
 */
function fakeStarts(opts: { failFrom?: number } = {}) {
  const instances: { die(exit?: ChildExit): void; stopped: boolean }[] = [];
  let starts = 0;
  const start = async (): Promise<DynamoLocal> => {
    starts++;
    if (opts.failFrom !== undefined && starts >= opts.failFrom) throw new Error('port 8000 in use\nmore detail');
    let die!: (exit: ChildExit) => void;
    const exited = new Promise<ChildExit>((ok) => (die = ok));
    const handle = { die: (exit: ChildExit = { code: null, signal: 'SIGKILL' }) => die(exit), stopped: false };
    instances.push(handle);
    return {
      endpoint: 'http://127.0.0.1:8000',
      port: 8000,
      pid: 1000 + starts,
      exited,
      output: () => '',
      stop: async () => {
        handle.stopped = true;
        die({ code: 0, signal: null });
      },
    };
  };
  return { start, instances, starts: () => starts };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

function supervise(starts: ReturnType<typeof fakeStarts>, extra: Partial<SuperviseOptions> = {}) {
  const events = { restarts: [] as number[], gaveUp: [] as string[] };
  const supervised = superviseDynamoLocal({
    start: starts.start,
    backoffMs: () => 1,
    onRestart: ({ n }) => events.restarts.push(n),
    onGiveUp: (m) => events.gaveUp.push(m),
    ...extra,
  });
  return { supervised, events };
}

describe('watching DynamoDB Local (npm start)', () => {
  it('starts it again when it dies unexpectedly', async () => {
    const starts = fakeStarts();
    const { supervised, events } = supervise(starts);
    await supervised;
    starts.instances[0]!.die();
    await until(() => events.restarts.length === 1);
    expect(starts.starts()).toBe(2);
    expect((await supervised).current.pid).toBe(1002);
    expect(events.gaveUp).toEqual([]);
  });

  it('gives up with one line after more than maxRestarts exits within the window', async () => {
    const starts = fakeStarts();
    const { supervised, events } = supervise(starts, { maxRestarts: 2 });
    await supervised;
    starts.instances[0]!.die({ code: 1, signal: null });
    await until(() => events.restarts.length === 1);
    starts.instances[1]!.die({ code: 1, signal: null });
    await until(() => events.restarts.length === 2);
    starts.instances[2]!.die({ code: 1, signal: null });
    await until(() => events.gaveUp.length === 1);
    expect(starts.starts()).toBe(3);
    expect(events.gaveUp).toHaveLength(1);
    expect(events.gaveUp[0]).not.toContain('\n');
    expect(events.gaveUp[0]).toMatch(/DynamoDB Local .*3 times.*code 1/);
  });

  it('counts only the exits within the window', async () => {
    let now = 0;
    const starts = fakeStarts();
    const { supervised, events } = supervise(starts, { maxRestarts: 1, windowMs: 1000, now: () => now });
    await supervised;
    for (let i = 0; i < 3; i++) {
      now += 5000;
      starts.instances[i]!.die();
      await until(() => events.restarts.length === i + 1);
    }
    expect(events.gaveUp).toEqual([]);
  });

  it('gives up when the restarts themselves keep failing, naming the first line of the failure', async () => {
    const starts = fakeStarts({ failFrom: 2 });
    const { supervised, events } = supervise(starts, { maxRestarts: 2 });
    await supervised;
    starts.instances[0]!.die();
    await until(() => events.gaveUp.length === 1);
    expect(starts.starts()).toBe(3);
    expect(events.restarts).toEqual([]);
    expect(events.gaveUp[0]).toContain('restart failed: port 8000 in use');
    expect(events.gaveUp[0]).not.toContain('\n');
  });

  it('does not restart after stop, and stop stops the running instance', async () => {
    const starts = fakeStarts();
    const { supervised, events } = supervise(starts);
    await (await supervised).stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(starts.instances[0]!.stopped).toBe(true);
    expect(starts.starts()).toBe(1);
    expect(events.restarts).toEqual([]);
    expect(events.gaveUp).toEqual([]);
  });
});
