import type { Notification } from '../../shared/supervision/notifications';
import { audienceKey } from '../../shared/supervision/notifications';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** Sort keys start with an ISO instant; this one sorts after every real instant. */
const AFTER_ALL = '9999';

/**
 * Notifications by id (the id is derived from event and audience, so a conditional Put makes
 * each event reach each audience once), listed per audience newest first; read marks per user.
 */
export class NotificationRepository {
  constructor(private readonly table: Table) {}

  /** Writes each notification unless it exists; returns the ones that were new. */
  async publish(notifications: readonly Notification[]): Promise<Notification[]> {
    const created: Notification[] = [];
    for (const n of notifications) {
      const item = { ...keys.notification(n.id), ...keys.notificationAudienceIndex(audienceKey(n.audience), n.at, n.id), ...n };
      if (await this.table.putIfAbsent(item)) created.push(n);
    }
    return created;
  }

  async get(id: string): Promise<Notification | undefined> {
    const item = await this.table.get(keys.notification(id));
    return item ? fromItem<Notification>(item) : undefined;
  }

  /**
   * The newest notifications of several audiences, merged, strictly before `before` (an
   * `at#id` position), at most `limit`, skipping the ones `skip` rejects.
   */
  async newestOf(audienceKeys: readonly string[], before: string | undefined, limit: number, skip?: (n: Notification) => boolean): Promise<{ items: Notification[]; more: boolean }> {
    const upper = before ?? AFTER_ALL;
    const perAudience = await Promise.all(
      audienceKeys.map(async (key) => {
        const out: Notification[] = [];
        let cursor: string | undefined;
        do {
          const page = await this.table.page({
            index: 'gsi1',
            partition: { name: 'gsi1pk', value: keys.notificationsOfAudience(key).gsi1pk },
            sortRange: { name: 'gsi1sk', from: '0', to: upper },
            newestFirst: true,
            limit: limit + 1,
            cursor,
          });
          for (const item of page.items) {
            if (item.gsi1sk === upper) continue;
            const n = fromItem<Notification>(item);
            if (!skip?.(n)) out.push(n);
          }
          cursor = page.cursor ?? undefined;
        } while (cursor && out.length <= limit);
        return out;
      }),
    );
    const merged = perAudience.flat().sort((a, b) => (positionOf(b) > positionOf(a) ? 1 : positionOf(b) < positionOf(a) ? -1 : 0));
    return { items: merged.slice(0, limit), more: merged.length > limit };
  }

  /** Every notification id of the audiences since `since` (for the unread count). */
  async idsSince(audienceKeys: readonly string[], since: string): Promise<string[]> {
    const lists = await Promise.all(
      audienceKeys.map((key) =>
        this.table.all({ index: 'gsi1', partition: { name: 'gsi1pk', value: keys.notificationsOfAudience(key).gsi1pk }, sortRange: { name: 'gsi1sk', from: since, to: AFTER_ALL } }),
      ),
    );
    return lists.flat().map((i) => String(i.id));
  }

  /** The ids this user has read (read marks are never removed). */
  async readBy(sub: string): Promise<Map<string, string>> {
    const items = await this.table.all({ partition: { name: 'pk', value: keys.notificationsReadBy(sub).pk } });
    return new Map(items.map((i) => [String(i.sk), String(i.readAt)]));
  }

  /** Marks one read for one user; the first read time is kept. */
  async markRead(sub: string, notificationId: string, at: string): Promise<string> {
    const created = await this.table.putIfAbsent({ ...keys.notificationRead(sub, notificationId), readAt: at });
    if (created) return at;
    const existing = await this.table.get(keys.notificationRead(sub, notificationId));
    return String(existing?.readAt ?? at);
  }

  /**
   * Takes a notification out of its audience's list (and the unread count) by removing its
   * index keys; the record stays, so publishing the same event again writes nothing. False
   * when there is no such notification.
   */
  async withdraw(id: string, at: string): Promise<boolean> {
    try {
      await this.table.update(keys.notification(id), 'SET #w = :at REMOVE gsi1pk, gsi1sk', { '#w': 'withdrawnAt' }, { ':at': at }, 'attribute_exists(pk)');
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}

/** The listing position of a notification: its time, then its id. */
export const positionOf = (n: Pick<Notification, 'at' | 'id'>) => `${n.at}#${n.id}`;
