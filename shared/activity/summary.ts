/**
 * The activity summary (issue 13, decision 31): per account, what grading and the activity
 * flags need from its posts and metric snapshots, kept as one item and maintained on ingest,
 * so an inspection reads one item per account instead of every post in the look-back.
 *
 * What the rules use (shared/grading/grade.ts, flags.ts) and so what is kept, per Beijing day:
 * the ids of the day's posts (the latest post and cadence's evidence name them), counts by
 * category (service share, off-mission share) and of reposts (originality); per post with a
 * finding (off-mission, or any wording error) its category, off-mission terms and wording
 * errors (the evidence of off_mission_share, wording, security and the off_mission flag);
 * and the metric snapshots' graded fields (no_interaction, security incidents, service
 * links, the fake-engagement suspicion). Texts and titles are not kept: the classification
 * is made once at ingest.
 *
 * The summary is exact for every Beijing day from `coveredFrom` on. Folding prunes what is
 * older than {@link RETAIN_DAYS} before the ingest's day; a grading window that starts before
 * `coveredFrom` (a long custom window, an old check date) reads the posts instead.
 * Folding is idempotent: a post id already kept on its day, or a snapshot of the same
 * instant, changes nothing.
 *
 * Pure: no clock, no I/O.
 */
import { beijingDay, dateOfDay, dayNumber } from '../time';
import type { MetricSnapshot, Post, PostClassification } from './schemas';

/** Days kept before the day of the latest fold (the built-in profiles look back 90 days). */
export const RETAIN_DAYS = 120;

export const CATEGORIES = ['service', 'policy', 'news', 'off_mission'] as const;
type Category = (typeof CATEGORIES)[number];

export interface SummaryDay {
  /** Post ids of the day, sorted. */
  ids: string[];
  /** Posts by category, in {@link CATEGORIES} order (an unclassified post counts as news, as the engine reads it). */
  counts: [number, number, number, number];
  /** Reposts among them (the rest are original). */
  reposts: number;
}

/** A post some rule names with more than its id: off-mission, or with wording errors. */
export interface SummaryFinding {
  date: string;
  category: Category;
  /** Off-mission terms (the evidence names them). */
  offMissionTerms?: string[];
  wording?: { error: string; suggestion: string; severity: 'ordinary' | 'severe' }[];
}

/** A metric snapshot's graded fields. */
export interface SummarySnapshot {
  at: string;
  /** `at` as a UTC instant: snapshots are keyed and ordered by it. */
  atUtc: string;
  followers?: number;
  messagesReceived?: number;
  oldestUnansweredDays?: number;
  brokenServiceLinks?: string[];
  securityIncident?: string;
}

export interface ActivitySummary {
  accountId: string;
  /** Write revision (optimistic concurrency: a write replaces exactly the revision it read). */
  rev: number;
  /** First Beijing date ('YYYY-MM-DD') the summary is exact for. */
  coveredFrom: string;
  /** The newest post folded in (by UTC instant, then id); informational. */
  latest: { at: string; id: string } | null;
  days: Record<string, SummaryDay>;
  findings: Record<string, SummaryFinding>;
  /** Oldest first by atUtc. */
  snapshots: SummarySnapshot[];
}

const utc = (instant: string) => new Date(instant).toISOString();

export function emptySummary(accountId: string, coveredFrom: string): ActivitySummary {
  return { accountId, rev: 0, coveredFrom, latest: null, days: {}, findings: {}, snapshots: [] };
}

function categoryOf(c: PostClassification | undefined): Category {
  return c ? c.category : 'news';
}

function findingOf(p: Post, date: string): SummaryFinding | undefined {
  const c = p.classification;
  if (!c) return undefined;
  const wording = (c.wording ?? []).map((w) => ({ error: w.error, suggestion: w.suggestion, severity: w.severity }));
  if (c.category !== 'off_mission' && !wording.length) return undefined;
  return {
    date,
    category: c.category,
    ...(c.category === 'off_mission' ? { offMissionTerms: (c.offMissionReasons ?? []).map((r) => r.term) } : {}),
    ...(wording.length ? { wording } : {}),
  };
}

/** Drops what lies before `today − RETAIN_DAYS` and moves `coveredFrom` there (in place). */
function prune(s: ActivitySummary, today: string | undefined): void {
  if (!today) return;
  const from = dateOfDay(dayNumber(today) - RETAIN_DAYS);
  if (from <= s.coveredFrom) return;
  s.coveredFrom = from;
  for (const d of Object.keys(s.days)) if (d < from) delete s.days[d];
  for (const [id, f] of Object.entries(s.findings)) if (f.date < from) delete s.findings[id];
  s.snapshots = s.snapshots.filter((x) => dateOfDay(beijingDay(x.at)) >= from);
}

