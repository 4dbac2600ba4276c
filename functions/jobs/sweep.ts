import * as v from 'valibot';
import { sweepSegment, type SweepReport } from '../../shared/assessment/sweep';
import type { AssessmentPorts } from '../../shared/assessment/assessment-ports';
import { annualReportPortsOf, assessmentPortsOf, supervisionPortsOf, type DomainDeps } from '../wiring/domain-ports';
import { remindAnnualReports } from '../../shared/reports/service';
import { remindDueApprovals, superviseAccount, superviseRectifications } from '../../shared/supervision/service';

/** EventBridge Scheduler runs one schedule per segment; `{}` (or a local timer) means the whole table in one go. */
export const SweepEvent = v.object({
  segment: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  totalSegments: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 1),
});


export async function runSweep(event: unknown, deps: DomainDeps): Promise<SweepReport> {
  const { segment, totalSegments } = v.parse(SweepEvent, event ?? {});
  if (segment >= totalSegments) throw new Error(`segment ${segment} is outside 0..${totalSegments - 1}`);
  const supervision = supervisionPortsOf(deps);
  const regions = new Set<string>();
  const report = await sweepSegment(deps.stores.accounts.scanSegment(segment, totalSegments), { segment, totalSegments }, assessmentPortsOf(deps), 8, (account) => {
    regions.add(account.regionCode);
    return superviseAccount(account, supervision);
  });
  // January: the office of each region seen is reminded of the year before's annual report, once, until exported.
  report.notified += await remindAnnualReports(regions, { ...annualReportPortsOf(deps), notifications: supervision.notifications, onPublished: supervision.onPublished });
  // Rectification deadlines once per sweep, not once per segment.
  if (segment === 0) {
    const rect = await superviseRectifications(supervision);
    const reminders = await remindDueApprovals(supervision);
    report.notified += rect.notified + reminders.notified;
  }
  return report;
}
