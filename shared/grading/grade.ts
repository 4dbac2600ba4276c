/**
 * The grading engine: one account, one check date, one rule profile → a grade
 * that explains itself. Pure and deterministic; every window is counted in
 * Beijing calendar days (see docs/rule-profiles.md for the exact bounds).
 *
 * A post counts in an "N-day window before the check date" when its Beijing
 * day d satisfies checkDay − N ≤ d ≤ checkDay. That is the brief's own
 * no_update rule (a post 14 days before passes, 15 fails) applied to every
 * window alike. Posts after the check date are ignored.
 */
import type { RuleProfile } from '../profiles/schema';
import { beijingDay, dateOfDay, dayNumber } from '../time';
import { inconsistentSiblingNames, nameShowsUnit, verifiedSubjectMatches } from './naming';
import type {
  Band,
  Deduction,
  GradeInput,
  GradePost,
  Grade,
  NamingProblem,
  PostRef,
  Veto,
  WordingRef,
} from './types';

/** Beijing day of a post: the precomputed one, or parsed from publishedAt. */
export function postDay(p: GradePost): number {
  return p.day ?? beijingDay(p.publishedAt);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Per-call scratch for the posts' day numbers (grading is synchronous, so one buffer serves every call). */
let dayScratch = new Float64Array(256);

export function bandFor(score: number, bands: RuleProfile['bands']): Band {
  if (score >= bands.excellent) return 'excellent';
  if (score >= bands.good) return 'good';
  if (score >= bands.pass) return 'pass';
  return 'fail';
}

function ref(p: GradePost, day: number): PostRef {
  return { externalId: p.externalId, date: dateOfDay(day) };
}

function wordingRefs(p: GradePost, severity: 'ordinary' | 'severe'): WordingRef[] {
  const out: WordingRef[] = [];
  for (const w of p.classification?.wording ?? []) if (w.severity === severity) out.push({ error: w.error, suggestion: w.suggestion });
  return out;
}

function hasSeverity(p: GradePost, severity: 'ordinary' | 'severe'): boolean {
  const list = p.classification?.wording;
  if (!list) return false;
  for (let i = 0; i < list.length; i++) if (list[i]!.severity === severity) return true;
  return false;
}

/** Posts in [from, to] (day numbers), with their days, in publication order then by id (deterministic evidence). */
function postsIn(posts: readonly GradePost[], days: Float64Array, from: number, to: number, keep: (p: GradePost) => boolean): { p: GradePost; d: number }[] {
  const out: { p: GradePost; d: number }[] = [];
  for (let i = 0; i < posts.length; i++) {
    const d = days[i]!;
    if (d >= from && d <= to && keep(posts[i]!)) out.push({ p: posts[i]!, d });
  }
  out.sort((a, b) => a.d - b.d || (a.p.externalId < b.p.externalId ? -1 : a.p.externalId > b.p.externalId ? 1 : 0));
  return out;
}

/**
 * The no_update evidence's age: from the graded posts, else from the registry's last known post
 * when that lies before the window (older than the posts handed in); never a date that would
 * contradict the veto.
 */
function knownLatest(since: number | null, lastPostAt: string | undefined, check: number, windowDays: number): { daysSinceLatestPost: number | null; lastKnownPostDate?: string } {
  if (since !== null || !lastPostAt) return { daysSinceLatestPost: since };
  const d = beijingDay(lastPostAt);
  if (!Number.isFinite(d) || check - d <= windowDays) return { daysSinceLatestPost: null };
  return { daysSinceLatestPost: check - d, lastKnownPostDate: dateOfDay(d) };
}

function isConfirmed(c: GradeInput['confirmedFakeEngagement'], checkDay: number): boolean {
  if (!c) return false;
  if (c === true) return true;
  return c.confirmedAt === undefined || beijingDay(c.confirmedAt) <= checkDay;
}

/**
 * Grades one account at a check date ('YYYY-MM-DD', a Beijing calendar date)
 * under a rule profile. Any veto → verdict fail, score null, band fail.
 * Otherwise score = 100 − Σ deductions (each capped), clamped to [0, 100].
 */
export function gradeAccount(input: GradeInput, checkDate: string, profile: RuleProfile): Grade {
  const check = dayNumber(checkDate);
  const { vetoes: V, indicators: I } = profile;
  const posts = input.posts;
  const n = posts.length;

  const cadFrom = check - I.cadence.windowDays;
  const ssFrom = check - I.serviceShare.windowDays;
  const omFrom = check - I.offMissionShare.windowDays;
  const wdFrom = check - I.wording.windowDays;
  const secFrom = check - V.security.windowDays;

  // One pass over the posts: counts only; evidence is gathered later, and only for rules that fire.
  if (dayScratch.length < n) dayScratch = new Float64Array(Math.max(n, dayScratch.length * 2));
  const days = dayScratch;
  let latestDay = Number.NEGATIVE_INFINITY;
  let latestIdx = -1;
  let cadence = 0;
  let ssTotal = 0;
  let ssService = 0;
  let omTotal = 0;
  let omOff = 0;
  let wordingPosts = 0;
  let severePosts = 0;
  for (let i = 0; i < n; i++) {
    const p = posts[i]!;
    const d = p.day ?? beijingDay(p.publishedAt);
    days[i] = d;
    if (d > check) continue;
    if (d > latestDay || (d === latestDay && p.externalId > posts[latestIdx]!.externalId)) {
      latestDay = d;
      latestIdx = i;
    }
    const cls = p.classification;
    const cat = cls ? cls.category : 'news';
    if (d >= cadFrom) cadence++;
    if (d >= ssFrom) {
      ssTotal++;
      if (cat === 'service' || cat === 'policy') ssService++;
    }
    if (d >= omFrom) {
      omTotal++;
      if (cat === 'off_mission') omOff++;
    }
    if (cls && cls.wording && cls.wording.length) {
      if (d >= wdFrom && hasSeverity(p, 'ordinary')) wordingPosts++;
      if (d >= secFrom && hasSeverity(p, 'severe')) severePosts++;
    }
  }

  const metrics = input.metrics && (input.metrics.at === undefined || beijingDay(input.metrics.at) <= check) ? input.metrics : undefined;
  const vetoes: Veto[] = [];

  // —— Single-veto items ——
  if (V.noUpdate.enabled) {
    const since = latestIdx < 0 ? null : check - latestDay;
    if (since === null || since > V.noUpdate.windowDays) {
      vetoes.push({
        code: 'no_update',
        evidence: {
          threshold: { windowDays: V.noUpdate.windowDays },
          checkDate,
          latestPost: latestIdx < 0 ? null : ref(posts[latestIdx]!, latestDay),
          ...knownLatest(since, input.account.lastPostAt, check, V.noUpdate.windowDays),
        },
      });
    }
  }
  if (V.noInteraction.enabled) {
    const reasons: ('channel_disabled' | 'unanswered_too_long')[] = [];
    if (V.noInteraction.requireChannel && !input.account.interactionEnabled) reasons.push('channel_disabled');
    const oldest = metrics?.oldestUnansweredDays;
    if (oldest !== undefined && oldest > V.noInteraction.maxUnansweredDays) reasons.push('unanswered_too_long');
    if (reasons.length) {
      vetoes.push({
        code: 'no_interaction',
        evidence: {
          threshold: { requireChannel: V.noInteraction.requireChannel, maxUnansweredDays: V.noInteraction.maxUnansweredDays },
          reasons,
          interactionEnabled: input.account.interactionEnabled,
          ...(oldest !== undefined ? { oldestUnansweredDays: oldest } : {}),
          ...(metrics?.at !== undefined ? { metricsAt: metrics.at } : {}),
        },
      });
    }
  }
  if (V.security.enabled) {
    const severe = V.security.severeWording && severePosts > 0;
    const incident = V.security.incidents ? metrics?.securityIncident : undefined;
    if (severe || incident) {
      vetoes.push({
        code: 'security',
        evidence: {
          threshold: { windowDays: V.security.windowDays },
          from: dateOfDay(secFrom),
          to: checkDate,
          severePosts: severe
            ? postsIn(posts, days, secFrom, check, (p) => hasSeverity(p, 'severe')).map(({ p, d }) => ({ ...ref(p, d), errors: wordingRefs(p, 'severe') }))
            : [],
          ...(incident ? { incident } : {}),
        },
      });
    }
  }
  if (V.fakeEngagement.enabled && isConfirmed(input.confirmedFakeEngagement, check)) {
    const c = input.confirmedFakeEngagement;
    vetoes.push({
      code: 'fake_engagement',
      evidence: {
        confirmed: true,
        ...(typeof c === 'object' && c.confirmedAt !== undefined ? { confirmedAt: c.confirmedAt } : {}),
        ...(typeof c === 'object' && c.confirmedBy !== undefined ? { confirmedBy: c.confirmedBy } : {}),
        ...(typeof c === 'object' && c.note !== undefined ? { note: c.note } : {}),
      },
    });
  }

  // —— Deductions ——
  const deductions: Deduction[] = [];

  {
    const c = I.cadence;
    const missing = Math.max(0, c.minPosts - cadence);
    const raw = missing * c.pointsPerMissingPost;
    if (raw > 0 && c.cap > 0) {
      deductions.push({
        code: 'cadence',
        points: Math.min(raw, c.cap),
        cap: c.cap,
        evidence: {
          threshold: { windowDays: c.windowDays, minPosts: c.minPosts, pointsPerMissingPost: c.pointsPerMissingPost },
          from: dateOfDay(cadFrom),
          to: checkDate,
          posts: cadence,
          missing,
          postIds: postsIn(posts, days, cadFrom, check, () => true).map(({ p }) => p.externalId),
          uncappedPoints: raw,
        },
      });
    }
  }
  {
    const c = I.serviceShare;
    // No post in the window counts as a 0% service share (nothing useful was offered).
    let tier: { belowPercent: number; points: number } | undefined;
    for (const t of c.tiers) if ((ssTotal === 0 || ssService * 100 < t.belowPercent * ssTotal) && (!tier || t.points > tier.points)) tier = t;
    if (tier && tier.points > 0 && c.cap > 0) {
      deductions.push({
        code: 'service_share',
        points: Math.min(tier.points, c.cap),
        cap: c.cap,
        evidence: {
          threshold: { windowDays: c.windowDays, tiers: c.tiers.map((t) => ({ ...t })) },
          from: dateOfDay(ssFrom),
          to: checkDate,
          totalPosts: ssTotal,
          servicePosts: ssService,
          sharePercent: ssTotal === 0 ? null : round2((ssService * 100) / ssTotal),
          appliedTier: { ...tier },
          uncappedPoints: tier.points,
        },
      });
    }
  }
  {
    const c = I.offMissionShare;
    let tier: { atLeastPercent: number; points: number } | undefined;
    if (omTotal > 0) for (const t of c.tiers) if (omOff * 100 >= t.atLeastPercent * omTotal && (!tier || t.points > tier.points)) tier = t;
    if (tier && tier.points > 0 && c.cap > 0) {
      deductions.push({
        code: 'off_mission_share',
        points: Math.min(tier.points, c.cap),
        cap: c.cap,
        evidence: {
          threshold: { windowDays: c.windowDays, tiers: c.tiers.map((t) => ({ ...t })) },
          from: dateOfDay(omFrom),
          to: checkDate,
          totalPosts: omTotal,
          offMissionPosts: omOff,
          sharePercent: round2((omOff * 100) / omTotal),
          appliedTier: { ...tier },
          posts: postsIn(posts, days, omFrom, check, (p) => p.classification?.category === 'off_mission').map(({ p, d }) => ({
            ...ref(p, d),
            reasons: (p.classification?.offMissionReasons ?? []).map((r) => r.term),
          })),
          uncappedPoints: tier.points,
        },
      });
    }
  }
  {
    const c = I.wording;
    const raw = wordingPosts * c.pointsPerPost;
    if (raw > 0 && c.cap > 0) {
      deductions.push({
        code: 'wording',
        points: Math.min(raw, c.cap),
        cap: c.cap,
        evidence: {
          threshold: { windowDays: c.windowDays, pointsPerPost: c.pointsPerPost },
          from: dateOfDay(wdFrom),
          to: checkDate,
          posts: postsIn(posts, days, wdFrom, check, (p) => hasSeverity(p, 'ordinary')).map(({ p, d }) => ({ ...ref(p, d), errors: wordingRefs(p, 'ordinary') })),
          uncappedPoints: raw,
        },
      });
    }
  }
  {
    const c = I.naming;
    const a = input.account;
    const problems: NamingProblem[] = [];
    if (!nameShowsUnit(a.name, a.departmentName)) problems.push({ rule: 'name_missing_unit', accountName: a.name, departmentName: a.departmentName });
    if (a.verifiedSubject !== undefined && a.verifiedSubject.trim() !== '' && !verifiedSubjectMatches(a.verifiedSubject, a.departmentName))
      problems.push({ rule: 'verified_subject_mismatch', verifiedSubject: a.verifiedSubject, departmentName: a.departmentName });
    const differing = a.siblingNames?.length ? inconsistentSiblingNames(a.name, a.siblingNames) : [];
    if (differing.length) problems.push({ rule: 'inconsistent_names', accountName: a.name, siblingNames: differing });
    const unitProblem = problems.some((p) => p.rule !== 'inconsistent_names');
    const raw = (unitProblem ? c.unitMismatchPoints : 0) + (differing.length ? c.inconsistentAcrossPlatformsPoints : 0);
    if (raw > 0 && c.cap > 0) {
      deductions.push({
        code: 'naming',
        points: Math.min(raw, c.cap),
        cap: c.cap,
        evidence: {
          threshold: { unitMismatchPoints: c.unitMismatchPoints, inconsistentAcrossPlatformsPoints: c.inconsistentAcrossPlatformsPoints },
          problems,
          uncappedPoints: raw,
        },
      });
    }
  }
  {
    const c = I.serviceLinks;
    const broken = metrics?.brokenServiceLinks?.length ? [...new Set(metrics.brokenServiceLinks)].sort() : [];
    const raw = broken.length * c.pointsPerBrokenLink;
    if (raw > 0 && c.cap > 0) {
      deductions.push({
        code: 'service_links',
        points: Math.min(raw, c.cap),
        cap: c.cap,
        evidence: { threshold: { pointsPerBrokenLink: c.pointsPerBrokenLink }, brokenLinks: broken, uncappedPoints: raw },
      });
    }
  }

  const base = {
    accountId: input.account.id,
    checkDate,
    profile: profile.name,
    profileVersion: profile.version,
  };
  if (vetoes.length) return { ...base, verdict: 'fail', score: null, band: 'fail', vetoes, deductions };
  let total = 0;
  for (const d of deductions) total += d.points;
  const score = round2(Math.min(100, Math.max(0, 100 - total)));
  return {
    ...base,
    verdict: score >= profile.bands.pass ? 'pass' : 'fail',
    score,
    band: bandFor(score, profile.bands),
    vetoes,
    deductions,
  };
}
