import { Hono } from 'hono';
import { getInspection, inspectionAccounts } from '../../../shared/assessment/run-inspection';
import { ReportQuery } from '../../../shared/documents/schemas';
import { inspectionBulletin } from '../../../shared/documents/service';
import { Id } from '../../../shared/registry/schemas';
import { attachmentDisposition, DOCX_CONTENT_TYPE, renderOfficialDocx } from '../../documents/official-docx';
import type { AppEnv } from '../context';
import { inspectionReportSheets, sheetsToCsv, sheetsToXlsx } from '../report';
import { CONTENT_TYPES } from '../spreadsheet';
import { param, query } from '../validation';
import { assessmentPortsOf, bulletinPortsOf } from '../../wiring/domain-ports';
import { staleGrades } from '../../../shared/connectors/health';
import { connectorHealthPortsOf } from '../../wiring/connector-ports';

/** Mounted at /inspections: the inspection report (通报) as CSV or XLSX, or as the formal Word document (docx). */
export const reportRoutes = new Hono<AppEnv>()
  .get('/:id/report', async (c) => {
    const id = param(c, 'id', Id);
    const { format, issuer, number } = query(c, ReportQuery);
    if (format === 'docx') {
      const doc = await inspectionBulletin(id, c.get('principal'), bulletinPortsOf(c.get('deps')), { issuer, number });
      c.header('content-disposition', attachmentDisposition(`${doc.fileName}.docx`, `govmedia-bulletin-${id}.docx`));
      c.header('content-type', DOCX_CONTENT_TYPE);
      return c.body(await renderOfficialDocx(doc));
    }
    const ports = assessmentPortsOf(c.get('deps'));
    const inspection = await getInspection(id, c.get('principal'), ports);
    // Which grades rest on automatic data already stale on the check date (issue 16, shared/connectors/health.ts).
    const stale = await staleGrades(inspection.results.map((g) => g.accountId), inspection.checkDate, connectorHealthPortsOf(c.get('deps')));
    const sheets = inspectionReportSheets(inspection, await inspectionAccounts(inspection, ports), stale);
    const filename = `govmedia-inspection-${inspection.regionCode}-${inspection.checkDate}.${format}`;
    c.header('content-disposition', `attachment; filename="${filename}"`);
    c.header('content-type', CONTENT_TYPES[format]);
    return c.body(format === 'csv' ? sheetsToCsv(sheets) : await sheetsToXlsx(sheets));
  });
