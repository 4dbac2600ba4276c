import { InvalidInput } from '../errors';
import {
  beijingDay,
  beijingDayOfMs,
  beijingInstant,
  beijingInstantMs,
  dateOfDay,
  dayNumber,
  isWorkingDayNumber,
  mondayOfDay,
  type DayNumber,
  type WorkCalendar,
} from '../time';
import { PLANNED_STATUSES, type ContentFinding, type PostCategory, type ScheduledPostStatus } from './schemas';

/**
 * Calendar warnings for one department over a date range (Asia/Shanghai calendar
 * days): which accounts would breach the no-update window, which weeks have too few
 * posts or too little service content, and which planned drafts the content checker
 * flagged. Each gap and cadence warning carries suggested slots: office-hour
 * instants that, once scheduled, remove it. Pure: the caller passes everything,
 * including `now`.
 *
 * Coverage rule (the national `no_update` veto): a post on day P satisfies every
 * check date D with D − noUpdateDays ≤ P ≤ D. Planned posts (draft, in review,
 * approved, publishing, awaiting confirmation) count as if they will go out:
 * this is a planning view. Rejected, failed and expired posts do not count.
 */

export interface CalendarAccount {
  id: string;
  name: string;
  lastPostAt?: string;
}

/** A post already on the platform (from activity). `category` is the checker's, if known. */
export interface CalendarPublishedPost {
  accountId: string;
  publishedAt: string;
  category?: PostCategory | 'off_mission';
}

/** A scheduled post (any status; the calendar picks the planned ones). */
export interface CalendarPlannedPost {
  id?: string;
  accountId: string;
  publishAt: string;
  category: PostCategory;
  status: ScheduledPostStatus;
  checks?: readonly ContentFinding[];
}

export interface CalendarProfile {
  /** The no-update window in calendar days (national: 14). */
  noUpdateDays: number;
  /** Minimum posts per Monday–Sunday week (national 4 per 28 days → 1; a weekly profile may ask 3). */
  weeklyMinimum: number;
  /** Service (service + policy) share a week should reach, 0–1 (national: 0.3). */
  serviceShareThreshold: number;
}

export const DEFAULT_CALENDAR_PROFILE: Readonly<CalendarProfile> = {
  noUpdateDays: 14,
  weeklyMinimum: 1,
  serviceShareThreshold: 0.3,
};

export interface SlotOptions {
  /** Beijing office-hour times to suggest, in order of preference (default 09:00 and 17:30). */
  slotTimes?: readonly string[];
  /** A suggested slot is at least this far after now, to leave time for drafting and review (default 120). */
  minLeadMinutes?: number;
  /** Suggest a gap's first slot this many days before the breach, when possible (default 2). */
  marginDays?: number;
}

export interface CalendarInput {
  accounts: readonly CalendarAccount[];
  published: readonly CalendarPublishedPost[];
  planned: readonly CalendarPlannedPost[];
  profile: CalendarProfile;
  /** First and last calendar day, 'YYYY-MM-DD', Asia/Shanghai. */
  from: string;
  to: string;
  /** Current instant (ISO). */
  now: string;
  options?: SlotOptions;
  /** The official working-day calendar: slots prefer its working days (Monday to Friday without one). */
  calendar?: WorkCalendar;
}

export interface NoUpdateGapWarning {
  type: 'no_update_gap';
  accountId: string;
  /** First and last day (within the range) on which the account would fail the no-update check. */
  from: string;
  to: string;
  /** Number of such days. */
  days: number;
  /** Day of the latest post (published or planned) before `from`, or null if none. */
  lastPostOn: string | null;
  /** Schedule all of these (usually one) and the warning goes away. Empty when the gap is in the past. */
  suggestedSlots: string[];
}

export interface LowCadenceWarning {
  type: 'low_cadence';
  accountId: string;
  /** The week's Monday, 'YYYY-MM-DD'. */
  week: string;
  count: number;
  minimum: number;
  suggestedSlots: string[];
}

export interface LowServiceShareWarning {
  type: 'low_service_share';
  accountId: string;
  week: string;
  /** Service and policy posts over all posts of the week, 0–1 (rounded to 4 places). */
  share: number;
  threshold: number;
  count: number;
}

export interface ContentFlaggedWarning {
  type: 'content_flagged';
  accountId: string;
  postId: string;
  publishAt: string;
  findings: number;
  severe: boolean;
}

export type CalendarWarning = NoUpdateGapWarning | LowCadenceWarning | LowServiceShareWarning | ContentFlaggedWarning;

