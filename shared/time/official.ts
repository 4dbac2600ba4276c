/**
 * The official working-day calendar: the State Council's statutory holidays and 调休
 * (weekend days made working days), per year. The shipped years come from the
 * `chinese-days` package's data (loaded once per process by functions/calendar); an
 * admin enters a year the package lacks (`PUT /calendar/holidays/{year}`). Pure: the
 * data is passed in.
 */
import { isoWeekday, isCalendarDate, workCalendar, type WorkCalendar } from './index';

/** Where a year's days come from. */
export type HolidaySource = 'package' | 'admin';

/** One year's official arrangement. */
export interface HolidayYear {
  year: number;
  /** Statutory days off (including those on a weekend), sorted. */
  holidays: string[];
  /** Weekend days that are working days (调休), sorted. */
  workdays: string[];
  source: HolidaySource;
}

/**
 * The `chinese-days` data format (dist/chinese-days.json): each date maps to
 * "English name,中文名,days"; `holidays` are all days off of a holiday, `workdays` the
 * 调休 working days, `inLieuDays` the days off given in lieu (also in `holidays`).
 */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

/** The package's data as one entry per year it covers (a year is covered when it lists any holiday). */
export function yearsOfChineseDays(data: ChineseDaysData): HolidayYear[] {
  const byYear = new Map<number, HolidayYear>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    let y = byYear.get(year);
    if (!y) byYear.set(year, (y = { year, holidays: [], workdays: [], source: 'package' }));
    return y;
  };
  for (const date of Object.keys(data.holidays)) if (isCalendarDate(date)) yearOf(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) if (isCalendarDate(date)) yearOf(date).workdays.push(date);
  const years = [...byYear.values()].filter((y) => y.holidays.length > 0);
  for (const y of years) {
    y.holidays.sort();
    y.workdays.sort();
  }
  return years.sort((a, b) => a.year - b.year);
}

/**
 * The years in force: the package's, then the admin's for years the package does not
 * cover (the maintained data wins once a package update ships a year an admin entered).
 */
export function yearsInForce(shipped: readonly HolidayYear[], admin: readonly HolidayYear[]): HolidayYear[] {
  const out = new Map<number, HolidayYear>();
  for (const y of admin) out.set(y.year, y);
  for (const y of shipped) out.set(y.year, y);
  return [...out.values()].sort((a, b) => a.year - b.year);
}

/** The working-day calendar of these years; every other year is unknown to it. */
export function officialCalendar(years: readonly HolidayYear[]): WorkCalendar {
  return workCalendar({
    holidays: years.flatMap((y) => y.holidays),
    workdays: years.flatMap((y) => y.workdays),
    knownYears: years.map((y) => y.year),
  });
}

/** The first and last year an admin may enter. */
export const HOLIDAY_YEAR_RANGE = { min: 2000, max: 2100 } as const;

/** Problems with an admin's year (path, message): dates must be real, in that year, in one list only; 调休 days are weekend days. */
export function holidayYearIssues(year: number, input: { holidays: readonly string[]; workdays: readonly string[] }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const check = (list: readonly string[], field: 'holidays' | 'workdays') => {
    const seen = new Set<string>();
    list.forEach((date, i) => {
      const path = `${field}.${i}`;
      if (!isCalendarDate(date)) issues.push({ path, message: `日期须为真实存在的 YYYY-MM-DD：${date} (not a date)` });
      else if (Number(date.slice(0, 4)) !== year) issues.push({ path, message: `日期 ${date} 不在 ${year} 年内 (date outside the year)` });
      else if (seen.has(date)) issues.push({ path, message: `日期 ${date} 重复 (listed twice)` });
      else if (field === 'workdays' && isoWeekday(date) <= 5) issues.push({ path, message: `调休上班日须为周六或周日：${date} (a make-up working day is a weekend day)` });
      seen.add(date);
    });
    return seen;
  };
  const holidays = check(input.holidays, 'holidays');
  input.workdays.forEach((date, i) => {
    if (holidays.has(date)) issues.push({ path: `workdays.${i}`, message: `日期 ${date} 不能既是假日又是调休上班日 (a date cannot be both a holiday and a working day)` });
  });
  check(input.workdays, 'workdays');
  return issues;
}
