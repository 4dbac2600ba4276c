/**
 * The January reminder (`annual_report_due`): every government body publishes the year
 * before's 政府网站与政务新媒体工作年度报表 by 31 January. In January the sweep tells the
 * office of each region holding accounts, once per office per year (the event key names the
 * region and the year, so the notification's id is fixed), until that year's report has been
 * exported as XLSX or DOCX; the export withdraws it.
 */
import { notificationId, type Audience, type NotificationEvent } from '../supervision/notifications';
import { reportDue } from './annual';

export const annualReportEventKey = (regionCode: string, year: number) => `annual_report_due:${regionCode}:${year}`;

export const annualReportAudience = (regionCode: string): Audience => ({ role: 'office', regionCode });

/** The id the reminder of (region, year) has in the office's list. */
export const annualReminderId = (regionCode: string, year: number) => notificationId(annualReportEventKey(regionCode, year), annualReportAudience(regionCode));

/** The reminder of a region at `now`: in January for the year before, unless it was exported; none otherwise. */
export function annualReminderEvent(regionCode: string, now: string, exported: boolean): NotificationEvent | null {
  const { year, january } = reportDue(now);
  if (!january || exported) return null;
  return {
    key: annualReportEventKey(regionCode, year),
    type: 'annual_report_due',
    at: now,
    entity: { type: 'annual_report', id: `${regionCode}:${year}` },
    title: `请于1月31日前发布${year}年度政府网站与政务新媒体工作年度报表`,
    body: `${year}年度报表的政务新媒体部分可在“年度报表”页面生成并导出（XLSX 或 DOCX），导出后本提醒自动撤下。`,
    regionCode,
    audiences: [annualReportAudience(regionCode)],
  };
}
