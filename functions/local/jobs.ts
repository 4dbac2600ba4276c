import { logger } from '../logger';
import { runSweep } from '../jobs/sweep';
import { runDispatch } from '../jobs/dispatch';
import { runFetch } from '../jobs/fetch';
import { runNotify } from '../jobs/notify';
import { runLinkCheck } from '../jobs/link-check';
import { remindDueApprovals } from '../../shared/supervision/service';
import { supervisionPortsOf } from '../wiring/domain-ports';
import type { Needs } from '../wiring/deps';

/** What the jobs need: the one Deps with connectors and the credential vault (functions/wiring/jobs.ts). */
type JobDeps = Needs<'vault' | 'connectors'>;

/** A scheduled job as it runs locally: the same function EventBridge Scheduler invokes when deployed. */
export interface LocalJob {
  name: string;
  everyMs: number;
  run(deps: JobDeps): Promise<unknown>;
}

export const localJobs: LocalJob[] = [
  // Deployed, the sweep runs at 02:00 Beijing time in parallel segments; locally every 6 hours over the whole table.
  {
    name: 'sweep',
    everyMs: 6 * 3600_000,
    run: (deps) => Promise.all([0, 1, 2, 3].map((segment) => runSweep({ segment, totalSegments: 4 }, deps))),
  },
  // Deployed, the dispatcher runs every minute and the fetch job daily at 01:00 Beijing time; locally on the same intervals.
  // GOVMEDIA_DISPATCH_INTERVAL_MS shortens the tick for the browser journeys, which watch a post publish.
  { name: 'dispatch', everyMs: Number(process.env.GOVMEDIA_DISPATCH_INTERVAL_MS ?? 60_000), run: (deps) => runDispatch({}, deps) },
  { name: 'fetch', everyMs: 24 * 3600_000, run: (deps) => runFetch({}, deps) },
  // Group-robot deliveries (docs/notifications.md): every minute, deployed and locally.
  { name: 'notify', everyMs: 60_000, run: (deps) => runNotify({}, { ...deps, logger, remind: () => remindDueApprovals(supervisionPortsOf(deps)) }) },
  // The link check (service links and account URLs through the SSRF guard): daily, deployed and locally.
  { name: 'link-check', everyMs: 24 * 3600_000, run: (deps) => runLinkCheck({}, { ...deps, logger }) },
];

/** The jobs by name, for POST /api/v1/dev/jobs/{name}: each runs at once and resolves when it has finished. */
export function devJobsOf(deps: JobDeps): Record<string, () => Promise<unknown>> {
  return Object.fromEntries(localJobs.map((job) => [job.name, () => job.run(deps)]));
}

/**
 * Runs each job on its own timer; a run never overlaps the previous one of the same job.
 * The returned stop clears the timers and resolves once the runs in progress have finished
 * (or after `waitMs`, whichever comes first).
 */
export function startLocalJobs(deps: JobDeps): (waitMs?: number) => Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const timers = localJobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const result = await job.run(deps);
        logger.debug('job done', { job: job.name, result: result as Record<string, unknown> });
      } catch (error) {
        logger.error('job failed', { job: job.name, error: error as Error });
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => {
      const run = tick();
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return async (waitMs = 5000) => {
    timers.forEach(clearInterval);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(inFlight), new Promise((r) => (bound = setTimeout(r, waitMs)))]);
    clearTimeout(bound);
  };
}
