import { canActAs, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, RuleViolation, StaleVersion } from '../errors';
import { hasBlockingFinding } from './checks';
import {
  DEFAULT_REVIEW_STEPS,
  SYSTEM_ACTOR,
  type Actor,
  type ContentFinding,
  type HistoryEntry,
  type ReviewDecision,
  type ScheduledPost,
  type ScheduledPostAction,
  type ScheduledPostConfirm,
  type ScheduledPostCreate,
  type ScheduledPostDecision,
  type ScheduledPostEdit,
  type ScheduledPostStatus,
  type ScheduledPostSubmit,
  type VersionOnly,
} from './schemas';

/**
 * The scheduled post's review chain (三审) as a state machine over plain data.
 * Every function takes the stored post and returns the next one (version + 1,
 * one history entry) or throws a typed error; nothing is read or written here.
 * The caller persists `after` with a condition on `before.version`.
 *
 *   draft ──submit──▶ in_review ──approve (each step)──▶ approved ──dispatch──▶ publishing
 *     ▲  ◀──withdraw──    │                                 │ ◀─withdraw─┘
 *     │                   └──reject──▶ rejected ──edit──▶ draft (or submit again)
 *   draft, rejected, in_review ──publishAt reached──▶ expired (never published)
 *
 * The dispatcher's transitions (publishing → published | approved | failed |
 * needs_confirmation) are in dispatch.ts.
 */

/** Which stored statuses each action starts from. Anything else is Conflict('illegal_transition'). */
export const ACTION_FROM: Readonly<Record<ScheduledPostAction, readonly ScheduledPostStatus[]>> = {
  create: [],
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  withdraw: ['in_review', 'approved'],
  approve: ['in_review'],
  reject: ['in_review'],
  expire: ['draft', 'rejected', 'in_review'],
  dispatch: ['approved'],
  // The dispatcher's: settleAttempt starts from publishing, resolveCheck from needs_confirmation.
  published: ['publishing', 'needs_confirmation'],
  retry_scheduled: ['publishing', 'needs_confirmation'],
  failed: ['publishing', 'needs_confirmation'],
  needs_confirmation: ['publishing', 'needs_confirmation'],
  confirm_published: ['approved', 'needs_confirmation', 'failed'],
  confirm_not_published: ['needs_confirmation'],
  retry: ['failed'],
};

/** The actions a person may take on a post in its status (for buttons); permissions are checked on the call. */
export const HUMAN_ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'confirm_published', 'confirm_not_published', 'retry'] as const;
export type HumanAction = (typeof HUMAN_ACTIONS)[number];

export function allowedActions(post: Pick<ScheduledPost, 'status'>): HumanAction[] {
  return HUMAN_ACTIONS.filter((a) => ACTION_FROM[a].includes(post.status));
}

const STATUS_LABELS: Record<ScheduledPostStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  rejected: '已退回',
  approved: '已通过待发布',
  publishing: '发布中',
  published: '已发布',
  failed: '发布失败',
  needs_confirmation: '待确认',
  expired: '已过期',
};

const ACTION_LABELS: Record<ScheduledPostAction, string> = {
  create: '创建',
  edit: '修改',
  submit: '提交审核',
  withdraw: '撤回',
  approve: '审核通过',
  reject: '退回',
  expire: '过期',
  dispatch: '开始发布',
  published: '记录发布成功',
  retry_scheduled: '安排重试',
  failed: '记为失败',
  needs_confirmation: '转待确认',
  confirm_published: '确认已发布',
  confirm_not_published: '确认未发布',
  retry: '重新发布',
};

export function statusLabel(status: ScheduledPostStatus): string {
  return STATUS_LABELS[status];
}

/** Throws Conflict('illegal_transition') unless `action` may start from the post's status. */
export function assertCan(post: Pick<ScheduledPost, 'status'>, action: ScheduledPostAction): void {
  if (!ACTION_FROM[action].includes(post.status)) throw illegalTransition(post.status, action);
}

export function illegalTransition(status: ScheduledPostStatus, action: ScheduledPostAction): Conflict {
  return new Conflict(
    'illegal_transition',
    `当前状态为“${STATUS_LABELS[status]}”，不能${ACTION_LABELS[action]} (illegal transition: ${action} from ${status})`,
  );
}

