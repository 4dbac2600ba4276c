import { jobDeps } from '../wiring/jobs';
import { logger } from '../logger';
import { runSweep } from './sweep';

/** Daily inspection sweep (EventBridge Scheduler, one schedule per scan segment). */
export async function handler(event: unknown) {
  const report = await runSweep(event, jobDeps());
  logger.info('sweep finished', { ...report, failed: report.failed.length });
  // A partial failure is visible to the scheduler's retry and the DLQ alarm.
  if (report.failed.length) throw new Error(`sweep segment ${report.segment}: ${report.failed.length} accounts failed`);
  return report;
}
