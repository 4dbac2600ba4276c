/**
 * The holiday calendar's years (GET/PUT /calendar/holidays/{year}): the shipped State
 * Council data and the years a national-level admin entered for what the package lacks.
 */
import * as v from 'valibot';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { hasRole, type Principal } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { HOLIDAY_YEAR_RANGE, holidayYearIssues, type HolidayYear, type HolidaySource } from './official';

/** The level whose admins keep the national calendar (GB/T 2260 data sets' 100000, as for national profiles). */
export const CALENDAR_REGION = '100000';

/** A year as an admin stored it. */
export interface StoredHolidayYear {
  year: number;
  holidays: string[];
  workdays: string[];
  updatedAt: string;
  updatedBy: { sub: string; name: string };
}

export interface HolidayYearStore {
  get(year: number): Promise<StoredHolidayYear | undefined>;
  all(): Promise<StoredHolidayYear[]>;
  /** The year (replacing what was there) and its audit entry, in one write. */
  put(entry: StoredHolidayYear, audit: AuditEntry): Promise<void>;
}

export interface HolidayPorts {
  holidayYears: HolidayYearStore;
  /** The years the package ships (functions/calendar). */
  shipped: readonly HolidayYear[];
  clock: Clock;
  ids: IdGenerator;
  /** Told after a write, so the process's cached calendar is rebuilt at once. */
  changed?: () => void;
}

const Dates = (label: string) => v.pipe(v.array(v.string(`${label}须为日期字符串`), `${label}须为日期数组`), v.maxLength(366, `${label}最多 366 天`));

/** The body of PUT /calendar/holidays/{year}. */
export const HolidayYearInput = v.strictObject({ holidays: Dates('holidays'), workdays: Dates('workdays') });
export type HolidayYearInput = v.InferOutput<typeof HolidayYearInput>;

/** The {year} of the path: four digits within the range an admin may enter. */
export const HolidayYearParam = v.pipe(
  v.string(),
  v.regex(/^\d{4}$/, '年份须为四位数字 (year must be four digits)'),
  v.transform(Number),
  v.minValue(HOLIDAY_YEAR_RANGE.min, `年份须在 ${HOLIDAY_YEAR_RANGE.min}–${HOLIDAY_YEAR_RANGE.max} 之间`),
  v.maxValue(HOLIDAY_YEAR_RANGE.max, `年份须在 ${HOLIDAY_YEAR_RANGE.min}–${HOLIDAY_YEAR_RANGE.max} 之间`),
);

/** What GET /calendar/holidays/{year} answers. A year with neither source is `known: false` with empty lists. */
export interface HolidayYearView {
  year: number;
  known: boolean;
  source: HolidaySource | null;
  holidays: string[];
  workdays: string[];
  updatedAt?: string;
  updatedBy?: { sub: string; name: string };
}

export async function holidayYearView(year: number, ports: Pick<HolidayPorts, 'holidayYears' | 'shipped'>): Promise<HolidayYearView> {
  const shipped = ports.shipped.find((y) => y.year === year);
  if (shipped) return { year, known: true, source: 'package', holidays: shipped.holidays, workdays: shipped.workdays };
  const stored = await ports.holidayYears.get(year);
  if (stored) return { year, known: true, source: 'admin', holidays: stored.holidays, workdays: stored.workdays, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
  return { year, known: false, source: null, holidays: [], workdays: [] };
}

/**
 * PUT /calendar/holidays/{year}: a national-level admin enters (or corrects) a year the
 * package does not ship. The whole year is replaced and audited (before and after).
 */
export async function setHolidayYear(year: number, input: HolidayYearInput, actor: Principal, ports: HolidayPorts): Promise<HolidayYearView> {
  if (!hasRole(actor, 'admin')) throw new Forbidden('只有平台管理员可以录入节假日安排 (admin only)');
  if (actor.region !== CALENDAR_REGION) {
    throw new Forbidden(`节假日安排全国统一，只能由国家级平台管理员（${CALENDAR_REGION}）录入 (only a national-level admin)`, 'calendar_national_only', { region: CALENDAR_REGION });
  }
  const issues = holidayYearIssues(year, input);
  if (issues.length) throw new InvalidInput(issues);
  if (ports.shipped.some((y) => y.year === year)) {
    throw new Conflict('holiday_year_shipped', `${year} 年的节假日安排已随系统提供（国务院办公厅通知），不能修改 (the shipped data covers ${year})`, { year });
  }
  const before = await ports.holidayYears.get(year);
  const now = ports.clock.now();
  const entry: StoredHolidayYear = {
    year,
    holidays: [...input.holidays].sort(),
    workdays: [...input.workdays].sort(),
    updatedAt: now,
    updatedBy: { sub: actor.sub, name: actor.name },
  };
  const audit = auditEntry(actor, 'calendar.holidays', { type: 'calendar', id: String(year) }, { regionCode: CALENDAR_REGION }, before ?? null, entry, now, ports.ids.next());
  await ports.holidayYears.put(entry, audit);
  ports.changed?.();
  return { year, known: true, source: 'admin', holidays: entry.holidays, workdays: entry.workdays, updatedAt: entry.updatedAt, updatedBy: entry.updatedBy };
}
