import type { AuditEntry } from '../../shared/audit/audit';
import { StaleVersion } from '../../shared/errors';
import type { ChannelMarker, ChannelMarkerStore, ChannelOwner } from '../../shared/notify/channels';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Table } from './table';

/**
 * "This department or region has group robots configured" (pattern C1): which kinds and which
 * hosts, when and by whom. The webhook URLs and the 钉钉 secret are only in the vault.
 */
export class ChannelMarkerRepository implements ChannelMarkerStore {
  constructor(private readonly table: Table) {}

  async get(owner: Pick<ChannelOwner, 'type' | 'id'>): Promise<ChannelMarker | undefined> {
    const item = await this.table.get(keys.channelMarker(owner.type, owner.id));
    return item ? fromItem<ChannelMarker>(item) : undefined;
  }

  async put(marker: ChannelMarker, previousVersion: number | null, audit: AuditEntry): Promise<void> {
    try {
      await this.table.transact([this.table.versionedPut({ ...keys.channelMarker(marker.owner.type, marker.owner.id), ...marker }, previousVersion), this.table.auditPut(audit)]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(0)) throw new StaleVersion();
      throw err;
    }
  }
}
