import { mapLimit } from '../util/concurrency';
import type { Account } from '../registry/schemas';
import { AssessmentContext } from './inputs';
import type { AssessmentPorts } from './ports';
import { refreshAccount } from './refresh';

export interface SweepReport {
  segment: number;
  totalSegments: number;
  accounts: number;
  refreshed: number;
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
): Promise<SweepReport> {
  const ctx = new AssessmentContext(ports);
  const report: SweepReport = { ...where, accounts: 0, refreshed: 0, failed: [] };
  for await (const page of pages) {
    report.accounts += page.length;
    await mapLimit(
      page.filter((a) => a.status !== 'closed'),
      concurrency,
      async (a) => {
        try {
          await refreshAccount(a.id, ports, ctx);
          report.refreshed++;
        } catch (err) {
          report.failed.push({ accountId: a.id, error: err instanceof Error ? err.message : String(err) });
        }
      },
    );
  }
  return report;
}
