import { jobDeps } from '../wiring/jobs';
import { logger } from '../logger';
import { runNotify } from './notify';
import { remindDueApprovals } from '../../shared/supervision/service';
import { supervisionPortsOf } from '../wiring/domain-ports';

/** Delivers notifications to group robots (EventBridge Scheduler, every minute). */
export async function handler(event: unknown) {
  const deps = jobDeps();
  const report = await runNotify(event, { ...deps, logger, remind: () => remindDueApprovals(supervisionPortsOf(deps)) });
  logger.info('notify finished', { ...report, errors: report.errors.length });
  // Errors are per channel and already logged; the next tick picks up whatever is still due.
  return report;
}
