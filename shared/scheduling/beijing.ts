/**
 * Private calendar arithmetic for scheduling: Asia/Shanghai calendar days as
 * integers (days since 1970-01-01 in UTC+8). China has no daylight saving
 * time since 1991, so a fixed +08:00 offset is exact for every date the
 * platform handles. Not exported from the module index: shared/time is the
 * project-wide helper; this one only keeps scheduling independent of it.
 */
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** A Beijing calendar day as an integer: 0 = 1970-01-01. */
export type DayNumber = number;

export function dayOfInstant(iso: string): DayNumber {
  return Math.floor((Date.parse(iso) + OFFSET_MS) / DAY_MS);
}

export function dayOfMs(ms: number): DayNumber {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' → day number. The caller validated the date. */
export function parseDay(date: string): DayNumber {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function formatDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOf(day: DayNumber): DayNumber {
  return day - weekday(day);
}

/** Monday to Friday. Statutory holidays and make-up workdays (调休) are not known here. */
export function isWorkday(day: DayNumber): boolean {
  return weekday(day) < 5;
}

/** The instant of hh:mm Beijing time on `day`, in epoch milliseconds. */
export function instantMs(day: DayNumber, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day * DAY_MS + (h * 60 + m) * 60_000 - OFFSET_MS;
}

/** '2026-11-27T09:00:00+08:00' for day and '09:00'. */
export function formatBeijingInstant(day: DayNumber, hhmm: string): string {
  return `${formatDay(day)}T${hhmm}:00+08:00`;
}
