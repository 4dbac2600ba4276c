import { jobDeps } from '../wiring/jobs';
import { logger } from '../logger';
import { runDispatch } from './dispatch';

/** The publish dispatcher (EventBridge Scheduler, every minute). */
export async function handler(event: unknown) {
  const report = await runDispatch(event, jobDeps());
  logger.info('dispatch finished', { ...report, errors: report.errors.length });
  // Errors are per post and already logged; the next tick picks up whatever is still due,
  // so a failed run is not retried by the scheduler (it would only overlap the next tick).
  return report;
}
