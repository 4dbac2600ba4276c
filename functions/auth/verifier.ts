import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { jwtVerify, SignJWT } from 'jose';
import type { Principal } from '../../shared/auth/principal';
import type { DevTokenRequest } from '../../shared/auth/principal-schema';
import { principalFromClaims } from './claims';

export interface TokenVerifier {
  /** The caller, or undefined for a missing, expired, forged or malformed token. */
  verify(token: string): Promise<Principal | undefined>;
}

const DEV_ISSUER = 'govmedia-local';

/**
 * Remembers verified tokens until they expire, so a session's requests pay for the signature
 * check once. Bounded; a token is only ever cached after it verified.
 */
export function cachingVerifier(inner: TokenVerifier, now = () => Date.now(), max = 5000): TokenVerifier {
  const cache = new Map<string, { principal: Principal; expiresAt: number }>();
  return {
    async verify(token) {
      const hit = cache.get(token);
      if (hit && hit.expiresAt > now()) return hit.principal;
      if (hit) cache.delete(token);
      const principal = await inner.verify(token);
      const exp = expiryOf(token);
      // A token that never expires is refused whatever the inner verifier said (docs/decisions.md).
      if (exp === undefined) return undefined;
      if (principal) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(token, { principal, expiresAt: exp * 1000 });
      }
      return principal;
    },
  };
}

function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/** Local mode: tokens signed with the dev key (HS256), issued by POST /api/v1/dev/token. */
export function devVerifier(signingKey: string): TokenVerifier & { issue(req: DevTokenRequest): Promise<string> } {
  const key = new TextEncoder().encode(signingKey);
  return {
    async verify(token) {
      try {
        // `exp` is required: jose checks it when present but accepts a token without one.
        const { payload } = await jwtVerify(token, key, { issuer: DEV_ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] });
        return principalFromClaims(payload);
      } catch {
        return undefined;
      }
    },
    async issue(req) {
      return new SignJWT({
        name: req.name ?? req.sub,
        'cognito:groups': req.roles,
        'custom:region': req.region,
        ...(req.department ? { 'custom:department': req.department } : {}),
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(req.sub)
        .setIssuer(DEV_ISSUER)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(key);
    },
  };
}

/** Deployed: Cognito ID tokens (they carry the custom attributes and groups). */
export function cognitoVerifier(userPoolId: string, clientId: string): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return {
    async verify(token) {
      try {
        return principalFromClaims(await verifier.verify(token));
      } catch {
        return undefined;
      }
    },
  };
}
