import type { Router } from './routers';
import { attachmentRoutes } from './routes/attachments';
import { importRoutes } from './routes/imports';
import { reportRoutes } from './routes/reports';
import { openApiRoutes } from './openapi';

/**
 * The routes with heavy dependencies: CSV/XLSX (exceljs), the OpenAPI document (the
 * schema converter) and closure attachments (the S3 client). A Lambda of their own when
 * deployed, part of the one app locally.
 */
export const spreadsheetRouters: Router[] = [importRoutes, reportRoutes, openApiRoutes, attachmentRoutes];
