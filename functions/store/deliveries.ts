import { StaleVersion } from '../../shared/errors';
import { filterOf, TransactionCancelled } from './table';
import type { Delivery, DeliveryStatus, DeliveryStore } from '../../shared/notify/deliveries';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** Sort keys start with an ISO instant; this sorts after every instant of the same second and later ones. */
const justAfter = (iso: string) => `${iso}~`;

/**
 * Deliveries to group robots (patterns C2–C5): by id (derived from event and channel, so a
 * conditional Put queues each event once per channel), listed per province newest first
 * (region prefix as key prefix, status as filter), the pending ones in a sparse due index
 * for the notify job; and one send-state item per channel (the job's lease and its rate log).
 */
export class DeliveryRepository implements DeliveryStore {
  constructor(private readonly table: Table) {}

  private itemOf(d: Delivery): Record<string, unknown> {
    return {
      ...keys.delivery(d.id),
      ...keys.deliveryRegionIndex(d.regionCode, d.createdAt, d.id),
      ...(d.status === 'pending' && d.nextAttemptAt ? keys.deliveryDueIndex(d.nextAttemptAt, d.id) : {}),
      ...d,
    };
  }

  async queue(deliveries: readonly Delivery[]): Promise<Delivery[]> {
    const created: Delivery[] = [];
    for (const d of deliveries) if (await this.table.putIfAbsent(this.itemOf(d))) created.push(d);
    return created;
  }

  async get(id: string): Promise<Delivery | undefined> {
    const item = await this.table.get(keys.delivery(id));
    return item ? fromItem<Delivery>(item) : undefined;
  }

  /** Replaces exactly the version it was read at; StaleVersion when another writer was first. */
  async save(before: Delivery, after: Delivery): Promise<void> {
    try {
      await this.table.transact([this.table.versionedPut(this.itemOf(after), before.version)]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(0)) throw new StaleVersion(before.version);
      throw err;
    }
  }

  /** Pending deliveries whose next attempt is due at `now`, oldest due first. */
  async due(now: string, limit = 1000): Promise<Delivery[]> {
    const page = await this.table.page({ index: 'gsi2', partition: { name: 'gsi2pk', value: keys.deliveriesDue().gsi2pk }, sortRange: { name: 'gsi2sk', from: '0', to: justAfter(now) }, limit });
    return page.items.map((i) => fromItem<Delivery>(i)).filter((d) => d.status === 'pending');
  }

  async listInRegion(regionPrefix: string, status: DeliveryStatus | undefined, limit: number, cursor?: string): Promise<{ items: Delivery[]; cursor: string | null }> {
    const q = keys.deliveriesInRegion(regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter: filterOf([{ attribute: 'status', value: status }]),
      newestFirst: true,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return { items: page.items.map((i) => fromItem<Delivery>(i)), cursor: page.cursor };
  }

  /**
   * Takes one channel for this run until `until` (no other notify run sends to it meanwhile);
   * undefined when another run holds it. Returns the channel's recent send times.
   */
  async acquireChannel(channelKey: string, runId: string, now: string, until: string): Promise<{ sent: string[] } | undefined> {
    const key = keys.channelSendState(channelKey);
    try {
      await this.table.update(key, 'SET #l = :until, #by = :by', { '#l': 'leaseUntil', '#by': 'leaseBy' }, { ':until': until, ':by': runId, ':now': now }, 'attribute_not_exists(pk) OR #l < :now');
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw err;
    }
    const item = await this.table.get(key);
    return { sent: Array.isArray(item?.sent) ? (item.sent as unknown[]).map(String) : [] };
  }

  /** Gives the channel back, keeping the send times of its last minute. */
  async releaseChannel(channelKey: string, runId: string, sent: readonly string[]): Promise<void> {
    try {
      await this.table.update(keys.channelSendState(channelKey), 'SET #l = :free, #s = :sent', { '#l': 'leaseUntil', '#s': 'sent', '#by': 'leaseBy' }, { ':free': '0', ':sent': [...sent], ':by': runId }, '#by = :by');
    } catch (err) {
      // Our lease ran out and another run took the channel: it keeps its own log.
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}
