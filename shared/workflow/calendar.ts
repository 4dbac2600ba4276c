/**
 * Calendar days and working days in Asia/Shanghai, for workflow deadlines
 * (closure notice period, filing within N working days).
 *
 * Kept local to shared/workflow on purpose: another module (shared/time) may
 * grow a fuller calendar; this one is small, pure and dependency-free.
 *
 * Asia/Shanghai has been a fixed UTC+08:00 without daylight saving since 1991,
 * so the calendar day of an instant is the UTC date of (instant + 8 h).
 */

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Working-day exceptions. China moves working days around public holidays
 * (调休): `holidays` are weekdays that are days off (e.g. 2026-10-01);
 * `workdays` are weekend days that are worked (e.g. a Saturday before a
 * long holiday). Without a calendar, Monday–Friday are working days.
 */
export interface WorkingCalendar {
  holidays?: readonly string[];
  workdays?: readonly string[];
}

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an ISO instant; a bare date is returned as is. */
export function shanghaiDate(instantOrDate: string): string {
  if (DATE_RE.test(instantOrDate)) return instantOrDate;
  const ms = Date.parse(instantOrDate);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instantOrDate}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!DATE_RE.test(date) || Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return Math.round(ms / DAY_MS);
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** date + n calendar days. */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.workdays?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/**
 * Working days d with from < d ≤ to: the first working day after `from` is
 * day 1. Same day (or `to` before `from`) is 0.
 * Example: from Friday to the next Monday is 1; to the next Friday is 5.
 */
export function workingDaysAfter(from: string, to: string, calendar: WorkingCalendar = {}): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  let count = 0;
  for (let d = start + 1; d <= end; d++) if (isWorkingDay(fromDayNumber(d), calendar)) count++;
  return count;
}

/** The n-th working day after `from` (n ≥ 1); `from` itself for n ≤ 0. */
export function addWorkingDays(from: string, n: number, calendar: WorkingCalendar = {}): string {
  let d = dayNumber(from);
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(fromDayNumber(d), calendar)) left--;
  }
  return fromDayNumber(d);
}
