import * as v from 'valibot';
import { ROLES, type Principal } from '../../shared/auth/principal';

/** The token claims the API relies on (API.md, Auth). Anything else in the token is ignored. */
const Claims = v.object({
  sub: v.pipe(v.string(), v.minLength(1)),
  name: v.optional(v.string()),
  'cognito:username': v.optional(v.string()),
  'cognito:groups': v.optional(v.array(v.string()), []),
  'custom:region': v.pipe(v.string(), v.regex(/^[1-9]\d{5}$/)),
  'custom:department': v.optional(v.string()),
});

export function principalFromClaims(payload: unknown): Principal | undefined {
  const parsed = v.safeParse(Claims, payload);
  if (!parsed.success) return undefined;
  const c = parsed.output;
  const roles = c['cognito:groups'].filter((g): g is Principal['roles'][number] => (ROLES as readonly string[]).includes(g));
  if (!roles.length) return undefined;
  return {
    sub: c.sub,
    name: c.name ?? c['cognito:username'] ?? c.sub,
    roles,
    region: c['custom:region'],
    ...(c['custom:department'] ? { department: c['custom:department'] } : {}),
  };
}