function assertVersion(post: ScheduledPost, version: number): void {
  if (version !== post.version) throw new StaleVersion(post.version);
}

function actorOf(p: Principal): Actor {
  return { sub: p.sub, name: p.name };
}

function isPast(now: string, instant: string): boolean {
  return Date.parse(now) >= Date.parse(instant);
}

/**
 * The next post: status `to`, version + 1, updatedAt, one history entry.
 * `patch` may carry `undefined` values to remove optional fields.
 */
export function transition(
  post: ScheduledPost,
  to: ScheduledPostStatus,
  action: ScheduledPostAction,
  by: Actor,
  now: string,
  patch: Partial<ScheduledPost> = {},
  note?: string,
  extra: Pick<HistoryEntry, 'acknowledgedFindings' | 'content'> = {},
): ScheduledPost {
  const version = post.version + 1;
  const entry: HistoryEntry = { at: now, by, action, from: post.status, to, version, ...(note ? { note } : {}), ...extra };
  const next: ScheduledPost = { ...post, ...patch, status: to, version, updatedAt: now, history: [...post.history, entry] };
  for (const [k, val] of Object.entries(patch)) {
    if (val === undefined) delete (next as unknown as Record<string, unknown>)[k];
  }
  return next;
}

// ---------------------------------------------------------------- permissions

function assertEditor(post: ScheduledPost, actor: Principal): void {
  if (!canActAs(actor, ['editor'], post)) {
    throw new Forbidden('只有本单位的运维人员（editor）可以起草、修改和提交 (only an editor of this department)');
  }
}

function assertEditorOrApprover(post: ScheduledPost, actor: Principal): void {
  if (!canActAs(actor, ['editor', 'approver'], post)) {
    throw new Forbidden('只有本单位的运维人员或审核人可以确认发布结果 (only an editor or approver of this department)');
  }
}

// ---------------------------------------------------------------- drafting

export interface CreateContext {
  /** The new post's id. */
  id: string;
  /** Current instant (ISO). */
  now: string;
  actor: Principal;
  /** The account the post is for, as stored (already checked visible by the caller). */
  account: { id: string; regionCode: string; departmentId: string; status: string };
  /** The content checker's findings for this title and body. */
  checks?: ContentFinding[];
  /** The review chain after the drafter; default section head then leader. */
  reviewSteps?: readonly Role[];
}

export function createScheduledPost(input: ScheduledPostCreate, ctx: CreateContext): ScheduledPost {
  const { account, actor, now } = ctx;
  if (input.accountId !== account.id) {
    throw new InvalidInput([{ path: 'accountId', message: '账号与请求不一致' }]);
  }
  if (!canActAs(actor, ['editor'], account)) {
    throw new Forbidden('只有本单位的运维人员（editor）可以为该账号排期 (only an editor of the account’s department)');
  }
  if (account.status !== 'active') {
    throw new RuleViolation('account_not_active', '账号不在正常运营状态（关停中或已注销），不能排期发布 (account is not active)');
  }
  if (isPast(now, input.publishAt)) {
    throw new RuleViolation('publish_at_past', '发布时间须晚于当前时间 (publishAt must be in the future)');
  }
  const steps = ctx.reviewSteps && ctx.reviewSteps.length > 0 ? [...ctx.reviewSteps] : [...DEFAULT_REVIEW_STEPS];
  const by = actorOf(actor);
  return {
    id: ctx.id,
    accountId: account.id,
    regionCode: account.regionCode,
    departmentId: account.departmentId,
    publishAt: input.publishAt,
    title: input.title,
    body: input.body,
    category: input.category,
    ...(input.imageUrl !== undefined ? { imageUrl: input.imageUrl } : {}),
    status: 'draft',
    version: 1,
    createdBy: by,
    createdAt: now,
    updatedAt: now,
    reviewSteps: steps,
    round: 0,
    decisions: [],
    checks: ctx.checks ?? [],
    attempts: 0,
    history: [{ at: now, by, action: 'create', from: null, to: 'draft', version: 1 }],
  };
}

/**
 * Edits a draft or a rejected post (a rejected one becomes a draft again).
 * Pass `checks` when the title or body changed: the content checker's findings for the new text.
 */
