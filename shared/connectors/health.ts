import type { Principal } from '../auth/principal';
import type { Clock } from '../clock-and-ids';
import { getVisibleAccount, type AccountStore } from '../registry/registry';
import type { Platform } from '../registry/schemas';
import { mapLimit } from '../util/concurrency';
import { credentialStatus, type CredentialMarkerStore, type CredentialStatus } from './credentials';

/**
 * Connector health per account: what the daily fetch job last did for it (last successful
 * fetch, last error in words, next attempt), and whether the platform can be fetched at all.
 * An account whose data comes from a connector and is older than two days carries
 * `dataAsOf` on its grade, so nobody reads a stale grade as today's.
 */

export interface ConnectorHealth {
  accountId: string;
  platform: Platform;
  lastAttemptAt: string;
  lastSuccessAt?: string;
  lastError?: { kind: string; code: string; message: string; at: string };
  /** When the fetch job will try again; absent while a person must act (authorise again). */
  nextAttemptAt?: string;
  consecutiveFailures: number;
  /** The access token's expiry after the last refresh check (OAuth platforms). */
  tokenExpiresAt?: string;
}

export interface ConnectorHealthStore {
  get(accountId: string): Promise<ConnectorHealth | undefined>;
  put(health: ConnectorHealth): Promise<void>;
}

/** Platforms the fetch job reads automatically once connected. */
export const AUTOMATIC_PLATFORMS: readonly Platform[] = ['wechat', 'weibo', 'douyin', 'kuaishou', 'bilibili'];

/** Why a platform has no automatic data, in words for the account page (Chinese first, English in parentheses). */
export const MANUAL_REASONS: Partial<Record<Platform, { code: string; message: string }>> = {
  toutiao: {
    code: 'no_official_api',
    message: '头条号没有向第三方开放读取作品与粉丝数据的官方接口，数据由部门人工报送 (Toutiao offers no official API for this data: manual ingest)',
  },
  miniprogram: { code: 'no_official_api', message: '小程序没有可读取发布数据的接口，数据由部门人工报送 (no API for this data: manual ingest)' },
  app: { code: 'no_official_api', message: '移动应用没有统一的数据接口，数据由部门人工报送 (no API for this data: manual ingest)' },
  other: { code: 'no_official_api', message: '该平台没有接入的接口，数据由部门人工报送 (no connector: manual ingest)' },
};

export const STALE_AFTER_MS = 2 * 86_400_000;
/** The fetch job's daily run: 01:00 Beijing = 17:00 UTC. */
const RUN_HOUR_UTC = 17;

/** The next daily run strictly after `now`. */
export function nextDailyRun(now: string): string {
  const t = new Date(now);
  const run = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), RUN_HOUR_UTC));
  if (run.getTime() <= t.getTime()) run.setUTCDate(run.getUTCDate() + 1);
  return run.toISOString();
}

export type FetchOutcome = { ok: true; tokenExpiresAt?: string } | { ok: false; kind: string; code: string; message: string; retryAfterMs?: number; tokenExpiresAt?: string };

/** The health after one attempt. An `auth` failure waits for a person (no next attempt); any other retries at the next run. */
export function afterAttempt(previous: ConnectorHealth | undefined, account: { id: string; platform: Platform }, outcome: FetchOutcome, now: string): ConnectorHealth {
  const base = {
    accountId: account.id,
    platform: account.platform,
    lastAttemptAt: now,
    ...(previous?.lastSuccessAt && previous.platform === account.platform ? { lastSuccessAt: previous.lastSuccessAt } : {}),
    ...((outcome.tokenExpiresAt ?? previous?.tokenExpiresAt) ? { tokenExpiresAt: outcome.tokenExpiresAt ?? previous?.tokenExpiresAt } : {}),
  };
  if (outcome.ok) return { ...base, lastSuccessAt: now, nextAttemptAt: nextDailyRun(now), consecutiveFailures: 0 };
  return {
    ...base,
    lastError: { kind: outcome.kind, code: outcome.code, message: outcome.message, at: now },
    ...(outcome.kind === 'auth' ? {} : { nextAttemptAt: nextDailyRun(now) }),
    consecutiveFailures: (previous?.consecutiveFailures ?? 0) + 1,
  };
}

/** The instant the account's automatic data dates from, when that is more than two days ago. */
export function staleDataAsOf(health: ConnectorHealth | undefined, status: CredentialStatus, now: string): string | undefined {
  if (!health?.lastSuccessAt || status === 'none' || status === 'revoked') return undefined;
  return Date.parse(now) - Date.parse(health.lastSuccessAt) > STALE_AFTER_MS ? health.lastSuccessAt : undefined;
}

