import { Hono } from 'hono';
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
import { notificationRoutes } from './routes/notifications';
import { rectificationRoutes } from './routes/rectifications';
import { reminderRoutes } from './routes/reminders';
import { deliveryRoutes } from './routes/deliveries';
import { holidayRoutes } from './routes/holidays';
import { connectorRoutes } from './routes/connector';

export type Router = Hono<AppEnv>;

/** The supervision loop, mounted under its prefixes. */
const supervisionRoutes: Router = new Hono<AppEnv>().route('/notifications', notificationRoutes).route('/rectifications', rectificationRoutes);

/**
 * Every JSON route. The spreadsheet routes (imports, exports, reports) live in
 * spreadsheet-routers.ts so the main API Lambda bundle does not carry exceljs.
 */
export const coreRouters: Router[] = [registryRoutes, activityRoutes, auditRoutes, profileRoutes, inspectionRoutes, contentRoutes, closureRoutes, approvalRoutes, schedulingRoutes, supervisionRoutes, reminderRoutes, deliveryRoutes, holidayRoutes, connectorRoutes];