export function editScheduledPost(
  post: ScheduledPost,
  input: ScheduledPostEdit,
  actor: Principal,
  now: string,
  checks?: ContentFinding[],
): ScheduledPost {
  assertEditor(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'edit');
  assertNotExpired(post, now);
  if (input.publishAt !== undefined && isPast(now, input.publishAt)) {
    throw new RuleViolation('publish_at_past', '发布时间须晚于当前时间 (publishAt must be in the future)');
  }
  const patch: Partial<ScheduledPost> = {};
  if (input.publishAt !== undefined) patch.publishAt = input.publishAt;
  if (input.title !== undefined) patch.title = input.title;
  if (input.body !== undefined) patch.body = input.body;
  if (input.category !== undefined) patch.category = input.category;
  if (input.imageUrl === null) patch.imageUrl = undefined;
  else if (input.imageUrl !== undefined) patch.imageUrl = input.imageUrl;
  if (checks !== undefined) patch.checks = checks;
  return transition(post, 'draft', 'edit', actorOf(actor), now, patch);
}

function assertNotExpired(post: ScheduledPost, now: string): void {
  if (isPast(now, post.publishAt)) {
    throw new RuleViolation('expired', '已到发布时间仍未完成审核，草稿已过期，不会发布 (publish time reached before approval)');
  }
}

/** Sends a draft (or a rejected post) into a new review round. A severe checker finding blocks it. */
export function submitScheduledPost(post: ScheduledPost, input: ScheduledPostSubmit, actor: Principal, now: string): ScheduledPost {
  assertEditor(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'submit');
  assertNotExpired(post, now);
  if (hasBlockingFinding(post.checks)) {
    throw new RuleViolation('content_blocked', '内容检查发现严重问题（严重表述错误或个人信息），修改后才能提交审核 (severe checker finding)');
  }
  // The round's text goes into the history (a diff between rounds); an acknowledgement of the warnings is recorded with it.
  const content = { title: post.title, body: post.body, publishAt: post.publishAt, category: post.category };
  // Only the previous round's text is kept besides this one (a post stays well under the item size limit).
  const lastSubmit = post.history.map((h) => h.action).lastIndexOf('submit');
  const history = post.history.map((h, i) => (h.content && i !== lastSubmit ? withoutContent(h) : h));
  return transition({ ...post, history }, 'in_review', 'submit', actorOf(actor), now, { round: post.round + 1 }, undefined, { content, ...acknowledged(post, input) });
}

/** Takes a post out of review (or out of the publish queue) back to draft; it needs a full review again. */
export function withdrawScheduledPost(post: ScheduledPost, input: VersionOnly, actor: Principal, now: string): ScheduledPost {
  assertEditor(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'withdraw');
  return transition(post, 'draft', 'withdraw', actorOf(actor), now, { nextAttemptAt: undefined });
}

// ---------------------------------------------------------------- review

function withoutContent(h: HistoryEntry): HistoryEntry {
  const { content: _dropped, ...rest } = h;
  return rest;
}

/** The findings a person acknowledged with a submit or a decision: recorded only when there were some. */
function acknowledged(post: ScheduledPost, input: { acknowledgeFindings?: true }): { acknowledgedFindings?: number } {
  return input.acknowledgeFindings && post.checks.length ? { acknowledgedFindings: post.checks.length } : {};
}

/** The decisions of the current round, in order. */
export function currentRoundDecisions(post: ScheduledPost): ReviewDecision[] {
  return post.decisions.filter((d) => d.round === post.round);
}

/** The step waiting for a decision, or undefined when the post is not in review. */
export function currentStep(post: ScheduledPost): { index: number; role: Role } | undefined {
  if (post.status !== 'in_review') return undefined;
  const index = currentRoundDecisions(post).filter((d) => d.decision === 'approve').length;
  const role = post.reviewSteps[index];
  return role === undefined ? undefined : { index, role };
}

/** Did this person write the post (create, edit or submit it)? Then they may not review it. */
function isContributor(post: ScheduledPost, sub: string): boolean {
  return post.createdBy.sub === sub || post.history.some((h) => h.by.sub === sub && (h.action === 'create' || h.action === 'edit' || h.action === 'submit'));
}

/**
 * One reviewer's decision on the current step. Approval of the last step makes
 * the post `approved`; a rejection at any step makes it `rejected` with the note.
 */
