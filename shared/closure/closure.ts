/**
 * Closure workflow (关停注销) as a pure state machine.
 *
 *   pending ──(every tier approves)──▶ approved ──notice──▶ announcing ──complete──▶ closed ──filing──▶ filed
 *      └──(any tier rejects)──▶ rejected
 *
 * Every function takes the closure as read, the validated body, and a context with
 * the acting principal and `now`; it returns the next closure (version + 1), the
 * status the account must take, and an audit action name. No I/O: the caller writes
 * closure, account and audit entry together, conditional on the closure's version
 * (so of N concurrent deciders on one version exactly one transition is stored).
 *
 * Errors: 403 Forbidden (scope, self-approval), 409 StaleVersion, 409 Conflict
 * `illegal_transition` (action not allowed in this status), 422 RuleViolation
 * (`notice_date`, `notice_period`, `cancellation_date`, `filing_before_closure`,
 * `successor_unavailable`).
 */
import { stripUndefined } from '../util/objects';
import { canActAs, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation, StaleVersion } from '../errors';
import type { AccountStatus } from '../registry/schemas';
import { addDays, beijingDate, filingDelay, filingDueBy, type CalendarWarning, type WorkCalendar } from '../time';
import { actorOf, approvalOutcome, assertTiers, decideTier, type Actor, type TierDecision } from '../approvals/tiers';
import { draftStopUpdateNotice, formatDateZh, type AccountSnapshot } from './notice';
import type { ClosureComplete, ClosureCreate, ClosureDecision, ClosureFiling, ClosureNotice, ClosureStatus } from './schemas';

export type { ClosureStatus } from './schemas';

/** Profile settings a closure runs under, copied onto the closure when it is requested. */
export interface ClosureRules {
  /** Calendar days between the stop-update notice and the earliest cancellation (national 30). */
  noticePeriodDays: number;
  /** Working days after the cancellation within which the filing is due (national 5). */
  filingWorkingDays: number;
}

export const DEFAULT_CLOSURE_RULES: Readonly<ClosureRules> = { noticePeriodDays: 30, filingWorkingDays: 5 };

/** Department approver, then office reviewer. */
export const DEFAULT_CLOSURE_TIERS: readonly Role[] = ['approver', 'reviewer'];

export const CLOSURE_ACTIONS = ['decide', 'notice', 'complete', 'file'] as const;
export type ClosureAction = (typeof CLOSURE_ACTIONS)[number];

/** The one action each status allows; terminal statuses allow none. */
export const NEXT_ACTION: Record<ClosureStatus, ClosureAction | null> = {
  pending: 'decide',
  approved: 'notice',
  rejected: null,
  announcing: 'complete',
  closed: 'file',
  filed: null,
};

export interface ClosureHistoryEntry {
  at: string;
  by: Actor;
  action: 'create' | 'approve' | 'reject' | 'notice' | 'complete' | 'file';
  from: ClosureStatus | null;
  to: ClosureStatus;
  /** For decisions: the tier decided. */
  tier?: number;
  note?: string;
}

export interface Closure {
  id: string;
  accountId: string;
  regionCode: string;
  departmentId: string;
  reason: string;
  successorAccountId?: string;
  status: ClosureStatus;
  version: number;
  requestedBy: Actor;
  requestedAt: string;
  tiers: Role[];
  decisions: TierDecision[];
  /** Profile settings at request time: later profile changes do not move running deadlines. */
  rules: ClosureRules;
  /** The account and successor as they were when requested (for the notice text). */
  account: AccountSnapshot;
  successor?: AccountSnapshot;
  departmentName?: string;
  /** Drafted when the last tier approves, dated the approval day. */
  noticeDraft?: string;
  notice?: {
    publishedAt: string;
    url: string;
    /** The system's draft for the actual publication day. */
    draftText: string;
    /** publishedAt's Beijing (Asia/Shanghai) day + noticePeriodDays: the first day `complete` is accepted. */
    earliestCancellationDate: string;
  };
  platformCancelledAt?: string;
  /** Last working day on which the filing is on time (set on `complete`). */
  filingDueBy?: string;
  /** Set with `filingDueBy` when it was computed over a year the holiday calendar does not know yet. */
  calendarWarning?: CalendarWarning;
  filedAt?: string;
  /** `calendarWarning` when the count crossed a year the holiday calendar does not know yet. */
  filing?: { overdue: boolean; workingDays: number; calendarWarning?: CalendarWarning };
  history: ClosureHistoryEntry[];
  updatedAt: string;
}

