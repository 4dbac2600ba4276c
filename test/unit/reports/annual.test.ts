/** The annual report's computation (shared/reports/annual.ts): Beijing years, counters, rows and totals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualReport,
  beijingYearWindow,
  counterInYear,
  followersAtYearEnd,
  inBeijingYear,
  reportedInYear,
  type AnnualAccountInput,
} from '../../../shared/reports/annual';
import { annualReminderEvent } from '../../../shared/reports/reminder';

const account = (overrides: Partial<AnnualAccountInput['account']> = {}): AnnualAccountInput['account'] => ({
  id: 'a1',
  platform: 'wechat',
  name: '淳安发布',
  handle: 'chunan',
  departmentId: 'd1',
  regionCode: '330127',
  status: 'active',
  createdAt: '2024-03-01T02:00:00Z',
  ...overrides,
});

const input = (overrides: Partial<AnnualAccountInput> = {}): AnnualAccountInput => ({
  account: account(),
  departmentName: '淳安县人民政府办公室',
  posts: [],
  metrics: [],
  grades: [],
  ...overrides,
});

describe('a post belongs to the Beijing year of its time', () => {
  it.each([
    ['2026-12-31T23:30:00+08:00', 2026, true],
    ['2026-12-31T15:30:00Z', 2026, true],
    ['2027-01-01T00:30:00+08:00', 2026, false],
    ['2026-12-31T16:30:00Z', 2027, true],
    ['2026-01-01T00:00:00+08:00', 2026, true],
    ['2025-12-31T23:59:59+08:00', 2026, false],
  ])('%s is in %i: %s', (instant, year, expected) => {
    expect(inBeijingYear(instant, year)).toBe(expected);
  });

  it('the loader window is Beijing midnight to Beijing midnight', () => {
    expect(beijingYearWindow(2026)).toEqual({ fromUtc: '2025-12-31T16:00:00.000Z', toUtc: '2026-12-31T16:00:00.000Z' });
  });
});

describe('which accounts a year reports', () => {
  it.each([
    ['opened before, still active', {}, true],
    ['opened in the year', { openedAt: '2026-06-01' }, true],
    ['opened the year after', { openedAt: '2027-01-01', createdAt: '2027-01-01T02:00:00Z' }, false],
    ['registered the year after, no opening date', { createdAt: '2027-01-02T02:00:00Z' }, false],
    ['closed in the year', { status: 'closed', closedAt: '2026-05-01T02:00:00Z' }, true],
    ['closed before the year', { status: 'closed', closedAt: '2025-12-31T15:00:00Z' }, false],
    ['closed at 00:30 on 1 January Beijing time', { status: 'closed', closedAt: '2025-12-31T16:30:00Z' }, true],
    ['an opening still waiting for approval', { status: 'opening_pending' }, false],
  ] as const)('%s: %s', (_, overrides, expected) => {
    expect(reportedInYear(account(overrides), 2026)).toBe(expected);
  });
});

describe('cumulative counters over the year', () => {
  const m = (at: string, messagesReceived: number) => ({ at, messagesReceived });
  it.each([
    ['reading before and at the end', [m('2025-12-20T02:00:00Z', 100), m('2026-06-01T02:00:00Z', 150), m('2026-12-31T15:00:00Z', 180)], false, 80],
    ['no reading before, opened in the year: from zero', [m('2026-03-01T02:00:00Z', 10), m('2026-12-01T02:00:00Z', 40)], true, 40],
    ['no reading before, opened earlier: from the first reading', [m('2026-03-01T02:00:00Z', 10), m('2026-12-01T02:00:00Z', 40)], false, 30],
    ['a reading after the year is ignored', [m('2025-12-20T02:00:00Z', 100), m('2026-12-31T15:00:00Z', 120), m('2026-12-31T16:30:00Z', 500)], false, 20],
    ['a counter reset never counts negative', [m('2025-12-20T02:00:00Z', 100), m('2026-12-01T02:00:00Z', 20)], false, 0],
    ['no reading in the year', [m('2025-12-20T02:00:00Z', 100)], false, null],
  ] as const)('%s → %s', (_, metrics, openedInYear, expected) => {
    expect(counterInYear(metrics, 'messagesReceived', 2026, openedInYear)).toBe(expected);
  });

  it.each([
    ['the newest on or before 31 December', [{ at: '2026-06-01T02:00:00Z', followers: 10 }, { at: '2026-12-31T15:59:00Z', followers: 30 }, { at: '2026-12-31T16:00:00Z', followers: 99 }], 30],
    ['a snapshot without followers is skipped', [{ at: '2026-06-01T02:00:00Z', followers: 10 }, { at: '2026-12-01T02:00:00Z' }], 10],
    ['none', [], null],
  ] as const)('followers at year end: %s', (_, metrics, expected) => {
    expect(followersAtYearEnd(metrics, 2026)).toBe(expected);
  });
});

describe('one row per account', () => {
  it('counts posts, original and service posts of the year only', () => {
    const report = annualReport({
      regionCode: '330127',
      regionName: '淳安县',
      year: 2026,
      generatedAt: '2027-01-05T02:00:00Z',
      accounts: [
        input({
          posts: [
            { publishedAt: '2026-12-31T23:30:00+08:00', classification: { category: 'service' } },
            { publishedAt: '2026-05-01T10:00:00+08:00', isRepost: true, classification: { category: 'news' } },
            { publishedAt: '2027-01-01T00:30:00+08:00' },
          ],
        }),
      ],
    });
    expect(report.rows[0]).toMatchObject({ posts: 2, originalPosts: 1, servicePosts: 1, openedInYear: false, closedInYear: false, operatingAtYearEnd: true });
  });

  it('the year’s inspections: times checked, passed, failed and the last grade', () => {
    const report = annualReport({
      regionCode: '330127',
      regionName: null,
      year: 2026,
      generatedAt: '2027-01-05T02:00:00Z',
      accounts: [
        input({
          grades: [
            { inspectionId: 'i1', checkDate: '2026-03-20', verdict: 'fail', score: null },
            { inspectionId: 'i2', checkDate: '2026-11-20', verdict: 'pass', score: 92 },
            { inspectionId: 'i0', checkDate: '2025-11-20', verdict: 'fail', score: 40 },
          ],
        }),
      ],
    });
    expect(report.rows[0]!.inspection).toEqual({ checked: 2, passed: 1, failed: 1, latest: { checkDate: '2026-11-20', verdict: 'pass', score: 92 } });
    expect(report.totals).toMatchObject({ inspections: 2, checked: 2, passed: 1, failed: 1, passRate: 50 });
  });

  it('openings and closures of the year', () => {
    const report = annualReport({
      regionCode: '330127',
      regionName: null,
      year: 2026,
      generatedAt: '2027-01-05T02:00:00Z',
      accounts: [
        input({ account: account({ id: 'new', openedAt: '2026-02-01' }) }),
        input({ account: account({ id: 'gone', status: 'closed', closedAt: '2026-08-01T02:00:00Z' }) }),
        input({ account: account({ id: 'old', status: 'closed', closedAt: '2025-08-01T02:00:00Z' }) }),
      ],
    });
    expect(report.rows.map((r) => [r.accountId, r.openedInYear, r.closedInYear, r.operatingAtYearEnd])).toEqual([
      ['gone', false, true, false],
      ['new', true, false, true],
    ]);
    expect(report.totals).toMatchObject({ accounts: 2, operatingAtYearEnd: 1, openings: 1, closures: 1 });
  });
});

describe('totals are the sums of the rows', () => {
  const inputArb = fc.record({
    platform: fc.constantFrom('wechat', 'weibo', 'douyin', 'app'),
    posts: fc.array(fc.record({ publishedAt: fc.date({ min: new Date('2025-12-25T00:00:00Z'), max: new Date('2027-01-05T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), isRepost: fc.boolean() }), { maxLength: 8 }),
    followers: fc.option(fc.nat(100_000), { nil: undefined }),
    received: fc.array(fc.nat(1000), { maxLength: 3 }),
  });
  it('for any accounts, every total equals the sum over the rows and each platform block its part', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 6 }), (specs) => {
        const accounts = specs.map((s, i) =>
          input({
            account: account({ id: `a${i}`, platform: s.platform as 'wechat' }),
            posts: s.posts,
            metrics: [
              ...(s.followers === undefined ? [] : [{ at: '2026-12-01T02:00:00Z', followers: s.followers }]),
              ...[...s.received].sort((a, b) => a - b).map((n, k) => ({ at: `2026-0${k + 1}-01T02:00:00Z`, messagesReceived: n })),
            ],
          }),
        );
        const r = annualReport({ regionCode: '330127', regionName: null, year: 2026, generatedAt: '2027-01-05T02:00:00Z', accounts });
        const sum = (f: (row: (typeof r.rows)[number]) => number | null) => r.rows.reduce((n, row) => n + (f(row) ?? 0), 0);
        expect(r.totals.posts).toBe(sum((x) => x.posts));
        expect(r.totals.originalPosts).toBe(sum((x) => x.originalPosts));
        expect(r.totals.messagesReceived).toBe(sum((x) => x.messagesReceived));
        expect(r.totals.followersAtYearEnd).toBe(sum((x) => x.followersAtYearEnd));
        expect(r.byPlatform.reduce((n, p) => n + p.posts, 0)).toBe(r.totals.posts);
        expect(r.byPlatform.reduce((n, p) => n + p.accounts, 0)).toBe(r.totals.accounts);
        for (const row of r.rows) expect(row.originalPosts).toBeLessThanOrEqual(row.posts);
      }),
    );
  });
});

describe('the January reminder', () => {
  it.each([
    ['2027-01-05T09:00:00+08:00', false, 'annual_report_due:330127:2026'],
    ['2027-01-31T23:59:00+08:00', false, 'annual_report_due:330127:2026'],
    ['2027-01-05T09:00:00+08:00', true, null],
    ['2027-02-01T00:10:00+08:00', false, null],
    ['2026-12-31T23:59:00+08:00', false, null],
  ])('at %s, exported %s: %s', (now, exported, key) => {
    expect(annualReminderEvent('330127', now, exported)?.key ?? null).toBe(key);
  });

  it('goes to the office of the region', () => {
    expect(annualReminderEvent('330127', '2027-01-05T09:00:00+08:00', false)).toMatchObject({ type: 'annual_report_due', audiences: [{ role: 'office', regionCode: '330127' }] });
  });
});
