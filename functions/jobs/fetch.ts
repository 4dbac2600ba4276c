import type { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { ingestPosts, recordMetrics, type ActivityPorts } from '../../shared/activity/ingest';
import { PostInput } from '../../shared/activity/schemas';
import type { Principal } from '../../shared/auth/principal';
import type { Clock, IdGenerator } from '../../shared/clock-and-ids';
import { PLATFORMS, type Platform } from '../../shared/registry/schemas';
import { mapLimit } from '../../shared/util/concurrency';
import { afterAttempt, type FetchOutcome } from '../../shared/connectors/health';
import { carriedForward } from '../../shared/links/snapshot';
import { auditEntry } from '../../shared/audit/audit';
import { audienceFor, type Audience } from '../../shared/supervision/notifications';
import { publishEvents } from '../../shared/supervision/service';
import { PLATFORM_NAMES_ZH } from '../../shared/registry/schemas';
import type { Account } from '../../shared/registry/schemas';
import { ConnectorError, redactText, type ConnectorSet } from '../connectors';
import type { Stores } from '../store';
import { activityPortsOf } from '../wiring/domain-ports';

/**
 * Daily activity sync (01:00 Beijing, before the sweep): for every account with stored
 * platform credentials, the platform connector's fetchRecent → the same idempotent ingest
 * as API pushes (a post already known, e.g. one the dispatcher published, counts as a
 * duplicate) → a metric snapshot with the follower count. One account's failure (expired
 * token, rate limit) is reported and does not stop the others.
 */

export const FetchEvent = v.looseObject({
  platform: v.optional(v.picklist(PLATFORMS)),
});

export interface FetchDeps {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  connectors: ConnectorSet;
  classify?: ActivityPorts['classify'];
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** New notifications' external deliveries (the sweep's supervision ports queue them; absent in unit tests). */
  onPublished?: Parameters<typeof publishEvents>[1]['onPublished'];
  /** Accounts synced at once (default 4: platforms rate-limit per app). */
  concurrency?: number;
}

export interface FetchReport {
  accounts: number;
  synced: number;
  accepted: number;
  duplicates: number;
  /** Posts the platform returned that do not fit the activity schema. */
  invalid: number;
  metrics: number;
  skipped: number;
  failed: { accountId: string; kind: string; code: string; message: string }[];
  /** OAuth tokens refreshed before expiry. */
  refreshed: number;
  /** Authorisations the platform refused (expired, revoked): the department was notified. */
  authorizationsLost: number;
}

/** Refresh OAuth tokens that expire within this margin: the job runs daily, so well before the next run. */
export const REFRESH_MARGIN_MS = 3 * 86_400_000;

/** How far back the first sync of an account reads, and the overlap with the latest known post after that. */
const FIRST_SYNC_DAYS = 30;
const OVERLAP_DAYS = 2;
const DAY_MS = 86_400_000;
const BATCH = 500;

function fetcher(regionCode: string): Principal {
  return { sub: 'fetcher', name: '平台同步', roles: ['office'], region: regionCode };
}

