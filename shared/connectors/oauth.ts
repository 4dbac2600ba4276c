import * as v from 'valibot';
import { auditEntry } from '../audit/audit';
import { canActAs, type Principal } from '../auth/principal';
import { Forbidden, InvalidInput, RuleViolation } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { getVisibleAccount, type AccountStore } from '../registry/registry';
import type { Platform } from '../registry/schemas';
import { credentialMarker, type CredentialMarkerStore } from './credentials';

/**
 * OAuth authorisation of an account by its operator (Douyin, Kuaishou): an editor of the
 * account's department (or the region's office or admin) starts it from the account page
 * and gets the platform's page; the platform redirects the operator back to our callback
 * with a code and the `state` we signed; the callback checks the state, exchanges the
 * code and keeps the tokens in the vault like other credentials. The state is what
 * authenticates the callback (it carries no bearer token): it binds account, user,
 * platform and expiry under our key (the signer port).
 */

export interface StateClaims {
  accountId: string;
  platform: Platform;
  sub: string;
  name: string;
  /** ISO instant after which the state is refused. */
  exp: string;
  nonce: string;
}

export interface StateSigner {
  sign(claims: StateClaims): string;
  /** The claims if the signature is ours, else undefined (expiry is checked by the caller against the clock). */
  verify(state: string): StateClaims | undefined;
}

export type ExchangeOutcome = { ok: true; credentials: Readonly<Record<string, string>>; refreshExpiresAt: string } | { ok: false; code: string; message: string };

/** One platform's OAuth, as the domain sees it (functions/connectors: DouyinConnector.oauth, KuaishouConnector.oauth). */
export interface OAuthPlatform {
  /** Whether the deployment has the app (client key and secret) registered on the platform. */
  configured: boolean;
  authorizeUrl(state: string): string;
  exchange(code: string, now: string): Promise<ExchangeOutcome>;
}

export interface OAuthPorts {
  accounts: AccountStore;
  credentials: CredentialMarkerStore;
  vault: { put(accountId: string, credentials: Readonly<Record<string, string>>): Promise<void> };
  clock: Clock;
  ids: IdGenerator;
  state: StateSigner;
  platforms: Partial<Record<Platform, OAuthPlatform>>;
}

/** How long the operator has to finish on the platform's page. */
export const STATE_TTL_MS = 15 * 60_000;
const STARTERS = ['editor', 'office', 'admin'] as const;

/** POST /accounts/{id}/oauth/start → the platform's authorisation page for this account. */
export async function startAuthorization(accountId: string, actor: Principal, ports: Omit<OAuthPorts, 'vault'>): Promise<{ authorizeUrl: string; expiresAt: string }> {
  const account = await getVisibleAccount(accountId, actor, ports);
  if (!canActAs(actor, STARTERS, account)) {
    throw new Forbidden('只有本部门的编辑或本地区的管理部门可以发起平台授权 (only an editor of the department, or the office or admin of the region)');
  }
  if (account.status === 'closed') throw new RuleViolation('account_closed', '账号已注销归档，不能授权 (account is closed)');
  const platform = ports.platforms[account.platform];
  if (!platform) {
    throw new RuleViolation('no_oauth', `该平台（${account.platform}）不通过运营者授权接入 (this platform does not use OAuth authorisation)`, { platform: account.platform });
  }
  if (!platform.configured) {
    throw new RuleViolation('oauth_not_configured', '尚未配置该平台的开放平台应用，暂不能授权，账号按人工报送数据 (the platform app is not configured)');
  }
  const now = Date.parse(ports.clock.now());
  const expiresAt = new Date(now + STATE_TTL_MS).toISOString();
  const state = ports.state.sign({ accountId: account.id, platform: account.platform, sub: actor.sub, name: actor.name, exp: expiresAt, nonce: ports.ids.next() });
  return { authorizeUrl: platform.authorizeUrl(state), expiresAt };
}

export const CallbackQuery = v.object({
  state: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  code: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  /** Set by the platform when the operator declined. */
  error: v.optional(v.pipe(v.string(), v.maxLength(200))),
  error_description: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

/**
 * GET /oauth/{platform}/callback: a state that is not ours, expired, or for another platform
 * is refused (403 oauth_state_invalid) before anything else; then the code is exchanged and
 * the tokens stored. Answers the account the web app returns to, and how it ended.
 */
export async function completeAuthorization(
  platformName: string,
  query: unknown,
  ports: OAuthPorts,
): Promise<{ accountId: string; outcome: 'authorized' | 'denied' | 'failed'; code?: string; message?: string }> {
  const parsed = v.safeParse(CallbackQuery, query);
  if (!parsed.success) throw new InvalidInput(parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })));
  const q = parsed.output;
  const claims = q.state ? ports.state.verify(q.state) : undefined;
  const now = ports.clock.now();
  if (!claims || claims.platform !== platformName || Date.parse(claims.exp) <= Date.parse(now)) {
    throw new Forbidden('授权请求无效或已过期，请回到账号页重新发起授权 (invalid or expired OAuth state)', 'oauth_state_invalid');
  }
  const account = await ports.accounts.get(claims.accountId);
  if (!account || account.platform !== claims.platform || account.status === 'closed') {
    throw new RuleViolation('account_changed', '账号已注销或平台已变更，授权未保存 (the account changed since the authorisation started)');
  }
  if (q.error || !q.code) return { accountId: account.id, outcome: 'denied', code: q.error ?? 'no_code', message: '运营者未同意授权 (the operator did not authorise)' };
  const platform = ports.platforms[claims.platform];
  if (!platform) throw new RuleViolation('no_oauth', '该平台不通过运营者授权接入 (no OAuth for this platform)', { platform: claims.platform });
  const exchanged = await platform.exchange(q.code, now);
  if (!exchanged.ok) return { accountId: account.id, outcome: 'failed', code: exchanged.code, message: exchanged.message };
  await ports.vault.put(account.id, exchanged.credentials);
  const marker = credentialMarker(account, claims, now, { via: 'oauth', authorizedUntil: exchanged.refreshExpiresAt });
  const previous = await ports.credentials.get(account.id);
  const principal: Principal = { sub: claims.sub, name: claims.name, roles: [], region: account.regionCode };
  await ports.credentials.put(
    marker,
    auditEntry(
      principal,
      'account.credentials.oauth',
      { type: 'account', id: account.id },
      account,
      previous ? { platform: previous.platform, configuredAt: previous.configuredAt } : null,
      { platform: marker.platform, configuredAt: now, via: 'oauth', authorizedUntil: marker.authorizedUntil },
      now,
      ports.ids.next(),
    ),
  );
  return { accountId: account.id, outcome: 'authorized' };
}
