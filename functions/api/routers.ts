import type { Hono } from 'hono';
import type { AppEnv } from './context';
import { activityRoutes } from './routes/activity';
import { approvalRoutes } from './routes/approvals';
import { auditRoutes } from './routes/audit';
import { closureRoutes } from './routes/closures';
import { contentRoutes } from './routes/content';
import { inspectionRoutes } from './routes/inspections';
import { profileRoutes } from './routes/profiles';
import { registryRoutes } from './routes/registry';
import { schedulingRoutes } from './routes/scheduling';

export type Router = Hono<AppEnv>;

/**
 * Every JSON route. The spreadsheet routes (imports, exports, reports) live in
 * spreadsheet-routers.ts so the main API Lambda bundle does not carry exceljs.
 */
export const coreRouters: Router[] = [registryRoutes, activityRoutes, auditRoutes, profileRoutes, inspectionRoutes, contentRoutes, closureRoutes, approvalRoutes, schedulingRoutes];
