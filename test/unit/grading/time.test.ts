import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  beijingDate,
  beijingDay,
  dateOfDay,
  dayNumber,
  daysBetween,
  isCalendarDate,
  isoWeekday,
  workCalendar,
  workingDaysBetween,
} from '../../../shared/time';

describe('beijingDate: the Asia/Shanghai calendar day of an instant', () => {
  it.each([
    ['2026-03-01T15:30:00Z', '2026-03-01', '23:30 in Beijing is still that day'],
    ['2026-03-01T15:59:59.999Z', '2026-03-01', 'the last millisecond of the Beijing day'],
    ['2026-03-01T16:00:00Z', '2026-03-02', 'midnight in Beijing starts the next day'],
    ['2026-03-02T00:30:00+08:00', '2026-03-02', 'an explicit +08:00 offset'],
    ['2026-03-01T12:00:00-05:00', '2026-03-02', 'a negative offset (17:00Z → 01:00 Beijing)'],
    ['2026-03-01T23:30:00+0800', '2026-03-01', 'an offset without a colon'],
    ['2026-03-01T23:30', '2026-03-01', 'no offset: read as Beijing time, never the machine zone'],
    ['2026-03-01', '2026-03-01', 'a bare date is a Beijing date'],
    ['2024-12-31T16:00:00Z', '2025-01-01', 'across a year boundary'],
    ['2024-02-28T16:00:00Z', '2024-02-29', 'a leap day'],
  ])('%s → %s (%s)', (instant, expected) => {
    expect(beijingDate(instant)).toBe(expected);
  });

  it('accepts epoch milliseconds and Date objects', () => {
    const ms = Date.parse('2026-03-01T15:30:00Z');
    expect(beijingDate(ms)).toBe('2026-03-01');
    expect(beijingDate(new Date(ms))).toBe('2026-03-01');
  });

  it('rejects strings that are not instants', () => {
    expect(() => beijingDay('yesterday')).toThrow(RangeError);
    expect(() => beijingDay('2026-02-30T10:00:00Z')).toThrow(RangeError);
  });

  it('agrees with Date.parse on any ISO instant with an offset (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const iso = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const expected = Math.floor((Date.parse(iso) + 8 * 3_600_000) / 86_400_000);
          expect(beijingDay(iso)).toBe(expected);
        },
      ),
    );
  });
});

describe('calendar-day arithmetic', () => {
  it.each([
    ['2026-01-01', '2026-01-15', 14],
    ['2026-01-15', '2026-01-01', -14],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ['2026-03-15', -14, '2026-03-01'],
    ['2026-03-15', -15, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it('round-trips every day number through its date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (day) => {
        expect(dayNumber(dateOfDay(day))).toBe(day);
      }),
    );
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-32', 'not-a-date'])('rejects %s as a calendar date', (s) => {
    expect(isCalendarDate(s)).toBe(false);
    expect(() => dayNumber(s)).toThrow(RangeError);
  });

  it('knows the weekday (2026-01-02 is a Friday)', () => {
    expect(isoWeekday('2026-01-02')).toBe(5);
    expect(isoWeekday('2026-01-04')).toBe(7);
  });
});

describe('working days (Monday to Friday, optionally adjusted by a holiday calendar)', () => {
  it.each([
    ['2026-01-02', 1, '2026-01-05', 'Friday + 1 → Monday'],
    ['2026-01-02', 5, '2026-01-09', 'Friday + 5 → next Friday (a filing deadline)'],
    ['2026-01-03', 1, '2026-01-05', 'Saturday + 1 → Monday'],
    ['2026-01-03', 5, '2026-01-09', 'Saturday + 5 → Friday'],
    ['2026-01-05', 10, '2026-01-19', 'Monday + 10 → Monday two weeks on'],
    ['2026-01-05', 0, '2026-01-05', 'zero is the day itself'],
    ['2026-01-05', -1, '2026-01-02', 'Monday − 1 → Friday'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (d, n, expected) => {
    expect(addWorkingDays(d, n)).toBe(expected);
  });

  it.each([
    ['2026-01-02', '2026-01-09', 5],
    ['2026-01-03', '2026-01-04', 0],
    ['2026-01-02', '2026-01-02', 0],
    ['2026-01-09', '2026-01-02', -5],
  ])('workingDaysBetween(%s, %s) = %i', (a, b, n) => {
    expect(workingDaysBetween(a, b)).toBe(n);
  });

  it('skips statutory holidays and counts make-up working days (调休)', () => {
    const cal = workCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] });
    // Wed 30 Sep + 1 → Thu 1 Oct is a holiday, Fri 2 a holiday, Mon 5 a holiday → Tue 6 Oct.
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-06');
    expect(workingDaysBetween('2026-09-30', '2026-10-10', cal)).toBe(5);
  });

  it('addWorkingDays and workingDaysBetween agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -60, max: 60 }), (day, n) => {
        const start = dateOfDay(day);
        const end = addWorkingDays(start, n);
        expect(workingDaysBetween(start, end)).toBe(n);
        if (n !== 0) expect(isoWeekday(end)).toBeLessThanOrEqual(5);
      }),
    );
  });
});
