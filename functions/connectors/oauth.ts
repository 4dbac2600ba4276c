import * as v from 'valibot';
import type { CredentialVault } from './credentials';
import { ConnectorError } from './errors';
import type { ConnectorAccount, OAuthClient, OAuthTokens } from './types';

/**
 * What the OAuth connectors (Douyin, Kuaishou) share: the tokens' shape in the vault and
 * "refresh before expiry". The app's own key and secret (client_key / app_id) are settings
 * of the deployment, never stored per account; the vault holds only the operator's tokens.
 */

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const Instant = v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), 'instant'));

export const OAuthTokensSchema = v.object({
  accessToken: NonEmpty,
  refreshToken: NonEmpty,
  openId: NonEmpty,
  expiresAt: Instant,
  refreshExpiresAt: Instant,
  scope: v.optional(v.string()),
});

/** The app registered on the platform (env settings, read once at module load in setup.ts). */
export interface OAuthApp {
  clientKey: string;
  clientSecret: string;
}

export function tokensToCredentials(t: OAuthTokens): Record<string, string> {
  return {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    openId: t.openId,
    expiresAt: t.expiresAt,
    refreshExpiresAt: t.refreshExpiresAt,
    ...(t.scope ? { scope: t.scope } : {}),
  };
}

export async function storedTokens(vault: CredentialVault, account: ConnectorAccount, platform: string, label: string): Promise<OAuthTokens> {
  const parsed = v.safeParse(OAuthTokensSchema, await vault.get(account.id));
  if (!parsed.success) {
    throw new ConnectorError('auth', platform, 'no_credentials', `账号“${account.name}”尚未完成${label}授权，请在账号页发起授权`);
  }
  return parsed.output;
}

/** `now + seconds` as an ISO instant. */
export function after(now: string, seconds: number): string {
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

/**
 * Refreshes the stored tokens when the access token expires within `marginMs` of `now`.
 * A refresh token that has itself expired cannot be used: that is `auth`
 * (`authorization_expired`), and the operator must authorise again.
 */
export async function refreshIfDue(
  client: OAuthClient,
  vault: CredentialVault,
  account: ConnectorAccount,
  platform: string,
  label: string,
  now: string,
  marginMs: number,
): Promise<{ refreshed: boolean; expiresAt: string }> {
  const tokens = await storedTokens(vault, account, platform, label);
  const nowMs = Date.parse(now);
  if (Date.parse(tokens.expiresAt) - nowMs > marginMs) return { refreshed: false, expiresAt: tokens.expiresAt };
  if (Date.parse(tokens.refreshExpiresAt) <= nowMs) {
    throw new ConnectorError('auth', platform, 'authorization_expired', `${label}授权已过期（refresh token 已失效），请账号运营者重新授权`);
  }
  const fresh = await client.refresh(tokens, now);
  await vault.put(account.id, tokensToCredentials(fresh));
  return { refreshed: true, expiresAt: fresh.expiresAt };
}
