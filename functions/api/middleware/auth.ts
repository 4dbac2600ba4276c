import type { MiddlewareHandler } from 'hono';
import { hasRole, type Role } from '../../../shared/auth/principal';
import { Forbidden, Unauthorized } from '../../../shared/errors';
import type { AppEnv } from '../context';

/** Every /api/v1 route needs a valid bearer token (the dev-token route is mounted before this). */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new Unauthorized();
  const principal = await c.get('deps').verifier.verify(match[1]!);
  if (!principal) throw new Unauthorized();
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
