import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR, SHIPPED_YEARS } from '../../../functions/calendar';
import { addWorkingDays, dateOfDay, dayNumber, filingDelay, filingDueBy, isWorkingDay, workingDaysBetween } from '../../../shared/time';
import { holidayYearIssues, officialCalendar, yearsInForce, yearsOfChineseDays } from '../../../shared/time/official';

const cal = SHIPPED_CALENDAR;

describe('the shipped State Council calendar (chinese-days)', () => {
  it('covers every year from 2004 to 2026', () => {
    expect(SHIPPED_YEARS.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('marks every shipped year as coming from the package', () => {
    expect(new Set(SHIPPED_YEARS.map((y) => y.source))).toEqual(new Set(['package']));
  });

  it('reads the package format: holidays are days off, workdays the 调休 working days', () => {
    const [year] = yearsOfChineseDays({
      holidays: { '2026-10-01': 'National Day,国庆节,3', '2026-10-03': 'National Day,国庆节,3' },
      workdays: { '2026-10-10': 'National Day,国庆节,3' },
      inLieuDays: { '2026-10-07': 'National Day,国庆节,3' },
    });
    expect(year).toEqual({ year: 2026, holidays: ['2026-10-01', '2026-10-03'], workdays: ['2026-10-10'], source: 'package' });
  });
});

describe('working days across 国庆 2026 (1–7 October off; Sunday 20 September and Saturday 10 October worked)', () => {
  it.each([
    ['2026-09-20', true, 'Sunday made a working day (调休)'],
    ['2026-09-25', false, '中秋, a Friday'],
    ['2026-09-29', true, 'an ordinary Tuesday'],
    ['2026-09-30', true, 'the Wednesday before the holiday'],
    ['2026-10-01', false, '国庆 day 1 (Thursday)'],
    ['2026-10-02', false, '国庆 day 2 (Friday)'],
    ['2026-10-05', false, '国庆, a Monday'],
    ['2026-10-06', false, '国庆, a Tuesday'],
    ['2026-10-07', false, '国庆 day 7 (Wednesday)'],
    ['2026-10-08', true, 'back to work on Thursday'],
    ['2026-10-10', true, 'Saturday made a working day (调休)'],
    ['2026-10-11', false, 'the Sunday after'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, cal)).toBe(working);
  });

  it.each([
    ['2026-09-29', 1, '2026-09-30'],
    ['2026-09-29', 2, '2026-10-08'],
    ['2026-09-29', 4, '2026-10-10'],
    ['2026-09-29', 5, '2026-10-12'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-08', -1, '2026-09-30'],
    ['2026-10-12', -5, '2026-09-29'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, cal)).toBe(expected);
  });

  it.each([
    ['2026-09-29', '2026-10-12', 5],
    ['2026-09-30', '2026-10-07', 0],
    ['2026-09-30', '2026-10-11', 3],
    ['2026-10-12', '2026-09-29', -5],
  ])('workingDaysBetween(%s, %s) = %i', (a, b, n) => {
    expect(workingDaysBetween(a, b, cal)).toBe(n);
  });

  it('puts the filing deadline of a cancellation on 2026-09-29 on 2026-10-12', () => {
    expect(filingDueBy('2026-09-29', 5, cal)).toEqual({ dueBy: '2026-10-12', overdueFrom: '2026-10-13' });
  });
});

describe('working days across 春节 2026 (15–23 February off; Saturdays 14 and 28 February worked)', () => {
  it.each([
    ['2026-02-13', true, 'the Friday before'],
    ['2026-02-14', true, 'Saturday made a working day (调休)'],
    ['2026-02-15', false, 'the first day off (Sunday)'],
    ['2026-02-16', false, 'a Monday of the holiday'],
    ['2026-02-20', false, 'a Friday of the holiday'],
    ['2026-02-23', false, 'the last day off (Monday)'],
    ['2026-02-24', true, 'back to work on Tuesday'],
    ['2026-02-28', true, 'Saturday made a working day (调休)'],
    ['2026-03-01', false, 'the Sunday after'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, cal)).toBe(working);
  });

  it.each([
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-12', 5, '2026-02-26'],
    ['2026-02-24', 4, '2026-02-28'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, cal)).toBe(expected);
  });

  it('counts two working days over the nine days off', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal)).toBe(2);
  });
});

