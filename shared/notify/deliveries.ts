/**
 * Deliveries: one per (event, channel). When notifications are published, each one addressed
 * to a department role goes to that department's channels, each one addressed to a region
 * role (office, reviewer, admin) to that region's channels; an event addressed to several
 * audiences of one owner is one delivery per channel. The id is derived from (event, channel),
 * so an event published again (the sweep runs many times) is never queued twice.
 *
 * Pure: the retry policy, the digest plan under a robot's rate limit, the messages' text.
 */
import { canSee, type Principal } from '../auth/principal';
import { listScope } from '../auth/scope';
import { hashString } from '../inspection/sample';
import { Forbidden } from '../errors';
import type { Clock } from '../clock-and-ids';
import type { EntityRef, Notification, NotificationType } from '../supervision/notifications';
import { CHANNEL_KINDS, CHANNEL_NAMES_ZH, channelKey, type ChannelKind, type ChannelMarker, type ChannelOwner } from './channels';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: string;
  eventKey: string;
  channel: { kind: ChannelKind; owner: ChannelOwner; key: string };
  regionCode: string;
  departmentId?: string;
  notification: { type: NotificationType; at: string; title: string; body: string; entity: EntityRef };
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** When the notify job may (next) try it; null once sent or failed. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** How many notifications the message that carried it listed (1 = sent alone). */
  sentInDigestOf?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function deliveryId(eventKey: string, channel: string): string {
  const text = `${eventKey}|${channel}`;
  return `d${hashString(text).toString(36)}${hashString(text, 0x9e3779b9).toString(36)}${text.length.toString(36)}`;
}

const REGION_ROLES = new Set(['office', 'reviewer', 'admin']);

/** Whose channels a notification goes to: its department's (department roles) or its region's (region roles). */
export function ownerOfNotification(n: Pick<Notification, 'audience' | 'regionCode'>): { type: 'department' | 'region'; id: string } | undefined {
  if (n.audience.departmentId !== undefined) return { type: 'department', id: n.audience.departmentId };
  if (REGION_ROLES.has(n.audience.role) && n.audience.regionCode) return { type: 'region', id: n.audience.regionCode };
  return undefined;
}

