import type { Router } from './routers';
import { attachmentRoutes } from './routes/attachments';
import { importRoutes } from './routes/imports';
import { rectificationNoticeRoutes } from './routes/rectification-notice';
import { reportRoutes } from './routes/reports';
import { openApiRoutes } from './openapi';
import { annualReportRoutes } from './routes/annual-report';

/**
 * The routes with heavy dependencies: CSV/XLSX (exceljs), Word documents (docx: the 通报
 * and the 整改通知), the OpenAPI document (the schema converter) and closure attachments
 * (the S3 client). A Lambda of their own when
 * deployed, part of the one app locally.
 */
export const spreadsheetRouters: Router[] = [importRoutes, reportRoutes, rectificationNoticeRoutes, openApiRoutes, attachmentRoutes, annualReportRoutes];
