import { Hono } from 'hono';
import { AnnualReportQuery } from '../../../shared/reports/schemas';
import { annualReportOf, recordAnnualExport } from '../../../shared/reports/service';
import { annualFileName, annualReportDocx, annualReportXlsx, XLSX_CONTENT_TYPE } from '../../documents/annual-report';
import { attachmentDisposition, DOCX_CONTENT_TYPE } from '../../documents/official-docx';
import { annualReportPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { query } from '../validation';

/**
 * GET /reports/annual?region=&year=&format=json|xlsx|docx: the new-media section of the
 * 政府网站与政务新媒体工作年度报表 (docs/annual-report.md). In the spreadsheet function (exceljs,
 * docx), mounted at /reports. An XLSX or DOCX download is recorded as the year's export and withdraws the January reminder.
 */
export const annualReportRoutes = new Hono<AppEnv>().get('/annual', async (c) => {
  const q = query(c, AnnualReportQuery);
  const ports = annualReportPortsOf(c.get('deps'));
  const report = await annualReportOf({ region: q.region, year: q.year }, c.get('principal'), ports);
  if (q.format === 'json') return c.json(report);
  const bytes = q.format === 'xlsx' ? await annualReportXlsx(report) : await annualReportDocx(report);
  await recordAnnualExport(report, q.format, c.get('principal'), ports);
  c.header('content-disposition', attachmentDisposition(`${annualFileName(report)}.${q.format}`, `govmedia-annual-${report.regionCode}-${report.year}.${q.format}`));
  c.header('content-type', q.format === 'xlsx' ? XLSX_CONTENT_TYPE : DOCX_CONTENT_TYPE);
  return c.body(bytes);
});
