import * as v from 'valibot';
import type { Role } from '../auth/principal';
import { HttpUrl, Id, IsoDate, IsoInstant, VersionField } from '../registry/schemas';
import { coded } from '../validation-issues';

/**
 * Scheduled posts (内容排期): the shapes, and the request schemas the API and
 * the web forms share. Messages are Chinese first, like the registry's.
 */

export const POST_CATEGORIES = ['service', 'policy', 'news', 'other'] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];

export const SCHEDULED_POST_STATUSES = [
  'draft',
  'in_review',
  'rejected',
  'approved',
  'publishing',
  'published',
  'failed',
  'needs_confirmation',
  'expired',
] as const;
export type ScheduledPostStatus = (typeof SCHEDULED_POST_STATUSES)[number];

/** Statuses that never change again. */
export const FINAL_STATUSES: readonly ScheduledPostStatus[] = ['published', 'expired'];

/** Statuses the calendar counts as "will probably go out" when it looks for gaps. */
export const PLANNED_STATUSES: readonly ScheduledPostStatus[] = ['draft', 'in_review', 'approved', 'publishing', 'needs_confirmation'];

/** The default review chain after the drafter: section head, then leader (三审). */
export const DEFAULT_REVIEW_STEPS: readonly Role[] = ['approver', 'approver'];

export const SCHEDULED_POST_ACTIONS = [
  'create',
  'edit',
  'submit',
  'withdraw',
  'approve',
  'reject',
  'expire',
  'dispatch',
  'published',
  'retry_scheduled',
  'failed',
  'needs_confirmation',
  'confirm_published',
  'confirm_not_published',
  'retry',
] as const;
export type ScheduledPostAction = (typeof SCHEDULED_POST_ACTIONS)[number];

export interface Actor {
  sub: string;
  name: string;
}

/** Who history names for changes nobody clicked: expiry and the publish dispatcher. */
export const SYSTEM_ACTOR: Actor = { sub: 'system', name: '系统' };

/** One finding of the content checker, stored with the post and shown to reviewers. */
export interface ContentFinding {
  kind: 'off_mission' | 'wording' | 'personal_data';
  /** `severe` blocks submission (a single-veto wording error); `ordinary` is a warning. */
  severity: 'ordinary' | 'severe';
  message: string;
  term?: string;
  /** For an off_mission finding, the checker's subclass (entertainment, advertising, lottery_game, …), which the UI names in words. */
  category?: string;
  suggestion?: string;
  start?: number;
  end?: number;
}

export interface ReviewDecision {
  /** Submission round, from 1; a resubmission after a rejection or withdrawal starts a new round. */
  round: number;
  /** Index into reviewSteps, from 0. */
  step: number;
  role: Role;
  decision: 'approve' | 'reject';
  by: Actor;
  at: string;
  note?: string;
  /** How many checker findings the reviewer acknowledged having read with this decision (issue 15). */
  acknowledgedFindings?: number;
}

/** Why a publish is not known to have happened: the dispatcher or a person must settle it. */
export interface Confirmation {
  /**
   * timeout: the publish call may have reached the platform; interrupted: the dispatcher
   * stopped mid-publish; processing: the platform accepted it and is still publishing;
   * manual: the manual connector made a task for a person.
   */
  reason: 'timeout' | 'interrupted' | 'processing' | 'manual';
  since: string;
  /** The dispatcher asks the connector (findPublished) at nextCheckAt; false: wait for a person. */
  autoCheck: boolean;
  nextCheckAt?: string;
  checks: number;
  /** The platform's reference of an accepted but unfinished publish (e.g. WeChat publish_id). */
  ref?: string;
  /** The manual task's id. */
  taskId?: string;
}

/** A publish failure as the dispatcher sees it; connectors' errors map onto this. */
export interface PublishError {
  /** retryable: nothing happened, try later; permanent: will not work as is; auth: credentials need a person; timeout: may have happened. */
  kind: 'retryable' | 'permanent' | 'timeout' | 'auth';
  /** The platform's code (e.g. "45009") or our own ("timeout", "max_attempts"). */
  code: string;
  message: string;
  retryAfterMs?: number;
}

export interface LastError extends PublishError {
  at: string;
  attempt: number;
}

export interface HistoryEntry {
  at: string;
  by: Actor;
  action: ScheduledPostAction;
  from: ScheduledPostStatus | null;
  to: ScheduledPostStatus;
  /** The version this change produced. */
  version: number;
  note?: string;
  /** On a submit or a review decision: how many checker findings the person acknowledged (issue 15). */
  acknowledgedFindings?: number;
  /** On a submit: the text sent into that review round, so reviewers and editors can compare rounds. */
  content?: { title: string; body: string; publishAt: string; category: string };
}

export interface ScheduledPost {
  id: string;
  accountId: string;
  regionCode: string;
  departmentId: string;
  /** As given by the editor, with its offset. Compare with Date.parse, never as strings. */
  publishAt: string;
  title: string;
  body: string;
  category: PostCategory;
  imageUrl?: string;
  status: ScheduledPostStatus;
  version: number;
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  reviewSteps: Role[];
  /** Current submission round (0 before the first submit). */
  round: number;
  decisions: ReviewDecision[];
  checks: ContentFinding[];
  /** Publish attempts since the last approval or manual retry. */
  attempts: number;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  lastError?: LastError;
  confirmation?: Confirmation;
  platformPostId?: string;
  platformUrl?: string;
  publishedAt?: string;
  history: HistoryEntry[];
}

