import { Hono } from 'hono';
import * as v from 'valibot';
import { listAuditLog } from '../../../shared/audit/log';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { auditLogPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { Cursor, Limit, query } from '../validation';

const AuditQuery = v.strictObject({
  entity: v.optional(v.pipe(v.string(), v.regex(/^([a-z_]+:)?[A-Za-z0-9_@.-]{1,80}$/, 'entity 格式为 <类型>:<编号>（如 account:abc123）或编号'))),
  region: v.optional(RegionCode),
  limit: Limit,
  cursor: Cursor,
});

/** Mounted at /audit-log. */
export const auditRoutes = new Hono<AppEnv>().get('/', async (c) =>
  c.json(await listAuditLog(query(c, AuditQuery), c.get('principal'), auditLogPortsOf(c.get('deps')))),
);
