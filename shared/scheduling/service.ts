import { ingestPosts, type ActivityPorts, type ActivityStore } from '../activity/ingest';
import type { Post } from '../activity/schemas';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { canSee, type Principal } from '../auth/principal';
import { emptyPage, resolveListScope } from '../auth/scope';
import { checkContent, findPii, OFF_MISSION_SUBCLASSES } from '../content';
import { InvalidInput, NotFound, StaleVersion } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { postEvents, waitingOfDraft, type WaitingWatch } from '../supervision/approvals';
import type { NotificationEvent } from '../supervision/notifications';
import { profileForRegion, type ProfileStore } from '../profiles/catalog';
import type { RuleProfile } from '../profiles/schema';
import { getVisibleAccount, getVisibleDepartment, type AccountStore, type DepartmentStore } from '../registry/registry';
import type { Account } from '../registry/schemas';
import { addDays, isoWeekday, type WorkCalendar } from '../time';
import { mapLimit } from '../util/concurrency';
import { calendarWarnings, weeklyMinimumFromCadence, type CalendarProfile, type CalendarWarning } from './calendar';
import { findingsFromContentCheck, findingsFromPersonalData } from './checks';
import { DEFAULT_DISPATCH_POLICY, idempotencyKey, type DispatchPolicy } from './dispatch';
import {
  confirmNotPublished,
  confirmPublished,
  createScheduledPost,
  decideScheduledPost,
  editScheduledPost,
  expireIfDue,
  retryFailed,
  submitScheduledPost,
  withdrawScheduledPost,
} from './review';
import type {
  CalendarQuery,
  ContentFinding,
  ScheduledPost,
  ScheduledPostConfirm,
  ScheduledPostCreate,
  ScheduledPostDecision,
  ScheduledPostEdit,
  ScheduledPostStatus,
  ScheduledPostSubmit,
  VersionOnly,
} from './schemas';

/**
 * Content scheduling over the store: the functions the routes and the jobs call.
 * Each loads what it needs through ports, applies one pure step of review.ts /
 * dispatch.ts / calendar.ts, and persists the result together with its audit
 * entry (the store writes both in one transaction, conditional on the version
 * the step started from). Nothing here knows a key or a platform API.
 */

import type { Page } from '../page';
export type { Page };

export interface ScheduledPostStore {
  get(id: string): Promise<ScheduledPost | undefined>;
  /** Persists a new post and its audit entry together; `due` (nextActionAt) is when the dispatcher next acts on it. */
  create(post: ScheduledPost, audit: AuditEntry, due: string | undefined): Promise<void>;
  /** Replaces `before` by `after` iff the stored version is still before.version (StaleVersion otherwise), with the audit entry; `due` as for create. */
  replace(before: ScheduledPost, after: ScheduledPost, audit: AuditEntry, due: string | undefined): Promise<void>;
  /** A department's posts, latest publishAt first; publishAt in [fromUtc, toUtc) when given. */
  listByDepartment(
    departmentId: string,
    filter: { status?: ScheduledPostStatus; fromUtc?: string; toUtc?: string },
    limit: number,
    cursor?: string,
  ): Promise<Page<ScheduledPost>>;
  /** Posts of a region prefix in one status (the reviewers' inbox), by region then publishAt. */
  listByStatus(regionPrefix: string, status: ScheduledPostStatus, filter: { fromUtc?: string; toUtc?: string }, limit: number, cursor?: string): Promise<Page<ScheduledPost>>;
  /** Every post of a department with publishAt in [fromUtc, toUtc) (the calendar). */
  allInDepartmentBetween(departmentId: string, fromUtc: string, toUtc: string): Promise<ScheduledPost[]>;
}

export interface SchedulingPorts {
  scheduledPosts: ScheduledPostStore;
  accounts: AccountStore & { allInDepartment(regionCode: string, departmentId: string): Promise<Account[]> };
  departments: DepartmentStore;
  activity: ActivityStore & { postsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<Post[]> };
  profiles: ProfileStore;
  clock: Clock;
  ids: IdGenerator;
  /** The content checker used at ingest (a published post becomes an activity post). */
  classify?: ActivityPorts['classify'];
  /** Recomputes the account's flags once the published post is recorded. */
  refresh?: ActivityPorts['refresh'];
  /** Told what waits for whom after each write (approval notifications and 催办). */
  waiting?: WaitingWatch;
  /** Publishes notifications (a failed post, a post to confirm). */
  announce?: (events: NotificationEvent[]) => Promise<void>;
  /** The official working-day calendar (functions/calendar): suggested slots prefer its working days. */
  calendar?: () => Promise<WorkCalendar>;
}


