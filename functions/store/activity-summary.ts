import { PutCommand, QueryCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ActivitySummary, ActivitySummaryStore } from '../../shared/activity/summary';

/** What an account's partition holds of activity: nothing at all, only a summary, or stored posts or snapshots (the summary not read). */
export type StoredActivity = { kind: 'none' } | { kind: 'summary'; summary: ActivitySummary } | { kind: 'activity' };
import { fromItem, keys } from './keys';
import type { Table } from './table';

/**
 * Activity summaries (shared/activity/summary.ts; docs/data-model.md pattern S1): one item per
 * account beside it in its partition, `ACC#<id>` / `SUM`, written with optimistic concurrency on
 * `rev` (a plain conditional Put: one write, no transaction). Inspections read them 100 at a
 * time with BatchGetItem.
 *
 * The summary's days, findings and snapshots are stored as one JSON string (`body`), not as a
 * nested map: nothing queries inside them, and unmarshalling a map of a hundred days' id lists
 * attribute by attribute cost more than reading the item (issue 13: time per account grew with
 * posts per account). An item written as a map before (no `body`) still reads.
 */
export class ActivitySummaryRepository implements ActivitySummaryStore {
  constructor(private readonly table: Table) {}

  /** The stored item of a summary whose `rev` is already the one to store. */
  toItem(summary: ActivitySummary): Record<string, unknown> {
    const { accountId, rev, ...body } = summary;
    return { ...keys.activitySummary(accountId), accountId, rev, body: JSON.stringify(body) };
  }

  async get(accountId: string): Promise<ActivitySummary | undefined> {
    const item = await this.table.get(keys.activitySummary(accountId));
    return item ? summaryOf(item) : undefined;
  }

  /**
   * One Query, at most one item: the first of the account's partition from its metric
   * snapshots (`MET#…`) through its posts (`POST#…`) to its summary (`SUM`), which sort in
   * that order. Nothing there means the account has no stored activity and no summary, so a
   * first summary can be folded from the activity at hand instead of read back from the store.
   */
  async storedActivity(accountId: string): Promise<StoredActivity> {
    const key = keys.activitySummary(accountId);
    const out = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': key.pk, ':from': keys.metricsOfAccount(accountId).prefix, ':to': key.sk },
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const first = out.Items?.[0];
    if (!first) return { kind: 'none' };
    // Anything else in that range (a posts or snapshots item, or a kind of item added later) counts as activity: the safe answer.
    return first.sk === key.sk ? { kind: 'summary', summary: summaryOf(first) } : { kind: 'activity' };
  }

  async getMany(accountIds: readonly string[]): Promise<ActivitySummary[]> {
    const items = await this.table.getMany(accountIds.map((id) => keys.activitySummary(id)));
    return items.map(summaryOf);
  }

  /** The Put of {@link put} as a transaction item: it fails its condition where `put` answers false. */
  putItem(summary: ActivitySummary): { Put: NonNullable<PutCommandInput> } {
    return {
      Put: {
        TableName: this.table.name,
        Item: this.toItem({ ...summary, rev: summary.rev + 1 }),
        ...(summary.rev === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#r = :r', ExpressionAttributeNames: { '#r': 'rev' }, ExpressionAttributeValues: { ':r': summary.rev } }),
      },
    };
  }

  async put(summary: ActivitySummary): Promise<boolean> {
    try {
      await this.table.doc.send(new PutCommand(this.putItem(summary).Put));
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}

function summaryOf(item: Record<string, unknown>): ActivitySummary {
  if (typeof item.body !== 'string') return fromItem<ActivitySummary>(item);
  return { ...(JSON.parse(item.body) as Omit<ActivitySummary, 'accountId' | 'rev'>), accountId: String(item.accountId), rev: Number(item.rev) };
}
