import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../../shared/errors';
import {
  DEFAULT_CALENDAR_PROFILE,
  calendarWarnings,
  weeklyMinimumFromCadence,
  type CalendarInput,
  type CalendarPlannedPost,
  type CalendarWarning,
} from '../../../shared/scheduling';

/** Thursday 2026-11-19, 10:00 Beijing. */
const NOW = '2026-11-19T10:00:00+08:00';
const DAY = 86_400_000;

const base: CalendarInput = {
  accounts: [],
  published: [],
  planned: [],
  profile: DEFAULT_CALENDAR_PROFILE,
  from: '2026-11-19',
  to: '2026-12-02',
  now: NOW,
};

const ofType = <T extends CalendarWarning['type']>(ws: CalendarWarning[], type: T) =>
  ws.filter((w): w is Extract<CalendarWarning, { type: T }> => w.type === type);

const plannedAt = (accountId: string, publishAt: string, extra: Partial<CalendarPlannedPost> = {}): CalendarPlannedPost => ({
  accountId,
  publishAt,
  category: 'service',
  status: 'draft',
  ...extra,
});

/** Beijing wall-clock of an instant: weekday (0 = Monday) and HH:MM. */
function beijing(iso: string): { weekday: number; time: string } {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return { weekday: (d.getUTCDay() + 6) % 7, time: d.toISOString().slice(11, 16) };
}

