import { jobDeps } from '../wiring/jobs';
import { logger } from '../logger';
import { runFetch } from './fetch';

/** Daily activity sync through the platform connectors (EventBridge Scheduler, 01:00 Asia/Shanghai). */
export async function handler(event: unknown) {
  const report = await runFetch(event, jobDeps());
  logger.info('fetch finished', { ...report, failed: report.failed.length });
  // A platform refusing one account (expired token, rate limit) is that account's problem and is
  // reported; an error of ours is visible to the scheduler's retry and the DLQ alarm.
  const internal = report.failed.filter((f) => f.kind === 'internal');
  if (internal.length) throw new Error(`fetch: ${internal.length} accounts failed with internal errors`);
  return report;
}
