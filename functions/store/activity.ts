import type { ActivityStore } from '../../shared/activity/ingest';
import type { MetricSnapshot, Post } from '../../shared/activity/schemas';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Account } from '../../shared/registry/schemas';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Table } from './table';

/** 100 items per transaction, less the audit entry. */
const CHUNK = 99;
const utc = (instant: string) => new Date(instant).toISOString();

export class ActivityRepository implements ActivityStore {
  constructor(private readonly table: Table) {}

  async insertNew(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (let i = 0; i < posts.length; i += CHUNK) {
      let pending = posts.slice(i, i + CHUNK);
      // A cancelled transaction names the posts that already existed; drop them and write the rest.
      while (pending.length) {
        const ids = pending.map((p) => p.externalId);
        try {
          await this.table.transact([
            ...pending.map((p) =>
              this.table.put(
                { ...keys.post(account.id, p.externalId), ...keys.postTimeIndex(account.id, utc(p.publishedAt), p.externalId), ...p },
                'attribute_not_exists(pk)',
              ),
            ),
            this.table.auditPut(audit(ids)),
          ]);
          accepted.push(...ids);
          break;
        } catch (err) {
          if (!(err instanceof TransactionCancelled)) throw err;
          const failed = new Set(pending.filter((_, idx) => err.failedAt(idx)).map((p) => p.externalId));
          if (!failed.size) throw err;
          duplicates.push(...failed);
          pending = pending.filter((p) => !failed.has(p.externalId));
        }
      }
    }
    if (accepted.length) await this.bumpAccount(account.id, posts.filter((p) => accepted.includes(p.externalId)));
    return { accepted, duplicates };
  }

  /** Keeps postCount and lastPostAt on the account item for lists and flags: one write when the new posts are the newest. */
  private async bumpAccount(accountId: string, added: Post[]) {
    const latest = added.map((p) => utc(p.publishedAt)).sort().at(-1)!;
    try {
      await this.table.update(
        keys.account(accountId),
        'ADD #c :n SET #l = :t',
        { '#c': 'postCount', '#l': 'lastPostAt' },
        { ':n': added.length, ':t': latest },
        'attribute_not_exists(#l) OR #l < :t',
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      // Older posts arrived (a back-fill): count them, keep the newer lastPostAt.
      await this.table.update(keys.account(accountId), 'ADD #c :n', { '#c': 'postCount' }, { ':n': added.length });
    }
  }

  async putMetrics(account: Account, snapshot: MetricSnapshot, audit: AuditEntry): Promise<void> {
    await this.table.transact([
      this.table.put({ ...keys.metric(account.id, utc(snapshot.at)), ...snapshot }),
      this.table.auditPut(audit),
    ]);
    if (snapshot.followers === undefined) return;
    try {
      // The newest snapshot's follower count, on the account for lists and keeper choice.
      await this.table.update(
        keys.account(account.id),
        'SET #f = :f, #fa = :at',
        { '#f': 'followers', '#fa': 'followersAt' },
        { ':f': snapshot.followers, ':at': utc(snapshot.at) },
        'attribute_not_exists(#fa) OR #fa <= :at',
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /** Posts of an account published in [fromUtc, toUtc), oldest first. */
  async postsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<Post[]> {
    // Sort keys are `<publishedAt UTC>#<externalId>`: '#' sorts below every digit, so `<to>` itself is excluded.
    const items = await this.table.all({
      index: 'gsi2',
      partition: { name: 'gsi2pk', value: keys.postsOfAccount(accountId).gsi2pk },
      sortRange: { name: 'gsi2sk', from: fromUtc, to: toUtc },
    });
    return items.filter((i) => (i.gsi2sk as string) < toUtc).map((i) => fromItem<Post>(i));
  }

  /** Metric snapshots taken in [fromUtc, toUtc), newest first. */
  async metricsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<MetricSnapshot[]> {
    const q = keys.metricsOfAccount(accountId);
    const items = await this.table.all({
      partition: { name: 'pk', value: q.pk },
      sortRange: { name: 'sk', from: `${q.prefix}${fromUtc}`, to: `${q.prefix}${toUtc}` },
      newestFirst: true,
    });
    return items.filter((i) => (i.sk as string) < `${q.prefix}${toUtc}`).map((i) => fromItem<MetricSnapshot>(i));
  }

  async posts(accountId: string, limit: number, cursor?: string) {
    const page = await this.table.page({
      index: 'gsi2',
      partition: { name: 'gsi2pk', value: keys.postsOfAccount(accountId).gsi2pk },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<Post>(i)), cursor: page.cursor };
  }

  async metrics(accountId: string, limit: number, cursor?: string) {
    const q = keys.metricsOfAccount(accountId);
    const page = await this.table.page({
      partition: { name: 'pk', value: q.pk },
      sortPrefix: { name: 'sk', value: q.prefix },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<MetricSnapshot>(i)), cursor: page.cursor };
  }
}