const utc = (instant: string) => new Date(instant).toISOString();

/** Calendar and list ranges stay within these days (date arithmetic far outside them is meaningless here). */
const EARLIEST_DAY = '2000-01-01';
const LATEST_DAY = '2199-12-31';
function assertSupportedDays(dates: Record<string, string | undefined>): void {
  const issues = Object.entries(dates)
    .filter(([, d]) => d !== undefined && (d < EARLIEST_DAY || d > LATEST_DAY))
    .map(([path]) => ({ path, message: `日期须在 ${EARLIEST_DAY} 至 ${LATEST_DAY} 之间` }));
  if (issues.length) throw new InvalidInput(issues);
}
/** The first instant of a Beijing calendar day, in UTC. */
const dayStartUtc = (date: string) => utc(`${date}T00:00:00+08:00`);

// ---------------------------------------------------------------- principals for work nobody clicked

/** Who writes what no person clicked: expiry, the dispatcher, the recording of a publication. */
export function systemPrincipal(regionCode: string, who: 'system' | 'dispatcher' | 'confirmation' = 'system'): Principal {
  const names = { system: '系统', dispatcher: '发布调度', confirmation: '排期发布确认' } as const;
  return { sub: who, name: names[who], roles: ['office'], region: regionCode };
}

// ---------------------------------------------------------------- due times (the dispatcher's index)

/**
 * When the dispatcher must next look at a post (UTC ISO), or undefined when it never needs to:
 * - draft, rejected, in_review: at publishAt, to expire it;
 * - approved: at publishAt or the scheduled retry, whichever is later;
 * - publishing: when it would count as stuck (the job died mid-publish);
 * - needs_confirmation with an automatic lookup: at nextCheckAt;
 * - otherwise (published, failed, expired, waiting for a person): never.
 */
export function nextActionAt(post: ScheduledPost, policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY): string | undefined {
  switch (post.status) {
    case 'draft':
    case 'rejected':
    case 'in_review':
      return utc(post.publishAt);
    case 'approved': {
      const publishAt = Date.parse(post.publishAt);
      const retryAt = post.nextAttemptAt ? Date.parse(post.nextAttemptAt) : publishAt;
      return new Date(Math.max(publishAt, retryAt)).toISOString();
    }
    case 'publishing':
      return new Date(Date.parse(post.lastAttemptAt ?? post.updatedAt) + policy.stuckAfterMs).toISOString();
    case 'needs_confirmation':
      return post.confirmation?.autoCheck && post.confirmation.nextCheckAt ? utc(post.confirmation.nextCheckAt) : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- persistence with audit

/** The fields of `a` that differ from `b` (history and updatedAt left out): what an audit reader wants. */
function diffView(a: ScheduledPost, b: ScheduledPost): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'history' || k === 'updatedAt') continue;
    if (JSON.stringify(ra[k]) !== JSON.stringify(rb[k])) out[k] = ra[k] ?? null;
  }
  return out;
}

function auditAction(after: ScheduledPost, before: ScheduledPost): string {
  const added = after.history.length > before.history.length ? after.history.at(-1) : undefined;
  return `scheduled_post.${added?.action ?? 'check'}`;
}

/** Writes one step of a post (before → after) with its audit entry; StaleVersion when someone else wrote first. */
export async function saveTransition(
  before: ScheduledPost,
  after: ScheduledPost,
  actor: Principal,
  ports: Pick<SchedulingPorts, 'scheduledPosts' | 'ids' | 'waiting' | 'announce'>,
): Promise<void> {
  await ports.scheduledPosts.replace(
    before,
    after,
    auditEntry(actor, auditAction(after, before), { type: 'scheduled_post', id: after.id }, after, diffView(before, after), diffView(after, before), after.updatedAt, ports.ids.next()),
    nextActionAt(after),
  );
  if (before.status === 'in_review' || after.status === 'in_review') await ports.waiting?.({ kind: 'scheduled_post', id: after.id }, waitingOfDraft(after));
  const events = postEvents(before, after, after.updatedAt);
  if (events.length) await ports.announce?.(events);
}

