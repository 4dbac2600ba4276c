import type { ActivityStore, RecordedSnapshot } from '../../shared/activity/ingest';
import type { MetricSnapshot, Post } from '../../shared/activity/schemas';
import { emptySummary, foldIntoSummary, foldSnapshot, RETAIN_DAYS, updateSummary, type ActivitySummary, type ActivitySummaryStore } from '../../shared/activity/summary';
import { beijingDate, dateOfDay, dayNumber } from '../../shared/time';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Account } from '../../shared/registry/schemas';
import { fromItem, keys } from './keys';
import type { StoredActivity } from './activity-summary';
import { TransactionCancelled, type Table, type TransactItem } from './table';

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
const latestOf = (posts: Post[]) => posts.map((p) => utc(p.publishedAt)).sort().at(-1)!;
/** How new posts and snapshots fold into a summary, and the day that decides its look-back. */
function folding(added: Post[], recorded: RecordedSnapshot[]): { today: string; fold: (s: ActivitySummary) => ActivitySummary } {
  const snapshots = recorded.map((r) => r.snapshot);
  // The ingest's day; snapshots alone: the earliest one's, so a summary built afresh covers every snapshot's look-back.
  const today = added.length ? beijingDate(added.map((p) => p.ingestedAt).sort().at(-1)!) : snapshots.map((m) => beijingDate(m.at)).sort()[0]!;
  return { today, fold: (s) => snapshots.reduce((folded, m) => foldSnapshot(folded, m), added.length ? foldIntoSummary(s, added, { today }) : s) };
}
/** Nothing on the account item says it has posts or snapshots (a hint only: storedActivity is the check). */
const looksUntouched = (account: Account) => !account.postCount && !account.lastPostAt && account.followers === undefined;

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
 * On DynamoDB Local the bulk posts go in conditional 100-item transactions instead, whose
 * conditions are the existence check (nothing read first, no lease needed), with the audit
 * entry, the posts' count on the account and the summary in the last one. With BatchWriteItem
 * the lease is given back in the same write that counts the posts.
 */
export class ActivityRepository implements ActivityStore {
  constructor(
    private readonly table: Table,
    /** How a bulk ingest writes the posts it found new: BatchWriteItem (DynamoDB), or 100-item transactions (DynamoDB Local on disk, where they are 3x faster). */
    private readonly bulkWrites: BulkWrites = 'batch',
    /** Kept right after every write of posts or metrics (shared/activity/summary.ts); absent in tests of the posts alone. */
    private readonly summaries?: ActivitySummaryStore & { storedActivity?(accountId: string): Promise<StoredActivity>; putItem?(summary: ActivitySummary): TransactItem },
  ) {}

  /**
   * Folds newly stored posts and snapshots into the account's activity summary (idempotent; built
   * from the stored activity when there is none yet). `before`: what the account's partition held
   * before they were written (read before the writes), when known: with nothing there, the
   * first summary is this activity, folded as it is instead of read back; with a summary there,
   * it is folded into without reading it again. Another writer first: the ordinary way.
   */
  private async foldActivity(accountId: string, added: Post[], recorded: RecordedSnapshot[], before?: StoredActivity): Promise<void> {
    if (!this.summaries || (!added.length && !recorded.length)) return;
    const first = this.foldedOver(accountId, added, recorded, before);
    if (first && (await this.summaries.put(first))) return;
    const { today, fold } = folding(added, recorded);
    await updateSummary(accountId, today, fold, { summaries: this.summaries, activity: this });
  }

  /** The summary to write with this activity folded in, when `before` says what is stored (nothing, or that summary); undefined: the ordinary way. */
  private foldedOver(accountId: string, added: Post[], recorded: RecordedSnapshot[], before?: StoredActivity): ActivitySummary | undefined {
    if (!before || before.kind === 'activity') return undefined;
    const { today, fold } = folding(added, recorded);
    return fold(before.kind === 'none' ? emptySummary(accountId, dateOfDay(dayNumber(today) - RETAIN_DAYS)) : before.summary);
  }

