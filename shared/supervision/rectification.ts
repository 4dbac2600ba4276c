/**
 * Rectification (整改) as pure functions: an office issues a notice from an inspection, one item
 * per failed account; each department answers its items; the office re-checks (复查) against a
 * fresh grade and accepts or reopens each one.
 *
 *   item:   open ──respond──▶ responded ──review: accept (re-grade passes)──▶ verified
 *             ▲                   │
 *             └──review: reopen───┘
 *   shown:  open or responded after the due date's end (Beijing time) → `overdue`
 *   notice: open → closed when every item is verified or its account closed
 *
 * Items are stored one by one with their own version, so two reviewers of one item race on
 * one conditional write and exactly one wins; items of different departments never contend.
 */
import { canActAs, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, RuleViolation, StaleVersion } from '../errors';
import type { Grade } from '../grading/types';
import type { Platform } from '../registry/schemas';
import { addWorkingDays, beijingDate, calendarWarningFor, type CalendarWarning, type WorkCalendar } from '../time';
import { actorOf, type Actor } from '../approvals/tiers';

export const ITEM_STAGES = ['open', 'responded', 'verified'] as const;
export type ItemStage = (typeof ITEM_STAGES)[number];
export type ItemStatus = ItemStage | 'overdue' | 'account_closed';
export type RectificationStatus = 'open' | 'closed';

/** Who may issue and review: the region's office. */
export const REVIEW_ROLES: readonly Role[] = ['office', 'reviewer'];
/** Who answers an item: the department's own people. */
export const RESPONSE_ROLES: readonly Role[] = ['editor', 'approver'];

/** A veto or a deduction of the inspected grade, copied with its evidence. */
export interface Problem {
  kind: 'veto' | 'deduction';
  code: string;
  evidence: unknown;
  points?: number;
}

export interface ItemResponse {
  measures: string;
  evidenceUrls: string[];
  by: Actor;
  at: string;
  /** Answered after the due date's end. */
  late: boolean;
}

/** The re-check grade kept with a review (复查结果). */
export interface Recheck {
  checkDate: string;
  verdict: Grade['verdict'];
  score: number | null;
  vetoes: string[];
  deductions: { code: string; points: number }[];
}

export interface ItemHistoryEntry {
  at: string;
  by: Actor;
  action: 'issue' | 'respond' | 'accept' | 'reopen' | 'extend' | 'closure_requested';
  from: ItemStage | null;
  to: ItemStage;
  note?: string;
  recheck?: Recheck;
}

export interface RectificationItem {
  id: string;
  rectificationId: string;
  regionCode: string;
  accountId: string;
  departmentId: string;
  account: { name: string; platform: Platform; handle: string };
  departmentName?: string;
  problems: Problem[];
  stage: ItemStage;
  /** Set when read: `stage`, or `overdue`/`account_closed` (see {@link itemStatus}). */
  status?: ItemStatus;
  dueDate: string;
  response?: ItemResponse;
  recheck?: Recheck;
  closureId?: string;
  history: ItemHistoryEntry[];
  version: number;
  updatedAt: string;
}

export interface Rectification {
  id: string;
  inspectionId: string;
  regionCode: string;
  profile: { name: string; version: number };
  checkDate: string;
  issuedAt: string;
  issuedBy: Actor;
  dueDate: string;
  /** Set when the default due date was computed over a year the holiday calendar does not know yet. */
  calendarWarning?: CalendarWarning;
  note?: string;
  /** Set when read, from the items (see {@link rectificationStatus}). */
  status?: RectificationStatus;
  itemCount: number;
}

/** What an issue needs from the inspection: its identity and the failed grades with their accounts. */
export interface InspectionForRectification {
  id: string;
  regionCode: string;
  checkDate: string;
  profile: string;
  profileVersion: number;
  failed: {
    grade: Pick<Grade, 'accountId' | 'vetoes' | 'deductions'>;
    account: { id: string; name: string; platform: Platform; handle: string; departmentId: string; regionCode: string };
    departmentName?: string;
  }[];
}

export interface IssueInput {
  dueDate?: string;
  note?: string;
}

export interface Ctx {
  actor: Principal;
  now: string;
  calendar?: WorkCalendar;
}

/** The last day of the answer period: `workingDays` working days after the day of issue. */
export function defaultDueDate(issuedAt: string, workingDays: number, calendar?: WorkCalendar): string {
  return addWorkingDays(beijingDate(issuedAt), workingDays, calendar);
}

