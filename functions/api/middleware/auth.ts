import type { MiddlewareHandler } from 'hono';
import { claimsDepartment, departmentClaimHolds, hasRole, type Principal, type Role } from '../../../shared/auth/principal';
import { Forbidden, Unauthorized } from '../../../shared/errors';
import type { AppEnv } from '../context';
import type { Deps } from '../../wiring/deps';

/**
 * Department id → its region code, per departments store, for the life of the process: a
 * department never changes region (there is no such edit), so an entry never goes stale.
 * Unknown ids are not remembered (the department may be created later). Bounded.
 */
const departmentRegions = new WeakMap<object, Map<string, string>>();
const MAX_CACHED_DEPARTMENTS = 10_000;

async function regionOfDepartment(stores: Deps['stores'], id: string): Promise<string | undefined> {
  let cache = departmentRegions.get(stores.departments);
  if (!cache) departmentRegions.set(stores.departments, (cache = new Map()));
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const dept = await stores.departments.get(id);
  if (!dept) return undefined;
  if (cache.size >= MAX_CACHED_DEPARTMENTS) cache.delete(cache.keys().next().value!);
  cache.set(id, dept.regionCode);
  return dept.regionCode;
}

/** A token whose department is missing (editor, approver) or outside its region is refused (403, docs/decisions.md). */
async function assertDepartmentClaim(p: Principal, stores: Deps['stores']): Promise<void> {
  if (!claimsDepartment(p)) return;
  const region = p.department === undefined ? undefined : await regionOfDepartment(stores, p.department);
  if (!departmentClaimHolds(p, region)) {
    throw new Forbidden('令牌中的主办单位缺失、不存在或不属于令牌的地区 (the token\'s department is missing, unknown or outside its region)', 'department_claim_invalid');
  }
}

/** Every /api/v1 route needs a valid bearer token (the dev-token route is mounted before this). */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new Unauthorized();
  const principal = await c.get('deps').verifier.verify(match[1]!);
  if (!principal) throw new Unauthorized();
  await assertDepartmentClaim(principal, c.get('deps').stores);
  c.set('principal', principal);
  await next();
};

/** Role gate for a route; record-level scope is checked in the domain. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasRole(c.get('principal'), ...roles)) throw new Forbidden(`需要以下角色之一：${roles.join(', ')} (role required)`);
    await next();
  };
}