export function decideScheduledPost(post: ScheduledPost, input: ScheduledPostDecision, actor: Principal, now: string): ScheduledPost {
  const stepRoles = [...new Set(post.reviewSteps)];
  if (!canActAs(actor, stepRoles, post)) {
    throw new Forbidden('只有本单位的审核人可以审核 (only a reviewer of this department)');
  }
  assertVersion(post, input.version);
  assertCan(post, input.decision);
  const step = currentStep(post);
  if (!step) throw new Conflict('illegal_transition', '没有待审核的环节 (no review step pending)');
  if (!canActAs(actor, [step.role], post)) {
    throw new Forbidden(`第 ${step.index + 1} 审须由本单位的 ${step.role} 审核 (step needs role ${step.role})`);
  }
  if (isContributor(post, actor.sub)) {
    throw new Forbidden('不能审核自己起草或提交的内容 (nobody reviews their own draft)', 'self_approval');
  }
  if (currentRoundDecisions(post).some((d) => d.by.sub === actor.sub)) {
    throw new Forbidden('同一人不能审核两个环节 (one person decides one step)', 'repeat_reviewer');
  }
  if (isPast(now, post.publishAt)) {
    throw new RuleViolation('expired', '已到发布时间仍未完成审核，草稿已过期，不能再审核 (publish time reached)');
  }
  const note = input.note?.trim() || undefined;
  if (input.decision === 'reject' && !note) {
    throw new InvalidInput([{ path: 'note', message: '退回时须填写意见' }]);
  }
  const by = actorOf(actor);
  const decision: ReviewDecision = {
    round: post.round,
    step: step.index,
    role: step.role,
    decision: input.decision,
    by,
    at: now,
    ...(note ? { note } : {}),
    ...acknowledged(post, input),
  };
  const decisions = [...post.decisions, decision];
  if (input.decision === 'reject') return transition(post, 'rejected', 'reject', by, now, { decisions }, note, acknowledged(post, input));
  const last = step.index === post.reviewSteps.length - 1;
  return transition(post, last ? 'approved' : 'in_review', 'approve', by, now, last ? { decisions, attempts: 0 } : { decisions }, note, acknowledged(post, input));
}

/**
 * A post not fully approved when its publish time arrives (at publishAt exactly or later)
 * becomes `expired` and is never published. Returns the same object when nothing is due.
 */
export function expireIfDue(post: ScheduledPost, now: string): ScheduledPost {
  if (!ACTION_FROM.expire.includes(post.status) || !isPast(now, post.publishAt)) return post;
  return transition(post, 'expired', 'expire', SYSTEM_ACTOR, now, {}, '到发布时间仍未完成审核');
}

// ---------------------------------------------------------------- after the dispatcher

/**
 * A person records where the post went out: after a manual-connector task, after an
 * uncertain publish (needs_confirmation), after a failure that in fact went out, or
 * when they published an approved post by hand before the dispatcher did.
 */
export function confirmPublished(post: ScheduledPost, input: ScheduledPostConfirm, actor: Principal, now: string): ScheduledPost {
  assertEditorOrApprover(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'confirm_published');
  return transition(post, 'published', 'confirm_published', actorOf(actor), now, {
    platformUrl: input.url,
    ...(input.platformPostId !== undefined ? { platformPostId: input.platformPostId } : {}),
    publishedAt: now,
    confirmation: undefined,
    nextAttemptAt: undefined,
    lastError: undefined,
  });
}

/** A person checked the platform and the post is not there: it goes back to the queue and is tried now. */
export function confirmNotPublished(post: ScheduledPost, input: VersionOnly, actor: Principal, now: string): ScheduledPost {
  assertEditorOrApprover(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'confirm_not_published');
  return transition(post, 'approved', 'confirm_not_published', actorOf(actor), now, { confirmation: undefined, nextAttemptAt: now });
}

/** The editor asks to try a failed post again (e.g. after renewing credentials); the attempt count restarts. */
export function retryFailed(post: ScheduledPost, input: VersionOnly, actor: Principal, now: string): ScheduledPost {
  assertEditor(post, actor);
  assertVersion(post, input.version);
  assertCan(post, 'retry');
  return transition(post, 'approved', 'retry', actorOf(actor), now, { attempts: 0, nextAttemptAt: now, confirmation: undefined });
}
