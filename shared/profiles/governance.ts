/**
 * Profile governance (decision 23): who may publish a version of a shared rule profile,
 * and who may read a region's profile in force. Pure: the caller loads the owner.
 *
 * Publishing never changes how any region is graded (regions pin a version, see
 * catalog.ts); these rules keep the names trustworthy: a version of a profile comes
 * from the region that owns it, and `national` only from the code or a national-level
 * admin.
 */
import { hasRole, regionContains, type Principal } from '../auth/principal';
import { BUILTIN_PROFILES } from './builtin';

/**
 * The national level (中华人民共和国, 100000 in GB/T 2260 data sets). An admin whose
 * token carries this region may publish versions of the built-in profiles. Its region
 * prefix (`10`) contains no province, so the code grants no scope over any region.
 */
export const NATIONAL_REGION = '100000';

/** Names shipped in the code; owned by the national level. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTIN_PROFILES.map((p) => p.name));

export type PublishDecision =
  | { allowed: true; ownerRegion: string }
  | { allowed: false; reason: 'not_admin' | 'national_only' | 'not_owner'; ownerRegion?: string };

/**
 * May `actor` publish a version of profile `name`?
 * - only admins publish;
 * - a name nobody owns yet becomes the publisher's region's own (`ownerRegion`);
 * - a name that exists takes versions only from admins of its owner region (a province's
 *   profile from that province's admins; a city's or county's from theirs);
 * - the built-in names (`national`, `strict-10day`, `weekly-3`) are owned by the national
 *   level: new versions come with the code or from an admin of `NATIONAL_REGION`.
 *
 * `existingOwner` is the owner recorded on the name's first version (undefined when the
 * name is new).
 */
export function publishDecision(actor: Principal, name: string, existingOwner: string | undefined): PublishDecision {
  if (!hasRole(actor, 'admin')) return { allowed: false, reason: 'not_admin' };
  const owner = BUILTIN_NAMES.has(name) ? NATIONAL_REGION : existingOwner;
  if (owner === undefined) return { allowed: true, ownerRegion: actor.region };
  if (actor.region === owner) return { allowed: true, ownerRegion: owner };
  return { allowed: false, reason: owner === NATIONAL_REGION ? 'national_only' : 'not_owner', ownerRegion: owner };
}

/** Chinese first, English in parentheses: why a publication was refused. */
export function publishRefusal(name: string, decision: Extract<PublishDecision, { allowed: false }>): string {
  switch (decision.reason) {
    case 'not_admin':
      return '只有平台管理员可以新增规则配置 (admin only)';
    case 'national_only':
      return `规则配置 ${name} 由国家层面维护，只能随系统发布或由国家级平台管理员（${NATIONAL_REGION}）新增版本 (only a national-level admin may publish ${name})`;
    case 'not_owner':
      return `规则配置 ${name} 属于地区 ${decision.ownerRegion}，只有该地区的平台管理员可以新增版本 (only admins of the owner region ${decision.ownerRegion} may publish ${name})`;
  }
}

/**
 * May `actor` read the profile in force of `regionCode`? Only inside their own scope:
 * their region and the regions below it (a department role: its token's region). A
 * region above or beside is not visible (404); a child sees what it inherits through
 * its own region's answer (`inheritedFrom`, `assignment`).
 */
export function mayReadRegionProfile(actor: Principal, regionCode: string): boolean {
  return actor.roles.length > 0 && regionContains(actor.region, regionCode);
}
