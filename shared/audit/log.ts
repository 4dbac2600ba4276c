import { canSee, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import type { AuditEntry } from './audit';
import type { Page } from '../page';


/** The audit trail as stored: per entity, per id (any entity type), and per region. */
export interface AuditTrail {
  /** One entity's history, newest first. */
  ofEntity(type: string, id: string, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
  /** One entity's history when only its id is known, newest first. */
  ofId(id: string, limit: number): Promise<AuditEntry[]>;
  /** A region's trail, newest first, optionally one department's entries only. */
  inRegion(regionPrefix: string, departmentId: string | undefined, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
}

export interface AuditLogPorts {
  audit: AuditTrail;
  departments: { get(id: string): Promise<{ id: string; regionCode: string } | undefined> };
}

/**
 * GET /audit-log?entity=&region=. With `entity` (`<type>:<id>` or a bare id): that entity's
 * history, each entry shown only if the caller can see its owner (an invisible entity reads
 * as empty). Otherwise the trail of the one list scope (shared/auth/scope.ts).
 */
export async function listAuditLog(
  q: { entity?: string; region?: string; limit?: number; cursor?: string },
  actor: Principal,
  ports: AuditLogPorts,
): Promise<Page<AuditEntry>> {
  const limit = q.limit ?? 50;
  if (q.entity) {
    if (q.entity.includes(':')) {
      const [type, id] = q.entity.split(':') as [string, string];
      const page = await ports.audit.ofEntity(type, id, limit, q.cursor);
      return { items: page.items.filter((e) => canSee(actor, e)), cursor: page.cursor };
    }
    // A bare id: ids are unique across entity types, so the history is found under whichever type has it.
    const items = await ports.audit.ofId(q.entity, limit);
    return { items: items.filter((e) => canSee(actor, e)), cursor: null };
  }
  const scope = await resolveListScope(actor, { region: q.region }, ports);
  if (scope.kind === 'region') return ports.audit.inRegion(scope.regionPrefix, undefined, limit, q.cursor);
  if (scope.kind === 'department') return ports.audit.inRegion(scope.regionCode, scope.departmentId, limit, q.cursor);
  return emptyPage<AuditEntry>();
}
