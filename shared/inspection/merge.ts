/**
 * Summaries of parts, summed: an inspection graded in chunks keeps one partial summary per
 * chunk (summarizeInspection over that chunk's grades), and its summary is their sum. Equal to
 * summarizing all the grades at once (test/unit/inspection/merge.test.ts, a property).
 */
import type { Platform } from '../registry/schemas';
import type { DepartmentCounts, InspectionSummary, PassCounts } from './summary';

const rate = (passed: number, checked: number) => (checked === 0 ? 0 : Math.round((passed / checked) * 10_000) / 10_000);

function addInto<T extends PassCounts>(into: T, c: PassCounts): T {
  into.checked += c.checked;
  into.passed += c.passed;
  into.failed += c.failed;
  return into;
}

const finish = <T extends PassCounts>(c: T): T => ({ ...c, passRate: rate(c.passed, c.checked) });
const sortedEntries = <T>(m: Map<string, T>) => [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1));

/** The sum of partial summaries (counts added, pass rates recomputed, keys sorted as summarizeInspection sorts them). */
export function mergeSummaries(parts: readonly InspectionSummary[]): InspectionSummary {
  const total: PassCounts = { checked: 0, passed: 0, failed: 0, passRate: 0 };
  const byPlatform = new Map<string, PassCounts>();
  const byDepartment = new Map<string, DepartmentCounts>();
  for (const part of parts) {
    addInto(total, part);
    for (const [platform, c] of Object.entries(part.byPlatform)) {
      if (!c) continue;
      let p = byPlatform.get(platform);
      if (!p) byPlatform.set(platform, (p = { checked: 0, passed: 0, failed: 0, passRate: 0 }));
      addInto(p, c);
    }
    for (const [id, c] of Object.entries(part.byDepartment)) {
      let d = byDepartment.get(id);
      if (!d) byDepartment.set(id, (d = { checked: 0, passed: 0, failed: 0, passRate: 0, ...(c.departmentName ? { departmentName: c.departmentName } : {}) }));
      addInto(d, c);
    }
  }
  return {
    ...finish(total),
    byPlatform: Object.fromEntries(sortedEntries(byPlatform).map(([k, c]) => [k, finish(c)])) as Partial<Record<Platform, PassCounts>>,
    byDepartment: Object.fromEntries(sortedEntries(byDepartment).map(([k, c]) => [k, finish(c)])),
  };
}