/** The deliveries for newly published notifications, given each owner's channel marker (undefined: none). */
export function deliveriesFor(created: readonly Notification[], markerOf: (owner: { type: 'department' | 'region'; id: string }) => ChannelMarker | undefined, now: string): Delivery[] {
  const out = new Map<string, Delivery>();
  for (const n of created) {
    const target = ownerOfNotification(n);
    const marker = target && markerOf(target);
    if (!marker) continue;
    for (const kind of CHANNEL_KINDS) {
      if (!marker[kind]) continue;
      const key = channelKey(marker.owner, kind);
      const id = deliveryId(n.eventKey, key);
      if (out.has(id)) continue;
      out.set(id, {
        id,
        eventKey: n.eventKey,
        channel: { kind, owner: marker.owner, key },
        regionCode: marker.owner.regionCode,
        ...(marker.owner.type === 'department' ? { departmentId: marker.owner.id } : {}),
        notification: { type: n.type, at: n.at, title: n.title, body: n.body, entity: n.entity },
        status: 'pending',
        attempts: 0,
        lastError: null,
        nextAttemptAt: now,
        sentAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    }
  }
  return [...out.values()];
}

// ---------------------------------------------------------------- retry policy

export interface RetryPolicy {
  /** Minutes to wait after the 1st, 2nd, ... failed attempt. */
  backoffMinutes: readonly number[];
  /** After this many failed attempts a delivery is `failed`. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { backoffMinutes: [1, 5, 30, 120], maxAttempts: 5 };

/** How long a robot that answered "too fast" is left alone (DingTalk throttles a robot for 10 minutes). */
export const RATE_LIMIT_COOLDOWN_MS: Record<ChannelKind, number> = { wecom: 60_000, dingtalk: 600_000 };

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'rate_limited'; error: string }
  | { kind: 'retryable'; error: string }
  | { kind: 'permanent'; error: string };

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** A delivery after one attempt (it was part of a message of `digestOf` notifications). */
export function settleDelivery(d: Delivery, outcome: SendOutcome, now: string, digestOf: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Delivery {
  const base = { ...d, updatedAt: now, version: d.version + 1 };
  switch (outcome.kind) {
    case 'sent':
      return { ...base, status: 'sent', attempts: d.attempts + 1, sentAt: now, nextAttemptAt: null, sentInDigestOf: digestOf };
    case 'rate_limited':
      // Not the delivery's fault: tried again after the robot's cool-down, not counted towards failing.
      return { ...base, lastError: outcome.error, nextAttemptAt: plusMs(now, RATE_LIMIT_COOLDOWN_MS[d.channel.kind]) };
    case 'permanent':
      return { ...base, status: 'failed', attempts: d.attempts + 1, lastError: outcome.error, nextAttemptAt: null };
    case 'retryable': {
      const attempts = d.attempts + 1;
      if (attempts >= policy.maxAttempts) return { ...base, status: 'failed', attempts, lastError: `${outcome.error}；已重试 ${attempts} 次，不再重试 (gave up)`, nextAttemptAt: null };
      const wait = policy.backoffMinutes[Math.min(attempts - 1, policy.backoffMinutes.length - 1)]!;
      return { ...base, attempts, lastError: outcome.error, nextAttemptAt: plusMs(now, wait * 60_000) };
    }
  }
}

/** A delivery whose channel can no longer be used (removed, its secret gone, its host no longer allowed). */
export function abandonDelivery(d: Delivery, reason: string, now: string): Delivery {
  return { ...d, status: 'failed', lastError: reason, nextAttemptAt: null, updatedAt: now, version: d.version + 1 };
}

// ---------------------------------------------------------------- rate limit and digests

/** A robot takes at most 20 messages a minute (both platforms' documentation). */
export const ROBOT_MESSAGES_PER_MINUTE = 20;
export const RATE_WINDOW_MS = 60_000;
/** At most this many notifications in one digest message. */
export const MAX_DIGEST_ITEMS = 10;
/** The markdown body stays under the robots' limit (企业微信: 4,096 bytes). */
export const MAX_MESSAGE_BYTES = 3_800;

/** How many messages a channel may still send now, given when it sent the last ones. */
export function remainingBudget(sentAt: readonly string[], now: string): number {
  const since = Date.parse(now) - RATE_WINDOW_MS;
  return Math.max(0, ROBOT_MESSAGES_PER_MINUTE - sentAt.filter((t) => Date.parse(t) > since).length);
}

/** Send times still inside the window (what the channel's send log keeps). */
export function recentSends(sentAt: readonly string[], now: string): string[] {
  const since = Date.parse(now) - RATE_WINDOW_MS;
  return sentAt.filter((t) => Date.parse(t) > since);
}

/**
 * The messages to send now for one channel's due deliveries (oldest first), at most `budget`
 * of them: each delivery alone while the budget allows, otherwise digests of several (spread
 * evenly, at most MAX_DIGEST_ITEMS and MAX_MESSAGE_BYTES each). What does not fit waits.
 */
export function planMessages<T extends { notification: Delivery['notification'] }>(due: readonly T[], budget: number, link: LinkBuilder = noLinks): T[][] {
  if (budget <= 0 || due.length === 0) return [];
  if (due.length <= budget) return due.map((d) => [d]);
  const perMessage = Math.min(MAX_DIGEST_ITEMS, Math.ceil(due.length / budget));
  const out: T[][] = [];
  let i = 0;
  while (i < due.length && out.length < budget) {
    const group: T[] = [due[i]!];
    i++;
    while (i < due.length && group.length < perMessage && byteLength(renderMessage([...group, due[i]!], link).markdown) <= MAX_MESSAGE_BYTES) {
      group.push(due[i]!);
      i++;
    }
    out.push(group);
  }
  return out;
}

// ---------------------------------------------------------------- messages

export type LinkBuilder = (entity: EntityRef) => string | undefined;
const noLinks: LinkBuilder = () => undefined;

const ENTITY_PATHS: Record<string, string> = {
  account: '/accounts/',
  closure: '/closures/',
  rectification: '/rectifications/',
  scheduled_post: '/scheduled-posts/',
  approval_request: '/approvals/',
  inspection: '/inspections/',
};

/** Links into the web app (hash routes) when a base URL is configured. */
export function webLinks(baseUrl: string | undefined): LinkBuilder {
  if (!baseUrl) return noLinks;
  const base = baseUrl.replace(/\/+$/, '');
  return (entity) => {
    const path = ENTITY_PATHS[entity.type];
    return path ? `${base}/#${path}${encodeURIComponent(entity.id)}` : `${base}/#/notifications`;
  };
}

/** Text from our records, made inert for markdown: no tags, no link syntax, one line. */
function inert(text: string, max: number): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/</g, '＜').replace(/>/g, '＞').replace(/\[/g, '【').replace(/\]/g, '】').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Every message carries this word, so a 钉钉 robot whose security setting is a keyword can be given it. */
export const MESSAGE_KEYWORD = '政务新媒体';

export function renderMessage(items: readonly { notification: Delivery['notification'] }[], link: LinkBuilder = noLinks): { title: string; markdown: string } {
  if (items.length === 1) {
    const n = items[0]!.notification;
    const url = link(n.entity);
    const title = inert(n.title, 60);
    return {
      title: `【${MESSAGE_KEYWORD}】${title}`,
      markdown: [`### 【${MESSAGE_KEYWORD}】${title}`, '', inert(n.body, 600), ...(url ? ['', `[在系统中查看](${url})`] : [])].join('\n'),
    };
  }
  const lines = [`### 【${MESSAGE_KEYWORD}】通知汇总（${items.length} 条）`, ''];
  items.forEach((item, i) => {
    const n = item.notification;
    const url = link(n.entity);
    lines.push(`${i + 1}. **${inert(n.title, 60)}**`, `   ${inert(n.body, 120)}${url ? ` [查看](${url})` : ''}`);
  });
  lines.push('', '（消息较多，已合并发送 (digest)）');
  return { title: `【${MESSAGE_KEYWORD}】通知汇总（${items.length} 条）`, markdown: lines.join('\n') };
}

const encoder = new TextEncoder();
export const byteLength = (s: string) => encoder.encode(s).length;

// ---------------------------------------------------------------- the list

export interface DeliveryStore {
  /** Writes each delivery unless it exists; returns the ones that were new. */
  queue(deliveries: readonly Delivery[]): Promise<Delivery[]>;
  listInRegion(regionPrefix: string, status: DeliveryStatus | undefined, limit: number, cursor?: string): Promise<{ items: Delivery[]; cursor: string | null }>;
}

export interface DeliveryView {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  channel: { kind: ChannelKind; name: string; owner: { type: ChannelOwner['type']; id: string; regionCode: string } };
  notification: { type: NotificationType; at: string; title: string; entity: EntityRef };
  sentInDigestOf?: number;
}

export function deliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt,
    sentAt: d.sentAt,
    createdAt: d.createdAt,
    channel: { kind: d.channel.kind, name: CHANNEL_NAMES_ZH[d.channel.kind], owner: { type: d.channel.owner.type, id: d.channel.owner.id, regionCode: d.channel.owner.regionCode } },
    notification: { type: d.notification.type, at: d.notification.at, title: d.notification.title, entity: d.notification.entity },
    ...(d.sentInDigestOf !== undefined ? { sentInDigestOf: d.sentInDigestOf } : {}),
  };
}

