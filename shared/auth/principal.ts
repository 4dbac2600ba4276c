/**
 * Who is calling, and what they may see. Scope is hierarchical by the
 * GB/T 2260 region code: an office of 330100 sees every 3301xx record; an
 * editor or approver sees only their own department. Deny by default.
 */
export const ROLES = ['office', 'reviewer', 'editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  name: string;
  roles: Role[];
  region: string;
  department?: string;
}

/** Roles whose scope is a region (and everything under it). */
const REGION_ROLES: readonly Role[] = ['office', 'reviewer', 'admin'];
/** Roles whose scope is one department. */
const DEPARTMENT_ROLES: readonly Role[] = ['editor', 'approver'];

/** 330000 → "33", 330100 → "3301", 330127 → "330127". */
export function regionPrefix(regionCode: string): string {
  let code = regionCode;
  while (code.length > 2 && code.endsWith('00')) code = code.slice(0, -2);
  return code;
}

export function regionContains(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

export function hasRegionRole(p: Principal): boolean {
  return p.roles.some((r) => REGION_ROLES.includes(r));
}

/** Is a record owned by (regionCode, departmentId) visible to p? */
export function canSee(p: Principal, record: { regionCode: string; departmentId?: string }): boolean {
  if (hasRegionRole(p) && regionContains(p.region, record.regionCode)) return true;
  return (
    p.roles.some((r) => DEPARTMENT_ROLES.includes(r)) &&
    p.department !== undefined &&
    record.departmentId !== undefined &&
    record.departmentId === p.department
  );
}

/** May p act with one of `roles` on a record owned by (regionCode, departmentId)? */
export function canActAs(
  p: Principal,
  roles: readonly Role[],
  record: { regionCode: string; departmentId?: string },
): boolean {
  return roles.some((role) => {
    if (!p.roles.includes(role)) return false;
    if (REGION_ROLES.includes(role)) return regionContains(p.region, record.regionCode);
    return p.department !== undefined && p.department === record.departmentId;
  });
}

/** Does the token carry a department scope that must be checked against the registry? */
export function claimsDepartment(p: Principal): boolean {
  return p.department !== undefined || p.roles.some((r) => DEPARTMENT_ROLES.includes(r));
}

/**
 * Is a token's department claim consistent with its region claim? An editor or approver
 * names a department, and any department a token names lies inside the token's region.
 * `departmentRegion` is that department's region code (undefined: no such department).
 */
export function departmentClaimHolds(p: Principal, departmentRegion: string | undefined): boolean {
  if (p.department === undefined) return !p.roles.some((r) => DEPARTMENT_ROLES.includes(r));
  return departmentRegion !== undefined && regionContains(p.region, departmentRegion);
}

/** The region a list query runs over: the requested one if inside the caller's scope. */
export function listRegion(p: Principal, requested?: string): string | undefined {
  const region = requested ?? p.region;
  if (hasRegionRole(p) && regionContains(p.region, region)) return region;
  return undefined;
}