function copy(s: ActivitySummary): ActivitySummary {
  return {
    ...s,
    days: Object.fromEntries(Object.entries(s.days).map(([d, v]) => [d, { ids: [...v.ids], counts: [...v.counts] as SummaryDay['counts'], reposts: v.reposts }])),
    findings: { ...s.findings },
    snapshots: [...s.snapshots],
  };
}

/**
 * The summary with `posts` folded in (a new object; the input is not changed). A post before
 * `coveredFrom`, or whose id the summary already holds (on any day), changes nothing: the first wins, as in the store. With `today` (the
 * ingest's Beijing date) days older than {@link RETAIN_DAYS} are pruned.
 */
export function foldIntoSummary(summary: ActivitySummary, posts: readonly Post[], options: { today?: string } = {}): ActivitySummary {
  const s = copy(summary);
  prune(s, options.today);
  const kept = new Set<string>();
  for (const d of Object.values(s.days)) for (const id of d.ids) kept.add(id);
  for (const p of posts) {
    const date = dateOfDay(beijingDay(p.publishedAt));
    if (date < s.coveredFrom || kept.has(p.externalId)) continue;
    kept.add(p.externalId);
    const day = (s.days[date] ??= { ids: [], counts: [0, 0, 0, 0], reposts: 0 });
    day.ids.push(p.externalId);
    day.ids.sort();
    day.counts[CATEGORIES.indexOf(categoryOf(p.classification))]!++;
    if (p.isRepost) day.reposts++;
    const finding = findingOf(p, date);
    if (finding) s.findings[p.externalId] = finding;
    const at = utc(p.publishedAt);
    if (!s.latest || at > s.latest.at || (at === s.latest.at && p.externalId > s.latest.id)) s.latest = { at, id: p.externalId };
  }
  return s;
}

/** The summary with a metric snapshot folded in: one of the same instant is replaced (as the snapshot's item is). */
export function foldSnapshot(summary: ActivitySummary, snapshot: MetricSnapshot, options: { today?: string } = {}): ActivitySummary {
  const s = copy(summary);
  prune(s, options.today);
  if (dateOfDay(beijingDay(snapshot.at)) < s.coveredFrom) return s;
  const kept: SummarySnapshot = { at: snapshot.at, atUtc: utc(snapshot.at) };
  if (snapshot.followers !== undefined) kept.followers = snapshot.followers;
  if (snapshot.messagesReceived !== undefined) kept.messagesReceived = snapshot.messagesReceived;
  if (snapshot.oldestUnansweredDays !== undefined) kept.oldestUnansweredDays = snapshot.oldestUnansweredDays;
  if (snapshot.brokenServiceLinks !== undefined) kept.brokenServiceLinks = [...snapshot.brokenServiceLinks];
  if (snapshot.securityIncident !== undefined) kept.securityIncident = snapshot.securityIncident;
  s.snapshots = [...s.snapshots.filter((x) => x.atUtc !== kept.atUtc), kept].sort((a, b) => (a.atUtc < b.atUtc ? -1 : a.atUtc > b.atUtc ? 1 : 0));
  return s;
}

/** A summary built from stored posts and snapshots (everything from `coveredFrom` on). */
export function buildSummary(accountId: string, coveredFrom: string, posts: readonly Post[], snapshots: readonly MetricSnapshot[]): ActivitySummary {
  let s = foldIntoSummary(emptySummary(accountId, coveredFrom), posts);
  for (const m of snapshots) s = foldSnapshot(s, m);
  return s;
}

/** Does the summary hold everything in the Beijing days [fromDate, …)? */
export function covers(summary: ActivitySummary, fromDate: string): boolean {
  return fromDate >= summary.coveredFrom;
}

/**
 * The posts and snapshots of the Beijing days [fromDate, toDate] as grading reads them
 * (shared/assessment/inputs.ts): each kept id becomes a post on its day with its finding's
 * classification, or a plain one of a category the day's counts still owe. Every rule reads
 * of a plain post only its day, id and category, so grades and evidence come out as from the
 * stored posts. Snapshots newest first, as the store lists them.
 */
