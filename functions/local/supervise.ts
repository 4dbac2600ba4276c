import type { ChildExit, DynamoLocal } from './dynamo-local';

export interface SuperviseOptions {
  /** Starts DynamoDB Local, with the same data dir and port every time (so the endpoint does not change). */
  start: () => Promise<DynamoLocal>;
  /** At most this many restarts within `windowMs`; one more unexpected exit gives up. */
  maxRestarts?: number;
  windowMs?: number;
  /** The wait before the n-th restart of a window (1-based). */
  backoffMs?: (n: number) => number;
  onRestart?: (event: { n: number; exit: ChildExit }) => void;
  /** Called once, with a one-line message, when DynamoDB Local cannot be kept running. */
  onGiveUp: (message: string) => void;
  now?: () => number;
}

export interface Supervised {
  readonly endpoint: string;
  /** The DynamoDB Local running now (replaced after each restart). */
  readonly current: DynamoLocal;
  /** Stops watching and stops DynamoDB Local (waiting for a restart in progress first). */
  stop(): Promise<void>;
}

export const SUPERVISION_DEFAULTS = { maxRestarts: 3, windowMs: 10 * 60_000 } as const;

const describeExit = (exit: ChildExit) => (exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`);

/**
 * Keeps the local server's DynamoDB Local running: when it exits unexpectedly it is started
 * again (same data dir and port), at most `maxRestarts` times within `windowMs`; after that
 * (or when a restart fails that often) `onGiveUp` gets one line saying why.
 */
export async function superviseDynamoLocal(opts: SuperviseOptions): Promise<Supervised> {
  const { start, onGiveUp, onRestart } = opts;
  const maxRestarts = opts.maxRestarts ?? SUPERVISION_DEFAULTS.maxRestarts;
  const windowMs = opts.windowMs ?? SUPERVISION_DEFAULTS.windowMs;
  const backoffMs = opts.backoffMs ?? ((n: number) => 500 * 2 ** (n - 1));
  const now = opts.now ?? Date.now;

  let current = await start();
  let stopping = false;
  let gaveUp = false;
  let restarting: Promise<void> = Promise.resolve();
  const failures: number[] = [];

  const giveUp = (message: string) => {
    if (gaveUp || stopping) return;
    gaveUp = true;
    onGiveUp(message);
  };

  /** Records an unexpected exit; true when one more restart is allowed. */
  const mayRestart = () => {
    const at = now();
    failures.push(at);
    while (failures.length && failures[0]! <= at - windowMs) failures.shift();
    return failures.length <= maxRestarts;
  };

  const watch = (instance: DynamoLocal) => {
    void instance.exited.then((exit) => {
      if (stopping || instance !== current) return;
      restarting = restartAfter(exit);
    });
  };

  const restartAfter = async (exit: ChildExit): Promise<void> => {
    let last = `exited with ${describeExit(exit)}`;
    while (!stopping) {
      if (!mayRestart()) {
        giveUp(
          `DynamoDB Local 多次意外退出，GovMedia 停止 (DynamoDB Local stopped unexpectedly ${failures.length} times in ${Math.round(windowMs / 60_000)} min, last ${last}; giving up)`,
        );
        return;
      }
      const n = failures.length;
      await new Promise((r) => setTimeout(r, backoffMs(n)));
      if (stopping) return;
      try {
        current = await start();
        onRestart?.({ n, exit });
        watch(current);
        return;
      } catch (err) {
        last = `restart failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
      }
    }
  };

  watch(current);
  return {
    get endpoint() {
      return current.endpoint;
    },
    get current() {
      return current;
    },
    async stop() {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
