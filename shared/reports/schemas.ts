import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { FIRST_REPORT_YEAR } from './annual';

export const ANNUAL_FORMATS = ['json', 'xlsx', 'docx'] as const;
export type AnnualFormat = (typeof ANNUAL_FORMATS)[number];

/** GET /reports/annual?region=&year=&format= (the year's upper bound, the clock's year, is checked by the use case). */
export const AnnualReportQuery = v.strictObject({
  region: v.optional(RegionCode),
  year: v.pipe(
    v.string('year 须为年份，如 2026'),
    v.regex(/^\d{4}$/, 'year 须为 4 位年份，如 2026'),
    v.transform(Number),
    v.minValue(FIRST_REPORT_YEAR, `year 不能早于 ${FIRST_REPORT_YEAR}（年度报表模板自 ${FIRST_REPORT_YEAR} 年度起）`),
  ),
  format: v.optional(v.picklist(ANNUAL_FORMATS, 'format 须为 json、xlsx 或 docx'), 'json'),
});
export type AnnualReportQuery = v.InferOutput<typeof AnnualReportQuery>;
