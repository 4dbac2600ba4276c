import type { ActivityStore } from '../../shared/activity/ingest';
import type { MetricSnapshot, Post } from '../../shared/activity/schemas';
import { foldIntoSummary, foldSnapshot, updateSummary, type ActivitySummaryStore } from '../../shared/activity/summary';
import { beijingDate } from '../../shared/time';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Account } from '../../shared/registry/schemas';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Table } from './table';

/** 100 items per transaction, less the audit entry and the check of the account's ingest lease. */
const CHUNK = 98;
/** From this many new-to-check posts an ingest is bulk: BatchGetItem + BatchWriteItem under the account's ingest lease. */
export const BULK_INGEST_FROM = 26;
/** How long a bulk ingest may hold an account's lease (a crashed holder's lease lapses after this). */
const LEASE_MS = 15_000;
const LEASE = '_ingestLease';
const utc = (instant: string) => new Date(instant).toISOString();
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
export type BulkWrites = 'batch' | 'transaction';

/**
 * Posts are keyed by external id (decision 9): a re-sent post is a duplicate, never an
 * overwrite. Small ingests write each post with `attribute_not_exists` in a transaction.
 * Bulk ingests (the seed, a connector's back-fill, a 500-post request) read which posts exist
 * with BatchGetItem, then write only the new ones with BatchWriteItem (half the write units of
 * a transaction, no 100-item limit), and the audit entry after them. BatchWriteItem has no
 * condition, so a bulk ingest first takes the account's ingest lease (a conditional update of
 * the account item, `_ingestLease`, real time like the handle reservations' TTL): bulk ingests
 * of one account run one at a time, and every transactional ingest checks the lease is free
 * in the same transaction, so no two writers can both find a post absent (decision 30).
 */
export class ActivityRepository implements ActivityStore {
  constructor(
    private readonly table: Table,
    /** How a bulk ingest writes the posts it found new: BatchWriteItem (DynamoDB), or 100-item transactions (DynamoDB Local on disk, where they are 3x faster). */
    private readonly bulkWrites: BulkWrites = 'batch',
    /** Kept right after every write of posts or metrics (shared/activity/summary.ts); absent in tests of the posts alone. */
    private readonly summaries?: ActivitySummaryStore,
  ) {}

  /** Folds newly stored posts into the account's activity summary (idempotent; built from the stored posts when there is none yet). */
  private async foldPosts(accountId: string, added: Post[]): Promise<void> {
    if (!this.summaries || !added.length) return;
    const today = beijingDate(added.map((p) => p.ingestedAt).sort().at(-1)!);
    await updateSummary(accountId, today, (s) => foldIntoSummary(s, added, { today }), { summaries: this.summaries, activity: this });
  }

  async insertNew(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    const result = posts.length >= BULK_INGEST_FROM ? await this.insertBulk(account, posts, audit) : await this.insertTransactional(account, posts, audit);
    if (result.accepted.length) {
      const accepted = new Set(result.accepted);
      const added = posts.filter((p) => accepted.has(p.externalId));
      // A bulk ingest folded its posts under the lease already.
      if (posts.length < BULK_INGEST_FROM) await this.foldPosts(account.id, added);
      await this.bumpAccount(account.id, added);
    }
    return result;
  }

  private postItem(accountId: string, p: Post) {
    return { ...keys.post(accountId, p.externalId), ...keys.postTimeIndex(accountId, utc(p.publishedAt), p.externalId), ...p };
  }

  private async insertTransactional(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (let i = 0; i < posts.length; i += CHUNK) {
      let pending = posts.slice(i, i + CHUNK);
      // A cancelled transaction names the posts that already existed; drop them and write the rest.
      for (let waited = 0; pending.length; ) {
        const ids = pending.map((p) => p.externalId);
        try {
          await this.table.transact([
            ...pending.map((p) => this.table.put(this.postItem(account.id, p), 'attribute_not_exists(pk)')),
            this.table.auditPut(audit(ids)),
            {
              ConditionCheck: {
                TableName: this.table.name,
                Key: keys.account(account.id),
                ConditionExpression: 'attribute_not_exists(#l) OR #l < :now',
                ExpressionAttributeNames: { '#l': LEASE },
                ExpressionAttributeValues: { ':now': Date.now() },
              },
            },
          ]);
          accepted.push(...ids);
          break;
        } catch (err) {
          if (!(err instanceof TransactionCancelled)) throw err;
          if (err.failedAt(pending.length + 1)) {
            // A bulk ingest of this account is writing: wait for it (its lease lapses at worst).
            if (waited > LEASE_MS) throw err;
            await sleep(50);
            waited += 50;
            continue;
          }
          const failed = new Set(pending.filter((_, idx) => err.failedAt(idx)).map((p) => p.externalId));
          if (!failed.size) throw err;
          duplicates.push(...failed);
          pending = pending.filter((p) => !failed.has(p.externalId));
        }
      }
    }
    return { accepted, duplicates };
  }

  private async insertBulk(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    const lease = await this.takeLease(account.id);
    try {
      const existing = new Set((await this.table.getMany(posts.map((p) => keys.post(account.id, p.externalId)))).map((i) => String(i.externalId)));
      const fresh = posts.filter((p) => !existing.has(p.externalId));
      const duplicates = posts.filter((p) => existing.has(p.externalId)).map((p) => p.externalId);
      if (!fresh.length) return { accepted: [], duplicates };
      const items = fresh.map((p) => this.postItem(account.id, p));
      if (this.bulkWrites === 'batch') await this.table.batchPut(items);
      else await this.putInTransactions(items);
      const accepted = fresh.map((p) => p.externalId);
      await this.table.transact([this.table.auditPut(audit(accepted))]);
      await this.foldPosts(account.id, fresh);
      return { accepted, duplicates };
    } finally {
      await this.releaseLease(account.id, lease);
    }
  }

  /** New posts (checked under the lease) in transactions of 100, 4 in flight; the condition is a safety net only. */
  private async putInTransactions(items: Record<string, unknown>[]): Promise<void> {
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 100) chunks.push(items.slice(i, i + 100));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await this.table.transact(chunks[next++]!.map((item) => this.table.put(item, 'attribute_not_exists(pk)')));
    };
    await Promise.all(Array.from({ length: Math.min(4, chunks.length) }, worker));
  }

  /** The account's ingest lease (waits while another bulk ingest holds it, at most until that lease lapses). */
  private async takeLease(accountId: string): Promise<number> {
    const deadline = Date.now() + LEASE_MS + 1000;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      try {
        await this.table.update(keys.account(accountId), 'SET #l = :until', { '#l': LEASE }, { ':until': now + LEASE_MS, ':now': now }, 'attribute_exists(pk) AND (attribute_not_exists(#l) OR #l < :now)');
        return now + LEASE_MS;
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException' || Date.now() > deadline) throw err;
        await sleep(Math.min(200, 10 * 2 ** attempt));
      }
    }
  }

  private async releaseLease(accountId: string, lease: number): Promise<void> {
    try {
      await this.table.update(keys.account(accountId), 'REMOVE #l', { '#l': LEASE }, { ':mine': lease }, '#l = :mine');
    } catch (err) {
      // Lapsed and taken by another ingest meanwhile: theirs now.
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
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
    if (this.summaries) await updateSummary(account.id, beijingDate(snapshot.at), (s) => foldSnapshot(s, snapshot), { summaries: this.summaries, activity: this });
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
