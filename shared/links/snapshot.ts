import type { MetricsInput } from '../activity/schemas';

const DAY_MS = 86_400_000;

/**
 * A metric snapshot is read whole: the grade takes the latest one (shared/assessment/inputs.ts).
 * So a job that measures one thing (the link check: broken service links; the fetch job:
 * followers and interactions) writes the figures it did not measure as the latest snapshot had
 * them, or the veto and deduction evidence would vanish with each other's runs. An unanswered
 * message stays unanswered until a fetch says otherwise, so its age moves on with the clock.
 */
export function carriedForward(latest: Partial<MetricsInput> | undefined, now: string): Omit<MetricsInput, 'at'> {
  if (!latest) return {};
  const out: Omit<MetricsInput, 'at'> = {};
  if (latest.followers !== undefined) out.followers = latest.followers;
  if (latest.messagesReceived !== undefined) out.messagesReceived = latest.messagesReceived;
  if (latest.messagesAnswered !== undefined) out.messagesAnswered = latest.messagesAnswered;
  if (latest.oldestUnansweredDays !== undefined) {
    const elapsed = latest.at && latest.oldestUnansweredDays > 0 ? Math.max(0, Math.floor((Date.parse(now) - Date.parse(latest.at)) / DAY_MS)) : 0;
    out.oldestUnansweredDays = latest.oldestUnansweredDays + elapsed;
  }
  if (latest.brokenServiceLinks !== undefined) out.brokenServiceLinks = [...latest.brokenServiceLinks];
  if (latest.securityIncident !== undefined) out.securityIncident = latest.securityIncident;
  return out;
}
