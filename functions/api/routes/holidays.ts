import { Hono } from 'hono';
import { holidayYearView, HolidayYearInput, HolidayYearParam, setHolidayYear } from '../../../shared/time/holidays';
import { holidayPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, param } from '../validation';

/** Mounted at /calendar/holidays: the official holiday calendar's years (API.md "Yearly duties"; docs/api-notes.md). */
export const holidayRoutes = new Hono<AppEnv>()
  .get('/:year', async (c) => c.json(await holidayYearView(param(c, 'year', HolidayYearParam), holidayPortsOf(c.get('deps')))))
  .put('/:year', async (c) => {
    const year = param(c, 'year', HolidayYearParam);
    return c.json(await setHolidayYear(year, await body(c, HolidayYearInput), c.get('principal'), holidayPortsOf(c.get('deps'))));
  });
