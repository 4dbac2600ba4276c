import { Hono } from 'hono';
import type { WaitingKind } from '../../shared/supervision/approvals';
import type { AppEnv } from './context';
import { activityRoutes } from './routes/activity';
import { annualReportRoutes } from './routes/annual-report';
import { approvalRequestRoutes, duplicateExceptionRoutes } from './routes/approvals';
import { attachmentRoutes } from './routes/attachments';
import { auditRoutes } from './routes/audit';
import { departmentChannelRoutes, regionChannelRoutes } from './routes/channels';
import { accountClosureRoutes, closureRoutes, consolidationRoutes } from './routes/closures';
import { connectorRoutes } from './routes/connector';
import { contentRoutes } from './routes/content';
import { credentialRoutes } from './routes/credentials';
import { deliveryRoutes } from './routes/deliveries';
import { holidayRoutes } from './routes/holidays';
import { accountExportRoutes, importRoutes } from './routes/imports';
import { gradeRoutes, inspectionRoutes } from './routes/inspections';
import { notificationRoutes } from './routes/notifications';
import { oauthStartRoutes } from './routes/oauth';
import { openApiRoutes } from './routes/openapi';
import { profileRoutes, regionProfileRoutes } from './routes/profiles';
import { rectificationNoticeRoutes } from './routes/rectification-notice';
import { rectificationRoutes } from './routes/rectifications';
import { accountRoutes, departmentRoutes } from './routes/registry';
import { reminderRoutes } from './routes/reminders';
import { reportRoutes } from './routes/reports';
import { calendarRoutes, scheduledPostRoutes } from './routes/scheduling';

/**
 * The authenticated routes one deployed function serves under /api/v1: the route modules of
 * functions/api/routes/, each mounted under its own prefix. `createApp` (functions/api/app.ts)
 * puts it behind authentication and idempotency; /health, /dev, /public and the OAuth callback
 * are the app's own, mounted before authentication.
 */
export type RouteSet = Hono<AppEnv>;

/** A routes module and the prefix it is mounted at: its paths are relative to it. */
type Mount = readonly [prefix: string, routes: Hono<AppEnv>];

/**
 * Several modules may share a prefix (an account's posts, grade, closures…). No route of one
 * shadows a route of another, so the order of the mounts does not matter; `GET /accounts/{id}`
 * leaves `export` to the registry export (routes/registry.ts), and
 * test/unit/architecture/route-sets.test.ts checks that no path of the local app's routes is
 * answered by another route.
 */
const mount = (mounts: readonly Mount[]): RouteSet => mounts.reduce((set, [prefix, routes]) => set.route(prefix, routes), new Hono<AppEnv>());

/** The 催办 routes, mounted under each approvable's prefix. */
const waiting = (prefix: string, kind: WaitingKind): Mount => [prefix, reminderRoutes(kind)];

/**
 * The main API function (functions/api/lambda.ts): every JSON route except those below.
 *
 * Each set is built by a function, and functions/api/routes/package.json declares the route
 * modules free of side effects (`"sideEffects": false`): esbuild then leaves out of a bundle
 * the route modules (and their exceljs, docx, S3 or Secrets Manager) of the sets its entry does
 * not build. test/infra/stack.test.ts checks what each bundle contains.
 */
function apiMounts(): Mount[] {
  return [
    ['/departments', departmentRoutes],
    ['/accounts', accountRoutes],
    ['/accounts', activityRoutes],
    ['/accounts', gradeRoutes],
    ['/accounts', accountClosureRoutes],
    ['/accounts', duplicateExceptionRoutes],
    ['/accounts', connectorRoutes],
    ['/audit-log', auditRoutes],
    ['/profiles', profileRoutes],
    ['/regions', regionProfileRoutes],
    ['/inspections', inspectionRoutes],
    ['/content', contentRoutes],
    ['/closures', closureRoutes],
    waiting('/closures', 'closure'),
    ['/consolidation', consolidationRoutes],
    ['/approval-requests', approvalRequestRoutes],
    waiting('/approval-requests', 'approval_request'),
    ['/scheduled-posts', scheduledPostRoutes],
    waiting('/scheduled-posts', 'scheduled_post'),
    ['/calendar', calendarRoutes],
    ['/calendar/holidays', holidayRoutes],
    ['/notifications', notificationRoutes],
    ['/rectifications', rectificationRoutes],
    ['/deliveries', deliveryRoutes],
  ];
}

/**
 * The spreadsheet function (functions/api/spreadsheet-lambda.ts): the routes with heavy
 * dependencies, CSV/XLSX (exceljs), Word documents (docx: the 通报, the 整改通知, the annual
 * report), the OpenAPI document (the schema converter) and closure attachments (the S3 client),
 * so the main API bundle carries none of them. infra/constructs/api.ts SPREADSHEET_ROUTES sends
 * exactly these to it.
 */
function spreadsheetMounts(): Mount[] {
  return [
    ['/imports', importRoutes],
    ['/accounts', accountExportRoutes],
    ['/inspections', reportRoutes],
    ['/rectifications', rectificationNoticeRoutes],
    ['/reports', annualReportRoutes],
    ['/closures', attachmentRoutes],
    ['/openapi.json', openApiRoutes],
  ];
}

/**
 * The credentials function (functions/api/credentials-lambda.ts): the only API function allowed
 * to write secrets, and the only one carrying the Secrets Manager client. Platform credentials,
 * starting OAuth, and the group-robot channels (webhook URLs, the 钉钉 secret are secrets too).
 * infra/constructs/api.ts CREDENTIALS_ROUTES sends exactly these to it.
 */
function credentialsMounts(): Mount[] {
  return [
    ['/accounts', credentialRoutes],
    ['/accounts', oauthStartRoutes],
    ['/departments', departmentChannelRoutes],
    ['/regions', regionChannelRoutes],
  ];
}

/** Each function's route set, by the function that serves it. */
export const apiRouteSet = (): RouteSet => mount(apiMounts());
export const spreadsheetRouteSet = (): RouteSet => mount(spreadsheetMounts());
export const credentialsRouteSet = (): RouteSet => mount(credentialsMounts());
/** The whole API in one app, as the local server (functions/local/server.ts), the tests and the benches serve it. */
export const allRouteSet = (): RouteSet => mount([...spreadsheetMounts(), ...credentialsMounts(), ...apiMounts()]);
