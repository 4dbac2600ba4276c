import { Hono } from 'hono';
import * as v from 'valibot';
import { getInspection, inspectionAccounts } from '../../../shared/assessment/inspection';
import { Id } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { inspectionReportSheets, sheetsToCsv, sheetsToXlsx } from '../report';
import { CONTENT_TYPES } from '../spreadsheet';
import { param, query } from '../validation';
import { assessmentPorts } from './inspections';

const ReportQuery = v.strictObject({ format: v.optional(v.picklist(['csv', 'xlsx'], 'format 须为 csv 或 xlsx'), 'csv') });

/** The inspection report (通报) as CSV or XLSX. */
export const reportRoutes = new Hono<AppEnv>()
  .get('/inspections/:id/report', async (c) => {
    const ports = assessmentPorts(c);
    const inspection = await getInspection(param(c, 'id', Id), c.get('principal'), ports);
    const { format } = query(c, ReportQuery);
    const sheets = inspectionReportSheets(inspection, await inspectionAccounts(inspection, ports));
    const filename = `govmedia-inspection-${inspection.regionCode}-${inspection.checkDate}.${format}`;
    c.header('content-disposition', `attachment; filename="${filename}"`);
    c.header('content-type', CONTENT_TYPES[format]);
    return c.body(format === 'csv' ? sheetsToCsv(sheets) : await sheetsToXlsx(sheets));
  });
