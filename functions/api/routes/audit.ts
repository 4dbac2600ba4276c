import { Hono } from 'hono';
import * as v from 'valibot';
import { canSee, hasRegionRole, listRegion, regionPrefix } from '../../../shared/auth/principal';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Forbidden } from '../../../shared/errors';
import type { AppEnv } from '../context';
import { Cursor, Limit, query } from '../validation';

const AuditQuery = v.strictObject({
  entity: v.optional(v.pipe(v.string(), v.regex(/^([a-z_]+:)?[A-Za-z0-9_@.-]{1,80}$/, 'entity 格式为 <类型>:<编号>（如 account:abc123）或编号'))),
  region: v.optional(RegionCode),
  limit: Limit,
  cursor: Cursor,
});

export const auditRoutes = new Hono<AppEnv>().get('/audit-log', async (c) => {
  const q = query(c, AuditQuery);
  const p = c.get('principal');
  const audit = c.get('deps').stores.audit;
  const limit = q.limit ?? 50;
  if (q.entity) {
    // Entries carry their owner, so visibility is decided per entry; an invisible entity reads as empty.
    if (q.entity.includes(':')) {
      const [type, id] = q.entity.split(':') as [string, string];
      const page = await audit.ofEntity(type, id, limit, q.cursor);
      return c.json({ items: page.items.filter((e) => canSee(p, e)), cursor: page.cursor });
    }
    // A bare id: ids are unique across entity types, so the history is found under whichever type has it.
    const items = await audit.ofId(q.entity, limit);
    return c.json({ items: items.filter((e) => canSee(p, e)), cursor: null });
  }
  if (hasRegionRole(p)) {
    const region = listRegion(p, q.region);
    if (!region) throw new Forbidden('该地区不在您的管辖范围内 (region outside your scope)');
    return c.json(await audit.inRegion(regionPrefix(region), undefined, limit, q.cursor));
  }
  if (!p.department) return c.json({ items: [], cursor: null });
  return c.json(await audit.inRegion(regionPrefix(q.region ?? p.region), p.department, limit, q.cursor));
});