// ---------------------------------------------------------------- request schemas

const Title = v.pipe(
  v.string('标题须为字符串'),
  v.trim(),
  v.minLength(1, '标题不能为空'),
  v.maxLength(200, '标题不能超过 200 个字符'),
);
const Body = v.pipe(
  v.string('正文须为字符串'),
  v.trim(),
  v.minLength(1, '正文不能为空'),
  v.maxLength(20_000, '正文不能超过 20000 个字符'),
);
const Category = v.picklist(POST_CATEGORIES, `类别须为以下之一：${POST_CATEGORIES.join(', ')}`);
/** An ISO instant with an explicit offset (IsoInstant refuses one without). */
const PublishAt = IsoInstant;
const Note = v.pipe(v.string('意见须为字符串'), v.trim(), v.maxLength(1000, '意见不能超过 1000 个字符'));

/** POST /scheduled-posts. A publishAt in the past is refused by the domain (422), not here. */
export const ScheduledPostCreate = v.strictObject({
  accountId: Id,
  publishAt: PublishAt,
  title: Title,
  body: Body,
  category: Category,
  imageUrl: v.optional(HttpUrl),
});
export type ScheduledPostCreate = v.InferOutput<typeof ScheduledPostCreate>;

/** PATCH /scheduled-posts/{id}: any subset; `imageUrl: null` removes the image. */
export const ScheduledPostEdit = v.pipe(
  v.strictObject({
    publishAt: v.optional(PublishAt),
    title: v.optional(Title),
    body: v.optional(Body),
    category: v.optional(Category),
    imageUrl: v.optional(v.nullable(HttpUrl)),
    version: VersionField,
  }),
  v.check(
    (e) => e.publishAt !== undefined || e.title !== undefined || e.body !== undefined || e.category !== undefined || e.imageUrl !== undefined,
    coded('nothing_changed', '至少修改一项内容'),
  ),
);
export type ScheduledPostEdit = v.InferOutput<typeof ScheduledPostEdit>;

/** POST /scheduled-posts/{id}/submit, /withdraw, /retry, /confirm-not-published. */
export const VersionOnly = v.strictObject({ version: VersionField });
export type VersionOnly = v.InferOutput<typeof VersionOnly>;
/**
 * POST /scheduled-posts/{id}/submit: `{version}` as API.md has it, and optionally
 * `acknowledgeFindings: true` when the editor confirmed having read the checker's warnings
 * (recorded in the history; a severe finding blocks submission whatever is sent).
 */
const AcknowledgeFindings = v.optional(v.literal(true, 'acknowledgeFindings 只能为 true（已阅读检查提示）'));
export const ScheduledPostSubmit = v.strictObject({ version: VersionField, acknowledgeFindings: AcknowledgeFindings });
export type ScheduledPostSubmit = v.InferOutput<typeof ScheduledPostSubmit>;

/** POST /scheduled-posts/{id}/decisions. A rejection must say why. */
export const ScheduledPostDecision = v.pipe(
  v.strictObject({
    decision: v.picklist(['approve', 'reject'], '审核结论须为 approve（通过）或 reject（退回）'),
    note: v.optional(Note),
    version: VersionField,
    /** The reviewer read the checker's findings (issue 15): recorded with the decision. */
    acknowledgeFindings: AcknowledgeFindings,
  }),
  v.forward(
    v.check((d) => d.decision !== 'reject' || (d.note ?? '').length > 0, coded('note_required_on_reject', '退回时须填写意见')),
    ['note'],
  ),
);
export type ScheduledPostDecision = v.InferOutput<typeof ScheduledPostDecision>;

/** POST /scheduled-posts/{id}/confirm: a person confirms where the post went out. */
export const ScheduledPostConfirm = v.strictObject({
  url: HttpUrl,
  platformPostId: v.optional(v.pipe(v.string('平台内容编号须为字符串'), v.trim(), v.minLength(1, '平台内容编号不能为空'), v.maxLength(128, '平台内容编号不能超过 128 个字符'))),
  version: VersionField,
});
export type ScheduledPostConfirm = v.InferOutput<typeof ScheduledPostConfirm>;

/** GET /calendar?department=&from=&to= (dates are Asia/Shanghai calendar days, at most 92 days). */
export const CalendarQuery = v.pipe(
  v.strictObject({
    department: Id,
    from: IsoDate,
    to: IsoDate,
  }),
  v.forward(
    v.check((q) => q.from <= q.to, coded('end_before_start', '结束日期不能早于开始日期')),
    ['to'],
  ),
  v.forward(
    v.check((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 92, coded('range_too_long', '日期范围不能超过 92 天', { days: 92 })),
    ['to'],
  ),
);
export type CalendarQuery = v.InferOutput<typeof CalendarQuery>;