  async insertNew(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    return this.insertActivity(account, posts, audit, []);
  }

  /** Posts and snapshots of one account with one summary fold of both (a small ingest: posts, snapshots, the fold, then the posts counted on the account). */
  async insertActivity(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry, snapshots: RecordedSnapshot[]) {
    // A bulk ingest writes, folds and counts its own way.
    if (posts.length >= BULK_INGEST_FROM) return this.insertBulk(account, posts, audit, snapshots);
    const before = await this.storedActivityOf(account);
    const result = await this.insertTransactional(account, posts, audit);
    const added = this.acceptedOf(posts, result.accepted);
    await this.writeSnapshots(account, snapshots);
    await this.foldActivity(account.id, added, snapshots, before);
    if (added.length) await this.bumpAccount(account.id, added);
    return result;
  }

  /**
   * What the account's partition holds, read before new posts are written, when the account item
   * suggests nothing (otherwise the summary is read as usual). Every writer of posts or
   * snapshots folds its own into the summary after writing, so a first summary folded from the
   * posts at hand misses nothing stored after this read; what was stored before (posts from
   * before summaries existed, a writer that stopped before its fold) this read sees.
   */
  private async storedActivityOf(account: Account): Promise<StoredActivity | undefined> {
    if (!this.summaries?.storedActivity || !looksUntouched(account)) return undefined;
    return this.summaries.storedActivity(account.id);
  }

