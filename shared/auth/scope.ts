import { Forbidden, NotFound } from '../errors';
import { canSee, hasRegionRole, regionContains, regionPrefix, type Principal } from './principal';

/**
 * What one list query may show the caller: the one rule every list follows (closures,
 * approval requests, scheduled posts, the export, accounts, departments, the audit log,
 * inspections, rectifications, deliveries). docs/decisions.md decision 31.
 *
 * - A region role (office, reviewer, admin) lists its region, or a region inside it
 *   (`?region=`); a region outside its scope is 403.
 * - A department named in the query (`?department=`), or for a department role
 *   (editor, approver) their own department, narrows the list to that department. A named
 *   department that does not exist or is not visible is 404, like `GET /departments/{id}`.
 *   With `?region=` as well, a department outside that region lists nothing; one inside it
 *   lists the department (the region only narrows, it never widens).
 * - Anyone else (a department role whose department is gone) lists nothing.
 */
export type ListScope =
  | { kind: 'region'; region: string; regionPrefix: string }
  | { kind: 'department'; regionCode: string; departmentId: string }
  | { kind: 'none' };

/** What the query asks for. `department` only for the lists that take `?department=`. */
export interface ScopeRequest {
  region?: string;
  department?: string;
}

/** The department record the scope is decided over (from the registry). */
export interface ScopeDepartment {
  id: string;
  regionCode: string;
}

export const OUTSIDE_REGION = '该地区不在您的管辖范围内 (region outside your scope)';

/** The department whose record `listScope` needs: the one requested, else a department role's own. */
export function scopeDepartmentId(p: Principal, requested: ScopeRequest = {}): string | undefined {
  return requested.department ?? (hasRegionRole(p) ? undefined : p.department);
}

/**
 * The scope of a list. `department` is the record of `scopeDepartmentId(p, requested)` as the
 * registry holds it (undefined: there is none, or none was needed). Pure: `resolveListScope`
 * reads the record and calls this.
 */
export function listScope(p: Principal, requested: ScopeRequest = {}, department?: ScopeDepartment): ListScope {
  const departmentId = scopeDepartmentId(p, requested);
  if (departmentId !== undefined) {
    const found = department?.id === departmentId ? department : undefined;
    if (!found || !canSee(p, { regionCode: found.regionCode, departmentId: found.id })) {
      if (requested.department !== undefined) throw new NotFound('主办单位');
      return { kind: 'none' };
    }
    if (requested.region !== undefined && !regionContains(requested.region, found.regionCode)) return { kind: 'none' };
    return { kind: 'department', regionCode: found.regionCode, departmentId: found.id };
  }
  if (!hasRegionRole(p)) return { kind: 'none' };
  const region = requested.region ?? p.region;
  if (!regionContains(p.region, region)) throw new Forbidden(OUTSIDE_REGION);
  return { kind: 'region', region, regionPrefix: regionPrefix(region) };
}

/** The scope of a list, reading the one department record it depends on (if any). */
export async function resolveListScope(
  p: Principal,
  requested: ScopeRequest,
  ports: { departments: { get(id: string): Promise<ScopeDepartment | undefined> } },
): Promise<ListScope> {
  const departmentId = scopeDepartmentId(p, requested);
  const department = departmentId === undefined ? undefined : await ports.departments.get(departmentId);
  return listScope(p, requested, department);
}

/** Does a scope hold a record owned by (regionCode, departmentId)? */
export function inScope(scope: ListScope, record: { regionCode: string; departmentId?: string }): boolean {
  if (scope.kind === 'region') return record.regionCode.startsWith(scope.regionPrefix);
  if (scope.kind === 'department') return record.departmentId === scope.departmentId && record.regionCode === scope.regionCode;
  return false;
}

/** The empty page a `none` scope lists. */
export { emptyPage } from '../page';
