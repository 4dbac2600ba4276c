import type { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { recordMetrics } from '../../shared/activity/ingest';
import type { Principal } from '../../shared/auth/principal';
import { brokenServiceLinks, linksOf, resultOf, sameSet, type AccountLinkCheck, type LinkResult, type ProbeOutcome } from '../../shared/links/check';
import { carriedForward } from '../../shared/links/snapshot';
import type { Clock, IdGenerator } from '../../shared/clock-and-ids';
import { Id, type Account } from '../../shared/registry/schemas';
import { mapLimit } from '../../shared/util/concurrency';
import { linkCheckConfig } from '../links/config';
import { probe, type ProbeSettings } from '../links/probe';
import type { Stores } from '../store';
import { activityPortsOf } from '../wiring/domain-ports';

/**
 * The daily link check (EventBridge Scheduler, 03:00 Asia/Shanghai; POST /api/v1/dev/jobs/link-check
 * locally): every service link and registered URL of every operating account, through the SSRF
 * guard (functions/links/probe.ts). Each account's results replace its last check (status,
 * error in words, time; GET /accounts/{id}/links); when the set of broken service links changed,
 * a metric snapshot carries it (with the other figures carried forward) as the `service_links`
 * deduction's evidence. A URL shared by several accounts is fetched once per run.
 */

export const LinkCheckEvent = v.object({
  /** Only these accounts (a re-check, the tests); without it every account in the table. */
  accountIds: v.optional(v.pipe(v.array(Id), v.maxLength(1000))),
});

export interface LinkCheckDeps {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The probe's settings (default: the allow-list and timeout of functions/links/config.ts). */
  probe?: Partial<ProbeSettings>;
  /** Links fetched at once (default 8). */
  concurrency?: number;
}

export interface LinkCheckReport {
  accounts: number;
  links: number;
  ok: number;
  broken: number;
  inconclusive: number;
  /** Accounts whose broken-service-link evidence changed (a snapshot recorded). */
  evidenceChanged: number;
  failed: { accountId: string; message: string }[];
}

function checker(regionCode: string): Principal {
  return { sub: 'link-check', name: '链接检查', roles: ['office'], region: regionCode };
}

async function* accountsOf(event: v.InferOutput<typeof LinkCheckEvent>, stores: Stores): AsyncGenerator<Account[]> {
  if (event.accountIds) {
    const found = await Promise.all(event.accountIds.map((id) => stores.accounts.get(id)));
    yield found.filter((a): a is Account => a !== undefined);
    return;
  }
  yield* stores.accounts.scanSegment(0, 1);
}

export async function runLinkCheck(event: unknown, deps: LinkCheckDeps): Promise<LinkCheckReport> {
  const parsed = v.parse(LinkCheckEvent, event ?? {});
  const settings: ProbeSettings = { policy: { allow: linkCheckConfig.allow }, timeoutMs: linkCheckConfig.timeoutMs, ...deps.probe };
  const report: LinkCheckReport = { accounts: 0, links: 0, ok: 0, broken: 0, inconclusive: 0, evidenceChanged: 0, failed: [] };
  const seen = new Map<string, Promise<ProbeOutcome>>();
  const probeOnce = (url: string) => {
    let p = seen.get(url);
    if (!p) seen.set(url, (p = probe(url, settings)));
    return p;
  };
  const ports = activityPortsOf(deps);

  for await (const page of accountsOf(parsed, deps.stores)) {
    const operating = page.filter((a) => a.status !== 'closed');
    await mapLimit(operating, Math.max(1, Math.floor((deps.concurrency ?? 8) / 2)), async (account) => {
      const links = linksOf(account);
      const previous = await deps.stores.linkChecks.get(account.id);
      if (links.length === 0 && !previous) return;
      report.accounts++;
      try {
        const outcomes = await mapLimit(links, 2, (l) => probeOnce(l.url));
        const checkedAt = deps.clock.now();
        const results: LinkResult[] = links.map((l, i) => resultOf(l, outcomes[i]!, checkedAt));
        for (const r of results) {
          report.links++;
          report[r.verdict]++;
        }
        const check: AccountLinkCheck = { accountId: account.id, regionCode: account.regionCode, departmentId: account.departmentId, checkedAt, results };
        await deps.stores.linkChecks.put(check);
        const latest = (await deps.stores.activity.metrics(account.id, 1)).items[0];
        const broken = brokenServiceLinks(results, latest?.brokenServiceLinks);
        // The evidence changes only when the set does: no daily snapshot for an unchanged account.
        if (!sameSet(latest?.brokenServiceLinks, broken) && !(broken.length === 0 && latest?.brokenServiceLinks === undefined)) {
          await recordMetrics(account.id, { ...carriedForward(latest, checkedAt), at: checkedAt, brokenServiceLinks: broken }, checker(account.regionCode), ports);
          report.evidenceChanged++;
        }
      } catch (err) {
        const message = err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300);
        report.failed.push({ accountId: account.id, message });
        deps.logger?.error('link-check: account failed', { accountId: account.id, message });
      }
    });
  }
  return report;
}
