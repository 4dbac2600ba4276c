/** What the supervision loop tells departments and the office about a rectification notice. */
import { addWorkingDays, beijingDate, type WorkCalendar } from '../time';
import { audiencesFor, type NotificationEvent } from './notifications';
import { isPastDue, type Rectification, type RectificationItem } from './rectification';

const ANSWERERS = ['editor', 'approver'] as const;

function perDepartment(items: readonly RectificationItem[]): Map<string, RectificationItem[]> {
  const out = new Map<string, RectificationItem[]>();
  for (const item of items) out.set(item.departmentId, [...(out.get(item.departmentId) ?? []), item]);
  return out;
}

const names = (items: readonly RectificationItem[]) => items.slice(0, 5).map((i) => i.account.name).join('、') + (items.length > 5 ? ` 等 ${items.length} 个账号` : '');

/** On issue: each department with items hears of its own items. */
export function issuedEvents(r: Rectification, items: readonly RectificationItem[], now: string): NotificationEvent[] {
  return [...perDepartment(items)].map(([departmentId, own]) => ({
    key: `rect_issued:${r.id}:${departmentId}`,
    type: 'rectification_issued',
    at: now,
    entity: { type: 'rectification', id: r.id },
    title: `整改通知：${own.length} 个账号须在 ${r.dueDate} 前完成整改`,
    body: `${names(own)}在 ${r.checkDate} 的检查中不合格，请逐项整改并在系统中反馈整改措施和佐证材料。`,
    regionCode: r.regionCode,
    departmentId,
    audiences: audiencesFor(ANSWERERS, { regionCode: r.regionCode, departmentId }),
  }));
}

/**
 * Daily: items not yet answered two working days before their due date (one notice per
 * department and date), and items overdue (the department and the office hear of each once).
 * Each item carries its own due date (an extension moves it).
 */
export function dueEvents(
  r: Rectification,
  items: readonly RectificationItem[],
  now: string,
  dueSoonWorkingDays: number,
  calendar?: WorkCalendar,
): NotificationEvent[] {
  const today = beijingDate(now);
  const out: NotificationEvent[] = [];
  const pending = items.filter((i) => i.stage !== 'verified');
  const soon = pending.filter((i) => i.stage === 'open' && !isPastDue(i.dueDate, now) && today >= addWorkingDays(i.dueDate, -dueSoonWorkingDays, calendar));
  const groups = new Map<string, RectificationItem[]>();
  for (const i of soon) groups.set(`${i.departmentId}|${i.dueDate}`, [...(groups.get(`${i.departmentId}|${i.dueDate}`) ?? []), i]);
  for (const [key, own] of groups) {
    const [departmentId, dueDate] = key.split('|') as [string, string];
    out.push({
      key: `rect_due:${r.id}:${departmentId}:${dueDate}`,
      type: 'rectification_due',
      at: now,
      entity: { type: 'rectification', id: r.id },
      title: `整改期限 ${dueDate} 将至：${own.length} 个账号尚未反馈`,
      body: `${names(own)}的整改情况尚未反馈，请在 ${dueDate} 前完成。`,
      regionCode: r.regionCode,
      departmentId,
      audiences: audiencesFor(ANSWERERS, { regionCode: r.regionCode, departmentId }),
    });
  }
  for (const item of pending.filter((i) => isPastDue(i.dueDate, now))) {
    out.push({
      key: `rect_overdue:${item.id}:${item.dueDate}`,
      type: 'rectification_overdue',
      at: now,
      entity: { type: 'rectification', id: r.id },
      title: `整改逾期：${item.account.name}`,
      body: `整改期限 ${item.dueDate} 已过，该账号的整改${item.stage === 'responded' ? '已反馈但尚未复查通过' : '尚未反馈'}。`,
      regionCode: r.regionCode,
      departmentId: item.departmentId,
      audiences: [...audiencesFor(ANSWERERS, { regionCode: r.regionCode, departmentId: item.departmentId }), ...audiencesFor(['office'], { regionCode: r.regionCode })],
    });
  }
  return out;
}

/** The office hears that a department answered, so the re-check can start. */
export function respondedEvent(r: Pick<Rectification, 'id' | 'regionCode'>, item: RectificationItem, now: string): NotificationEvent {
  return {
    key: `rect_responded:${item.id}:${item.version}`,
    type: 'rectification_responded',
    at: now,
    entity: { type: 'rectification', id: r.id },
    title: `整改已反馈，待复查：${item.account.name}`,
    body: `${item.departmentName ?? '主办单位'}已反馈整改措施，请复查。`,
    regionCode: r.regionCode,
    departmentId: item.departmentId,
    audiences: audiencesFor(['office', 'reviewer'], { regionCode: r.regionCode }),
  };
}
