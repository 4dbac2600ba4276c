import { failGradingJob, runGradingChunk, type GradingChunk, type GradingJobPorts, type InspectionJobs } from '../../shared/assessment/jobs';
import { logger } from '../logger';

/**
 * The local engine of inspection and what-if jobs (issue 13): an in-process worker pool inside
 * `npm start` and the tests. It runs the same `runGradingChunk` the grading function runs when
 * deployed (functions/jobs/grade-chunk-handler.ts), over the ports it is given (the process's dev
 * clock included). A chunk that throws is tried again after a backoff, up to `attempts` times in
 * all; then the job ends `failed` (failGradingJob), as the SQS engine does after its last receive.
 */
export interface GradingPoolOptions {
  /** Chunks graded at once (each grades its accounts 16 at a time). */
  workers?: number;
  /** Tries per chunk, the first included (SQS: maxReceiveCount). */
  attempts?: number;
  /** Wait before try `attempt + 1` (attempt counts from 1). */
  backoffMs?: (attempt: number) => number;
  /** What grades one chunk (runGradingChunk; the pool's own tests give another). */
  run?: (chunk: GradingChunk, ports: GradingJobPorts) => Promise<unknown>;
}

export interface GradingPool extends InspectionJobs {
  /** Resolves once nothing is queued or running (tests, and a server that stops). */
  idle(): Promise<void>;
  /** Chunks queued or running. */
  readonly pending: number;
}

export const DEFAULT_POOL = { workers: 3, attempts: 3, backoffMs: (attempt: number) => 500 * 2 ** (attempt - 1), run: runGradingChunk } satisfies Required<GradingPoolOptions>;

export function gradingPool(ports: () => GradingJobPorts, options: GradingPoolOptions = {}): GradingPool {
  const { workers, attempts, backoffMs, run } = { ...DEFAULT_POOL, ...options };
  const queue: GradingChunk[] = [];
  let running = 0;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (queue.length || running) return;
    const ws = waiters;
    waiters = [];
    ws.forEach((w) => w());
  };

  async function runOne(chunk: GradingChunk): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await run(chunk, ports());
        return;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (attempt >= attempts) {
          logger.error('grading chunk failed for good', { kind: chunk.kind, jobId: chunk.jobId, chunk: chunk.index, attempts, reason });
          await failGradingJob(chunk, reason, attempts, ports()).catch((e: unknown) => logger.error('could not mark the job failed', { jobId: chunk.jobId, error: e as Error }));
          return;
        }
        logger.warn('grading chunk failed, retrying', { kind: chunk.kind, jobId: chunk.jobId, chunk: chunk.index, attempt, reason });
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  }

  function pump(): void {
    while (running < workers && queue.length) {
      const chunk = queue.shift()!;
      running++;
      void runOne(chunk).finally(() => {
        running--;
        pump();
        settle();
      });
    }
  }

  return {
    async submit(chunks) {
      queue.push(...chunks);
      pump();
    },
    idle() {
      if (!queue.length && !running) return Promise.resolve();
      return new Promise<void>((r) => waiters.push(r));
    },
    get pending() {
      return queue.length + running;
    },
  };
}
