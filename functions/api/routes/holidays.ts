import { Hono, type Context } from 'hono';
import { holidayYearView, HolidayYearInput, HolidayYearParam, setHolidayYear, type HolidayPorts } from '../../../shared/time/holidays';
import { calendarPortOf, SHIPPED_YEARS } from '../../calendar';
import type { AppEnv } from '../context';
import { body, param } from '../validation';

/** The official holiday calendar's years (API.md "Yearly duties"; docs/api-notes.md). */
function holidayPorts(c: Context<AppEnv>): HolidayPorts {
  const { stores, clock, ids } = c.get('deps');
  return { holidayYears: stores.holidayYears, shipped: SHIPPED_YEARS, clock, ids, changed: () => calendarPortOf(stores.holidayYears, clock).invalidate() };
}

export const holidayRoutes = new Hono<AppEnv>()
  .get('/calendar/holidays/:year', async (c) => c.json(await holidayYearView(param(c, 'year', HolidayYearParam), holidayPorts(c))))
  .put('/calendar/holidays/:year', async (c) => {
    const year = param(c, 'year', HolidayYearParam);
    return c.json(await setHolidayYear(year, await body(c, HolidayYearInput), c.get('principal'), holidayPorts(c)));
  });
