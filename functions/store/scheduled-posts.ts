import type { AuditEntry } from '../../shared/audit/audit';
import { StaleVersion } from '../../shared/errors';
import type { ScheduledPost, ScheduledPostStatus } from '../../shared/scheduling';
import type { ScheduledPostStore } from '../../shared/scheduling/service';
import { DUE_SHARDS, fromItem, keys } from './keys';
import { TransactionCancelled, type Page, type Table, type TransactItem } from './table';

const utc = (instant: string) => new Date(instant).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A transaction that collides with another one on the same post is tried again this many times. */
const CONFLICT_RETRIES = 5;
/** Due posts read per shard and tick at most; what is left waits for the next tick. */
const DUE_PER_SHARD = 1000;

/**
 * Scheduled posts (docs/data-model.md, patterns 14–17). Each post is two items in one
 * partition, always written together with the audit entry in one transaction:
 *
 * - the post (`SPOST#<id>` / `P`): the whole record; gsi1 is the department's calendar
 *   by publish time; gsi2 is the sparse due index, present only while the dispatcher has
 *   something to do at a known time (recomputed from the post on every write, so it
 *   disappears when the post is published, failed, expired or waits for a person);
 * - the status item (`SPOST#<id>` / `S`): a few attributes whose gsi1 keys list a
 *   province's posts in one status (the reviewers' inbox); the list then reads the posts.
 *
 * Every write replaces both items with a Put (no deletes), the post's conditional on the
 * version the change started from.
 */
export class ScheduledPostRepository implements ScheduledPostStore {
  constructor(private readonly table: Table) {}

  /** `due`: when the dispatcher next acts on the post (the domain's nextActionAt), or none. */
  toItem(post: ScheduledPost, due: string | undefined): Record<string, unknown> {
    return {
      ...keys.scheduledPost(post.id),
      ...keys.scheduledPostCalendarIndex(post.departmentId, utc(post.publishAt), post.id),
      ...(due ? keys.scheduledPostDueIndex(post.id, due) : {}),
      ...post,
    };
  }

  statusItem(post: ScheduledPost): Record<string, unknown> {
    const publishAtUtc = utc(post.publishAt);
    return {
      ...keys.scheduledPostStatusItem(post.id),
      ...keys.scheduledPostStatusIndex(post.regionCode, post.status, publishAtUtc, post.id),
      id: post.id,
      regionCode: post.regionCode,
      departmentId: post.departmentId,
      status: post.status,
      _publishAtUtc: publishAtUtc,
    };
  }

  async get(id: string): Promise<ScheduledPost | undefined> {
    const item = await this.table.get(keys.scheduledPost(id));
    return item ? fromItem<ScheduledPost>(item) : undefined;
  }

  async create(post: ScheduledPost, audit: AuditEntry, due: string | undefined): Promise<void> {
    await this.table.transact([
      this.table.put(this.toItem(post, due), 'attribute_not_exists(pk)'),
      this.table.put(this.statusItem(post)),
      this.table.auditPut(audit),
    ]);
  }

  /** Version-checked replace of the post (and its status item) with the audit entry; StaleVersion when someone wrote first. */
  async replace(before: ScheduledPost, after: ScheduledPost, audit: AuditEntry, due: string | undefined): Promise<void> {
    const items: TransactItem[] = [
      this.table.put(this.toItem(after, due), 'attribute_exists(pk) AND #version = :expected', { '#version': 'version' }, { ':expected': before.version }),
      this.table.put(this.statusItem(after)),
      this.table.auditPut(audit),
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        await this.table.transact(items);
        return;
      } catch (err) {
        if (!(err instanceof TransactionCancelled)) throw err;
        if (err.failedAt(0)) throw new StaleVersion();
        // Another transaction on the same post was in flight: the condition decides on the next try.
        if (err.reasons.includes('TransactionConflict')) {
          if (attempt >= CONFLICT_RETRIES) throw new StaleVersion();
          await sleep(10 * 2 ** attempt + Math.floor(Math.random() * 10));
          continue;
        }
        throw err;
      }
    }
  }

  async listByDepartment(
    departmentId: string,
    filter: { status?: ScheduledPostStatus; fromUtc?: string; toUtc?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<ScheduledPost>> {
    const q = keys.scheduledPostsOfDepartment(departmentId);
    const range = filter.fromUtc || filter.toUtc ? { name: 'gsi1sk', from: filter.fromUtc ?? '0', to: filter.toUtc ?? '9' } : undefined;
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      ...(range ? { sortRange: range } : {}),
      ...(filter.status ? { filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': filter.status } } } : {}),
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<ScheduledPost>(i)), cursor: page.cursor };
  }

  async listByStatus(
    regionPrefix: string,
    status: ScheduledPostStatus,
    filter: { fromUtc?: string; toUtc?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<ScheduledPost>> {
    const q = keys.scheduledPostsWithStatus(regionPrefix, status);
    const conditions: string[] = [];
    const values: Record<string, unknown> = {};
    if (filter.fromUtc) {
      conditions.push('#t >= :from');
      values[':from'] = filter.fromUtc;
    }
    if (filter.toUtc) {
      conditions.push('#t < :to');
      values[':to'] = filter.toUtc;
    }
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names: { '#t': '_publishAtUtc' }, values } } : {}),
      limit,
      cursor,
    });
    const posts = await this.getMany(page.items.map((i) => String(i.id)));
    // The index is eventually consistent: a post that has moved on since is left out of this page.
    return { items: posts.filter((p) => p.status === status), cursor: page.cursor };
  }

  async allInDepartmentBetween(departmentId: string, fromUtc: string, toUtc: string): Promise<ScheduledPost[]> {
    const items = await this.table.all({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: keys.scheduledPostsOfDepartment(departmentId).gsi1pk },
      sortRange: { name: 'gsi1sk', from: fromUtc, to: toUtc },
    });
    // Sort keys are `<publishAt UTC>#<id>`: '#' sorts below every digit, so `<to>` itself is excluded.
    return items.filter((i) => (i.gsi1sk as string) < toUtc).map((i) => fromItem<ScheduledPost>(i));
  }

  /** Posts whose next action is due at or before `nowUtc`, oldest first per shard (the dispatcher's tick). */
  async due(now: string, perShard = DUE_PER_SHARD): Promise<ScheduledPost[]> {
    const until = `${utc(now)}~`; // '~' sorts above '#': every `<dueAt>#<id>` with dueAt ≤ now
    const shards = await Promise.all(
      Array.from({ length: DUE_SHARDS }, async (_, shard) => {
        const out: Record<string, unknown>[] = [];
        let cursor: string | undefined;
        do {
          const page = await this.table.page({
            index: 'gsi2',
            partition: { name: 'gsi2pk', value: keys.scheduledPostsDue(shard).gsi2pk },
            sortRange: { name: 'gsi2sk', from: '0', to: until },
            limit: Math.min(perShard - out.length, 500),
            cursor,
          });
          out.push(...page.items);
          cursor = page.cursor ?? undefined;
        } while (cursor && out.length < perShard);
        return out;
      }),
    );
    return shards.flat().map((i) => fromItem<ScheduledPost>(i));
  }

  /** Posts by id, in the given order (missing ones left out); consistent reads. */
  private async getMany(ids: string[]): Promise<ScheduledPost[]> {
    const found = new Map((await this.table.getMany(ids.map((id) => keys.scheduledPost(id)))).map((item) => [String(item.id), fromItem<ScheduledPost>(item)]));
    return ids.map((id) => found.get(id)).filter((p): p is ScheduledPost => p !== undefined);
  }
}
