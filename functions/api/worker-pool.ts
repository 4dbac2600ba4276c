import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';

/**
 * A small pool of worker threads that each run one job at a time, with a wall-time
 * limit per job: a job that runs over has its worker terminated (the thread and
 * everything it allocated are gone) and is rejected with `JobTimedOut`.
 *
 * The worker's code is a module that calls `serveJobs(kind, handler)` at its top level
 * and passes its own `import.meta.url` here. Run from source (tsx, vitest) that is the
 * .ts file, loaded with tsx's loader; in an esbuild bundle every module shares the
 * bundle's `import.meta.url`, so the worker loads the bundle itself and `serveJobs`
 * recognises it by `workerData`. No separate worker entry has to be bundled.
 */

/** The job ran past its time limit; its worker was terminated. */
export class JobTimedOut extends Error {}
/** The worker ran out of its heap (resourceLimits) and was stopped. */
export class JobOutOfMemory extends Error {}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: unknown };

interface Job {
  id: number;
  input: unknown;
  transfer: readonly ArrayBuffer[];
  timeLimitMs: number;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  /** `import.meta.url` of the module that calls `serveJobs(kind, …)`. */
  moduleUrl: string;
  /** Names the handler in that module (the same string passed to `serveJobs`). */
  kind: string;
  /** Most workers alive at once. */
  size: number;
  resourceLimits?: ResourceLimits;
}

export interface WorkerPool<In, Out> {
  /** Runs one job in a free worker (waiting for one if all are busy); the time limit counts from when a worker takes it. */
  run(input: In, options: { timeLimitMs: number; transfer?: readonly ArrayBuffer[] }): Promise<Out>;
  /** Stops every worker (tests, shutdown). */
  close(): Promise<void>;
}

/**
 * How a worker loads `moduleUrl`. A bundle (or any .js/.mjs) is loaded as it is. From
 * TypeScript source (tsx, vitest) the worker first registers tsx's CommonJS hook and
 * requires the file: Node 20 does not apply `--import` loader hooks inside workers.
 */
function workerSource(moduleUrl: string): { filename: string | URL; options: WorkerOptions } {
  const url = new URL(moduleUrl);
  // No inherited flags: the parent's (`--input-type`, the Lambda runtime's heap flags) are not the worker's business.
  if (!/\.[cm]?ts$/.test(url.pathname)) return { filename: url, options: { execArgv: [] } };
  const tsx = createRequire(url).resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(url))});`;
  return { filename: code, options: { eval: true, execArgv: [] } };
}

export function workerPool<In, Out>(options: PoolOptions): WorkerPool<In, Out> {
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;

  const settle = (slot: Slot, outcome: { value: unknown } | { error: unknown }) => {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    if ('value' in outcome) job.resolve(outcome.value);
    else job.reject(outcome.error);
  };

  const retire = (slot: Slot, error: unknown) => {
    if (!slots.delete(slot)) return;
    if (slot.job) settle(slot, { error });
    // A worker that fails before it is ready fails the job it was started for (no endless restarts).
    else if (!slot.ready) queue.shift()?.reject(error);
    void slot.worker.terminate();
    pump();
  };

  const spawn = () => {
    const { filename, options: loading } = workerSource(options.moduleUrl);
    const worker = new Worker(filename, {
      ...loading,
      workerData: { govmediaJobKind: options.kind },
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    worker.unref();
    worker.on('message', (msg: 'ready' | Reply) => {
      if (msg === 'ready') {
        slot.ready = true;
        pump();
        return;
      }
      if (slot.job?.id !== msg.id) return;
      settle(slot, msg.ok ? { value: msg.value } : { error: Object.assign(new Error(String((msg.error as Error)?.message ?? msg.error)), { cause: msg.error }) });
      pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      retire(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new JobOutOfMemory(err.message) : err);
    });
    worker.on('exit', (code) => retire(slot, new Error(`worker exited (code ${code})`)));
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => retire(slot, new JobTimedOut(`over ${job.timeLimitMs} ms`)), job.timeLimitMs);
    slot.worker.postMessage({ id: job.id, input: job.input }, job.transfer as ArrayBuffer[]);
  };

  function pump() {
    for (const slot of slots) {
      if (!queue.length) return;
      if (slot.ready && !slot.job) start(slot, queue.shift()!);
    }
    const starting = [...slots].filter((s) => !s.ready).length;
    if (queue.length > starting && slots.size < options.size) spawn();
  }

  return {
    run(input, { timeLimitMs, transfer = [] }) {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ id: nextId++, input, transfer, timeLimitMs, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    async close() {
      const all = [...slots];
      slots.clear();
      for (const job of queue.splice(0)) job.reject(new Error('pool closed'));
      for (const slot of all) settle(slot, { error: new Error('pool closed') });
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * In a worker started by `workerPool({kind})`, answers each job with `handler`'s value,
 * or its error (a structured clone: plain data only). Elsewhere (the main thread, or a
 * worker of another kind loading the same bundle) it does nothing.
 */
export function serveJobs<In, Out>(kind: string, handler: (input: In) => Promise<Out> | Out): void {
  if (isMainThread || !parentPort || (workerData as { govmediaJobKind?: string } | null)?.govmediaJobKind !== kind) return;
  const port = parentPort;
  port.on('message', async ({ id, input }: { id: number; input: In }) => {
    let reply: Reply;
    try {
      reply = { id, ok: true, value: await handler(input) };
    } catch (err) {
      reply = { id, ok: false, error: err instanceof Error ? { name: err.name, message: err.message } : err };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
