import type { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { ingestPosts, recordMetrics, type ActivityPorts } from '../../shared/activity/ingest';
import { PostInput } from '../../shared/activity/schemas';
import type { Principal } from '../../shared/auth/principal';
import type { Clock, IdGenerator } from '../../shared/ports';
import { PLATFORMS, type Platform } from '../../shared/registry/schemas';
import { mapLimit } from '../../shared/util/concurrency';
import { ConnectorError, redactText, type ConnectorSet } from '../connectors';
import type { Stores } from '../store';
import { activityPortsOf } from '../wiring/ports';

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
}

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
  const report: FetchReport = { accounts: 0, synced: 0, accepted: 0, duplicates: 0, invalid: 0, metrics: 0, skipped: 0, failed: [] };
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
      try {
        const recent = await fetchRecent(account, new Date(sinceMs).toISOString());
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
        if (recent.followers !== undefined) {
          await recordMetrics(account.id, { at: now, followers: recent.followers }, principal, ports);
          report.metrics++;
        }
        report.synced++;
      } catch (err) {
        const failure =
          err instanceof ConnectorError
            ? { accountId, kind: err.kind, code: err.code, message: redactText(err.message) }
            : { accountId, kind: 'internal', code: 'internal_error', message: redactText(err instanceof Error ? err.message : String(err)) };
        report.failed.push(failure);
        deps.logger?.warn('fetch: account failed', failure);
      }
    });
  }
  return report;
}