/** The account fields a closure needs; a registry `Account` fits. */
export interface ClosureAccountRef {
  id: string;
  name: string;
  platform: AccountSnapshot['platform'];
  handle: string;
  regionCode: string;
  departmentId: string;
  status: AccountStatus;
}

export interface ClosureTransition {
  closure: Closure;
  /** The status the closed account must be given in the same write. */
  accountStatus: AccountStatus;
  /** Audit action name. */
  action: string;
}

export interface ClosureContext {
  actor: Principal;
  now: string;
}

/** Who may request a closure and record notice, completion and filing. */
const OPERATOR_ROLES: readonly Role[] = ['editor', 'office'];

/** Account status that follows each closure status. */
export function accountStatusForClosure(status: ClosureStatus): AccountStatus {
  switch (status) {
    case 'pending':
    case 'approved':
      return 'closure_pending';
    case 'rejected':
      return 'active';
    case 'announcing':
      return 'announcing';
    case 'closed':
    case 'filed':
      return 'closed';
  }
}

const STATUS_NAMES_ZH: Record<ClosureStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  announcing: '公告中',
  closed: '已注销',
  filed: '已备案',
};

const ACTION_NAMES_ZH: Record<ClosureAction, string> = {
  decide: '审批',
  notice: '登记停更公告',
  complete: '确认平台注销',
  file: '登记备案',
};

function illegal(closure: Closure, action: ClosureAction): Conflict {
  const next = NEXT_ACTION[closure.status];
  return new Conflict(
    'illegal_transition',
    `关停申请当前状态为“${STATUS_NAMES_ZH[closure.status]}”，不能${ACTION_NAMES_ZH[action]}` +
      (next ? `（下一步应为${ACTION_NAMES_ZH[next]}）` : '（流程已结束）') +
      ` (illegal transition: ${closure.status} → ${action})`,
  );
}

function assertOperator(closure: Pick<Closure, 'regionCode' | 'departmentId'>, actor: Principal): void {
  if (!canActAs(actor, OPERATOR_ROLES, closure)) {
    throw new Forbidden('只有本单位运维人员或本地区管理部门可以办理 (only an editor of the department or an office of the region)');
  }
}

function assertVersion(closure: Closure, version: number | undefined): void {
  if (version !== undefined && version !== closure.version) throw new StaleVersion(closure.version);
}

function assertRules(rules: ClosureRules): void {
  for (const key of ['noticePeriodDays', 'filingWorkingDays'] as const) {
    const n = rules[key];
    if (!Number.isInteger(n) || n < 0 || n > 3650) throw new InvalidInput([{ path: `rules.${key}`, message: '须为 0–3650 的整数' }]);
  }
}

function step(
  closure: Closure,
  changes: Partial<Closure>,
  entry: Omit<ClosureHistoryEntry, 'from' | 'to'>,
  to: ClosureStatus,
  action: string,
): ClosureTransition {
  const next: Closure = {
    ...closure,
    ...changes,
    status: to,
    version: closure.version + 1,
    history: [...closure.history, { ...entry, from: closure.status, to }],
    updatedAt: entry.at,
  };
  return { closure: next, accountStatus: accountStatusForClosure(to), action };
}

function snapshot(a: ClosureAccountRef): AccountSnapshot {
  return { name: a.name, platform: a.platform, handle: a.handle };
}

/**
 * POST /closures. The caller loads the account (and the successor, when named) as
 * visible to the actor; `id` comes from the IdGenerator; `rules` and `tiers` from the
 * region's profile.
 */