  private acceptedOf(posts: Post[], acceptedIds: string[]): Post[] {
    const accepted = new Set(acceptedIds);
    return posts.filter((p) => accepted.has(p.externalId));
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

  private async insertBulk(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry, snapshots: RecordedSnapshot[]) {
    if (this.bulkWrites === 'transaction') {
      // Every put is conditional: no lease needed, no other writer can store a post twice.
      const before = await this.storedActivityOf(account);
      // The snapshots first, so the summary written with the last posts can hold them too.
      await this.writeSnapshots(account, snapshots);
      const summaries = this.summaries;
      const summaryWith = summaries?.putItem ? (added: Post[]) => this.foldedOver(account.id, added, snapshots, before) : undefined;
      const { accepted, duplicates, summaryWritten } = await this.writeConditionally(account, posts, audit, summaryWith && ((added) => {
        const summary = summaryWith(added);
        return summary && summaries!.putItem!(summary);
      }));
      // Not written with the posts (nothing known of the stored summary, or another writer came first): the ordinary way.
      if (!summaryWritten) await this.foldActivity(account.id, this.acceptedOf(posts, accepted), snapshots);
      return { accepted, duplicates };
    }
    const lease = await this.takeLease(account.id);
    let released = false;
    try {
      // Read before the posts are written, under the lease (no other ingest of the account writes posts meanwhile).
      const before = await this.storedActivityOf(account);
      const { accepted, duplicates } = await this.writeUnconditionally(account, posts, audit);
      const added = this.acceptedOf(posts, accepted);
      await this.writeSnapshots(account, snapshots);
      await this.foldActivity(account.id, added, snapshots, before);
      if (added.length) released = await this.releaseAndBump(account.id, lease, added);
      return { accepted, duplicates };
    } finally {
      if (!released) await this.releaseLease(account.id, lease);
    }
  }

  /**
   * DynamoDB: which posts exist is read with BatchGetItem, the new ones written with
   * BatchWriteItem (no condition: the lease keeps other writers out), then the audit entry.
   */
  private async writeUnconditionally(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry) {
    const existing = new Set((await this.table.getMany(posts.map((p) => keys.post(account.id, p.externalId)))).map((i) => String(i.externalId)));
    const fresh = posts.filter((p) => !existing.has(p.externalId));
    const duplicates = posts.filter((p) => existing.has(p.externalId)).map((p) => p.externalId);
    if (!fresh.length) return { accepted: [], duplicates };
    await this.table.batchPut(fresh.map((p) => this.postItem(account.id, p)));
    const accepted = fresh.map((p) => p.externalId);
    await this.table.transact([this.table.auditPut(audit(accepted))]);
    return { accepted, duplicates };
  }

  /**
   * Transactions of 100 conditional puts (DynamoDB Local on disk, where they are 3x faster than
   * BatchWriteItem): the condition is the existence check, so nothing is read first, and a
   * cancelled transaction names the posts that existed (duplicates, dropped before writing the
   * rest again). The audit entry, the posts' count on the account and, given `summaryFor`, the
   * account's summary with them folded in travel in the last transaction, written after all
   * others have succeeded, so none of them names a post not stored.
   */
  private async writeConditionally(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry, summaryFor?: (added: Post[]) => TransactItem | undefined) {
    // The last transaction holds at most 97 posts, beside the audit entry, the account's count and the summary.
    const tail = posts.length % 100;
    const lastSize = tail <= 97 ? tail : 0;
    const chunks: Post[][] = [];
    for (let i = 0; i < posts.length - lastSize; i += 100) chunks.push(posts.slice(i, i + 100));
    const accepted: string[] = [];
    const duplicates: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const written = await this.putNew(account.id, chunks[next++]!);
        accepted.push(...written.accepted);
        duplicates.push(...written.duplicates);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, chunks.length) }, worker));
    // Older than the account's lastPostAt (a back-fill): counted, lastPostAt kept.
    let olderThanStored = false;
    // Another writer changed the summary since it was read: folded in afterwards instead.
    let summaryLost = !summaryFor;
    const written = await this.putNew(
      account.id,
      posts.slice(posts.length - lastSize),
      (ids) => {
        const all = [...accepted, ...ids];
        if (!all.length) return [];
        const added = this.acceptedOf(posts, all);
        const summary = summaryLost ? undefined : summaryFor?.(added);
        if (!summary) summaryLost = true;
        return [this.table.auditPut(audit(all)), this.countOnAccount(account.id, added, olderThanStored), ...(summary ? [summary] : [])];
      },
      (err, extraAt) => {
        const countFailed = !olderThanStored && err.failedAt(extraAt + 1);
        const summaryFailed = !summaryLost && err.failedAt(extraAt + 2);
        olderThanStored ||= countFailed;
        summaryLost ||= summaryFailed;
        return countFailed || summaryFailed;
      },
    );
    accepted.push(...written.accepted);
    duplicates.push(...written.duplicates);
    return { accepted, duplicates, summaryWritten: accepted.length > 0 && !summaryLost };
  }

  /**
   * Puts the posts that do not exist yet in one transaction with the items `extra` gives for the
   * ids about to be written (when every post existed, those items alone). A cancellation that
   * names no post goes to `retry` (given the index of the first extra item): true to try again.
   */
  private async putNew(
    accountId: string,
    posts: Post[],
    extra: (ids: string[]) => TransactItem[] = () => [],
    retry: (err: TransactionCancelled, extraAt: number) => boolean = () => false,
  ) {
    let pending = posts;
    const duplicates: string[] = [];
    for (;;) {
      const ids = pending.map((p) => p.externalId);
      const items = [...pending.map((p) => this.table.put(this.postItem(accountId, p), 'attribute_not_exists(pk)')), ...extra(ids)];
      if (!items.length) return { accepted: [], duplicates };
      try {
        await this.table.transact(items);
        return { accepted: ids, duplicates };
      } catch (err) {
        if (!(err instanceof TransactionCancelled)) throw err;
        const failed = new Set(pending.filter((_, idx) => err.failedAt(idx)).map((p) => p.externalId));
        if (failed.size) {
          duplicates.push(...failed);
          pending = pending.filter((p) => !failed.has(p.externalId));
        } else if (!retry(err, pending.length)) throw err;
      }
    }
  }

  /** postCount and lastPostAt as a transaction item: lastPostAt moves only forward (the condition), or is left alone (`keepLatest`). */
  private countOnAccount(accountId: string, added: Post[], keepLatest: boolean): TransactItem {
    const key = keys.account(accountId);
    if (keepLatest) {
      return { Update: { TableName: this.table.name, Key: key, UpdateExpression: 'ADD #c :n', ExpressionAttributeNames: { '#c': 'postCount' }, ExpressionAttributeValues: { ':n': added.length } } };
    }
    return {
      Update: {
        TableName: this.table.name,
        Key: key,
        UpdateExpression: 'ADD #c :n SET #l = :t',
        ConditionExpression: 'attribute_not_exists(#l) OR #l < :t',
        ExpressionAttributeNames: { '#c': 'postCount', '#l': 'lastPostAt' },
        ExpressionAttributeValues: { ':n': added.length, ':t': latestOf(added) },
      },
    };
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

  /**
   * The lease given back and the new posts counted in one write, in the usual case: the lease is
   * still this ingest's and the new posts are the newest. Otherwise nothing is written and the
   * posts are counted as {@link bumpAccount} does (false: the lease is still to be given back).
   */
  private async releaseAndBump(accountId: string, lease: number, added: Post[]): Promise<boolean> {
    try {
      await this.table.update(
        keys.account(accountId),
        'REMOVE #lease ADD #c :n SET #l = :t',
        { '#lease': LEASE, '#c': 'postCount', '#l': 'lastPostAt' },
        { ':mine': lease, ':n': added.length, ':t': latestOf(added) },
        '#lease = :mine AND (attribute_not_exists(#l) OR #l < :t)',
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      await this.bumpAccount(accountId, added);
      return false;
    }
  }

  /** Keeps postCount and lastPostAt on the account item for lists and flags: one write when the new posts are the newest. */
  private async bumpAccount(accountId: string, added: Post[]) {
    const latest = latestOf(added);
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

  async putMetrics(account: Account, recorded: RecordedSnapshot[]): Promise<void> {
    if (!recorded.length) return;
    const before = await this.storedActivityOf(account);
    await this.writeSnapshots(account, recorded);
    await this.foldActivity(account.id, [], recorded, before);
  }

  /**
   * Metric snapshots with their audit entries and the newest follower count on the account, in
   * one transaction when they fit (a snapshot never stands without its audit entry). A snapshot
   * older than the account's follower count leaves the count as it is.
   */
  private async writeSnapshots(account: Account, recorded: RecordedSnapshot[]): Promise<void> {
    if (!recorded.length) return;
    // One item per instant (a transaction may not write an item twice): the last of an instant wins, as with separate puts.
    const byInstant = new Map<string, MetricSnapshot>();
    for (const { snapshot } of recorded) {
      byInstant.delete(utc(snapshot.at));
      byInstant.set(utc(snapshot.at), snapshot);
    }
    const items = [...[...byInstant].map(([at, snapshot]) => this.table.put({ ...keys.metric(account.id, at), ...snapshot })), ...recorded.map((r) => this.table.auditPut(r.audit))];
    // Room for the follower count in the last transaction.
    const chunks: TransactItem[][] = [];
    for (let i = 0; i < items.length; i += 99) chunks.push(items.slice(i, i + 99));
    const last = chunks.pop()!;
    for (const chunk of chunks) await this.table.transact(chunk);
    // The newest snapshot's follower count, on the account for lists and keeper choice (the last given of an instant).
    const newest = recorded.map((r) => r.snapshot).filter((m) => m.followers !== undefined).reduce<MetricSnapshot | undefined>((best, m) => (!best || utc(m.at) >= utc(best.at) ? m : best), undefined);
    if (!newest) return this.table.transact(last);
    const followers: TransactItem = {
      Update: {
        TableName: this.table.name,
        Key: keys.account(account.id),
        UpdateExpression: 'SET #f = :f, #fa = :at',
        ConditionExpression: 'attribute_not_exists(#fa) OR #fa <= :at',
        ExpressionAttributeNames: { '#f': 'followers', '#fa': 'followersAt' },
        ExpressionAttributeValues: { ':f': newest.followers, ':at': utc(newest.at) },
      },
    };
    try {
      await this.table.transact([...last, followers]);
    } catch (err) {
      if (!(err instanceof TransactionCancelled) || !err.failedAt(last.length)) throw err;
      // A newer count is on the account already: the snapshots alone.
      await this.table.transact(last);
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