/** Posts per week from a "minPosts in windowDays" rule, rounded up: 4 in 28 days → 1. */
export function weeklyMinimumFromCadence(minPosts: number, windowDays: number): number {
  if (windowDays <= 0) return minPosts;
  return Math.ceil((minPosts * 7) / windowDays);
}

const MAX_RANGE_DAYS = 400;
const SERVICE_CATEGORIES: readonly string[] = ['service', 'policy'];

interface Slot {
  day: DayNumber;
  iso: string;
}

class SlotFinder {
  readonly earliestDay: DayNumber;
  private readonly earliestMs: number;
  private readonly times: readonly string[];
  /** A working day of the calendar: slots prefer these. */
  readonly isWorkday: (d: DayNumber) => boolean;

  constructor(now: string, options: SlotOptions, calendar?: WorkCalendar) {
    this.isWorkday = (d) => isWorkingDayNumber(d, calendar);
    this.times = options.slotTimes && options.slotTimes.length > 0 ? options.slotTimes : ['09:00', '17:30'];
    this.earliestMs = Date.parse(now) + (options.minLeadMinutes ?? 120) * 60_000;
    this.earliestDay = beijingDayOfMs(this.earliestMs);
  }

  /** The first office-hour slot on `day` far enough in the future, if any. */
  on(day: DayNumber): Slot | undefined {
    for (const t of this.times) {
      if (beijingInstantMs(day, t) >= this.earliestMs) return { day, iso: beijingInstant(day, t) };
    }
    return undefined;
  }

  /** The latest usable day in [lo, hi] (going down) that passes `ok`. */
  latest(hi: DayNumber, lo: DayNumber, ok: (d: DayNumber) => boolean): Slot | undefined {
    for (let d = hi; d >= Math.max(lo, this.earliestDay); d--) {
      if (!ok(d)) continue;
      const s = this.on(d);
      if (s) return s;
    }
    return undefined;
  }

  /** The earliest usable day in [lo, hi] that passes `ok`. */
  earliest(lo: DayNumber, hi: DayNumber, ok: (d: DayNumber) => boolean): Slot | undefined {
    for (let d = Math.max(lo, this.earliestDay); d <= hi; d++) {
      if (!ok(d)) continue;
      const s = this.on(d);
      if (s) return s;
    }
    return undefined;
  }
}

interface DatedPost {
  day: DayNumber;
  category: string | undefined;
}

export function calendarWarnings(input: CalendarInput): CalendarWarning[] {
  const fromDay = dayNumber(input.from);
  const toDay = dayNumber(input.to);
  if (!(toDay >= fromDay)) throw new InvalidInput([{ path: 'to', message: '结束日期不能早于开始日期' }]);
  if (toDay - fromDay >= MAX_RANGE_DAYS) throw new InvalidInput([{ path: 'to', message: `日期范围不能超过 ${MAX_RANGE_DAYS} 天` }]);

  const { profile } = input;
  const slots = new SlotFinder(input.now, input.options ?? {}, input.calendar);
  const marginDays = input.options?.marginDays ?? 2;

  const postsByAccount = new Map<string, DatedPost[]>();
  const add = (accountId: string, p: DatedPost) => {
    const list = postsByAccount.get(accountId);
    if (list) list.push(p);
    else postsByAccount.set(accountId, [p]);
  };
  for (const p of input.published) add(p.accountId, { day: beijingDay(p.publishedAt), category: p.category });
  for (const p of input.planned) {
    if (PLANNED_STATUSES.includes(p.status)) add(p.accountId, { day: beijingDay(p.publishAt), category: p.category });
  }

  const warnings: CalendarWarning[] = [];
  for (const account of input.accounts) {
    const posts = postsByAccount.get(account.id) ?? [];
    const days = [...new Set([...posts.map((p) => p.day), ...(account.lastPostAt ? [beijingDay(account.lastPostAt)] : [])])].sort((a, b) => a - b);
    warnings.push(...gapWarnings(account.id, days, fromDay, toDay, profile.noUpdateDays, marginDays, slots));
    warnings.push(...weekWarnings(account.id, posts, fromDay, toDay, profile, slots));
  }
  const inRange = new Set(input.accounts.map((a) => a.id));
  for (const p of input.planned) {
    if (!p.id || !p.checks || p.checks.length === 0 || !inRange.has(p.accountId)) continue;
    if (!PLANNED_STATUSES.includes(p.status) && p.status !== 'rejected') continue;
    const day = beijingDay(p.publishAt);
    if (day < fromDay || day > toDay) continue;
    warnings.push({
      type: 'content_flagged',
      accountId: p.accountId,
      postId: p.id,
      publishAt: p.publishAt,
      findings: p.checks.length,
      severe: p.checks.some((c) => c.severity === 'severe'),
    });
  }
  return warnings;
}

