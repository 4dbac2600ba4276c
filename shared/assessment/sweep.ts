import { mapLimit } from '../util/concurrency';
import type { Account } from '../registry/schemas';
import { AssessmentContext } from './inputs';
import type { AssessmentPorts } from './assessment-ports';
import { refreshAccount } from './refresh';

export interface SweepReport {
  segment: number;
  totalSegments: number;
  accounts: number;
  refreshed: number;
  /** New notifications written for the swept accounts. */
  notified: number;
  failed: { accountId: string; error: string }[];
}

/**
 * The nightly sweep over one scan segment: every operating account gets today's
 * grade and flags. One account's failure is reported, never stops the segment.
 */
export async function sweepSegment(
  pages: AsyncIterable<Account[]>,
  where: { segment: number; totalSegments: number },
  ports: AssessmentPorts,
  concurrency = 8,
  /** After an account is refreshed: the supervision loop's warnings about it (returns how many were new). */
  supervise?: (account: Account) => Promise<number>,
): Promise<SweepReport> {
  const ctx = new AssessmentContext(ports);
  const report: SweepReport = { ...where, accounts: 0, refreshed: 0, notified: 0, failed: [] };
  for await (const page of pages) {
    report.accounts += page.length;
    await mapLimit(
      page.filter((a) => a.status !== 'closed'),
      concurrency,
      async (a) => {
        try {
          const fresh = await refreshAccount(a.id, ports, ctx);
          report.refreshed++;
          if (fresh && supervise) report.notified += await supervise(fresh);
        } catch (err) {
          report.failed.push({ accountId: a.id, error: err instanceof Error ? err.message : String(err) });
        }
      },
    );
  }
  return report;
}
