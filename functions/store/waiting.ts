import type { Waiting, WaitingKind } from '../../shared/supervision/approvals';
import { fromItem, keys } from './keys';
import type { Table } from './table';

export interface WaitingRecord {
  kind: WaitingKind;
  id: string;
  /** null once nothing waits any more. */
  waiting: Waiting | null;
  /** When the automatic 催办 is due; absent once it went out or nothing waits. */
  remindAt?: string;
  updatedAt: string;
}

/**
 * One record per approvable: what it waits for now. While an automatic reminder is due the
 * record sits in a sparse index ordered by that time, so the job reads only what is due.
 */
export class WaitingRepository {
  constructor(private readonly table: Table) {}

  async set(record: WaitingRecord): Promise<void> {
    const item = {
      ...keys.waiting(record.kind, record.id),
      ...(record.waiting && record.remindAt ? keys.waitingDueIndex(record.remindAt, record.kind, record.id) : {}),
      ...record,
    };
    await this.table.transact([this.table.put(item)]);
  }

  async get(kind: WaitingKind, id: string): Promise<WaitingRecord | undefined> {
    const item = await this.table.get(keys.waiting(kind, id));
    return item ? fromItem<WaitingRecord>(item) : undefined;
  }

  /** Records whose reminder is due at `now`, oldest first. */
  async due(now: string, limit = 500): Promise<WaitingRecord[]> {
    const page = await this.table.page({ index: 'gsi2', partition: { name: 'gsi2pk', value: keys.waitingDue().gsi2pk }, sortRange: { name: 'gsi2sk', from: '0', to: `${now}~` }, limit });
    return page.items.map((i) => fromItem<WaitingRecord>(i));
  }
}