function gapWarnings(
  accountId: string,
  postDays: readonly DayNumber[],
  fromDay: DayNumber,
  toDay: DayNumber,
  window: number,
  marginDays: number,
  slots: SlotFinder,
): NoUpdateGapWarning[] {
  const out: NoUpdateGapWarning[] = [];
  let idx = -1; // postDays[idx] is the latest post day ≤ d
  let runStart: DayNumber | undefined;
  const close = (runEnd: DayNumber) => {
    if (runStart === undefined) return;
    const before = postDays.filter((p) => p < runStart!);
    const last = before.length > 0 ? before[before.length - 1]! : undefined;
    out.push({
      type: 'no_update_gap',
      accountId,
      from: dateOfDay(runStart),
      to: dateOfDay(runEnd),
      days: runEnd - runStart + 1,
      lastPostOn: last === undefined ? null : dateOfDay(last),
      suggestedSlots: planGap(runStart, runEnd, window, marginDays, slots),
    });
    runStart = undefined;
  };
  for (let d = fromDay; d <= toDay; d++) {
    while (idx + 1 < postDays.length && postDays[idx + 1]! <= d) idx++;
    const latest = idx >= 0 ? postDays[idx] : undefined;
    const covered = latest !== undefined && latest >= d - window;
    if (!covered && runStart === undefined) runStart = d;
    if (covered && runStart !== undefined) close(d - 1);
  }
  close(toDay);
  return out;
}

/**
 * Slots that together cover every breach day from `start` to `end`: greedily, the
 * latest workday at least `marginDays` before the first uncovered day (falling back
 * to the day before it, then to a weekend day), each post covering the next `window`
 * days. When no day before the breach is still possible, the earliest possible slot.
 */
function planGap(start: DayNumber, end: DayNumber, window: number, marginDays: number, slots: SlotFinder): string[] {
  const out: string[] = [];
  let cur = start;
  while (cur <= end && out.length < 64) {
    const lo = cur - window;
    const pick =
      slots.latest(cur - 1 - marginDays, lo, slots.isWorkday) ??
      slots.latest(cur - 1, lo, slots.isWorkday) ??
      slots.latest(cur - 1, lo, () => true) ??
      slots.earliest(cur, end, slots.isWorkday) ??
      slots.earliest(cur, end, () => true);
    if (!pick) break;
    out.push(pick.iso);
    cur = pick.day + window + 1;
  }
  return out;
}

function weekWarnings(
  accountId: string,
  posts: readonly DatedPost[],
  fromDay: DayNumber,
  toDay: DayNumber,
  profile: CalendarProfile,
  slots: SlotFinder,
): (LowCadenceWarning | LowServiceShareWarning)[] {
  const out: (LowCadenceWarning | LowServiceShareWarning)[] = [];
  for (let monday = mondayOfDay(fromDay); monday <= toDay; monday += 7) {
    const sunday = monday + 6;
    const week = posts.filter((p) => p.day >= monday && p.day <= sunday);
    const count = week.length;
    if (count < profile.weeklyMinimum) {
      const taken = new Set(week.map((p) => p.day));
      const suggestedSlots: string[] = [];
      for (let d = monday; d <= sunday && suggestedSlots.length < profile.weeklyMinimum - count; d++) {
        if (taken.has(d) || !slots.isWorkday(d)) continue;
        const s = slots.on(d);
        if (s && d >= slots.earliestDay) suggestedSlots.push(s.iso);
      }
      out.push({ type: 'low_cadence', accountId, week: dateOfDay(monday), count, minimum: profile.weeklyMinimum, suggestedSlots });
    }
    if (count > 0) {
      const service = week.filter((p) => p.category !== undefined && SERVICE_CATEGORIES.includes(p.category)).length;
      const share = service / count;
      if (share < profile.serviceShareThreshold) {
        out.push({
          type: 'low_service_share',
          accountId,
          week: dateOfDay(monday),
          share: Math.round(share * 10_000) / 10_000,
          threshold: profile.serviceShareThreshold,
          count,
        });
      }
    }
  }
  return out;
}
