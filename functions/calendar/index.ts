/**
 * The calendar port: the official working-day calendar every working-day rule uses
 * (closure and account filing deadlines, rectification due dates, 催办 working hours,
 * the content calendar's slots). The State Council's years ship with the code (the
 * `chinese-days` package's data, bundled at build time, never fetched at run time); the
 * years an admin entered come from the table. Built once a minute per process.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { Clock } from '../../shared/clock-and-ids';
import type { WorkCalendar } from '../../shared/time';
import type { HolidayYearStore } from '../../shared/time/holidays';
import { officialCalendar, yearsInForce, yearsOfChineseDays, type ChineseDaysData, type HolidayYear } from '../../shared/time/official';

/** The years the package ships (2004–2026 in chinese-days 1.5.7). */
export const SHIPPED_YEARS: readonly HolidayYear[] = yearsOfChineseDays(chineseDays as ChineseDaysData);

/** The calendar of the shipped years alone (no admin years): for tests, the seed and tools. */
export const SHIPPED_CALENDAR: WorkCalendar = officialCalendar(SHIPPED_YEARS);

/** How long a process keeps the calendar it built before reading the admin years again. */
export const CALENDAR_CACHE_MS = 60_000;

export interface CalendarPort {
  calendar(): Promise<WorkCalendar>;
  /** Forget the cached calendar (after an admin's write in this process). */
  invalidate(): void;
}

interface Cached {
  at: number;
  calendar: Promise<WorkCalendar>;
}

const ports = new WeakMap<HolidayYearStore, CalendarPort>();

/** One port per store (so per process): the shipped years plus the admin years, cached for a minute. */
export function calendarPortOf(store: HolidayYearStore, clock: Clock): CalendarPort {
  let port = ports.get(store);
  if (port) return port;
  let cached: Cached | undefined;
  port = {
    calendar() {
      const now = Date.parse(clock.now());
      // The dev clock may move backwards: a cache from "the future" is as stale as an old one.
      if (!cached || now < cached.at || now - cached.at >= CALENDAR_CACHE_MS) {
        const calendar = store.all().then((admin) =>
          officialCalendar(
            yearsInForce(
              SHIPPED_YEARS,
              admin.map((y) => ({ year: y.year, holidays: y.holidays, workdays: y.workdays, source: 'admin' as const })),
            ),
          ),
        );
        const entry: Cached = { at: now, calendar };
        cached = entry;
        // A failed read is not kept: the next call tries the store again.
        calendar.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.calendar;
    },
    invalidate() {
      cached = undefined;
    },
  };
  ports.set(store, port);
  return port;
}