describe('no-update gap warnings', () => {
  const department: CalendarInput = {
    ...base,
    accounts: [
      { id: 'stale', name: '某街道发布', lastPostAt: '2026-11-07T15:00:00+08:00' },
      { id: 'busy', name: '某区教育', lastPostAt: '2026-11-18T09:00:00+08:00' },
    ],
    published: [
      { accountId: 'stale', publishedAt: '2026-11-07T15:00:00+08:00', category: 'news' },
      { accountId: 'busy', publishedAt: '2026-11-12T09:00:00+08:00', category: 'service' },
      { accountId: 'busy', publishedAt: '2026-11-18T09:00:00+08:00', category: 'service' },
    ],
  };

  it('warns about the account about to go stale, from the first day it would fail the 14-day rule', () => {
    const gaps = ofType(calendarWarnings(department), 'no_update_gap');
    expect(gaps).toEqual([
      {
        type: 'no_update_gap',
        accountId: 'stale',
        from: '2026-11-22',
        to: '2026-12-02',
        days: 11,
        lastPostOn: '2026-11-07',
        suggestedSlots: ['2026-11-19T17:30:00+08:00'],
      },
    ]);
  });

  it('scheduling the suggested slot removes the warning', () => {
    const [gap] = ofType(calendarWarnings(department), 'no_update_gap');
    const withSlot = { ...department, planned: gap!.suggestedSlots.map((s) => plannedAt('stale', s)) };
    expect(ofType(calendarWarnings(withSlot), 'no_update_gap')).toEqual([]);
  });

  it('the suggestion is in office hours on a workday, at least two hours from now and before the breach', () => {
    const [gap] = ofType(calendarWarnings(department), 'no_update_gap');
    for (const slot of gap!.suggestedSlots) {
      const { weekday, time } = beijing(slot);
      expect(weekday).toBeLessThan(5);
      expect(['09:00', '17:30']).toContain(time);
      expect(Date.parse(slot)).toBeGreaterThanOrEqual(Date.parse(NOW) + 2 * 3_600_000);
      expect(Date.parse(slot)).toBeLessThan(Date.parse('2026-11-22T00:00:00+08:00'));
    }
  });

  it('counts Beijing calendar days: a post 14 days before the check date passes, 15 days before fails', () => {
    const input: CalendarInput = {
      ...base,
      accounts: [{ id: 'a', name: 'A' }],
      // 23:30 on 11-01 Beijing is still 11-01 there (15:30Z).
      published: [{ accountId: 'a', publishedAt: '2026-11-01T15:30:00Z' }],
      from: '2026-11-15',
      to: '2026-11-16',
      now: '2026-11-01T00:00:00+08:00',
    };
    expect(ofType(calendarWarnings(input), 'no_update_gap')).toMatchObject([{ from: '2026-11-16', to: '2026-11-16', days: 1 }]);
  });

  it('an account that never posted is in breach for the whole range; all suggested slots together clear it', () => {
    const input: CalendarInput = { ...base, accounts: [{ id: 'new', name: '新开账号' }], from: '2026-11-20', to: '2026-12-31' };
    const [gap] = ofType(calendarWarnings(input), 'no_update_gap');
    expect(gap).toMatchObject({ from: '2026-11-20', to: '2026-12-31', lastPostOn: null });
    expect(gap!.suggestedSlots.length).toBeGreaterThan(1);
    const fixed = { ...input, planned: gap!.suggestedSlots.map((s) => plannedAt('new', s)) };
    expect(ofType(calendarWarnings(fixed), 'no_update_gap')).toEqual([]);
  });

  it('a gap entirely in the past is reported without suggestions', () => {
    const input: CalendarInput = { ...base, accounts: [{ id: 'a', name: 'A', lastPostAt: '2026-10-01T09:00:00+08:00' }], from: '2026-11-01', to: '2026-11-10' };
    expect(ofType(calendarWarnings(input), 'no_update_gap')).toMatchObject([{ from: '2026-11-01', to: '2026-11-10', suggestedSlots: [] }]);
  });

  it.each([
    ['draft', true],
    ['in_review', true],
    ['approved', true],
    ['needs_confirmation', true],
    ['rejected', false],
    ['failed', false],
    ['expired', false],
  ] as const)('a planned post in status %s counts against the gap: %s', (status, counts) => {
    const input = { ...department, planned: [plannedAt('stale', '2026-11-20T09:00:00+08:00', { status })] };
    expect(ofType(calendarWarnings(input), 'no_update_gap').length).toBe(counts ? 0 : 1);
  });

  it('property: for any history and any future range, scheduling every suggested slot leaves no gap', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 23 }),
        (lastPostDaysAgo, startIn, length, hour) => {
          const now = new Date(Date.parse('2026-11-19T00:00:00+08:00') + hour * 3_600_000).toISOString();
          const day = (n: number) => new Date(Date.parse('2026-11-19T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
          const input: CalendarInput = {
            ...base,
            now,
            from: day(startIn),
            to: day(startIn + length),
            accounts: [{ id: 'a', name: 'A', ...(lastPostDaysAgo !== undefined ? { lastPostAt: `${day(-lastPostDaysAgo)}T12:00:00+08:00` } : {}) }],
          };
          const slots = ofType(calendarWarnings(input), 'no_update_gap').flatMap((w) => w.suggestedSlots);
          for (const s of slots) {
            expect(['09:00', '17:30']).toContain(beijing(s).time);
            expect(Date.parse(s)).toBeGreaterThan(Date.parse(now));
          }
          const fixed = { ...input, planned: slots.map((s) => plannedAt('a', s)) };
          expect(ofType(calendarWarnings(fixed), 'no_update_gap')).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('weekly cadence and service share', () => {
  const weekly = { noUpdateDays: 14, weeklyMinimum: 3, serviceShareThreshold: 0.3 };
  const week: CalendarInput = {
    ...base,
    profile: weekly,
    from: '2026-11-23',
    to: '2026-11-29',
    accounts: [{ id: 'a', name: 'A', lastPostAt: '2026-11-18T09:00:00+08:00' }],
    published: [{ accountId: 'a', publishedAt: '2026-11-18T09:00:00+08:00', category: 'service' }],
    planned: [plannedAt('a', '2026-11-24T09:00:00+08:00')],
  };

  it('derives the weekly minimum from a 28-day rule', () => {
    expect(weeklyMinimumFromCadence(4, 28)).toBe(1);
    expect(weeklyMinimumFromCadence(3, 7)).toBe(3);
    expect(weeklyMinimumFromCadence(5, 28)).toBe(2);
  });

  it('warns about a week with fewer posts than the minimum, with slots on the free workdays', () => {
    expect(ofType(calendarWarnings(week), 'low_cadence')).toEqual([
      {
        type: 'low_cadence',
        accountId: 'a',
        week: '2026-11-23',
        count: 1,
        minimum: 3,
        suggestedSlots: ['2026-11-23T09:00:00+08:00', '2026-11-25T09:00:00+08:00'],
      },
    ]);
  });

  it('scheduling the suggested slots removes the cadence warning', () => {
    const [w] = ofType(calendarWarnings(week), 'low_cadence');
    const fixed = { ...week, planned: [...week.planned, ...w!.suggestedSlots.map((s) => plannedAt('a', s))] };
    expect(ofType(calendarWarnings(fixed), 'low_cadence')).toEqual([]);
  });

  it('assigns a post to its Beijing week: Sunday 23:30 and Monday 00:30 fall in different weeks', () => {
    const input: CalendarInput = {
      ...base,
      profile: { ...weekly, weeklyMinimum: 1 },
      from: '2026-11-16',
      to: '2026-11-29',
      now: '2026-11-01T00:00:00+08:00',
      accounts: [{ id: 'a', name: 'A' }],
      published: [
        { accountId: 'a', publishedAt: '2026-11-22T15:30:00Z', category: 'service' }, // Sun 23:30 Beijing
        { accountId: 'a', publishedAt: '2026-11-22T16:30:00Z', category: 'service' }, // Mon 00:30 Beijing
      ],
    };
    expect(ofType(calendarWarnings(input), 'low_cadence')).toEqual([]);
  });

  it('warns when service and policy posts are under 30% of a week', () => {
    const input: CalendarInput = {
      ...week,
      planned: [
        plannedAt('a', '2026-11-23T09:00:00+08:00', { category: 'news' }),
        plannedAt('a', '2026-11-24T09:00:00+08:00', { category: 'news' }),
        plannedAt('a', '2026-11-25T09:00:00+08:00', { category: 'other' }),
        plannedAt('a', '2026-11-26T09:00:00+08:00', { category: 'policy' }),
      ],
    };
    expect(ofType(calendarWarnings(input), 'low_service_share')).toEqual([
      { type: 'low_service_share', accountId: 'a', week: '2026-11-23', share: 0.25, threshold: 0.3, count: 4 },
    ]);
  });

  it('no service-share warning at 50%', () => {
    const input: CalendarInput = {
      ...week,
      planned: [
        plannedAt('a', '2026-11-23T09:00:00+08:00', { category: 'news' }),
        plannedAt('a', '2026-11-24T09:00:00+08:00', { category: 'service' }),
      ],
    };
    expect(ofType(calendarWarnings(input), 'low_service_share')).toEqual([]);
  });
});

describe('flagged drafts and input checks', () => {
  it('lists planned posts the content checker flagged', () => {
    const input: CalendarInput = {
      ...base,
      accounts: [{ id: 'a', name: 'A', lastPostAt: '2026-11-18T09:00:00+08:00' }],
      planned: [
        plannedAt('a', '2026-11-24T09:00:00+08:00', {
          id: 'sp-7',
          checks: [{ kind: 'wording', severity: 'severe', message: '严重表述错误', term: '中华人民共合国' }],
        }),
      ],
    };
    expect(ofType(calendarWarnings(input), 'content_flagged')).toEqual([
      { type: 'content_flagged', accountId: 'a', postId: 'sp-7', publishAt: '2026-11-24T09:00:00+08:00', findings: 1, severe: true },
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => calendarWarnings({ ...base, from: '2026-12-02', to: '2026-11-19' })).toThrow(InvalidInput);
  });
});