/** GET /deliveries: an office or admin lists its region's deliveries (every channel owner inside it). */
export async function listDeliveries(
  q: { status?: DeliveryStatus; region?: string; limit: number; cursor?: string },
  actor: Principal,
  ports: { deliveries: Pick<DeliveryStore, 'listInRegion'> },
): Promise<{ items: DeliveryView[]; cursor: string | null }> {
  if (!actor.roles.some((r) => r === 'office' || r === 'admin')) throw new Forbidden('只有管理部门可以查看群机器人投递记录 (only an office or admin)');
  const scope = listScope(actor, { region: q.region });
  if (scope.kind !== 'region') throw new Forbidden('只能查看本地区的投递记录 (outside your region)');
  const page = await ports.deliveries.listInRegion(scope.regionPrefix, q.status, q.limit, q.cursor);
  return { items: page.items.filter((d) => canSee(actor, d)).map(deliveryView), cursor: page.cursor };
}

/** onPublished: queue the deliveries of newly published notifications. */
export async function queueDeliveries(
  created: readonly Notification[],
  ports: { channels: { get(owner: { type: 'department' | 'region'; id: string }): Promise<ChannelMarker | undefined> }; deliveries: Pick<DeliveryStore, 'queue'>; clock: Clock },
): Promise<number> {
  const markers = new Map<string, ChannelMarker | undefined>();
  for (const n of created) {
    const owner = ownerOfNotification(n);
    if (!owner) continue;
    const k = `${owner.type}:${owner.id}`;
    if (!markers.has(k)) markers.set(k, await ports.channels.get(owner));
  }
  const deliveries = deliveriesFor(created, (o) => markers.get(`${o.type}:${o.id}`), ports.clock.now());
  if (!deliveries.length) return 0;
  return (await ports.deliveries.queue(deliveries)).length;
}