export interface ConnectorView {
  accountId: string;
  platform: Platform;
  /** automatic: the fetch job reads it; manual: the department pushes its data. */
  mode: 'automatic' | 'manual';
  /** Why there is no automatic data (toutiao: no_official_api; a platform not yet connected: not_connected, authorization_lost). */
  manualReason?: { code: string; message: string };
  credentials: CredentialStatus;
  authorizedUntil?: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: ConnectorHealth['lastError'] | null;
  nextAttemptAt: string | null;
  dataAsOf?: string;
}

export interface ConnectorHealthPorts {
  accounts: AccountStore;
  credentials: CredentialMarkerStore;
  health: ConnectorHealthStore;
  clock: Clock;
}

/** GET /accounts/{id}/connector. */
export async function accountConnector(accountId: string, actor: Principal, ports: ConnectorHealthPorts): Promise<ConnectorView> {
  const account = await getVisibleAccount(accountId, actor, ports);
  const [marker, health] = await Promise.all([ports.credentials.get(account.id), ports.health.get(account.id)]);
  const now = ports.clock.now();
  const current = marker && marker.platform === account.platform ? marker : undefined;
  const status = credentialStatus(current, now);
  const h = health && health.platform === account.platform ? health : undefined;
  const automatic = AUTOMATIC_PLATFORMS.includes(account.platform) && status === 'ok';
  let manualReason: ConnectorView['manualReason'];
  if (!AUTOMATIC_PLATFORMS.includes(account.platform)) manualReason = MANUAL_REASONS[account.platform] ?? MANUAL_REASONS.other;
  else if (status === 'expired') manualReason = { code: 'authorization_lost', message: '平台授权已失效或被撤销，请账号运营者重新授权 (the authorisation expired or was revoked)' };
  else if (status !== 'ok') manualReason = { code: 'not_connected', message: '尚未授权或配置平台接入，数据由部门人工报送 (not connected yet: manual ingest)' };
  const dataAsOf = staleDataAsOf(h, status, now);
  return {
    accountId: account.id,
    platform: account.platform,
    mode: automatic ? 'automatic' : 'manual',
    ...(manualReason ? { manualReason } : {}),
    credentials: status,
    ...(current?.authorizedUntil ? { authorizedUntil: current.authorizedUntil } : {}),
    lastAttemptAt: h?.lastAttemptAt ?? null,
    lastSuccessAt: h?.lastSuccessAt ?? null,
    lastError: h?.lastError ?? null,
    nextAttemptAt: automatic ? (h?.nextAttemptAt ?? nextDailyRun(now)) : null,
    ...(dataAsOf ? { dataAsOf } : {}),
  };
}

/** For the grade answer: `dataAsOf` when the account's automatic data is more than two days old. */
export async function gradeDataAsOf(accountId: string, ports: Omit<ConnectorHealthPorts, 'accounts'>): Promise<string | undefined> {
  const [marker, health] = await Promise.all([ports.credentials.get(accountId), ports.health.get(accountId)]);
  const now = ports.clock.now();
  return staleDataAsOf(health && marker && health.platform === marker.platform ? health : undefined, credentialStatus(marker, now), now);
}

/** A graded account whose automatic data was already stale on a check date, for the inspection report. */
export interface StaleGrade {
  accountId: string;
  /** The last successful fetch: the data the grade rests on dates from then. */
  dataAsOf: string;
}

/**
 * Whether the grade of a check date rests on stale automatic data. Only the latest health is
 * kept, so this is certain only when the last success is already more than two days before
 * the check date (it was then too); a later success tells nothing about that day, and the
 * account is not named (never a false "stale").
 */
export function staleOnCheckDate(health: ConnectorHealth | undefined, status: CredentialStatus, checkDate: string): string | undefined {
  if (!health?.lastSuccessAt || status === 'none' || status === 'revoked') return undefined;
  const endOfCheckDay = Date.parse(`${checkDate}T23:59:59.999+08:00`);
  return endOfCheckDay - Date.parse(health.lastSuccessAt) > STALE_AFTER_MS ? health.lastSuccessAt : undefined;
}

/** The accounts of an inspection whose grades rest on stale automatic data (the report's 数据时效 sheet). */
export async function staleGrades(accountIds: readonly string[], checkDate: string, ports: Omit<ConnectorHealthPorts, 'accounts' | 'clock'>): Promise<StaleGrade[]> {
  const found = await mapLimit(accountIds, 16, async (accountId) => {
    const [marker, health] = await Promise.all([ports.credentials.get(accountId), ports.health.get(accountId)]);
    const current = health && marker && health.platform === marker.platform ? health : undefined;
    const dataAsOf = staleOnCheckDate(current, credentialStatus(marker), checkDate);
    return dataAsOf ? { accountId, dataAsOf } : undefined;
  });
  return found.filter((g): g is StaleGrade => g !== undefined);
}