export function problemsOf(grade: Pick<Grade, 'vetoes' | 'deductions'>): Problem[] {
  return [
    ...grade.vetoes.map((v) => ({ kind: 'veto' as const, code: v.code, evidence: v.evidence })),
    ...grade.deductions.filter((d) => d.points > 0).map((d) => ({ kind: 'deduction' as const, code: d.code, evidence: d.evidence, points: d.points })),
  ];
}

/** POST /rectifications: one item per failed account; the caller checks "one notice per inspection" in the write. */
export function issueRectification(
  inspection: InspectionForRectification,
  input: IssueInput,
  ctx: Ctx & { ids: () => string; workingDays: number },
): { rectification: Rectification; items: RectificationItem[] } {
  if (!canActAs(ctx.actor, REVIEW_ROLES, { regionCode: inspection.regionCode })) {
    throw new Forbidden('只有本地区的宣传（政务公开）部门可以下发整改通知 (only the region\'s office or reviewer)');
  }
  if (inspection.failed.length === 0) {
    throw new RuleViolation('nothing_to_rectify', '本次检查没有不合格账号，无需下发整改通知 (the inspection found no failing account)');
  }
  const today = beijingDate(ctx.now);
  const dueDate = input.dueDate ?? defaultDueDate(ctx.now, ctx.workingDays, ctx.calendar);
  // A due date the office chose is its own; a computed one says when the calendar could not know.
  const calendarWarning = input.dueDate ? undefined : calendarWarningFor(ctx.calendar, today, dueDate);
  if (dueDate <= today) throw new RuleViolation('due_date_past', `整改期限（${dueDate}）须晚于下发日（${today}）(the due date must be after today)`);
  const by = actorOf(ctx.actor);
  const rectification: Rectification = {
    id: ctx.ids(),
    inspectionId: inspection.id,
    regionCode: inspection.regionCode,
    profile: { name: inspection.profile, version: inspection.profileVersion },
    checkDate: inspection.checkDate,
    issuedAt: ctx.now,
    issuedBy: by,
    dueDate,
    ...(calendarWarning ? { calendarWarning } : {}),
    ...(input.note ? { note: input.note } : {}),
    itemCount: inspection.failed.length,
  };
  const items = inspection.failed.map(({ grade, account, departmentName }): RectificationItem => ({
    id: ctx.ids(),
    rectificationId: rectification.id,
    regionCode: account.regionCode,
    accountId: account.id,
    departmentId: account.departmentId,
    account: { name: account.name, platform: account.platform, handle: account.handle },
    ...(departmentName ? { departmentName } : {}),
    problems: problemsOf(grade),
    stage: 'open',
    dueDate,
    history: [{ at: ctx.now, by, action: 'issue', from: null, to: 'open' }],
    version: 1,
    updatedAt: ctx.now,
  }));
  return { rectification, items };
}

/** Past the end of the due date in Beijing time. */
export function isPastDue(dueDate: string, now: string): boolean {
  return beijingDate(now) > dueDate;
}

/** What a user sees: the stage, or `overdue` once the due date has ended unverified, or `account_closed`. */
export function itemStatus(item: Pick<RectificationItem, 'stage' | 'dueDate'>, now: string, accountClosed = false): ItemStatus {
  if (item.stage === 'verified') return 'verified';
  if (accountClosed) return 'account_closed';
  return isPastDue(item.dueDate, now) ? 'overdue' : item.stage;
}

/** Closed when every item is verified or its account closed. */
export function rectificationStatus(statuses: readonly ItemStatus[]): RectificationStatus {
  return statuses.every((s) => s === 'verified' || s === 'account_closed') ? 'closed' : 'open';
}

function expectVersion(item: RectificationItem, version: number) {
  if (item.version !== version) throw new StaleVersion(item.version);
}

function illegal(item: RectificationItem, action: string): never {
  throw new Conflict('illegal_transition', `整改事项当前状态为「${STAGE_NAMES_ZH[item.stage]}」，不能${action} (illegal transition from ${item.stage})`);
}

export const STAGE_NAMES_ZH: Record<ItemStatus, string> = {
  open: '待整改',
  responded: '已反馈',
  verified: '已复查通过',
  overdue: '逾期未整改',
  account_closed: '账号已关停',
};

export interface ResponseInput {
  measures: string;
  evidenceUrls?: string[];
  version: number;
}

