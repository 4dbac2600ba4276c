import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR } from '../../../functions/calendar';
import { registryFlags } from '../../../shared/assessment/registry-flags';
import type { Principal } from '../../../shared/auth/principal';
import type { Account } from '../../../shared/registry/schemas';
import { issueRectification, type InspectionForRectification } from '../../../shared/supervision/rectification';

/** Every working-day answer that crosses a year with no official data says so (docs/decisions.md). */
const office: Principal = { sub: 'office-1', name: '李敏', roles: ['office'], region: '330127' };

const inspection: InspectionForRectification = {
  id: 'insp1',
  regionCode: '330127',
  checkDate: '2026-12-15',
  profile: 'national',
  profileVersion: 1,
  failed: [
    {
      grade: { accountId: 'a1', vetoes: [{ code: 'no_update', evidence: { threshold: { windowDays: 14 }, checkDate: '2026-12-15', latestPost: null, daysSinceLatestPost: null } }], deductions: [] },
      account: { id: 'a1', name: '淳安人社', platform: 'weibo', handle: 'a1', departmentId: 'd1', regionCode: '330127' },
    },
  ],
};

let n = 0;
const ids = () => `id${n++}`;
const issue = (now: string, dueDate?: string) =>
  issueRectification(inspection, dueDate ? { dueDate } : {}, { actor: office, now, ids, workingDays: 10, calendar: SHIPPED_CALENDAR }).rectification;

const pending = (filingPendingSince: string): Account => ({
  id: 'a1',
  platform: 'wechat',
  handle: 'chunan',
  name: '淳安人社',
  departmentId: 'd1',
  regionCode: '330127',
  interactionEnabled: true,
  contacts: [{ name: '王敏' }],
  status: 'active',
  flags: [],
  postCount: 0,
  lastValidatedAt: '2026-11-02T00:00:00Z',
  createdAt: '2026-11-02T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  version: 1,
  filingPendingSince,
});

describe('a rectification due date', () => {
  it('follows the official calendar without a warning inside the shipped years (国庆 2026 skipped)', () => {
    const r = issue('2026-09-28T10:00:00+08:00');
    // Ten working days from Monday 28 September: 29, 30 Sep; 8, 9, 10 (Saturday, 调休), 12–16 October.
    expect(r.dueDate).toBe('2026-10-16');
    expect(r).not.toHaveProperty('calendarWarning');
  });

  it('says so when the computed due date falls in a year with no data', () => {
    const r = issue('2026-12-21T10:00:00+08:00');
    expect(r.dueDate).toBe('2027-01-04');
    expect(r.calendarWarning).toMatchObject({ code: 'calendar_year_unknown', years: [2027] });
  });

  it('raises no warning for a due date the office chose itself', () => {
    expect(issue('2026-12-21T10:00:00+08:00', '2027-01-15')).not.toHaveProperty('calendarWarning');
  });
});

describe('an unfiled_change flag', () => {
  it('is raised from the first working day after the due day, counting 国庆 2026 as days off', () => {
    // Opened Tuesday 29 September: due Monday 12 October, late from Tuesday 13 October.
    expect(registryFlags(pending('2026-09-29'), [], '2026-10-12', 5, SHIPPED_CALENDAR).map((f) => f.type)).not.toContain('unfiled_change');
    const [flag] = registryFlags(pending('2026-09-29'), [], '2026-10-13', 5, SHIPPED_CALENDAR);
    expect(flag).toMatchObject({ type: 'unfiled_change', since: '2026-10-13', evidence: { dueBy: '2026-10-12', workingDaysElapsed: 6 } });
    expect(flag!.evidence).not.toHaveProperty('calendarWarning');
  });

  it('carries the calendar warning in its evidence when the count runs into a year with no data', () => {
    const [flag] = registryFlags(pending('2026-12-28'), [], '2027-01-11', 5, SHIPPED_CALENDAR);
    expect(flag?.evidence).toMatchObject({ calendarWarning: { code: 'calendar_year_unknown', years: [2027] } });
  });
});
