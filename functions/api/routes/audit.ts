import { Hono } from 'hono';
import * as v from 'valibot';
import { ENTITY_TYPES } from '../../../shared/audit/audit';
import { listAuditLog } from '../../../shared/audit/log';
import { IsoDate } from '../../../shared/registry/schemas';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { auditLogPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { Cursor, Limit, query } from '../validation';

const AuditQuery = v.strictObject({
  entity: v.optional(v.pipe(v.string(), v.regex(/^([a-z_]+:)?[A-Za-z0-9_@.-]{1,80}$/, 'entity 格式为 <类型>:<编号>（如 account:abc123）或编号'))),
  region: v.optional(RegionCode),
  // Issue 15: narrowed by Beijing date range, actor (id or part of the name), action and entity type.
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  actor: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'actor 不能为空 (actor is empty)'), v.maxLength(80, 'actor 最多 80 个字符 (actor over 80 characters)'))),
  action: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]+(\.[a-z_]+){1,3}$/, 'action 格式为 <对象>.<操作>（如 closure.approve_tier）(action must look like closure.approve_tier)'))),
  type: v.optional(v.picklist(ENTITY_TYPES, '未知的对象类型 (unknown entity type)')),
  limit: Limit,
  cursor: Cursor,
});

/** Mounted at /audit-log. */
export const auditRoutes = new Hono<AppEnv>().get('/', async (c) =>
  c.json(await listAuditLog(query(c, AuditQuery), c.get('principal'), auditLogPortsOf(c.get('deps')))),
);
