import type { Router } from './routers';
import { importRoutes } from './routes/imports';
import { reportRoutes } from './routes/reports';
import { openApiRoutes } from './openapi';

/**
 * The routes with heavy dependencies: CSV/XLSX (exceljs) and the OpenAPI document (the
 * schema converter). A Lambda of their own when deployed, part of the one app locally.
 */
export const spreadsheetRouters: Router[] = [importRoutes, reportRoutes, openApiRoutes];