// ---------------------------------------------------------------- content checks

/**
 * The content checker's findings for a draft: off-mission terms and wording errors from
 * checkContent, personal data from findPii. The checker also reports personal data as
 * (severe) wording; those entries are replaced by findingsFromPersonalData, so an ID-card
 * number stays severe and a mobile number (often a public contact line) is a warning
 * (docs/scheduling.md). Offsets are into `title + "\n" + body` (the checker's text).
 */
export function contentFindings(title: string, body: string): ContentFinding[] {
  const result = checkContent({ title, text: body });
  const full = title ? `${title}\n${body}` : body;
  const pii = findPii(full);
  const isPii = (w: { start: number; end: number }) => pii.some((h) => h.start === w.start && h.end === w.end);
  // The checker's reasons also name the terms behind a service/policy/news decision: only off-mission ones are findings.
  const offMission = result.reasons.filter((r) => (OFF_MISSION_SUBCLASSES as readonly string[]).includes(r.category));
  return [
    ...findingsFromContentCheck({ ...result, reasons: offMission, wording: result.wording.filter((w) => !isPii(w)) }),
    ...findingsFromPersonalData(pii),
  ];
}

// ---------------------------------------------------------------- reading

/** The rule profile scheduling follows (review chain, calendar numbers): the region's. */
async function profileOf(regionCode: string, ports: Pick<SchedulingPorts, 'profiles'>): Promise<RuleProfile> {
  return profileForRegion(regionCode, ports);
}

/** The post if the caller may see it: region roles of its region, editors and approvers of its department. */
async function visiblePost(id: string, actor: Principal, ports: Pick<SchedulingPorts, 'scheduledPosts'>): Promise<ScheduledPost> {
  const post = await ports.scheduledPosts.get(id);
  if (!post || !canSee(actor, post)) throw new NotFound('排期稿件');
  return post;
}

/** GET /scheduled-posts/{id}. A post not approved by its publish time is expired on read, even before the dispatcher's tick. */
export async function getScheduledPost(id: string, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  const post = await visiblePost(id, actor, ports);
  const expired = expireIfDue(post, ports.clock.now());
  if (expired === post) return post;
  try {
    await saveTransition(post, expired, systemPrincipal(post.regionCode), ports);
    return expired;
  } catch (err) {
    if (!(err instanceof StaleVersion)) throw err;
    return (await ports.scheduledPosts.get(id)) ?? post;
  }
}

