import * as v from 'valibot';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, type Principal } from '../auth/principal';
import { Forbidden, InvalidInput, NotFound, RuleViolation } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { getVisibleAccount, type AccountStore } from '../registry/registry';
import type { Account, Platform } from '../registry/schemas';
import { issuesOf } from '../validation-issues';
import { CREDENTIAL_INPUTS, type CredentialPlatform } from './credential-fields';

/**
 * Platform credentials of an account (PUT/GET /accounts/{id}/credentials). The secret goes
 * to the credential vault and nowhere else: it is never returned, logged, audited or
 * echoed in a validation message. The table keeps only a marker (platform, when, by
 * whom), which answers "configured?" without reading the secret (the deployed API may
 * write secrets but not read them) and lists the accounts the daily fetch job syncs.
 */

export interface CredentialMarker {
  accountId: string;
  platform: Platform;
  regionCode: string;
  departmentId: string;
  configuredAt: string;
  configuredBy: { sub: string; name: string };
  /** Set when the credentials were revoked (the secret removed from the vault). */
  revokedAt?: string;
  revokedBy?: { sub: string; name: string };
  /** Set when the tokens came from the operator's OAuth authorisation (Douyin, Kuaishou; shared/connectors/oauth.ts). */
  via?: 'oauth';
  /** Until when the authorisation can be refreshed without the operator (the refresh token's expiry). */
  authorizedUntil?: string;
  /** Set by the fetch job when the platform refused the authorisation (expired, revoked): the account waits for a new one. */
  lostAt?: string;
  lostReason?: string;
}

/** The marker of credentials just stored for the account's current platform, by whom and when (typed in, or `extra` for an OAuth authorisation). */
export function credentialMarker(
  account: Pick<Account, 'id' | 'platform' | 'regionCode' | 'departmentId'>,
  by: { sub: string; name: string },
  now: string,
  extra?: Pick<CredentialMarker, 'via' | 'authorizedUntil'>,
): CredentialMarker {
  return {
    accountId: account.id,
    platform: account.platform,
    regionCode: account.regionCode,
    departmentId: account.departmentId,
    configuredAt: now,
    configuredBy: { sub: by.sub, name: by.name },
    ...extra,
  };
}

export interface CredentialMarkerStore {
  get(accountId: string): Promise<CredentialMarker | undefined>;
  /** Persists the marker and its audit entry together (a revoked marker leaves the fetch job's list). */
  put(marker: CredentialMarker, audit: AuditEntry): Promise<void>;
}

export interface CredentialPorts {
  accounts: AccountStore;
  credentials: CredentialMarkerStore;
  vault: { put(accountId: string, credentials: Readonly<Record<string, string>>): Promise<void>; remove(accountId: string): Promise<void> };
  clock: Clock;
  ids: IdGenerator;
  /** The OAuth platforms (OAUTH_PLATFORMS) whose app this deployment has: their tokens come only from the operator's authorisation. */
  oauthPlatforms?: readonly Platform[];
}

const ADMIN_ROLES = ['office', 'admin'] as const;

/** Platforms whose tokens come only from the operator's OAuth authorisation, never typed in. */
export const OAUTH_PLATFORMS: readonly Platform[] = ['douyin', 'kuaishou'];