export function summaryActivity(summary: ActivitySummary, fromDate: string, toDate: string): { posts: Post[]; snapshots: MetricSnapshot[] } {
  const posts: Post[] = [];
  for (const [date, day] of Object.entries(summary.days)) {
    if (date < fromDate || date > toDate) continue;
    const owed = [...day.counts];
    const plain: string[] = [];
    const publishedAt = `${date}T00:00:00+08:00`;
    for (const id of day.ids) {
      const f = summary.findings[id];
      if (!f) {
        plain.push(id);
        continue;
      }
      owed[CATEGORIES.indexOf(f.category)]!--;
      const classification: PostClassification = {
        category: f.category,
        ...(f.offMissionTerms ? { offMissionReasons: f.offMissionTerms.map((term) => ({ term, category: '' })) } : {}),
        ...(f.wording ? { wording: f.wording.map((w) => ({ ...w, start: 0, end: 0 })) } : {}),
      };
      posts.push({ accountId: summary.accountId, externalId: id, publishedAt, text: '', ingestedAt: '', classification });
    }
    let c = 0;
    for (const id of plain) {
      while (c < CATEGORIES.length - 1 && owed[c]! <= 0) c++;
      owed[c]!--;
      posts.push({ accountId: summary.accountId, externalId: id, publishedAt, text: '', ingestedAt: '', classification: { category: CATEGORIES[c]! } });
    }
  }
  const snapshots: MetricSnapshot[] = [];
  for (let i = summary.snapshots.length - 1; i >= 0; i--) {
    const x = summary.snapshots[i]!;
    const date = dateOfDay(beijingDay(x.at));
    if (date < fromDate || date > toDate) continue;
    const { atUtc: _utc, ...rest } = x;
    snapshots.push({ ...rest, accountId: summary.accountId });
  }
  return { posts, snapshots };
}

/** Where summaries are kept (functions/store/activity-summary.ts). */
export interface ActivitySummaryStore {
  get(accountId: string): Promise<ActivitySummary | undefined>;
  /** Many at once (missing ones left out); optional, for inspections' batched reads. */
  getMany?(accountIds: readonly string[]): Promise<ActivitySummary[]>;
  /** Writes `summary` with rev + 1 if the stored revision is still `summary.rev` (0: none stored); false when another write came first. */
  put(summary: ActivitySummary): Promise<boolean>;
}

/** What building a summary from the stored activity reads. */
export interface SummarySource {
  /** Posts published in [fromUtc, toUtc). */
  postsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<Post[]>;
  /** Metric snapshots taken in [fromUtc, toUtc). */
  metricsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<MetricSnapshot[]>;
}

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';
const dayStartUtc = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

async function buildFromStore(accountId: string, coveredFrom: string, activity: SummarySource): Promise<ActivitySummary> {
  const from = dayStartUtc(coveredFrom);
  const [posts, snapshots] = await Promise.all([activity.postsBetween(accountId, from, FAR_FUTURE), activity.metricsBetween(accountId, from, FAR_FUTURE)]);
  return buildSummary(accountId, coveredFrom, posts, snapshots);
}

/** Builds an account's summary from its stored posts and snapshots from `coveredFrom` on (lazy backfill), and stores it unless one appeared meanwhile. */
export async function backfillSummary(accountId: string, coveredFrom: string, ports: { summaries: ActivitySummaryStore; activity: SummarySource }): Promise<ActivitySummary> {
  const built = await buildFromStore(accountId, coveredFrom, ports.activity);
  if (await ports.summaries.put(built)) return { ...built, rev: built.rev + 1 };
  return (await ports.summaries.get(accountId)) ?? built;
}

/**
 * Keeps the summary after new activity was stored: folds it into the stored summary (retrying
 * when another write came first), or, with none stored yet, builds it from the stored activity,
 * which already holds the new posts.
 */
export async function updateSummary(
  accountId: string,
  today: string,
  fold: (s: ActivitySummary) => ActivitySummary,
  ports: { summaries: ActivitySummaryStore; activity: SummarySource },
): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const stored = await ports.summaries.get(accountId);
    if (!stored) {
      // Built from the store, which already holds the new activity; another writer first: fold into theirs.
      const from = dateOfDay(dayNumber(today) - RETAIN_DAYS);
      if (await ports.summaries.put(fold(await buildFromStore(accountId, from, ports.activity)))) return;
      continue;
    }
    if (await ports.summaries.put(fold(stored))) return;
  }
  throw new Error(`activity summary of ${accountId}: too many concurrent writes`);
}