describe('the year-end boundary', () => {
  it.each([
    ['2025-12-31', 1, '2026-01-04', '元旦 2026: 1–3 January off, Sunday 4 January worked'],
    ['2025-12-30', 2, '2026-01-04', 'across the year end'],
    ['2026-01-04', -1, '2025-12-31', 'backwards across the year end'],
    ['2024-12-31', 1, '2025-01-02', '元旦 2025: 1 January only'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, cal)).toBe(expected);
  });

  it('raises no warning for a deadline within the shipped years', () => {
    expect(filingDueBy('2025-12-29', 5, cal).calendarWarning).toBeUndefined();
  });

  it('says so when a deadline crosses into a year with no data (computed Monday to Friday)', () => {
    const due = filingDueBy('2026-12-28', 5, cal);
    expect(due.dueBy).toBe('2027-01-04');
    expect(due.calendarWarning).toMatchObject({ code: 'calendar_year_unknown', years: [2027] });
  });

  it('says so for a count that ends in a year with no data', () => {
    expect(filingDelay('2026-12-28', '2027-01-08', 5, cal).calendarWarning?.years).toEqual([2027]);
  });

  it('knows a year an admin entered, and raises no warning for it', () => {
    const withAdmin = officialCalendar(
      yearsInForce(SHIPPED_YEARS, [{ year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'admin' }]),
    );
    expect(filingDueBy('2026-12-28', 5, withAdmin)).toEqual({ dueBy: '2027-01-06', overdueFrom: '2027-01-07' });
  });

  it('lets the shipped data win over an admin year for a year it covers', () => {
    const years = yearsInForce(SHIPPED_YEARS, [{ year: 2026, holidays: ['2026-03-02'], workdays: [], source: 'admin' }]);
    expect(years.find((y) => y.year === 2026)?.source).toBe('package');
  });
});

describe('an admin year is checked', () => {
  it.each([
    [{ holidays: ['2027-02-30'], workdays: [] }, 'holidays.0', 'not a real date'],
    [{ holidays: ['2028-01-01'], workdays: [] }, 'holidays.0', 'a date of another year'],
    [{ holidays: ['2027-01-01', '2027-01-01'], workdays: [] }, 'holidays.1', 'the same date twice'],
    [{ holidays: [], workdays: ['2027-01-05'] }, 'workdays.0', 'a 调休 working day on a weekday (Tuesday)'],
    [{ holidays: ['2027-02-06'], workdays: ['2027-02-06'] }, 'workdays.0', 'a date both a holiday and a working day'],
  ])('%j is refused at %s (%s)', (input, path) => {
    expect(holidayYearIssues(2027, input).map((i) => i.path)).toContain(path);
  });

  it('accepts a well-formed year', () => {
    expect(holidayYearIssues(2027, { holidays: ['2027-01-01', '2027-02-08'], workdays: ['2027-02-06'] })).toEqual([]);
  });
});

describe('addWorkingDays and workingDaysBetween with the official calendar (property)', () => {
  const shipped = { min: dayNumber('2004-02-01'), max: dayNumber('2026-11-30') };

  it('stay inverse: n working days after d are counted as n, and land on a working day', () => {
    fc.assert(
      fc.property(fc.integer(shipped), fc.integer({ min: -20, max: 20 }), (day, n) => {
        const start = dateOfDay(day);
        const end = addWorkingDays(start, n, cal);
        expect(workingDaysBetween(start, end, cal)).toBe(n);
        if (n !== 0) expect(isWorkingDay(end, cal)).toBe(true);
      }),
    );
  });

  it('step back from any working day to the day it was counted from', () => {
    fc.assert(
      fc.property(fc.integer(shipped), fc.integer({ min: 1, max: 20 }), (day, n) => {
        const start = dateOfDay(day);
        if (!isWorkingDay(start, cal)) return;
        expect(addWorkingDays(addWorkingDays(start, n, cal), -n, cal)).toBe(start);
      }),
    );
  });
});