/** PUT /accounts/{id}/credentials: an office or admin of the account's region stores them in the vault. */
export async function setAccountCredentials(accountId: string, input: unknown, actor: Principal, ports: CredentialPorts): Promise<void> {
  const account = await getVisibleAccount(accountId, actor, ports);
  if (!canActAs(actor, ADMIN_ROLES, account)) {
    throw new Forbidden('只有本地区的管理部门可以配置平台凭据 (only an office or admin of this region)');
  }
  if (account.status === 'closed') throw new RuleViolation('account_closed', '账号已注销归档，不能配置平台凭据 (account is closed)');
  if (OAUTH_PLATFORMS.includes(account.platform)) {
    // Tokens are never typed in: with the platform app configured, the operator authorises; without it there is no connector here.
    if (ports.oauthPlatforms?.includes(account.platform)) {
      throw new RuleViolation('oauth_required', '该平台须由账号运营者在账号页发起授权，不能直接填写令牌 (authorise through OAuth from the account page)');
    }
    throw new RuleViolation('no_connector', `尚未配置该平台（${account.platform}）的开放平台应用，按人工发布和人工报送数据处理，无需配置凭据 (the platform app is not configured)`);
  }
  const schema = Object.hasOwn(CREDENTIAL_INPUTS, account.platform) ? CREDENTIAL_INPUTS[account.platform as CredentialPlatform] : undefined;
  if (!schema) {
    throw new RuleViolation('no_connector', `该平台（${account.platform}）没有自动发布接口，按人工发布处理，无需配置凭据 (no connector for this platform)`);
  }
  const parsed = v.safeParse(schema, input);
  if (!parsed.success) {
    throw new InvalidInput(issuesOf(parsed.issues));
  }
  const credentials = Object.fromEntries(Object.entries(parsed.output as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const now = ports.clock.now();
  await ports.vault.put(account.id, credentials);
  const marker = credentialMarker(account, actor, now);
  const previous = await ports.credentials.get(account.id);
  // The audit names the fields that were set, never their values.
  const view = (m: CredentialMarker | undefined, fields?: string[]) => (m ? { platform: m.platform, configuredAt: m.configuredAt, ...(fields ? { fields } : {}) } : null);
  await ports.credentials.put(
    marker,
    auditEntry(actor, 'account.credentials.set', { type: 'account', id: account.id }, account, view(previous), view(marker, Object.keys(credentials).sort()), now, ports.ids.next()),
  );
}

/**
 * GET /accounts/{id}/credentials: whether credentials for the account's current platform are
 * stored; never the credentials. `{configured, platform}` (API.md); an OAuth authorisation adds
 * its status (ok, revoked, expired), `via`, until when it can be refreshed, and when and why
 * the platform refused it.
 */
export async function accountCredentialStatus(
  accountId: string,
  actor: Principal,
  ports: Pick<CredentialPorts, 'accounts' | 'credentials'> & { clock?: Clock },
): Promise<{ configured: boolean; platform: Platform; status?: CredentialStatus; via?: 'oauth'; authorizedUntil?: string; lostAt?: string; lostReason?: string }> {
  const account = await getVisibleAccount(accountId, actor, ports);
  const marker = await ports.credentials.get(account.id);
  const current = !!marker && marker.platform === account.platform;
  const status = credentialStatus(current ? marker : undefined, ports.clock?.now());
  if (!current || marker.via !== 'oauth') return { configured: status === 'ok', platform: account.platform };
  return {
    configured: status === 'ok',
    platform: account.platform,
    status,
    via: marker.via,
    ...(current && marker.authorizedUntil ? { authorizedUntil: marker.authorizedUntil } : {}),
    ...(current && marker.lostAt ? { lostAt: marker.lostAt, ...(marker.lostReason ? { lostReason: marker.lostReason } : {}) } : {}),
  };
}

/** none: never configured (or for another platform); revoked by a person; expired: the platform refused it, or its authorisation ran out. */
export type CredentialStatus = 'none' | 'ok' | 'revoked' | 'expired';

export function credentialStatus(marker: CredentialMarker | undefined, now?: string): CredentialStatus {
  if (!marker) return 'none';
  if (marker.revokedAt) return 'revoked';
  if (marker.lostAt) return 'expired';
  if (marker.authorizedUntil && now && Date.parse(marker.authorizedUntil) <= Date.parse(now)) return 'expired';
  return 'ok';
}

/**
 * DELETE /accounts/{id}/credentials: an office or admin revokes them (an operator leaves,
 * the account closes). The secret leaves the vault; the marker stays, marked revoked, so
 * the history shows who configured and who revoked. Later posts go through the manual connector.
 */
export async function revokeAccountCredentials(accountId: string, actor: Principal, ports: CredentialPorts): Promise<void> {
  const account = await getVisibleAccount(accountId, actor, ports);
  if (!canActAs(actor, ADMIN_ROLES, account)) {
    throw new Forbidden('只有本地区的管理部门可以撤销平台凭据 (only an office or admin of this region)');
  }
  const marker = await ports.credentials.get(account.id);
  if (!marker || marker.revokedAt) throw new NotFound('平台凭据');
  const now = ports.clock.now();
  await ports.vault.remove(account.id);
  const revoked: CredentialMarker = { ...marker, revokedAt: now, revokedBy: { sub: actor.sub, name: actor.name } };
  await ports.credentials.put(
    revoked,
    auditEntry(actor, 'account.credentials.revoke', { type: 'account', id: account.id }, account, { platform: marker.platform, configuredAt: marker.configuredAt }, { revokedAt: now }, now, ports.ids.next()),
  );
}