/** POST .../items/{itemId}/response: the department says what it did. */
export function respondToItem(item: RectificationItem, input: ResponseInput, ctx: Ctx): RectificationItem {
  if (!canActAs(ctx.actor, RESPONSE_ROLES, item)) {
    throw new Forbidden('只有该账号主办单位的运维人员或审核人可以反馈整改情况 (only the department\'s editor or approver)');
  }
  expectVersion(item, input.version);
  if (item.stage !== 'open') illegal(item, '反馈');
  const by = actorOf(ctx.actor);
  return {
    ...item,
    stage: 'responded',
    response: { measures: input.measures, evidenceUrls: input.evidenceUrls ?? [], by, at: ctx.now, late: isPastDue(item.dueDate, ctx.now) },
    history: [...item.history, { at: ctx.now, by, action: 'respond', from: item.stage, to: 'responded' }],
    version: item.version + 1,
    updatedAt: ctx.now,
  };
}

export interface ReviewInput {
  decision: 'accept' | 'reopen';
  note?: string;
  version: number;
}

export function recheckOf(grade: Grade): Recheck {
  return {
    checkDate: grade.checkDate,
    verdict: grade.verdict,
    score: grade.score,
    vetoes: grade.vetoes.map((v) => v.code),
    deductions: grade.deductions.filter((d) => d.points > 0).map((d) => ({ code: d.code, points: d.points })),
  };
}

/** The checks a review makes before the re-grade is computed (so a refused review costs no grading). */
export function assertMayReview(item: RectificationItem, input: Pick<ReviewInput, 'version'>, actor: Principal): void {
  if (!canActAs(actor, REVIEW_ROLES, item)) throw new Forbidden('只有本地区的宣传（政务公开）部门可以复查 (only the region\'s office or reviewer)');
  if (item.response && item.response.by.sub === actor.sub) {
    throw new Forbidden('不能复查自己反馈的整改事项 (you cannot review your own response)', 'self_review');
  }
  expectVersion(item, input.version);
  if (item.stage !== 'responded') illegal(item, '复查');
}

/** POST .../items/{itemId}/review with the account re-graded today under the inspection's profile. */
export function reviewItem(item: RectificationItem, input: ReviewInput, recheck: Grade, ctx: Ctx): RectificationItem {
  assertMayReview(item, input, ctx.actor);
  const kept = recheckOf(recheck);
  if (input.decision === 'accept' && recheck.verdict === 'fail') {
    const why = [...kept.vetoes, ...kept.deductions.map((d) => `${d.code} -${d.points}`)].join(', ');
    throw new RuleViolation('still_failing', `复查（${kept.checkDate}）该账号仍不合格（${why}），不能通过 (the account still fails the re-check)`);
  }
  const to: ItemStage = input.decision === 'accept' ? 'verified' : 'open';
  const by = actorOf(ctx.actor);
  return {
    ...item,
    stage: to,
    recheck: kept,
    history: [...item.history, { at: ctx.now, by, action: input.decision, from: item.stage, to, ...(input.note ? { note: input.note } : {}), recheck: kept }],
    version: item.version + 1,
    updatedAt: ctx.now,
  };
}

export interface ExtensionInput {
  dueDate: string;
  note: string;
  version: number;
}

/** The office grants one item a later deadline (延期), with its reason; the history keeps the old one. */
export function extendItem(item: RectificationItem, input: ExtensionInput, ctx: Ctx): RectificationItem {
  if (!canActAs(ctx.actor, REVIEW_ROLES, item)) throw new Forbidden('只有本地区的宣传（政务公开）部门可以延期 (only the region\'s office or reviewer)');
  expectVersion(item, input.version);
  if (item.stage === 'verified') illegal(item, '延期');
  const today = beijingDate(ctx.now);
  if (input.dueDate <= today || input.dueDate <= item.dueDate) {
    throw new RuleViolation('due_date_past', `新的整改期限（${input.dueDate}）须晚于今天（${today}）和原期限（${item.dueDate}）(the new due date must be later)`);
  }
  return {
    ...item,
    dueDate: input.dueDate,
    history: [...item.history, { at: ctx.now, by: actorOf(ctx.actor), action: 'extend', from: item.stage, to: item.stage, note: `${input.note}（原期限 ${item.dueDate}）` }],
    version: item.version + 1,
    updatedAt: ctx.now,
  };
}

/** The item chose closure instead: the closure request's id is kept on the item. */
export function assertMayLinkClosure(item: RectificationItem): void {
  if (item.stage === 'verified') illegal(item, '申请关停');
  if (item.closureId) throw new Conflict('closure_already_requested', '该整改事项已申请关停 (a closure was already requested for this item)');
}

export function linkClosure(item: RectificationItem, closureId: string, ctx: Ctx): RectificationItem {
  assertMayLinkClosure(item);
  return {
    ...item,
    closureId,
    history: [...item.history, { at: ctx.now, by: actorOf(ctx.actor), action: 'closure_requested', from: item.stage, to: item.stage }],
    version: item.version + 1,
    updatedAt: ctx.now,
  };
}
