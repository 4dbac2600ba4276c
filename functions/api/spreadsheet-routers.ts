import type { Router } from './routers';
import { importRoutes } from './routes/imports';
import { reportRoutes } from './routes/reports';

/** CSV/XLSX routes: a Lambda of their own when deployed (exceljs is large), part of the one app locally. */
export const spreadsheetRouters: Router[] = [importRoutes, reportRoutes];
