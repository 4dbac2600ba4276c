import type { Principal } from '../auth/principal';

/** Every type of entity the trail records (GET /audit-log?type=). */
export const ENTITY_TYPES = [
  'department',
  'account',
  'posts',
  'metrics',
  'profile',
  'inspection',
  'closure',
  'scheduled_post',
  'import',
  'approval_request',
  'rectification',
  'rectification_item',
  'channel',
  'calendar',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface AuditEntry {
  id: string;
  at: string;
  actor: { sub: string; name: string };
  action: string;
  entity: { type: EntityType; id: string };
  regionCode: string;
  departmentId?: string;
  before: unknown;
  after: unknown;
}

export function auditEntry(
  actor: Principal,
  action: string,
  entity: AuditEntry['entity'],
  owner: { regionCode: string; departmentId?: string },
  before: unknown,
  after: unknown,
  at: string,
  id: string,
): AuditEntry {
  return {
    id,
    at,
    actor: { sub: actor.sub, name: actor.name },
    action,
    entity,
    regionCode: owner.regionCode,
    ...(owner.departmentId ? { departmentId: owner.departmentId } : {}),
    before: before ?? null,
    after: after ?? null,
  };
}
