import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, daysBetween, isWorkingDay, workCalendar, beijingDate as shanghaiDate, isoWeekday as weekday, workingDaysBetween as workingDaysAfter } from '../../../shared/time';

describe('shanghaiDate', () => {
  it.each([
    ['2026-11-27T23:59:59+08:00', '2026-11-27'],
    ['2026-11-27T16:00:00Z', '2026-11-28'],
    ['2026-11-27T15:59:59Z', '2026-11-27'],
    ['2026-11-27T08:00:00-05:00', '2026-11-27'],
    ['2026-11-27', '2026-11-27'],
  ])('%s is %s in Shanghai', (instant, day) => {
    expect(shanghaiDate(instant)).toBe(day);
  });

  it('refuses something that is not a time', () => {
    expect(() => shanghaiDate('yesterday')).toThrow(RangeError);
  });
});

describe('calendar days', () => {
  it('adds days across a year end', () => {
    expect(addDays('2026-12-27', 7)).toBe('2027-01-03');
  });

  it('counts days between two dates', () => {
    expect(daysBetween('2026-11-27', '2026-12-27')).toBe(30);
  });

  it('knows the day of the week (2026-11-27 is a Friday)', () => {
    expect(weekday('2026-11-27')).toBe(5);
  });
});

describe('working days', () => {
  it('are Monday to Friday by default', () => {
    expect(['2027-01-08', '2027-01-09', '2027-01-10', '2027-01-11'].map((d) => isWorkingDay(d))).toEqual([true, false, false, true]);
  });

  it('follow the calendar: a holiday is off, a make-up Saturday (调休) is worked', () => {
    const calendar = workCalendar({ holidays: ['2026-10-01'], workdays: ['2026-10-10'] });
    expect([isWorkingDay('2026-10-01', calendar), isWorkingDay('2026-10-10', calendar)]).toEqual([false, true]);
  });

  it('count from the day after: Friday to Monday is one working day', () => {
    expect(workingDaysAfter('2027-01-08', '2027-01-11')).toBe(1);
  });

  it('count zero on the same day', () => {
    expect(workingDaysAfter('2027-01-08', '2027-01-08')).toBe(0);
  });

  it('add five working days to a Friday: the next Friday', () => {
    expect(addWorkingDays('2027-01-08', 5)).toBe('2027-01-15');
  });

  it('agree with each other: n working days after d are counted as n', () => {
    for (let n = 0; n <= 12; n++) expect(workingDaysAfter('2026-11-25', addWorkingDays('2026-11-25', n))).toBe(n);
  });
});
