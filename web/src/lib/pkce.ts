/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) against the Cognito hosted UI.
 * No client secret; the verifier lives in sessionStorage only between redirect and callback.
 */
import type { AppConfig } from './config';

const VERIFIER_KEY = 'govmedia.pkce.verifier';
const STATE_KEY = 'govmedia.pkce.state';

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(bytes = 32): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return base64url(buf);
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Builds the /oauth2/authorize URL and remembers verifier + state. */
export async function authorizeUrl(config: AppConfig, storage: Storage = sessionStorage): Promise<string> {
  const verifier = randomString(48);
  const state = randomString(16);
  storage.setItem(VERIFIER_KEY, verifier);
  storage.setItem(STATE_KEY, state);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: await challengeFor(verifier),
  });
  return `${config.cognitoDomain}/oauth2/authorize?${params}`;
}

export async function startSignIn(config: AppConfig): Promise<void> {
  location.assign(await authorizeUrl(config));
}

/**
 * If the URL carries `?code=&state=` from the hosted UI, exchanges the code at /oauth2/token
 * and returns the ID token (it carries cognito:groups and the custom:region/department claims).
 * Returns null when there is nothing to exchange.
 */
export async function completeSignIn(
  config: AppConfig,
  url: URL = new URL(location.href),
  storage: Storage = sessionStorage,
  fetchFn: typeof fetch = fetch,
): Promise<string | null> {
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  if (!code) return null;
  const verifier = storage.getItem(VERIFIER_KEY);
  const expected = storage.getItem(STATE_KEY);
  storage.removeItem(VERIFIER_KEY);
  storage.removeItem(STATE_KEY);
  if (!verifier || !state || state !== expected) throw new Error('登录状态校验失败，请重新登录 (state mismatch)');
  const res = await fetchFn(`${config.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: config.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!res.ok) throw new Error(`令牌交换失败 (token exchange failed: ${res.status})`);
  const body = (await res.json()) as { id_token?: string; access_token?: string };
  return body.id_token ?? body.access_token ?? null;
}

/**
 * The hosted UI's sign-out URL. `logout_uri` must be one of the app client's allowed sign-out
 * URLs, which is the app's root (`<web>/`), not the callback (`…/auth/callback`).
 */
export function logoutUrl(config: AppConfig): string {
  const params = new URLSearchParams({ client_id: config.clientId, logout_uri: new URL('/', config.redirectUri).href });
  return `${config.cognitoDomain}/logout?${params}`;
}
