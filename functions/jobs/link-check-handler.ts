import { jobDeps } from '../wiring/jobs';
import { logger } from '../logger';
import { runLinkCheck } from './link-check';

/** The daily link check (EventBridge Scheduler, 03:00 Asia/Shanghai): service links and account URLs through the SSRF guard. */
export async function handler(event: unknown) {
  const report = await runLinkCheck(event, { ...jobDeps(), logger });
  logger.info('link-check finished', { ...report, failed: report.failed.length });
  // A broken link is the link's problem and is recorded; an error of ours goes to the scheduler's retry and the DLQ alarm.
  if (report.failed.length) throw new Error(`link-check: ${report.failed.length} accounts failed`);
  return report;
}
