/**
 * The supervision loop's use cases over ports: notifications read per user, rectification
 * notices issued from inspections, answered by departments, re-checked by the office.
 */
import { auditEntry, type AuditEntry } from '../audit/audit';
import { canSee, hasRegionRole, regionContains, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import { Conflict, NotFound, StaleVersion } from '../errors';
import type { Grade } from '../grading/types';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { Account, Department, Flag } from '../registry/schemas';
import { beijingDate, type WorkCalendar } from '../time';
import { filingEvents, NATIONAL_SUPERVISION, revalidationEvents, staleEvents, type SupervisionRules } from './escalation';
import { audienceKey, audiencesOf, notificationsOf, type Notification, type NotificationEvent } from './notifications';
import {
  assertMayReview,
  issueRectification,
  itemStatus,
  assertMayLinkClosure,
  extendItem,
  type ExtensionInput,
  linkClosure,
  rectificationStatus,
  respondToItem,
  reviewItem,
  type InspectionForRectification,
  type IssueInput,
  type Rectification,
  type RectificationItem,
  type RectificationStatus,
  type ResponseInput,
  type ReviewInput,
} from './rectification';
import { dueEvents, issuedEvents, respondedEvent } from './rectification-events';
import { manualReminder, reminderEvents, waitingEvent, type Waiting, type WaitingKind } from './approvals';
import { ROLE_NAMES_ZH } from '../approvals/tiers';
import { addWorkingHours, workingHoursBetween } from '../time';

export interface NotificationStore {
  publish(notifications: readonly Notification[]): Promise<Notification[]>;
  get(id: string): Promise<Notification | undefined>;
  newestOf(audienceKeys: readonly string[], before: string | undefined, limit: number, skip?: (n: Notification) => boolean): Promise<{ items: Notification[]; more: boolean }>;
  idsSince(audienceKeys: readonly string[], since: string): Promise<string[]>;
  readBy(sub: string): Promise<Map<string, string>>;
  markRead(sub: string, notificationId: string, at: string): Promise<string>;
}

export interface RectificationStore {
  existsForInspection(inspectionId: string): Promise<boolean>;
  create(r: Rectification, items: readonly RectificationItem[], audit: readonly AuditEntry[]): Promise<void>;
  get(id: string): Promise<(Rectification & { status: RectificationStatus }) | undefined>;
  items(id: string): Promise<RectificationItem[]>;
  item(id: string, itemId: string): Promise<RectificationItem | undefined>;
  writeItem(before: RectificationItem, after: RectificationItem, issuedAt: string, audit: readonly AuditEntry[]): Promise<void>;
  setStatus(r: Rectification, status: RectificationStatus): Promise<void>;
  listInRegion(regionPrefix: string, status: RectificationStatus | undefined, limit: number, cursor?: string): Promise<{ items: (Rectification & { status: RectificationStatus })[]; cursor: string | null }>;
  itemsOfDepartment(departmentId: string, limit: number, cursor?: string): Promise<{ items: RectificationItem[]; cursor: string | null }>;
  open(): Promise<(Rectification & { status: RectificationStatus })[]>;
  headers(ids: readonly string[]): Promise<Map<string, Rectification & { status: RectificationStatus }>>;
}

/** What an inspection offers a rectification: the stored record and its failed grades. */
export interface InspectionSource {
  get(id: string): Promise<{ id: string; regionCode: string; checkDate: string; profile: string; profileVersion: number; results: Grade[] } | undefined>;
}

export interface RegionRules extends SupervisionRules {
  noUpdateWindowDays: number;
  filingWorkingDays: number;
}

export interface WaitingStore {
  set(record: { kind: WaitingKind; id: string; waiting: Waiting | null; remindAt?: string; updatedAt: string }): Promise<void>;
  get(kind: WaitingKind, id: string): Promise<{ kind: WaitingKind; id: string; waiting: Waiting | null; remindAt?: string } | undefined>;
  due(now: string): Promise<{ kind: WaitingKind; id: string; waiting: Waiting | null; remindAt?: string }[]>;
}

export interface SupervisionPorts {
  notifications: NotificationStore;
  waiting: WaitingStore;
  /** Called with every notification that was new (external channels queue deliveries). */
  onPublished?: (created: readonly Notification[]) => Promise<void>;
  rectifications: RectificationStore;
  inspections: InspectionSource;
  accounts: { get(id: string): Promise<Account | undefined>; setDerived(id: string, fields: { flags?: Flag[] }): Promise<void> };
  departments: { get(id: string): Promise<Department | undefined> };
  /** The account graded today under the named profile version (the re-check). */
  regrade(accountId: string, checkDate: string, profile: { name: string; version: number }): Promise<Grade>;
  /** The supervision settings of the region's effective profile, with the numbers the warnings quote. */
  rules(regionCode: string): Promise<RegionRules>;
  /** The working-day calendar (official holidays) for deadline arithmetic. */
  calendar(): Promise<WorkCalendar | undefined>;
  /** Requests the closure of an item's account (the closure workflow's own rules apply). */
  requestClosure?(input: { accountId: string; reason: string; successorAccountId?: string }, actor: Principal): Promise<{ id: string }>;
  clock: Clock;
  ids: IdGenerator;
}

// ------------------------------------------------------------------ notifications

export async function publishEvents(events: readonly NotificationEvent[], ports: Pick<SupervisionPorts, 'notifications' | 'onPublished'>): Promise<number> {
  const created = await ports.notifications.publish(events.flatMap(notificationsOf));
  if (created.length && ports.onPublished) await ports.onPublished(created);
  return created.length;
}

const UNREAD_WINDOW_DAYS = 180;

export interface NotificationView {
  id: string;
  at: string;
  type: Notification['type'];
  entity: Notification['entity'];
  title: string;
  body: string;
  readAt: string | null;
}

export async function listNotifications(
  q: { unread?: boolean; limit: number; before?: string },
  actor: Principal,
  ports: Pick<SupervisionPorts, 'notifications' | 'clock'>,
): Promise<{ items: NotificationView[]; next: string | null; unread: number }> {
  const audiences = audiencesOf(actor).map(audienceKey);
  const read = await ports.notifications.readBy(actor.sub);
  const page = await ports.notifications.newestOf(audiences, q.before, q.limit, q.unread ? (n) => read.has(n.id) : undefined);
  const since = new Date(Date.parse(ports.clock.now()) - UNREAD_WINDOW_DAYS * 86_400_000).toISOString();
  const ids = new Set(await ports.notifications.idsSince(audiences, since));
  const unread = [...ids].filter((id) => !read.has(id)).length;
  const items = page.items.map((n) => ({ id: n.id, at: n.at, type: n.type, entity: n.entity, title: n.title, body: n.body, readAt: read.get(n.id) ?? null }));
  const last = page.items.at(-1);
  return { items, next: page.more && last ? `${last.at}#${last.id}` : null, unread };
}

export async function markNotificationRead(id: string, actor: Principal, ports: Pick<SupervisionPorts, 'notifications' | 'clock'>): Promise<NotificationView> {
  const n = await ports.notifications.get(id);
  const mine = new Set(audiencesOf(actor).map(audienceKey));
  if (!n || !mine.has(audienceKey(n.audience))) throw new NotFound('通知');
  const readAt = await ports.notifications.markRead(actor.sub, id, ports.clock.now());
  return { id: n.id, at: n.at, type: n.type, entity: n.entity, title: n.title, body: n.body, readAt };
}

// ------------------------------------------------------------------ rectification

export interface RectificationView extends Rectification {
  status: RectificationStatus;
  items: RectificationItem[];
  counts: Record<string, number>;
}

async function closedAccounts(items: readonly RectificationItem[], ports: Pick<SupervisionPorts, 'accounts'>): Promise<Set<string>> {
  const accounts = await Promise.all(items.filter((i) => i.stage !== 'verified').map((i) => ports.accounts.get(i.accountId)));
  return new Set(accounts.filter((a): a is Account => a?.status === 'closed').map((a) => a.id));
}

function withStatuses(items: readonly RectificationItem[], now: string, closed: ReadonlySet<string>): RectificationItem[] {
  return items.map((i) => ({ ...i, status: itemStatus(i, now, closed.has(i.accountId)) }));
}

function countByStatus(items: readonly RectificationItem[]): Record<string, number> {
  const counts: Record<string, number> = { open: 0, responded: 0, verified: 0, overdue: 0, account_closed: 0 };
  for (const i of items) counts[i.status ?? i.stage] = (counts[i.status ?? i.stage] ?? 0) + 1;
  return counts;
}

/** The items a principal may see: the whole notice for the region's office, own items for a department. */
function visibleItems(items: readonly RectificationItem[], actor: Principal): RectificationItem[] {
  return items.filter((i) => canSee(actor, i));
}

export async function issueRectificationNotice(input: IssueInput & { inspectionId: string }, actor: Principal, ports: SupervisionPorts): Promise<RectificationView> {
  const inspection = await ports.inspections.get(input.inspectionId);
  if (!inspection || !hasRegionRole(actor) || !regionContains(actor.region, inspection.regionCode)) throw new NotFound('检查');
  if (await ports.rectifications.existsForInspection(inspection.id)) {
    throw new Conflict('rectification_exists', '该次检查已下发整改通知 (a rectification notice for this inspection exists)');
  }
  const failedGrades = inspection.results.filter((g) => g.verdict === 'fail');
  const failed: InspectionForRectification['failed'] = [];
  for (const grade of failedGrades) {
    const account = await ports.accounts.get(grade.accountId);
    if (!account || account.status === 'closed') continue;
    failed.push({ grade, account, departmentName: (await ports.departments.get(account.departmentId))?.name });
  }
  const rules = await ports.rules(inspection.regionCode);
  const calendar = await ports.calendar();
  const now = ports.clock.now();
  const { rectification, items } = issueRectification(
    { id: inspection.id, regionCode: inspection.regionCode, checkDate: inspection.checkDate, profile: inspection.profile, profileVersion: inspection.profileVersion, failed },
    input,
    { actor, now, calendar, ids: () => ports.ids.next(), workingDays: rules.rectificationWorkingDays },
  );
  const audit = auditEntry(actor, 'rectification.issue', { type: 'rectification', id: rectification.id }, { regionCode: rectification.regionCode }, null, { ...rectification, items: items.map((i) => i.accountId) }, now, ports.ids.next());
  await ports.rectifications.create(rectification, items, [audit]);
  await publishEvents(issuedEvents(rectification, items, now), ports);
  const shown = withStatuses(items, now, new Set());
  return { ...rectification, status: 'open', items: shown, counts: countByStatus(shown) };
}

export async function getRectification(id: string, actor: Principal, ports: SupervisionPorts): Promise<RectificationView> {
  const r = await ports.rectifications.get(id);
  if (!r) throw new NotFound('整改通知');
  const all = await ports.rectifications.items(id);
  const items = visibleItems(all, actor);
  if (!items.length && !(hasRegionRole(actor) && regionContains(actor.region, r.regionCode))) throw new NotFound('整改通知');
  const now = ports.clock.now();
  const everyItem = withStatuses(all, now, await closedAccounts(all, ports));
  const status = rectificationStatus(everyItem.map((i) => i.status!));
  if (status !== r.status) await ports.rectifications.setStatus(r, status);
  const shown = everyItem.filter((i) => items.some((v) => v.id === i.id));
  return { ...r, status, items: shown, counts: countByStatus(shown) };
}

export async function listRectifications(
  q: { region?: string; status?: RectificationStatus; limit: number; cursor?: string },
  actor: Principal,
  ports: SupervisionPorts,
): Promise<{ items: (Rectification & { status: RectificationStatus; items?: RectificationItem[] })[]; cursor: string | null }> {
  const scope = await resolveListScope(actor, { region: q.region }, ports);
  if (scope.kind === 'region') return ports.rectifications.listInRegion(scope.regionPrefix, q.status, q.limit, q.cursor);
  if (scope.kind === 'none') return emptyPage();
  // Department roles: their own items, grouped under their notices.
  const page = await ports.rectifications.itemsOfDepartment(scope.departmentId, q.limit, q.cursor);
  const headers = await ports.rectifications.headers([...new Set(page.items.map((i) => i.rectificationId))]);
  const now = ports.clock.now();
  const grouped = new Map<string, RectificationItem[]>();
  for (const item of page.items) if (headers.has(item.rectificationId)) grouped.set(item.rectificationId, [...(grouped.get(item.rectificationId) ?? []), { ...item, status: itemStatus(item, now) }]);
  const items = [...grouped].map(([rid, own]) => ({ ...headers.get(rid)!, items: own })).filter((r) => !q.status || r.status === q.status);
  return { items, cursor: page.cursor };
}

async function loadItem(id: string, itemId: string, actor: Principal, ports: SupervisionPorts) {
  const [r, item] = await Promise.all([ports.rectifications.get(id), ports.rectifications.item(id, itemId)]);
  if (!r || !item || !canSee(actor, item)) throw new NotFound('整改事项');
  return { r, item };
}

async function afterItemWrite(r: Rectification & { status: RectificationStatus }, ports: SupervisionPorts): Promise<void> {
  const all = await ports.rectifications.items(r.id);
  const status = rectificationStatus(withStatuses(all, ports.clock.now(), await closedAccounts(all, ports)).map((i) => i.status!));
  if (status !== r.status) await ports.rectifications.setStatus(r, status);
}

function itemAudit(actor: Principal, action: string, before: RectificationItem, after: RectificationItem, now: string, ports: SupervisionPorts): AuditEntry {
  return auditEntry(actor, action, { type: 'rectification_item', id: after.id }, { regionCode: after.regionCode, departmentId: after.departmentId }, before, after, now, ports.ids.next());
}

export async function respondToRectificationItem(id: string, itemId: string, input: ResponseInput, actor: Principal, ports: SupervisionPorts): Promise<RectificationItem> {
  const { r, item } = await loadItem(id, itemId, actor, ports);
  const now = ports.clock.now();
  const after = respondToItem(item, input, { actor, now });
  await ports.rectifications.writeItem(item, after, r.issuedAt, [itemAudit(actor, 'rectification.respond', item, after, now, ports)]);
  await publishEvents([respondedEvent(r, after, now)], ports);
  return { ...after, status: itemStatus(after, now) };
}

export async function reviewRectificationItem(id: string, itemId: string, input: ReviewInput, actor: Principal, ports: SupervisionPorts): Promise<RectificationItem> {
  const { r, item } = await loadItem(id, itemId, actor, ports);
  assertMayReview(item, input, actor);
  const now = ports.clock.now();
  const recheck = await ports.regrade(item.accountId, beijingDate(now), r.profile);
  const after = reviewItem(item, input, recheck, { actor, now });
  await ports.rectifications.writeItem(item, after, r.issuedAt, [itemAudit(actor, `rectification.${input.decision}`, item, after, now, ports)]);
  await afterItemWrite(r, ports);
  return { ...after, status: itemStatus(after, now) };
}

export async function extendRectificationItem(id: string, itemId: string, input: ExtensionInput, actor: Principal, ports: SupervisionPorts): Promise<RectificationItem> {
  const { r, item } = await loadItem(id, itemId, actor, ports);
  const now = ports.clock.now();
  const after = extendItem(item, input, { actor, now });
  await ports.rectifications.writeItem(item, after, r.issuedAt, [itemAudit(actor, 'rectification.extend', item, after, now, ports)]);
  return { ...after, status: itemStatus(after, now) };
}

export async function requestClosureForItem(
  id: string,
  itemId: string,
  input: { reason: string; successorAccountId?: string; version: number },
  actor: Principal,
  ports: SupervisionPorts,
): Promise<{ item: RectificationItem; closureId: string }> {
  const { r, item } = await loadItem(id, itemId, actor, ports);
  if (!ports.requestClosure) throw new Error('closure requests are not wired in this function');
  if (item.version !== input.version) throw new StaleVersion(item.version);
  const now = ports.clock.now();
  assertMayLinkClosure(item);
  const closure = await ports.requestClosure({ accountId: item.accountId, reason: input.reason, ...(input.successorAccountId ? { successorAccountId: input.successorAccountId } : {}) }, actor);
  const after = linkClosure(item, closure.id, { actor, now });
  await ports.rectifications.writeItem(item, after, r.issuedAt, [itemAudit(actor, 'rectification.closure_requested', item, after, now, ports)]);
  return { item: { ...after, status: itemStatus(after, now) }, closureId: closure.id };
}

/** What the daily sweep tells people about one account (after its flags were refreshed). */
export async function superviseAccount(account: Account, ports: SupervisionPorts): Promise<number> {
  if (account.status === 'closed') return 0;
  const now = ports.clock.now();
  const today = beijingDate(now);
  const rules = await ports.rules(account.regionCode);
  const calendar = await ports.calendar();
  return publishEvents(
    [
      ...staleEvents(account, today, now, rules, rules.noUpdateWindowDays),
      ...filingEvents(account, today, now, rules.filingWorkingDays, rules.dueSoonWorkingDays, calendar),
      ...revalidationEvents(account, now),
    ],
    ports,
  );
}

/**
 * The daily part of the loop: due-soon and overdue notices for open rectifications, the
 * `rectification_overdue` flag on accounts with an overdue item (cleared when none is), and
 * each notice's status refreshed.
 */
export async function superviseRectifications(ports: SupervisionPorts): Promise<{ notices: number; overdueItems: number; notified: number }> {
  const now = ports.clock.now();
  const calendar = await ports.calendar();
  let overdueItems = 0;
  let notified = 0;
  const overdueByAccount = new Map<string, { rectificationId: string; itemId: string; dueDate: string }>();
  const touched = new Set<string>();
  const open = await ports.rectifications.open();
  for (const r of open) {
    const all = await ports.rectifications.items(r.id);
    const items = withStatuses(all, now, await closedAccounts(all, ports));
    const status = rectificationStatus(items.map((i) => i.status!));
    if (status !== r.status) await ports.rectifications.setStatus(r, status);
    const rules = await ports.rules(r.regionCode);
    const live = items.filter((i) => i.status !== 'account_closed');
    notified += await publishEvents(dueEvents(r, live, now, rules.dueSoonWorkingDays, calendar), ports);
    for (const i of items) {
      touched.add(i.accountId);
      if (i.status === 'overdue') {
        overdueItems++;
        overdueByAccount.set(i.accountId, { rectificationId: r.id, itemId: i.id, dueDate: i.dueDate });
      }
    }
  }
  for (const accountId of touched) {
    const account = await ports.accounts.get(accountId);
    if (!account) continue;
    const overdue = overdueByAccount.get(accountId);
    const had = account.flags.find((f) => f.type === 'rectification_overdue');
    if (!overdue && !had) continue;
    const others = account.flags.filter((f) => f.type !== 'rectification_overdue');
    const flags: Flag[] = overdue ? [...others, { type: 'rectification_overdue', since: had?.since ?? beijingDate(now), evidence: overdue }] : others;
    if (JSON.stringify(flags) !== JSON.stringify(account.flags)) await ports.accounts.setDerived(accountId, { flags });
  }
  return { notices: open.length, overdueItems, notified };
}

// ------------------------------------------------------------------ approvals waiting (催办)

/** After each workflow write: tell the waiting tier, and schedule its automatic reminder. */
export async function watchWaiting(ref: { kind: WaitingKind; id: string }, waiting: Waiting | null, ports: SupervisionPorts): Promise<void> {
  const now = ports.clock.now();
  if (!waiting) {
    const previous = await ports.waiting.get(ref.kind, ref.id);
    if (previous?.waiting) await ports.waiting.set({ ...ref, waiting: null, updatedAt: now });
    return;
  }
  const rules = await ports.rules(waiting.regionCode);
  const remindAt = addWorkingHours(waiting.since, rules.approvalReminderWorkingHours, await ports.calendar());
  await ports.waiting.set({ ...ref, waiting, remindAt, updatedAt: now });
  await publishEvents([waitingEvent(waiting, now)], ports);
}

/** The job's part: every approval whose tier has waited the profile's working hours is chased once. */
export async function remindDueApprovals(ports: SupervisionPorts): Promise<{ due: number; notified: number }> {
  const now = ports.clock.now();
  const calendar = await ports.calendar();
  const due = await ports.waiting.due(now);
  let notified = 0;
  for (const record of due) {
    if (record.waiting) {
      const rules = await ports.rules(record.waiting.regionCode);
      notified += await publishEvents(reminderEvents(record.waiting, now, rules.approvalReminderWorkingHours, calendar), ports);
    }
    // Out of the due index: one automatic reminder per tier.
    await ports.waiting.set({ kind: record.kind, id: record.id, waiting: record.waiting, updatedAt: now });
  }
  return { due: due.length, notified };
}

export interface WaitingView {
  waiting: boolean;
  tier?: number;
  role?: string;
  roleName?: string;
  since?: string;
  workingHours?: number;
}

function viewOf(w: Waiting | null, now: string, calendar?: WorkCalendar): WaitingView {
  if (!w) return { waiting: false };
  return { waiting: true, tier: w.tier, role: w.role, roleName: ROLE_NAMES_ZH[w.role], since: w.since, workingHours: Math.floor(workingHoursBetween(w.since, now, calendar)) };
}

/** Who must act on a request now (shown beside the 催办 button). */
export async function waitingOn(ref: { kind: WaitingKind; id: string }, actor: Principal, ports: SupervisionPorts): Promise<WaitingView> {
  const record = await ports.waiting.get(ref.kind, ref.id);
  if (record?.waiting && !canSee(actor, record.waiting)) throw new NotFound('审批事项');
  return viewOf(record?.waiting ?? null, ports.clock.now(), await ports.calendar());
}

/** The 催办 button: the waiting tier is reminded (at most once an hour; `sent` says whether this one went out). */
export async function remindNow(ref: { kind: WaitingKind; id: string }, actor: Principal, ports: SupervisionPorts): Promise<WaitingView & { sent: boolean }> {
  const record = await ports.waiting.get(ref.kind, ref.id);
  const w = record?.waiting;
  if (!w) throw new Conflict('not_waiting', '该事项当前没有待审批的环节，无需催办 (nothing is waiting for a decision)');
  if (!canSee(actor, w)) throw new NotFound('审批事项');
  const now = ports.clock.now();
  const sent = (await publishEvents([manualReminder(w, now, actor)], ports)) > 0;
  return { ...viewOf(w, now, await ports.calendar()), sent };
}

export { NATIONAL_SUPERVISION };
