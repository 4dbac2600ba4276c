import { ROLES, type Principal, type Role } from '../../../shared/auth/principal';

const TOKEN_KEY = 'govmedia.token';

/** Reads the claims of a JWT without verifying it (the API verifies; the UI only decides what to show). */
export function decodeToken(token: string): Principal | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = decodeURIComponent(
      atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as Record<string, unknown>;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return null;
    const groups = (claims['cognito:groups'] ?? claims.roles ?? []) as unknown[];
    const roles = groups.filter((g): g is Role => (ROLES as readonly unknown[]).includes(g));
    const region = String(claims['custom:region'] ?? claims.region ?? '');
    const department = (claims['custom:department'] ?? claims.department) as string | undefined;
    return {
      sub: String(claims.sub ?? ''),
      name: String(claims.name ?? claims['cognito:username'] ?? claims.email ?? claims.sub ?? ''),
      roles,
      region,
      ...(department ? { department } : {}),
    };
  } catch {
    return null;
  }
}

function load(): { token: string | null; principal: Principal | null } {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const principal = token ? decodeToken(token) : null;
    return principal ? { token, principal } : { token: null, principal: null };
  } catch {
    return { token: null, principal: null };
  }
}

export const session = $state<{ token: string | null; principal: Principal | null; notice: string | null }>({
  ...load(),
  notice: null,
});

export function signIn(token: string): Principal {
  const principal = decodeToken(token);
  if (!principal) throw new Error('令牌无效 (invalid token)');
  sessionStorage.setItem(TOKEN_KEY, token);
  session.token = token;
  session.principal = principal;
  session.notice = null;
  return principal;
}

export function signOut(reason?: 'expired'): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* ignore */
  }
  session.token = null;
  session.principal = null;
  session.notice = reason ?? null;
}

export function can(...roles: Role[]): boolean {
  return session.principal?.roles.some((r) => roles.includes(r)) ?? false;
}