export interface ScheduledPostListQuery {
  department?: string;
  region?: string;
  status?: ScheduledPostStatus;
  /** Beijing calendar days, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * GET /scheduled-posts. With `department` (or for an editor/approver, their own): that
 * department's posts, optionally in one status. Otherwise a region role lists one status
 * over its region (the reviewers' inbox: `?status=in_review&region=`). The scope is the one
 * list scope (shared/auth/scope.ts).
 */
export async function listScheduledPosts(q: ScheduledPostListQuery, actor: Principal, ports: SchedulingPorts): Promise<Page<ScheduledPost>> {
  assertSupportedDays({ from: q.from, to: q.to });
  const limit = q.limit ?? 50;
  const fromUtc = q.from ? dayStartUtc(q.from) : undefined;
  const toUtc = q.to ? dayStartUtc(addDays(q.to, 1)) : undefined;
  const scope = await resolveListScope(actor, { region: q.region, department: q.department }, ports);
  if (scope.kind === 'department') return ports.scheduledPosts.listByDepartment(scope.departmentId, { status: q.status, fromUtc, toUtc }, limit, q.cursor);
  if (scope.kind === 'none') return emptyPage<ScheduledPost>();
  if (!q.status) {
    throw new InvalidInput([{ path: 'status', message: '按地区查询排期时须指定状态 status（或用 department 查询一个单位的全部排期）' }]);
  }
  return ports.scheduledPosts.listByStatus(scope.regionPrefix, q.status, { fromUtc, toUtc }, limit, q.cursor);
}

// ---------------------------------------------------------------- the review chain

/** POST /scheduled-posts: an editor of the account's department drafts a post; the checker's findings are stored with it. */
export async function createDraft(input: ScheduledPostCreate, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  // Missing or not visible: the same 404 as GET /accounts/{id}.
  const account = await getVisibleAccount(input.accountId, actor, ports);
  const profile = await profileOf(account.regionCode, ports);
  const post = createScheduledPost(input, {
    id: ports.ids.next(),
    now: ports.clock.now(),
    actor,
    account,
    checks: contentFindings(input.title, input.body),
    reviewSteps: profile.approvals.scheduledPost,
  });
  const { history: _history, ...view } = post;
  await ports.scheduledPosts.create(
    post,
    auditEntry(actor, 'scheduled_post.create', { type: 'scheduled_post', id: post.id }, post, null, view, post.createdAt, ports.ids.next()),
    nextActionAt(post),
  );
  return post;
}

/** Loads a visible post, applies one step at `now`, persists it with its audit entry. */
async function step(
  id: string,
  actor: Principal,
  ports: SchedulingPorts,
  apply: (post: ScheduledPost, now: string) => ScheduledPost,
): Promise<{ before: ScheduledPost; after: ScheduledPost }> {
  const before = await visiblePost(id, actor, ports);
  const after = apply(before, ports.clock.now());
  await saveTransition(before, after, actor, ports);
  return { before, after };
}

/** PATCH /scheduled-posts/{id}: a draft or a rejected post; the checker runs again when the text changed. */
export async function editDraft(id: string, input: ScheduledPostEdit, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  const { after } = await step(id, actor, ports, (post, now) => {
    const title = input.title ?? post.title;
    const body = input.body ?? post.body;
    const textChanged = title !== post.title || body !== post.body;
    return editScheduledPost(post, input, actor, now, textChanged ? contentFindings(title, body) : undefined);
  });
  return after;
}

export async function submitDraft(id: string, input: ScheduledPostSubmit, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  return (await step(id, actor, ports, (post, now) => submitScheduledPost(post, input, actor, now))).after;
}

export async function decidePost(id: string, input: ScheduledPostDecision, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  return (await step(id, actor, ports, (post, now) => decideScheduledPost(post, input, actor, now))).after;
}

export async function withdrawPost(id: string, input: VersionOnly, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  return (await step(id, actor, ports, (post, now) => withdrawScheduledPost(post, input, actor, now))).after;
}

export async function confirmNotPublishedPost(id: string, input: VersionOnly, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  return (await step(id, actor, ports, (post, now) => confirmNotPublished(post, input, actor, now))).after;
}

export async function retryPost(id: string, input: VersionOnly, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  return (await step(id, actor, ports, (post, now) => retryFailed(post, input, actor, now))).after;
}

/**
 * POST /scheduled-posts/{id}/confirm: a person records where the post went out. The
 * publication is recorded as an activity post of the account first (idempotent on its
 * external id), then the post becomes `published`: if the second write loses a race,
 * a retry of the confirmation records nothing twice.
 */
export async function confirmPost(id: string, input: ScheduledPostConfirm, actor: Principal, ports: SchedulingPorts): Promise<ScheduledPost> {
  const before = await visiblePost(id, actor, ports);
  const after = confirmPublished(before, input, actor, ports.clock.now());
  await recordPublication(after, systemPrincipal(after.regionCode, 'confirmation'), ports);
  await saveTransition(before, after, actor, ports);
  return after;
}

/**
 * A published post as an activity post of its account (what grading counts), through the
 * same idempotent ingest as every other post: the platform's id is the external id (a
 * manual confirmation without one uses the post's idempotency key). Nothing is recorded
 * for an account that is closed (archived) or gone.
 */
export async function recordPublication(
  post: ScheduledPost,
  recorder: Principal,
  ports: Pick<SchedulingPorts, 'accounts' | 'activity' | 'clock' | 'ids' | 'classify' | 'refresh'>,
): Promise<{ accepted: number; duplicates: number }> {
  const account = await ports.accounts.get(post.accountId);
  if (!account || account.status === 'closed') return { accepted: 0, duplicates: 0 };
  return ingestPosts(
    post.accountId,
    [
      {
        externalId: post.platformPostId ?? idempotencyKey(post),
        publishedAt: post.publishedAt ?? ports.clock.now(),
        title: post.title,
        text: post.body,
        ...(post.platformUrl ? { url: post.platformUrl } : {}),
      },
    ],
    recorder,
    { accounts: ports.accounts, activity: ports.activity, clock: ports.clock, ids: ports.ids, classify: ports.classify, refresh: ports.refresh },
  );
}

// ---------------------------------------------------------------- calendar

/** The calendar's numbers from a rule profile: no-update window, weekly minimum, service share. */
export function calendarProfileOf(profile: RuleProfile): CalendarProfile {
  const { cadence, serviceShare } = profile.indicators;
  const belowPercent = Math.max(0, ...serviceShare.tiers.map((t) => t.belowPercent));
  return {
    noUpdateDays: profile.vetoes.noUpdate.windowDays,
    weeklyMinimum: weeklyMinimumFromCadence(cadence.minPosts, cadence.windowDays),
    serviceShareThreshold: belowPercent / 100,
  };
}

export interface DepartmentCalendar {
  department: string;
  from: string;
  to: string;
  /** The department's active accounts (names for the warnings). */
  accounts: { id: string; name: string; platform: string; lastPostAt?: string }[];
  /** Scheduled posts with publishAt in the range (any status). */
  posts: ScheduledPost[];
  /** Activity posts of the department's accounts published in the range. */
  published: Post[];
  warnings: CalendarWarning[];
}

const READS_IN_FLIGHT = 8;

/**
 * GET /calendar: one department's scheduled and published posts over a range of Beijing
 * days, and the warnings (no-update gaps with suggested slots, low weeks, flagged drafts).
 * The warnings look back `noUpdateDays` before `from` and over the full weeks touching the
 * range, so a gap or a week at the range's edge is judged on all its posts.
 */
export async function departmentCalendar(q: CalendarQuery, actor: Principal, ports: SchedulingPorts): Promise<DepartmentCalendar> {
  assertSupportedDays({ from: q.from, to: q.to });
  const dept = await getVisibleDepartment(q.department, actor, ports);
  const profile = calendarProfileOf(await profileOf(dept.regionCode, ports));
  const monday = addDays(q.from, 1 - isoWeekday(q.from));
  const lookbackStart = addDays(q.from, -profile.noUpdateDays);
  const windowFrom = lookbackStart < monday ? lookbackStart : monday;
  const windowTo = addDays(q.to, 7 - isoWeekday(q.to));
  const [fromUtc, toUtc] = [dayStartUtc(windowFrom), dayStartUtc(addDays(windowTo, 1))];
  const [rangeFrom, rangeTo] = [dayStartUtc(q.from), dayStartUtc(addDays(q.to, 1))];
  const inRange = (instant: string) => {
    const t = utc(instant);
    return t >= rangeFrom && t < rangeTo;
  };

  const accounts = (await ports.accounts.allInDepartment(dept.regionCode, dept.id)).filter((a) => a.status === 'active');
  const [published, scheduled] = await Promise.all([
    mapLimit(accounts, READS_IN_FLIGHT, (a) => ports.activity.postsBetween(a.id, fromUtc, toUtc)).then((lists) => lists.flat()),
    ports.scheduledPosts.allInDepartmentBetween(dept.id, fromUtc, toUtc),
  ]);
  const warnings = calendarWarnings({
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, ...(a.lastPostAt ? { lastPostAt: a.lastPostAt } : {}) })),
    published: published.map((p) => ({
      accountId: p.accountId,
      publishedAt: p.publishedAt,
      ...(p.classification ? { category: p.classification.category } : {}),
    })),
    planned: scheduled.map((p) => ({ id: p.id, accountId: p.accountId, publishAt: p.publishAt, category: p.category, status: p.status, checks: p.checks })),
    profile,
    from: q.from,
    to: q.to,
    now: ports.clock.now(),
    ...(ports.calendar ? { calendar: await ports.calendar() } : {}),
  });
  return {
    department: dept.id,
    from: q.from,
    to: q.to,
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, platform: a.platform, ...(a.lastPostAt ? { lastPostAt: a.lastPostAt } : {}) })),
    posts: scheduled.filter((p) => inRange(p.publishAt)).sort((a, b) => Date.parse(a.publishAt) - Date.parse(b.publishAt)),
    published: published.filter((p) => inRange(p.publishedAt)).sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt)),
    warnings,
  };
}
