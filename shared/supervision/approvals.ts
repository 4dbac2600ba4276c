/**
 * Approvals that wait (催办): a request sitting on one tier is announced to that tier's audience
 * when it arrives there, chased automatically after the profile's working hours, and chased by
 * hand from the request's page. One shape for closures, drafts, openings and exceptions.
 */
import type { Principal, Role } from '../auth/principal';
import { approvalOutcome, ROLE_NAMES_ZH, type Actor, type Approvable } from '../approvals/tiers';
import { workingHoursBetween, type WorkCalendar } from '../time';
import type { Closure } from '../closure/closure';
import type { ApprovalRequest } from '../approvals/requests';
import type { ScheduledPost } from '../scheduling/schemas';
import { currentRoundDecisions, currentStep } from '../scheduling/review';
import { audiencesFor, type NotificationEvent } from './notifications';

export type WaitingKind = 'closure' | 'scheduled_post' | 'approval_request';

/** A request waiting on one tier. */
export interface Waiting {
  kind: WaitingKind;
  id: string;
  /** What is waiting, in words: 「关停申请：微博「淳安人社」」. */
  what: string;
  regionCode: string;
  departmentId?: string;
  /** 0-based tier index (a draft's review step, a request's tier). */
  tier: number;
  role: Role;
  /** When the request arrived at this tier. */
  since: string;
  requestedBy: Actor;
}

/** The open tier of a tiered request (closures, approval requests), or null when it is decided. */
export function waitingTier(subject: Approvable & { requestedAt: string }): { tier: number; role: Role; since: string } | null {
  const { outcome, currentTier } = approvalOutcome(subject);
  if (outcome !== 'pending' || currentTier === null) return null;
  const role = subject.tiers[currentTier];
  if (!role) return null;
  const last = subject.decisions.at(-1);
  return { tier: currentTier, role, since: last?.at ?? subject.requestedAt };
}

function base(w: Waiting, now: string) {
  return {
    at: now,
    entity: { type: w.kind, id: w.id },
    regionCode: w.regionCode,
    ...(w.departmentId ? { departmentId: w.departmentId } : {}),
    audiences: audiencesFor([w.role], { regionCode: w.regionCode, departmentId: w.departmentId }),
  };
}

/** The tier's people learn that something waits for them, once per tier reached. */
export function waitingEvent(w: Waiting, now: string): NotificationEvent {
  return {
    ...base(w, now),
    key: `waiting:${w.kind}:${w.id}:${w.tier}`,
    type: 'approval_waiting',
    title: `待审批：${w.what}`,
    body: `第 ${w.tier + 1} 级（${ROLE_NAMES_ZH[w.role]}）待审批，${w.requestedBy.name} 提交。`,
  };
}

/** Chased once the tier has waited the profile's working hours. */
export function reminderEvents(w: Waiting, now: string, reminderWorkingHours: number, calendar?: WorkCalendar): NotificationEvent[] {
  const waited = workingHoursBetween(w.since, now, calendar);
  if (waited < reminderWorkingHours) return [];
  return [
    {
      ...base(w, now),
      key: `remind:${w.kind}:${w.id}:${w.tier}:auto`,
      type: 'approval_reminder',
      title: `催办：${w.what}`,
      body: `第 ${w.tier + 1} 级（${ROLE_NAMES_ZH[w.role]}）已等待 ${Math.floor(waited)} 个工作小时，请尽快审批。`,
    },
  ];
}

/** The 催办 button: at most one manual reminder per tier per hour (the key names the hour). */
export function manualReminder(w: Waiting, now: string, by: Principal): NotificationEvent {
  return {
    ...base(w, now),
    key: `remind:${w.kind}:${w.id}:${w.tier}:manual:${now.slice(0, 13)}`,
    type: 'approval_reminder',
    title: `催办：${w.what}`,
    body: `${by.name} 催办：第 ${w.tier + 1} 级（${ROLE_NAMES_ZH[w.role]}）待审批，请尽快处理。`,
  };
}

const PLATFORM_WORDS = (a: { name: string }) => `「${a.name}」`;

/** A closure waiting on a tier, or null when it is decided. */
export function waitingOfClosure(c: Closure): Waiting | null {
  const open = c.status === 'pending' ? waitingTier(c) : null;
  return open ? { kind: 'closure', id: c.id, what: `关停申请：${PLATFORM_WORDS(c.account)}`, regionCode: c.regionCode, departmentId: c.departmentId, requestedBy: c.requestedBy, ...open } : null;
}

/** An opening or duplicate-exception request waiting on a tier. */
export function waitingOfRequest(r: ApprovalRequest, accountName?: string): Waiting | null {
  const open = r.status === 'pending' ? waitingTier(r) : null;
  const what = `${r.kind === 'opening' ? '开设申请' : '例外保留申请'}${accountName ? `：「${accountName}」` : ''}`;
  return open ? { kind: 'approval_request', id: r.id, what, regionCode: r.regionCode, departmentId: r.departmentId, requestedBy: r.requestedBy, ...open } : null;
}

/** A draft in review waiting on its current step (三审). */
export function waitingOfDraft(p: ScheduledPost): Waiting | null {
  if (p.status !== 'in_review') return null;
  const step = currentStep(p);
  if (!step) return null;
  const round = currentRoundDecisions(p);
  const submitted = [...p.history].reverse().find((h) => h.action === 'submit');
  const since = round.at(-1)?.at ?? submitted?.at ?? p.updatedAt;
  return { kind: 'scheduled_post', id: p.id, what: `待审稿件：「${p.title}」`, regionCode: p.regionCode, departmentId: p.departmentId, tier: step.index, role: step.role, since, requestedBy: p.createdBy };
}

/** The port the workflows call after each write: what now waits (or null: nothing waits any more). */
export type WaitingWatch = (ref: { kind: WaitingKind; id: string }, waiting: Waiting | null) => Promise<void>;

/** A post that needs a person: publishing failed, or a task awaits confirmation (manual connector or unknown outcome). */
export function postEvents(before: ScheduledPost, after: ScheduledPost, now: string): NotificationEvent[] {
  const owner = { regionCode: after.regionCode, departmentId: after.departmentId };
  const base = { at: now, entity: { type: 'scheduled_post', id: after.id }, regionCode: after.regionCode, departmentId: after.departmentId };
  if (after.status === 'failed' && before.status !== 'failed') {
    return [
      {
        ...base,
        key: `post_failed:${after.id}:${after.version}`,
        type: 'post_failed',
        title: `发布失败：「${after.title}」`,
        body: `${after.lastError?.message ?? '平台未接受该稿件'}。请检查后重试或改为人工发布。`,
        audiences: audiencesFor(['editor'], owner),
      },
    ];
  }
  if (after.status === 'needs_confirmation' && before.status !== 'needs_confirmation') {
    const manual = after.confirmation?.reason === 'manual';
    return [
      {
        ...base,
        key: `post_confirm:${after.id}:${after.confirmation?.since ?? after.version}`,
        type: 'post_needs_confirmation',
        title: manual ? `待人工发布：「${after.title}」` : `发布结果待确认：「${after.title}」`,
        body: manual ? '该稿件已到发布时间，请在平台发布后回填链接。' : '发布请求可能已到达平台，请核实是否已发布并在系统中确认。',
        audiences: audiencesFor(['editor'], owner),
      },
    ];
  }
  return [];
}