export function createClosure(
  input: ClosureCreate,
  ctx: ClosureContext & {
    id: string;
    account: ClosureAccountRef;
    successor?: ClosureAccountRef;
    departmentName?: string;
    rules?: Partial<ClosureRules>;
    tiers?: readonly Role[];
  },
): ClosureTransition {
  const { account, successor, actor, now } = ctx;
  if (input.accountId !== account.id) throw new InvalidInput([{ path: 'accountId', message: '账号与请求不一致' }]);
  if (!canActAs(actor, OPERATOR_ROLES, account)) {
    throw new Forbidden('只有本单位运维人员或本地区管理部门可以申请关停 (only an editor of the department or an office of the region)');
  }
  if (account.status !== 'active') {
    throw new Conflict(
      'illegal_transition',
      `账号当前状态为 ${account.status}，只有正常运行（active）的账号可以申请关停 (account is not active)`,
    );
  }
  if (input.successorAccountId !== undefined) {
    if (input.successorAccountId === account.id) {
      throw new InvalidInput([{ path: 'successorAccountId', message: '接续账号不能是拟关停的账号本身' }]);
    }
    if (!successor || successor.id !== input.successorAccountId) {
      // Not loaded = not found or not visible: the same 404 as GET /accounts/{id}.
      throw new NotFound('账号');
    }
    if (successor.status !== 'active') {
      throw new RuleViolation('successor_unavailable', '接续账号须为正常运行的账号 (successor account must be active)');
    }
  }
  const rules: ClosureRules = { ...DEFAULT_CLOSURE_RULES, ...stripUndefined(ctx.rules ?? {}) };
  assertRules(rules);
  const tiers = [...(ctx.tiers ?? DEFAULT_CLOSURE_TIERS)];
  assertTiers(tiers);

  const by = actorOf(actor);
  const closure: Closure = {
    id: ctx.id,
    accountId: account.id,
    regionCode: account.regionCode,
    departmentId: account.departmentId,
    reason: input.reason,
    ...(input.successorAccountId !== undefined ? { successorAccountId: input.successorAccountId } : {}),
    status: 'pending',
    version: 1,
    requestedBy: by,
    requestedAt: now,
    tiers,
    decisions: [],
    rules,
    account: snapshot(account),
    ...(successor && input.successorAccountId !== undefined ? { successor: snapshot(successor) } : {}),
    ...(ctx.departmentName ? { departmentName: ctx.departmentName } : {}),
    history: [{ at: now, by, action: 'create', from: null, to: 'pending' }],
    updatedAt: now,
  };
  return { closure, accountStatus: 'closure_pending', action: 'closure.create' };
}

/** The notice text for a given publication day. */
export function noticeTextFor(closure: Closure, noticeDate: string): string {
  return draftStopUpdateNotice({
    account: closure.account,
    ...(closure.successor ? { successor: closure.successor } : {}),
    ...(closure.departmentName ? { departmentName: closure.departmentName } : {}),
    noticeDate,
    noticePeriodDays: closure.rules.noticePeriodDays,
  });
}

/** POST /closures/{id}/decisions. */
export function decideClosure(closure: Closure, input: ClosureDecision, ctx: ClosureContext): ClosureTransition {
  // decideTier checks self-approval, scope, version, pending, tier role, one person one tier.
  const { decision, outcome } = decideTier(closure, input, ctx.actor, ctx.now);
  if (closure.status !== 'pending') throw illegal(closure, 'decide'); // defensive: status and decisions disagree
  const entry = {
    at: ctx.now,
    by: decision.by,
    action: decision.decision,
    tier: decision.tier,
    ...(decision.note ? { note: decision.note } : {}),
  };
  const decisions = [...closure.decisions, decision];
  if (outcome === 'approved') {
    return step(closure, { decisions, noticeDraft: noticeTextFor(closure, beijingDate(ctx.now)) }, entry, 'approved', 'closure.approve');
  }
  if (outcome === 'rejected') return step(closure, { decisions }, entry, 'rejected', 'closure.reject');
  return step(closure, { decisions }, entry, 'pending', 'closure.approve_tier');
}

/** When the last tier approved: the instant of the history entry that moved the closure to `approved`. */
export function approvedAt(closure: Pick<Closure, 'history' | 'requestedAt'>): string {
  for (let i = closure.history.length - 1; i >= 0; i--) {
    if (closure.history[i]!.to === 'approved') return closure.history[i]!.at;
  }
  return closure.requestedAt;
}

/** 2026-11-27T12:00:00Z → 2026年11月27日 20:00 (Asia/Shanghai). */
function formatInstantZh(instant: string): string {
  return `${formatDateZh(beijingDate(instant))} ${new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(11, 16)}`;
}

/** A date field given as a bare day (YYYY-MM-DD) rather than an instant. */
const isBareDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * POST /closures/{id}/notice: approved → announcing. The notice must have been published
 * after the closure was approved (else the notice period could start before the decision)
 * and not later than now (the clock port): both 422 `notice_date`.
 */
export function recordClosureNotice(closure: Closure, input: ClosureNotice, ctx: ClosureContext): ClosureTransition {
  assertOperator(closure, ctx.actor);
  assertVersion(closure, input.version);
  if (closure.status !== 'approved') throw illegal(closure, 'notice');
  const approved = approvedAt(closure);
  if (Date.parse(input.publishedAt) < Date.parse(approved)) {
    throw new RuleViolation(
      'notice_date',
      `停更公告发布时间（${formatInstantZh(input.publishedAt)}）早于关停申请批准时间（${formatInstantZh(approved)}），` +
        `须在批准后发布 (notice dated before the closure was approved at ${approved})`,
    );
  }
  if (Date.parse(input.publishedAt) > Date.parse(ctx.now)) {
    throw new RuleViolation(
      'notice_date',
      `停更公告发布时间（${formatInstantZh(input.publishedAt)}）晚于当前时间，请登记已发布的公告 (notice dated in the future)`,
    );
  }
  const noticeDate = beijingDate(input.publishedAt);
  const notice = {
    publishedAt: input.publishedAt,
    url: input.url,
    draftText: noticeTextFor(closure, noticeDate),
    earliestCancellationDate: addDays(noticeDate, closure.rules.noticePeriodDays),
  };
  return step(closure, { notice }, { at: ctx.now, by: actorOf(ctx.actor), action: 'notice' }, 'announcing', 'closure.notice');
}

