import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivitySummary, ActivitySummaryStore } from '../../shared/activity/summary';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/**
 * Activity summaries (shared/activity/summary.ts; docs/data-model.md pattern S1): one item per
 * account beside it in its partition, `ACC#<id>` / `SUM`, written with optimistic concurrency on
 * `rev` (a plain conditional Put: one write, no transaction). Inspections read them 100 at a
 * time with BatchGetItem.
 */
export class ActivitySummaryRepository implements ActivitySummaryStore {
  constructor(private readonly table: Table) {}

  async get(accountId: string): Promise<ActivitySummary | undefined> {
    const item = await this.table.get(keys.activitySummary(accountId));
    return item ? fromItem<ActivitySummary>(item) : undefined;
  }

  async getMany(accountIds: readonly string[]): Promise<ActivitySummary[]> {
    const items = await this.table.getMany(accountIds.map((id) => keys.activitySummary(id)));
    return items.map((i) => fromItem<ActivitySummary>(i));
  }

  async put(summary: ActivitySummary): Promise<boolean> {
    const item = { ...summary, ...keys.activitySummary(summary.accountId), rev: summary.rev + 1 };
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: item,
          ...(summary.rev === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#r = :r', ExpressionAttributeNames: { '#r': 'rev' }, ExpressionAttributeValues: { ':r': summary.rev } }),
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}
