import { canSee, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import { beijingInstantMs, dayNumber } from '../time';
import type { AuditEntry } from './audit';
import type { Page } from '../page';

/**
 * What a reader narrows the trail to (issue 15): a Beijing date range, an actor (their id, or
 * part of their name), one action and one entity type. Every part is optional.
 */
export interface AuditFilter {
  /** First Beijing date, 'YYYY-MM-DD' (inclusive). */
  from?: string;
  /** Last Beijing date, 'YYYY-MM-DD' (inclusive). */
  to?: string;
  /** The actor's id (sub), or part of their name. */
  actor?: string;
  /** One action, e.g. `closure.approve_tier`. */
  action?: string;
  /** One entity type, e.g. `account`. */
  type?: string;
}

/** The filter as the store applies it: the date range as instants [since, until). */
export interface AuditStoreFilter {
  since?: string;
  until?: string;
  actor?: string;
  action?: string;
  type?: string;
}

/** The audit trail as stored: per entity, per id (any entity type), and per region. */
export interface AuditTrail {
  /** One entity's history, newest first. */
  ofEntity(type: string, id: string, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
  /** One entity's history when only its id is known, newest first. */
  ofId(id: string, limit: number): Promise<AuditEntry[]>;
  /** A region's trail, newest first, optionally one department's entries only, narrowed by `filter`. */
  inRegion(regionPrefix: string, departmentId: string | undefined, limit: number, cursor?: string, filter?: AuditStoreFilter): Promise<Page<AuditEntry>>;
}

export interface AuditLogPorts {
  audit: AuditTrail;
  departments: { get(id: string): Promise<{ id: string; regionCode: string } | undefined> };
}

/** Beijing dates → the instants [since, until) the store compares `at` with (ISO, UTC). */
export function auditStoreFilter(f: AuditFilter): AuditStoreFilter | undefined {
  const out: AuditStoreFilter = {};
  if (f.from) out.since = new Date(beijingInstantMs(dayNumber(f.from), '00:00')).toISOString();
  if (f.to) out.until = new Date(beijingInstantMs(dayNumber(f.to) + 1, '00:00')).toISOString();
  if (f.actor) out.actor = f.actor;
  if (f.action) out.action = f.action;
  if (f.type) out.type = f.type;
  return Object.keys(out).length ? out : undefined;
}

/** Does an entry pass the filter? The store applies the same rule in its query. */
export function matchesAudit(e: AuditEntry, f: AuditStoreFilter | undefined): boolean {
  if (!f) return true;
  const at = Date.parse(e.at);
  if (f.since && at < Date.parse(f.since)) return false;
  if (f.until && at >= Date.parse(f.until)) return false;
  if (f.actor && e.actor.sub !== f.actor && !e.actor.name.includes(f.actor)) return false;
  if (f.action && e.action !== f.action) return false;
  if (f.type && e.entity.type !== f.type) return false;
  return true;
}

/**
 * GET /audit-log?entity=&region=&from=&to=&actor=&action=&type=. With `entity` (`<type>:<id>`
 * or a bare id): that entity's history, each entry shown only if the caller can see its owner
 * (an invisible entity reads as empty). Otherwise the trail of the one list scope
 * (shared/auth/scope.ts). The filter narrows either.
 */
export async function listAuditLog(
  q: { entity?: string; region?: string; limit?: number; cursor?: string } & AuditFilter,
  actor: Principal,
  ports: AuditLogPorts,
): Promise<Page<AuditEntry>> {
  const limit = q.limit ?? 50;
  const filter = auditStoreFilter(q);
  const keep = (e: AuditEntry) => canSee(actor, e) && matchesAudit(e, filter);
  if (q.entity) {
    if (q.entity.includes(':')) {
      const [type, id] = q.entity.split(':') as [string, string];
      const page = await ports.audit.ofEntity(type, id, limit, q.cursor);
      return { items: page.items.filter(keep), cursor: page.cursor };
    }
    // A bare id: ids are unique across entity types, so the history is found under whichever type has it.
    const items = await ports.audit.ofId(q.entity, limit);
    return { items: items.filter(keep), cursor: null };
  }
  const scope = await resolveListScope(actor, { region: q.region }, ports);
  if (scope.kind === 'region') return ports.audit.inRegion(scope.regionPrefix, undefined, limit, q.cursor, filter);
  if (scope.kind === 'department') return ports.audit.inRegion(scope.regionCode, scope.departmentId, limit, q.cursor, filter);
  return emptyPage<AuditEntry>();
}
