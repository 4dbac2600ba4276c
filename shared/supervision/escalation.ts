/**
 * Warnings before punishment: what the daily sweep tells whom about one account. Pure: the
 * account as stored, "today" from the clock, the profile's supervision settings.
 */
import type { Role } from '../auth/principal';
import { PLATFORM_NAMES_ZH, type Account } from '../registry/schemas';
import { addWorkingDays, beijingDate, daysBetween, filingDueBy, type WorkCalendar } from '../time';
import { audiencesFor, type NotificationEvent } from './notifications';

export interface StaleStep {
  /** Whole Beijing calendar days since the latest post (or since the opening, never posted). */
  afterDays: number;
  roles: Role[];
}

/** The profile's supervision settings (rule-profiles.md); national defaults below. */
export interface SupervisionRules {
  staleEscalation: StaleStep[];
  /** Working hours an approval may wait on one tier before the tier is chased (催办). */
  approvalReminderWorkingHours: number;
  /** Working days a department has to answer a rectification notice. */
  rectificationWorkingDays: number;
  /** How many working days before a deadline the "due soon" notice goes out. */
  dueSoonWorkingDays: number;
}

export const NATIONAL_SUPERVISION: Readonly<SupervisionRules> = {
  staleEscalation: [
    { afterDays: 10, roles: ['editor'] },
    { afterDays: 12, roles: ['approver'] },
    { afterDays: 14, roles: ['office'] },
  ],
  approvalReminderWorkingHours: 16,
  rectificationWorkingDays: 10,
  dueSoonWorkingDays: 2,
};

/** The profile's supervision settings, national defaults for what a profile leaves out. */
export function supervisionRulesOf(profile: { supervision?: Partial<SupervisionRules> }): SupervisionRules {
  return { ...NATIONAL_SUPERVISION, ...(profile.supervision ?? {}) };
}

const ROLE_WORDS: Record<Role, string> = { editor: '运维人员', approver: '审核负责人', office: '宣传（政务公开）部门', reviewer: '审核人', admin: '管理员' };

export function accountLabel(a: Pick<Account, 'platform' | 'name'>): string {
  return `${PLATFORM_NAMES_ZH[a.platform]}「${a.name}」`;
}

/** Days without a post as the sweep sees them; null when the account has no starting point. */
export function daysSilent(account: Pick<Account, 'lastPostAt' | 'openedAt' | 'createdAt'>, today: string): number | null {
  const since = account.lastPostAt ? beijingDate(account.lastPostAt) : account.openedAt ?? (account.createdAt ? beijingDate(account.createdAt) : undefined);
  return since ? daysBetween(since, today) : null;
}

/**
 * Every escalation step reached and not yet passed by a new post: the key names the latest post,
 * so after a new post the next silence escalates again; a sweep that skipped days catches up.
 */
export function staleEvents(
  account: Pick<Account, 'id' | 'name' | 'platform' | 'regionCode' | 'departmentId' | 'lastPostAt' | 'openedAt' | 'createdAt' | 'status'>,
  today: string,
  now: string,
  rules: Pick<SupervisionRules, 'staleEscalation'>,
  vetoWindowDays: number,
): NotificationEvent[] {
  if (account.status === 'closed') return [];
  const days = daysSilent(account, today);
  if (days === null) return [];
  const anchor = account.lastPostAt ? beijingDate(account.lastPostAt) : 'never';
  const owner = { regionCode: account.regionCode, departmentId: account.departmentId };
  const label = accountLabel(account);
  const left = vetoWindowDays - days;
  return rules.staleEscalation
    .filter((step) => days >= step.afterDays)
    .map((step) => ({
      key: `stale:${account.id}:${anchor}:${step.afterDays}`,
      type: 'stale_warning' as const,
      at: now,
      entity: { type: 'account', id: account.id },
      title: left > 0 ? `${label}已 ${days} 天未更新` : `${label}已 ${days} 天未更新，触发“内容不更新”否决`,
      body:
        (left > 0 ? `距“内容不更新”单项否决还剩 ${left} 天，请尽快发布内容。` : `已超过 ${vetoWindowDays} 天未发布内容，检查将判为不合格。`) +
        `（提醒对象：${step.roles.map((r) => ROLE_WORDS[r]).join('、')}；第 ${step.afterDays} 天预警）`,
      regionCode: account.regionCode,
      departmentId: account.departmentId,
      audiences: audiencesFor(step.roles, owner),
    }));
}

/** Filing (备案) of an opening or change: two working days before the deadline, and once overdue. */
export function filingEvents(
  account: Pick<Account, 'id' | 'name' | 'platform' | 'regionCode' | 'departmentId' | 'filingPendingSince' | 'status'>,
  today: string,
  now: string,
  filingWorkingDays: number,
  dueSoonWorkingDays: number,
  calendar?: WorkCalendar,
): NotificationEvent[] {
  if (!account.filingPendingSince || account.status === 'closed') return [];
  // The one filing rule (shared/time filingDueBy): late from the working day after the due day.
  const { dueBy: due, overdueFrom } = filingDueBy(account.filingPendingSince, filingWorkingDays, calendar);
  const warnFrom = addWorkingDays(due, -dueSoonWorkingDays, calendar);
  const owner = { regionCode: account.regionCode, departmentId: account.departmentId };
  const label = accountLabel(account);
  const base = { at: now, entity: { type: 'account', id: account.id }, regionCode: account.regionCode, departmentId: account.departmentId };
  if (today >= overdueFrom) {
    return [
      {
        ...base,
        key: `filing_overdue:${account.id}:${account.filingPendingSince}`,
        type: 'filing_overdue',
        title: `${label}备案已逾期`,
        body: `自 ${account.filingPendingSince} 起的开设或变更须在 ${filingWorkingDays} 个工作日内（${due} 前）完成全国政务新媒体备案，现已逾期。`,
        audiences: audiencesFor(['editor', 'office'], owner),
      },
    ];
  }
  if (today >= warnFrom) {
    return [
      {
        ...base,
        key: `filing_due:${account.id}:${account.filingPendingSince}`,
        type: 'filing_due',
        title: `${label}须在 ${due} 前完成备案`,
        body: `自 ${account.filingPendingSince} 起的开设或变更须在 ${filingWorkingDays} 个工作日内完成全国政务新媒体备案，截止 ${due}。`,
        audiences: audiencesFor(['editor'], owner),
      },
    ];
  }
  return [];
}

/** An account marked "needs review" (not re-validated for the profile's period). */
export function revalidationEvents(
  account: Pick<Account, 'id' | 'name' | 'platform' | 'regionCode' | 'departmentId' | 'lastValidatedAt' | 'flags' | 'status'>,
  now: string,
): NotificationEvent[] {
  if (account.status === 'closed' || !account.flags.some((f) => f.type === 'needs_review')) return [];
  return [
    {
      key: `revalidation:${account.id}:${account.lastValidatedAt}`,
      type: 'revalidation_due',
      at: now,
      entity: { type: 'account', id: account.id },
      title: `${accountLabel(account)}台账信息需要复核`,
      body: `该账号的台账信息自 ${beijingDate(account.lastValidatedAt)} 起未复核，请核对名称、主办单位、联系人等信息并确认。`,
      regionCode: account.regionCode,
      departmentId: account.departmentId,
      audiences: audiencesFor(['editor'], { regionCode: account.regionCode, departmentId: account.departmentId }),
    },
  ];
}