export async function runFetch(event: unknown, deps: FetchDeps): Promise<FetchReport> {
  const { platform: only } = v.parse(FetchEvent, event ?? {});
  const report: FetchReport = { accounts: 0, synced: 0, accepted: 0, duplicates: 0, invalid: 0, metrics: 0, skipped: 0, failed: [], refreshed: 0, authorizationsLost: 0 };
  const ports: ActivityPorts = activityPortsOf(deps);

  for (const [platform, connector] of Object.entries(deps.connectors.byPlatform) as [Platform, NonNullable<ConnectorSet['byPlatform'][Platform]>][]) {
    if (only && platform !== only) continue;
    const fetchRecent = connector.fetchRecent?.bind(connector);
    if (!fetchRecent) continue;
    const ids = await deps.stores.credentials.accountIds(platform);
    report.accounts += ids.length;
    await mapLimit(ids, deps.concurrency ?? 4, async (accountId) => {
      const account = await deps.stores.accounts.get(accountId);
      // Credentials of a closed account, or stored before the account moved to another platform, are not used.
      if (!account || account.status === 'closed' || account.platform !== platform) {
        report.skipped++;
        return;
      }
      const now = deps.clock.now();
      const sinceMs = account.lastPostAt ? Date.parse(account.lastPostAt) - OVERLAP_DAYS * DAY_MS : Date.parse(now) - FIRST_SYNC_DAYS * DAY_MS;
      let tokenExpiresAt: string | undefined;
      try {
        if (connector.refreshAuthorization) {
          const r = await connector.refreshAuthorization(account, now, REFRESH_MARGIN_MS);
          tokenExpiresAt = r.expiresAt;
          if (r.refreshed) report.refreshed++;
        }
        const recent = await fetchRecent(account, new Date(sinceMs).toISOString(), now);
        const posts = [];
        for (const p of recent.posts) {
          const candidate = { ...p, ...(p.title !== undefined ? { title: p.title.slice(0, 200) } : {}), text: p.text.slice(0, 50_000) };
          const parsed = v.safeParse(PostInput, candidate);
          if (parsed.success) posts.push(parsed.output);
          else report.invalid++;
        }
        const principal = fetcher(account.regionCode);
        for (let i = 0; i < posts.length; i += BATCH) {
          const r = await ingestPosts(account.id, posts.slice(i, i + BATCH), principal, ports);
          report.accepted += r.accepted;
          report.duplicates += r.duplicates;
        }
        if (recent.followers !== undefined || recent.interactions) {
          // Interaction figures (comments received and answered, oldest unanswered) feed the no_interaction veto.
          // The figures this fetch did not measure (broken service links, a department's message counts) carry forward (shared/links/snapshot.ts).
          const latest = (await deps.stores.activity.metrics(account.id, 1)).items[0];
          await recordMetrics(
            account.id,
            { ...carriedForward(latest, now), at: now, ...(recent.followers !== undefined ? { followers: recent.followers } : {}), ...(recent.interactions ?? {}) },
            principal,
            ports,
          );
          report.metrics++;
        }
        report.synced++;
        await recordHealth(deps, account, { ok: true, ...(tokenExpiresAt ? { tokenExpiresAt } : {}) }, now);
      } catch (err) {
        const failure =
          err instanceof ConnectorError
            ? { accountId, kind: err.kind, code: err.code, message: redactText(err.message) }
            : { accountId, kind: 'internal', code: 'internal_error', message: redactText(err instanceof Error ? err.message : String(err)) };
        report.failed.push(failure);
        deps.logger?.warn('fetch: account failed', failure);
        await recordHealth(deps, account, { ok: false, ...failure, ...(tokenExpiresAt ? { tokenExpiresAt } : {}) }, now).catch((e) =>
          deps.logger?.error('fetch: health not recorded', { accountId, error: redactText(String(e)) }),
        );
        if (failure.kind === 'auth' && connector.oauth && (await authorizationLost(deps, account, failure, now))) report.authorizationsLost++;
      }
    });
  }
  return report;
}

async function recordHealth(deps: FetchDeps, account: Account, outcome: FetchOutcome, now: string): Promise<void> {
  const previous = await deps.stores.connectorHealth.get(account.id);
  await deps.stores.connectorHealth.put(afterAttempt(previous, account, outcome, now));
}

/**
 * The platform refused the operator's authorisation (expired, revoked): the marker says so
 * (the account leaves the job's list until authorised again, and its credential status reads
 * `expired`), and the department's editors and approvers are told once per authorisation.
 */
async function authorizationLost(deps: FetchDeps, account: Account, failure: { code: string; message: string }, now: string): Promise<boolean> {
  const marker = await deps.stores.credentials.get(account.id);
  if (!marker || marker.revokedAt || marker.lostAt || marker.via !== 'oauth') return false;
  const actor = fetcher(account.regionCode);
  await deps.stores.credentials.put(
    { ...marker, lostAt: now, lostReason: failure.message.slice(0, 300) },
    auditEntry(actor, 'account.credentials.lost', { type: 'account', id: account.id }, account, { configuredAt: marker.configuredAt }, { lostAt: now, code: failure.code }, now, deps.ids.next()),
  );
  const audiences = (['editor', 'approver'] as const).map((role) => audienceFor(role, account)).filter((a): a is Audience => a !== null);
  const platform = PLATFORM_NAMES_ZH[account.platform] ?? account.platform;
  await publishEvents(
    [
      {
        key: `connector_authorization_lost:${account.id}:${marker.configuredAt}`,
        type: 'connector_authorization_lost',
        at: now,
        entity: { type: 'account', id: account.id },
        title: `${platform}账号“${account.name}”授权已失效`,
        body: `平台授权已过期或被撤销，自动获取数据已停止（${failure.message}）。请账号运营者在账号页重新授权；在此之前请人工报送数据。`,
        regionCode: account.regionCode,
        departmentId: account.departmentId,
        audiences,
      },
    ],
    { notifications: deps.stores.notifications, ...(deps.onPublished ? { onPublished: deps.onPublished } : {}) },
  );
  return true;
}