/**
 * POST /closures/{id}/complete: announcing → closed, once the notice period has passed.
 * In Asia/Shanghai calendar days: a notice published on day D with a period of N days
 * allows completion from day D+N (that day is accepted, D+N-1 is 422 `notice_period`).
 * A cancellation dated after now (an instant after `ctx.now`, or a bare day after today
 * in Beijing time) is 422 `cancellation_date`.
 */
export function completeClosure(
  closure: Closure,
  input: ClosureComplete,
  ctx: ClosureContext & { calendar?: WorkCalendar },
): ClosureTransition {
  assertOperator(closure, ctx.actor);
  assertVersion(closure, input.version);
  if (closure.status !== 'announcing' || !closure.notice) throw illegal(closure, 'complete');
  const noticeDate = beijingDate(closure.notice.publishedAt);
  const earliest = addDays(noticeDate, closure.rules.noticePeriodDays);
  const cancelled = beijingDate(input.platformCancelledAt);
  const today = beijingDate(ctx.now);
  if (isBareDate(input.platformCancelledAt) ? cancelled > today : Date.parse(input.platformCancelledAt) > Date.parse(ctx.now)) {
    throw new RuleViolation(
      'cancellation_date',
      `平台注销时间（${isBareDate(input.platformCancelledAt) ? formatDateZh(cancelled) : formatInstantZh(input.platformCancelledAt)}）晚于当前时间，` +
        `请在平台确认注销后登记 (cancellation dated in the future)`,
    );
  }
  if (cancelled < earliest) {
    throw new RuleViolation(
      'notice_period',
      `公告期未满：停更公告于${formatDateZh(noticeDate)}发布，公告期 ${closure.rules.noticePeriodDays} 天，` +
        `最早可于${formatDateZh(earliest)}注销 (notice period not over until ${earliest})`,
      { earliest, days: closure.rules.noticePeriodDays },
    );
  }
  const due = filingDueBy(cancelled, closure.rules.filingWorkingDays, ctx.calendar);
  return step(
    closure,
    { platformCancelledAt: input.platformCancelledAt, filingDueBy: due.dueBy, ...(due.calendarWarning ? { calendarWarning: due.calendarWarning } : {}) },
    { at: ctx.now, by: actorOf(ctx.actor), action: 'complete' },
    'closed',
    'closure.complete',
  );
}

/**
 * POST /closures/{id}/filing: closed → filed. Counts the working days from the
 * cancellation day to the filing day (the first working day after the cancellation is
 * day 1; weekends, and the calendar's holidays, do not count); more than
 * `filingWorkingDays` is recorded as `overdue: true` — the filing is still accepted.
 */
export function fileClosure(
  closure: Closure,
  input: ClosureFiling,
  ctx: ClosureContext & { calendar?: WorkCalendar },
): ClosureTransition {
  assertOperator(closure, ctx.actor);
  assertVersion(closure, input.version);
  if (closure.status !== 'closed' || !closure.platformCancelledAt) throw illegal(closure, 'file');
  const cancelled = beijingDate(closure.platformCancelledAt);
  const filed = beijingDate(input.filedAt);
  if (filed < cancelled) {
    throw new RuleViolation(
      'filing_before_closure',
      `备案日期（${formatDateZh(filed)}）不能早于平台注销日期（${formatDateZh(cancelled)}） (filing before cancellation)`,
      { filed, cancelled },
    );
  }
  const { overdue, workingDays, calendarWarning } = filingDelay(cancelled, filed, closure.rules.filingWorkingDays, ctx.calendar);
  const filing = { overdue, workingDays, ...(calendarWarning ? { calendarWarning } : {}) };
  return step(closure, { filedAt: input.filedAt, filing }, { at: ctx.now, by: actorOf(ctx.actor), action: 'file' }, 'filed', 'closure.file');
}

/** For the UI: which action the closure is waiting for, and whether the tiers are done. */
export function closureProgress(closure: Closure): { nextAction: ClosureAction | null; currentTier: number | null } {
  return { nextAction: NEXT_ACTION[closure.status], currentTier: approvalOutcome(closure).currentTier };
}

