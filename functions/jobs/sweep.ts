import * as v from 'valibot';
import { sweepSegment, type SweepReport } from '../../shared/assessment/sweep';
import type { AssessmentPorts } from '../../shared/assessment/ports';
import { assessmentPortsOf } from '../ports';
import type { Stores } from '../store';

/** EventBridge Scheduler runs one schedule per segment; `{}` (or a local timer) means the whole table in one go. */
export const SweepEvent = v.object({
  segment: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  totalSegments: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 1),
});


export async function runSweep(event: unknown, deps: { stores: Stores; clock: AssessmentPorts['clock']; ids: AssessmentPorts['ids'] }): Promise<SweepReport> {
  const { segment, totalSegments } = v.parse(SweepEvent, event ?? {});
  if (segment >= totalSegments) throw new Error(`segment ${segment} is outside 0..${totalSegments - 1}`);
  return sweepSegment(deps.stores.accounts.scanSegment(segment, totalSegments), { segment, totalSegments }, assessmentPortsOf(deps));
}
