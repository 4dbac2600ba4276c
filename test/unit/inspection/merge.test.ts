import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkIds, inChunkOrder } from '../../../shared/assessment/jobs';
import type { Account } from '../../../shared/registry/schemas';
import type { Grade } from '../../../shared/grading/types';
import { mergeSummaries } from '../../../shared/inspection/merge';
import { summarizeInspection, type InspectedAccount } from '../../../shared/inspection/summary';
import { PLATFORMS } from '../../../shared/registry/schemas';

/** An inspected account and its verdict: what a summary counts. */
const graded = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  departmentId: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
  pass: fc.boolean(),
  // Some accounts have no description (closed or missing): they count in the total only.
  described: fc.boolean(),
});

function fixture(rows: readonly { platform: (typeof PLATFORMS)[number]; departmentId: string; pass: boolean; described: boolean }[]) {
  const grades: Grade[] = rows.map((r, i) => ({
    accountId: `a${String(i).padStart(5, '0')}`,
    checkDate: '2026-11-20',
    profile: 'national',
    profileVersion: 1,
    verdict: r.pass ? 'pass' : 'fail',
    score: r.pass ? 80 : null,
    band: r.pass ? 'good' : 'fail',
    vetoes: [],
    deductions: [],
  }));
  const accounts = new Map<string, InspectedAccount>();
  rows.forEach((r, i) => {
    if (r.described) accounts.set(grades[i]!.accountId, { platform: r.platform, departmentId: r.departmentId, departmentName: `单位${r.departmentId}`, name: `账号${i}`, handle: `h${i}` });
  });
  return { grades, accounts };
}

describe('mergeSummaries', () => {
  it('of the chunks’ summaries equals the summary of all grades, for any chunking', () => {
    fc.assert(
      fc.property(fc.array(graded, { maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (rows, size) => {
        const { grades, accounts } = fixture(rows);
        const parts = chunkIds(grades.map((g) => g.accountId), size).map((ids) => {
          const set = new Set(ids);
          return summarizeInspection(grades.filter((g) => set.has(g.accountId)), accounts);
        });
        expect(mergeSummaries(parts)).toEqual(summarizeInspection(grades, accounts));
      }),
    );
  });

  it('does not depend on the order the chunks land in', () => {
    fc.assert(
      fc.property(fc.array(fc.array(graded, { maxLength: 40 }), { maxLength: 8 }), (chunks) => {
        const parts = chunks.map((rows) => {
          const { grades, accounts } = fixture(rows);
          return summarizeInspection(grades, accounts);
        });
        expect(mergeSummaries([...parts].reverse())).toEqual(mergeSummaries(parts));
      }),
    );
  });

  it('of nothing is an empty summary with a pass rate of 0', () => {
    expect(mergeSummaries([])).toEqual({ checked: 0, passed: 0, failed: 0, passRate: 0, byPlatform: {}, byDepartment: {} });
  });
});

describe('the order chunks take accounts in', () => {
  const account = fc.record({ id: fc.uuid(), departmentId: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5') });

  it('keeps every account exactly once and puts each department in one run', () => {
    fc.assert(
      fc.property(fc.uniqueArray(account, { selector: (a) => a.id, maxLength: 200 }), (list) => {
        const ordered = inChunkOrder(list as never as Account[]);
        expect([...ordered.map((a) => a.id)].sort()).toEqual(list.map((a) => a.id).sort());
        const runs = ordered.map((a) => a.departmentId).filter((d, i, all) => i === 0 || all[i - 1] !== d);
        expect(new Set(runs).size).toBe(runs.length);
      }),
    );
  });
});
