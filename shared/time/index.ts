/**
 * Calendar-day arithmetic on the Asia/Shanghai (Beijing) calendar.
 *
 * China has used UTC+8 all year round since 1991 (no DST), so a Beijing
 * calendar day is plain integer arithmetic on the UTC instant shifted by eight
 * hours. Everything here works on a *day number*: the number of days since
 * 1970-01-01 on the Beijing calendar (1970-01-01 → 0). Day numbers are cheap to
 * compare and subtract, which is what the grading engine does in its hot loop.
 *
 * Pure: no clock is read. "Today" is always a parameter.
 */

/** Days since 1970-01-01 on the Beijing calendar. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const BEIJING_OFFSET_MINUTES = 8 * 60;
const BEIJING_OFFSET_MS = BEIJING_OFFSET_MINUTES * MS_PER_MINUTE;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The [year, month, day] of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Reads `len` ASCII digits of s at i; -1 if any is not a digit. */
function digits(s: string, i: number, len: number): number {
  let n = 0;
  for (let k = 0; k < len; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

// A small direct-mapped cache of date → day number: bulk grading parses many instants of the same few hundred dates.
const CACHE_SIZE = 4096;
const cacheKey = new Int32Array(CACHE_SIZE).fill(-1);
const cacheDay = new Int32Array(CACHE_SIZE);

/** Parses YYYY-MM-DD at the start of s into a day number, or NaN. */
function parseDatePart(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  const key = y * 512 + m * 32 + d;
  const slot = key & (CACHE_SIZE - 1);
  if (cacheKey[slot] === key) return cacheDay[slot]!;
  if (d > daysInMonth(y, m)) return Number.NaN;
  const day = daysFromCivil(y, m, d);
  cacheKey[slot] = key;
  cacheDay[slot] = day;
  return day;
}

/** Is s a real calendar date written YYYY-MM-DD? */
export function isCalendarDate(s: string): boolean {
  return s.length === 10 && !Number.isNaN(parseDatePart(s));
}

/** The day number of a calendar date 'YYYY-MM-DD'. Throws RangeError on anything else. */
export function dayNumber(date: string): DayNumber {
  const n = date.length === 10 ? parseDatePart(date) : Number.NaN;
  if (Number.isNaN(n)) throw new RangeError(`日期格式须为 YYYY-MM-DD 且真实存在：${date}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: DayNumber): string {
  const [y, m, d] = civilFromDays(day);
  const ys = y >= 0 && y < 10_000 ? `${y}`.padStart(4, '0') : `${y}`;
  return `${ys}-${pad2(m)}-${pad2(d)}`;
}

/** Beijing day number of an instant given as epoch milliseconds. */
export function beijingDayOfMs(ms: number): DayNumber {
  return Math.floor((ms + BEIJING_OFFSET_MS) / MS_PER_DAY);
}

/**
 * Fast path for ISO 8601 instants: YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM).
 * Seconds never move a minute across a day boundary, so they are skipped.
 * Without an offset the time is read as Beijing local time (never the
 * machine's zone, so the result does not depend on where it runs).
 * A bare date 'YYYY-MM-DD' is a Beijing calendar date. Returns NaN if the
 * string is not in one of these forms.
 */
function fastBeijingDay(s: string): number {
  const date = parseDatePart(s);
  if (Number.isNaN(date)) return Number.NaN;
  if (s.length === 10) return date;
  const sep = s.charCodeAt(10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return Number.NaN;
  const hh = digits(s, 11, 2);
  const mm = digits(s, 14, 2);
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh === 24 && mm !== 0) || s.charCodeAt(13) !== 58) return Number.NaN;
  // Skip seconds and fractions to the zone designator.
  let i = 16;
  const len = s.length;
  if (i < len && s.charCodeAt(i) === 58) {
    if (digits(s, i + 1, 2) < 0) return Number.NaN;
    i += 3;
    if (i < len && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      i++;
      while (i < len) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        i++;
      }
    }
  }
  let offset: number;
  if (i === len) offset = BEIJING_OFFSET_MINUTES;
  else {
    const z = s.charCodeAt(i);
    if ((z === 90 || z === 122) && i + 1 === len) offset = 0;
    else if (z === 43 || z === 45) {
      const oh = digits(s, i + 1, 2);
      let om: number;
      if (i + 6 === len && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
      else if (i + 5 === len) om = digits(s, i + 3, 2);
      else if (i + 3 === len) om = 0;
      else return Number.NaN;
      if (oh < 0 || om < 0) return Number.NaN;
      offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else return Number.NaN;
  }
  const minutes = date * 1440 + hh * 60 + mm - offset + BEIJING_OFFSET_MINUTES;
  return Math.floor(minutes / 1440);
}

/**
 * The Beijing calendar day number of an instant: an ISO 8601 string, epoch
 * milliseconds or a Date. `2026-03-01T15:30:00Z` is 23:30 in Beijing, so it is
 * day 2026-03-01; `2026-03-01T16:30:00Z` is already 2026-03-02.
 */
export function beijingDay(instant: string | number | Date): DayNumber {
  if (typeof instant === 'string') {
    const day = fastBeijingDay(instant);
    // Anything else (other formats, impossible dates such as 02-30 that Date.parse would roll over) is refused.
    if (Number.isNaN(day)) throw new RangeError(`无法识别的时间（须为 ISO 8601）：${instant}`);
    return day;
  }
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('无效时间');
  return beijingDayOfMs(ms);
}

/** 'YYYY-MM-DD' of an instant on the Beijing calendar. */
export function beijingDate(instant: string | number | Date): string {
  return dateOfDay(beijingDay(instant));
}

/** Calendar days from a to b (b − a); both 'YYYY-MM-DD'. 2026-01-01 → 2026-01-15 is 14. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The calendar date n days after (n < 0: before) a 'YYYY-MM-DD' date. */
export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDay(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of 'YYYY-MM-DD': 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOfDay(dayNumber(date));
}

/** Monday of the ISO week (Monday to Sunday) that holds the day. */
export function mondayOfDay(day: DayNumber): DayNumber {
  return day - isoWeekdayOfDay(day) + 1;
}

/** The instant of hh:mm Beijing time on a day, in epoch milliseconds. */
export function beijingInstantMs(day: DayNumber, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day * MS_PER_DAY + (h * 60 + m) * MS_PER_MINUTE - BEIJING_OFFSET_MS;
}

/** '2026-11-27T09:00:00+08:00' for a day and '09:00'. */
export function beijingInstant(day: DayNumber, hhmm: string): string {
  return `${dateOfDay(day)}T${hhmm}:00+08:00`;
}

/**
 * The one working-day calendar: the Monday–Friday week adjusted by statutory
 * holidays (days off; those on a weekend change nothing) and weekend days made
 * working days (调休). `knownYears` are the years whose official arrangement the
 * calendar holds (shared/time/official.ts builds it from the State Council's
 * calendar); a calendar without it claims nothing about any year. Build once with
 * {@link workCalendar} and reuse.
 */
export interface WorkCalendar {
  readonly holidays: ReadonlySet<DayNumber>;
  readonly workdays: ReadonlySet<DayNumber>;
  readonly knownYears?: ReadonlySet<number>;
}

export function workCalendar(input: { holidays?: readonly string[]; workdays?: readonly string[]; knownYears?: readonly number[] }): WorkCalendar {
  return {
    holidays: new Set((input.holidays ?? []).map(dayNumber)),
    workdays: new Set((input.workdays ?? []).map(dayNumber)),
    ...(input.knownYears ? { knownYears: new Set(input.knownYears) } : {}),
  };
}

/** Is the day (a day number) a working day of the calendar (Monday to Friday without one)? */
export function isWorkingDayNumber(day: DayNumber, cal?: WorkCalendar): boolean {
  if (cal) {
    if (cal.workdays.has(day)) return true;
    if (cal.holidays.has(day)) return false;
  }
  return isoWeekdayOfDay(day) <= 5;
}

/** Monday to Friday (adjusted by the calendar, if given). */
export function isWorkingDay(date: string, cal?: WorkCalendar): boolean {
  return isWorkingDayNumber(dayNumber(date), cal);
}

/**
 * The n-th working day after `date` (n < 0: before). n = 0 returns `date`
 * itself. Filing "within 5 working days" of Friday 2026-01-02 ends on Friday
 * 2026-01-09. Without a calendar this is O(1).
 */
export function addWorkingDays(date: string, n: number, cal?: WorkCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError('工作日数须为整数');
  let day = dayNumber(date);
  if (n === 0) return date;
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  if (!cal || (cal.holidays.size === 0 && cal.workdays.size === 0)) {
    // Any seven consecutive days hold exactly five working days.
    const weeks = Math.floor((remaining - 1) / 5);
    day += step * weeks * 7;
    remaining -= weeks * 5;
  }
  while (remaining > 0) {
    day += step;
    if (isWorkingDayNumber(day, cal)) remaining--;
  }
  return dateOfDay(day);
}

/** Working days d with from < d ≤ to (from ≤ to). */
function countWorkingDays(from: DayNumber, to: DayNumber, cal?: WorkCalendar): number {
  const span = to - from;
  const weeks = Math.floor(span / 7);
  let count = weeks * 5;
  for (let d = from + weeks * 7 + 1; d <= to; d++) if (isoWeekdayOfDay(d) <= 5) count++;
  if (cal) {
    for (const h of cal.holidays) if (h > from && h <= to && isoWeekdayOfDay(h) <= 5 && !cal.workdays.has(h)) count--;
    for (const w of cal.workdays) if (w > from && w <= to && isoWeekdayOfDay(w) > 5) count++;
  }
  return count;
}

/**
 * Working days from a to b: forwards, those in (a, b]; backwards (b < a),
 * minus those in [b, a). So addWorkingDays(a, workingDaysBetween(a, b)) is b
 * whenever b is a working day, in both directions.
 */
export function workingDaysBetween(a: string, b: string, cal?: WorkCalendar): number {
  const da = dayNumber(a);
  const db = dayNumber(b);
  return db >= da ? countWorkingDays(da, db, cal) : -countWorkingDays(db - 1, da - 1, cal);
}

/** Office hours for "working hours" rules (催办): 09:00–17:00 Beijing time on working days, 8 a day. */
export const OFFICE_HOURS = { startMinute: 9 * 60, endMinute: 17 * 60 } as const;

/**
 * Office hours elapsed between two instants (from ≤ to; otherwise 0), counting only working days
 * of the calendar. A request made on Friday 16:00 has waited 2 working hours by Monday 10:00.
 */
export function workingHoursBetween(from: string, to: string, cal?: WorkCalendar): number {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (!(b > a)) return 0;
  const minuteOf = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / 60_000);
  const startMin = minuteOf(a);
  const endMin = minuteOf(b);
  const firstDay = Math.floor(startMin / 1440);
  const lastDay = Math.floor(endMin / 1440);
  let minutes = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!isWorkingDayNumber(day, cal)) continue;
    const open = day * 1440 + OFFICE_HOURS.startMinute;
    const close = day * 1440 + OFFICE_HOURS.endMinute;
    minutes += Math.max(0, Math.min(close, endMin) - Math.max(open, startMin));
  }
  return minutes / 60;
}

/** The instant at which `hours` office hours will have passed since `from` (see workingHoursBetween). */
export function addWorkingHours(from: string, hours: number, cal?: WorkCalendar): string {
  let remaining = Math.round(hours * 60);
  let minute = Math.ceil((Date.parse(from) + BEIJING_OFFSET_MS) / 60_000);
  if (remaining <= 0) return new Date(minute * 60_000 - BEIJING_OFFSET_MS).toISOString();
  for (let guard = 0; guard < 5000; guard++) {
    const day = Math.floor(minute / 1440);
    const open = day * 1440 + OFFICE_HOURS.startMinute;
    const close = day * 1440 + OFFICE_HOURS.endMinute;
    if (isWorkingDayNumber(day, cal) && minute < close) {
      const start = Math.max(minute, open);
      const available = close - start;
      if (remaining <= available) return new Date((start + remaining) * 60_000 - BEIJING_OFFSET_MS).toISOString();
      remaining -= available;
    }
    minute = (day + 1) * 1440;
  }
  throw new RangeError('工作小时数过大');
}

/**
 * A deadline or count that crossed a year the calendar holds no official arrangement for
 * (neither the shipped State Council data nor an admin-entered year): the answer was computed
 * on the plain Monday–Friday week for those years and may move once the year is entered.
 */
export interface CalendarWarning {
  code: 'calendar_year_unknown';
  years: number[];
  message: string;
}

/** The years from a's to b's (either order) that the calendar does not know; none for a calendar without `knownYears`. */
export function unknownYears(cal: WorkCalendar | undefined, a: string, b: string): number[] {
  if (!cal?.knownYears) return [];
  const ya = Number(a.slice(0, 4));
  const yb = Number(b.slice(0, 4));
  const out: number[] = [];
  for (let y = Math.min(ya, yb); y <= Math.max(ya, yb); y++) if (!cal.knownYears.has(y)) out.push(y);
  return out;
}

/** The warning for an answer computed over a..b, or undefined when the calendar knows every year of it. */
export function calendarWarningFor(cal: WorkCalendar | undefined, a: string, b: string): CalendarWarning | undefined {
  const years = unknownYears(cal, a, b);
  if (years.length === 0) return undefined;
  const list = years.join('、');
  return {
    code: 'calendar_year_unknown',
    years,
    message: `${list} 年的法定节假日和调休安排尚未录入，日期按周一至周五推算，录入后可能变化 (holidays of ${years.join(', ')} not known yet: computed on Monday to Friday)`,
  };
}

/** When a filing (备案) "within N working days" of a start day is due. */
export interface FilingDeadline {
  /** The last day on which the filing is on time: the N-th working day after the start. */
  dueBy: string;
  /** The first day on which it is late: the (N+1)-th working day after the start. */
  overdueFrom: string;
  calendarWarning?: CalendarWarning;
}

/**
 * The one filing-deadline rule, for closures (after the platform cancellation) and for
 * accounts (after an opening or a change of filed fields): the first working day after
 * the start is day 1, the filing is due by day N and late from day N + 1 on. A filing on a
 * weekend or holiday right after day N is still on time (it is within N working days).
 */
export function filingDueBy(startDate: string, workingDays: number, cal?: WorkCalendar): FilingDeadline {
  const dueBy = addWorkingDays(startDate, workingDays, cal);
  const overdueFrom = addWorkingDays(startDate, workingDays + 1, cal);
  const calendarWarning = calendarWarningFor(cal, startDate, dueBy);
  return { dueBy, overdueFrom, ...(calendarWarning ? { calendarWarning } : {}) };
}

/** How a filing on (or, not filed yet, as of) `on` stands against {@link filingDueBy}. */
export function filingDelay(startDate: string, on: string, workingDays: number, cal?: WorkCalendar): { workingDays: number; overdue: boolean; calendarWarning?: CalendarWarning } {
  const elapsed = Math.max(0, workingDaysBetween(startDate, on, cal));
  const calendarWarning = calendarWarningFor(cal, startDate, on);
  return { workingDays: elapsed, overdue: elapsed > workingDays, ...(calendarWarning ? { calendarWarning } : {}) };
}
