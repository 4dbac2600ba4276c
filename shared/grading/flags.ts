/**
 * Activity and content flags an account carries between inspections (the
 * nightly sweep recomputes them): stale, dormant, zombie, off_mission,
 * suspected_fake_engagement, naming_mismatch, needs_review. The registry's own
 * flags (duplicate, internal_division, unfiled_change) are computed elsewhere
 * and pass through {@link mergeFlags} untouched.
 */
import type { RuleProfile } from '../profiles/schema';
import { FLAG_TYPES, type Flag, type FlagType } from '../registry/schemas';
import { beijingDay, dateOfDay, dayNumber } from '../time';
import { inconsistentSiblingNames, nameShowsUnit, verifiedSubjectMatches } from './naming';
import type { GradePost, NamingProblem } from './types';

/** The flag types this module owns. */
export const ACTIVITY_FLAG_TYPES = [
  'stale',
  'dormant',
  'zombie',
  'off_mission',
  'suspected_fake_engagement',
  'naming_mismatch',
  'needs_review',
] as const satisfies readonly FlagType[];

export interface FlagSnapshot {
  at: string;
  followers?: number;
  messagesReceived?: number;
}

export interface FlagInput {
  account: {
    name: string;
    departmentName: string;
    verifiedSubject?: string;
    siblingNames?: readonly string[];
    /** Opening date (YYYY-MM-DD or an instant); createdAt is used when absent. */
    openedAt?: string;
    createdAt?: string;
    lastValidatedAt?: string;
    /** The newest post time known to the registry; used together with `posts`. */
    lastPostAt?: string;
  };
  /** Posts of at least the off-mission window (profile.flags.offMissionWindowDays). */
  posts?: readonly GradePost[];
  /** Metric snapshots of at least the lookback window (profile.fakeEngagementSuspicion.lookbackDays). */
  snapshots?: readonly FlagSnapshot[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Flags of one account as of `today` (a Beijing date 'YYYY-MM-DD'). Data dated
 * after today is ignored. At most one of stale / dormant / zombie is raised
 * (the most severe that applies). `since` is the first day the condition held
 * when the data shows it (activity, re-validation, a follower jump), otherwise
 * `today`; {@link mergeFlags} keeps an older `since` across sweeps.
 */
export function computeActivityFlags(input: FlagInput, today: string, profile: RuleProfile): Flag[] {
  const now = dayNumber(today);
  const F = profile.flags;
  const flags: Flag[] = [];
  const a = input.account;
  const posts = input.posts ?? [];

  // —— stale / dormant / zombie ——
  let latest = Number.NEGATIVE_INFINITY;
  let latestId: string | undefined;
  for (const p of posts) {
    const d = p.day ?? beijingDay(p.publishedAt);
    if (d <= now && (d > latest || (d === latest && latestId !== undefined && p.externalId > latestId))) {
      latest = d;
      latestId = p.externalId;
    }
  }
  if (a.lastPostAt) {
    const d = beijingDay(a.lastPostAt);
    if (d <= now && d > latest) {
      latest = d;
      latestId = undefined;
    }
  }
  const threshold = {
    staleFromDays: F.staleFromDays,
    staleToDays: F.staleToDays,
    dormantAfterDays: F.dormantAfterDays,
    zombieAfterDays: F.zombieAfterDays,
    zombieNeverPostedAfterDays: F.zombieNeverPostedAfterDays,
  };
  if (latest > Number.NEGATIVE_INFINITY) {
    const idle = now - latest;
    const evidence = { threshold, lastPostDate: dateOfDay(latest), ...(latestId ? { lastPostId: latestId } : {}), daysWithoutPost: idle };
    if (idle > F.zombieAfterDays) flags.push({ type: 'zombie', since: dateOfDay(latest + F.zombieAfterDays + 1), evidence });
    else if (idle > F.dormantAfterDays) flags.push({ type: 'dormant', since: dateOfDay(latest + F.dormantAfterDays + 1), evidence });
    else if (idle >= F.staleFromDays && idle <= F.staleToDays) flags.push({ type: 'stale', since: dateOfDay(latest + F.staleFromDays), evidence });
  } else {
    const openedRaw = a.openedAt ?? a.createdAt;
    if (openedRaw) {
      const opened = beijingDay(openedRaw);
      const age = now - opened;
      const evidence = { threshold, neverPosted: true, openedDate: dateOfDay(opened), daysSinceOpened: age };
      if (age > F.zombieNeverPostedAfterDays) flags.push({ type: 'zombie', since: dateOfDay(opened + F.zombieNeverPostedAfterDays + 1), evidence });
      else if (age >= F.staleFromDays && age <= F.staleToDays) flags.push({ type: 'stale', since: dateOfDay(opened + F.staleFromDays), evidence });
    }
  }

  // —— off-mission share ——
  {
    const from = now - F.offMissionWindowDays;
    let total = 0;
    const off: string[] = [];
    for (const p of posts) {
      const d = p.day ?? beijingDay(p.publishedAt);
      if (d < from || d > now) continue;
      total++;
      if (p.classification?.category === 'off_mission') off.push(p.externalId);
    }
    if (total > 0 && off.length * 100 >= F.offMissionAtLeastPercent * total) {
      flags.push({
        type: 'off_mission',
        since: today,
        evidence: {
          threshold: { atLeastPercent: F.offMissionAtLeastPercent, windowDays: F.offMissionWindowDays },
          from: dateOfDay(from),
          to: today,
          totalPosts: total,
          offMissionPosts: off.length,
          sharePercent: round2((off.length * 100) / total),
          postIds: off.sort(),
        },
      });
    }
  }

  // —— suspected fake engagement ——
  const S = profile.fakeEngagementSuspicion;
  if (S.enabled && input.snapshots?.length) {
    const from = now - S.lookbackDays;
    const snaps = input.snapshots
      .filter((s) => s.followers !== undefined)
      .map((s) => ({ s, d: beijingDay(s.at), ms: Date.parse(s.at) }))
      .filter((x) => x.d >= from && x.d <= now)
      .sort((x, y) => x.ms - y.ms || (x.s.at < y.s.at ? -1 : 1));
    const jumps: Record<string, unknown>[] = [];
    let firstDay: number | undefined;
    for (let i = 1; i < snaps.length; i++) {
      const prev = snaps[i - 1]!;
      const cur = snaps[i]!;
      if (cur.d - prev.d > S.maxSnapshotGapDays) continue;
      const before = prev.s.followers!;
      const after = cur.s.followers!;
      const gain = after - before;
      if (gain < S.minFollowerGain || gain <= 0) continue;
      if (before > 0 && gain * 100 < S.followerJumpPercent * before) continue;
      const engagementKnown = prev.s.messagesReceived !== undefined && cur.s.messagesReceived !== undefined;
      const engagement = engagementKnown ? Math.max(0, cur.s.messagesReceived! - prev.s.messagesReceived!) : 0;
      if (engagement * 100 >= S.minEngagementPercent * gain) continue;
      firstDay ??= cur.d;
      jumps.push({
        from: prev.s.at,
        to: cur.s.at,
        followersBefore: before,
        followersAfter: after,
        gain,
        jumpPercent: before > 0 ? round2((gain * 100) / before) : null,
        newMessages: engagementKnown ? engagement : null,
      });
    }
    if (jumps.length && firstDay !== undefined) {
      flags.push({
        type: 'suspected_fake_engagement',
        since: dateOfDay(firstDay),
        evidence: {
          threshold: {
            followerJumpPercent: S.followerJumpPercent,
            minFollowerGain: S.minFollowerGain,
            maxSnapshotGapDays: S.maxSnapshotGapDays,
            minEngagementPercent: S.minEngagementPercent,
          },
          jumps,
        },
      });
    }
  }

  // —— naming / verification ——
  {
    const problems: NamingProblem[] = [];
    if (!nameShowsUnit(a.name, a.departmentName)) problems.push({ rule: 'name_missing_unit', accountName: a.name, departmentName: a.departmentName });
    if (a.verifiedSubject && a.verifiedSubject.trim() && !verifiedSubjectMatches(a.verifiedSubject, a.departmentName))
      problems.push({ rule: 'verified_subject_mismatch', verifiedSubject: a.verifiedSubject, departmentName: a.departmentName });
    const differing = a.siblingNames?.length ? inconsistentSiblingNames(a.name, a.siblingNames) : [];
    if (differing.length) problems.push({ rule: 'inconsistent_names', accountName: a.name, siblingNames: differing });
    // The flag is for a name or a verified subject that does not show the unit; an
    // inconsistent name across platforms costs points in the grade but is not flagged.
    if (problems.some((p) => p.rule !== 'inconsistent_names')) flags.push({ type: 'naming_mismatch', since: today, evidence: { problems } });
  }

  // —— re-validation ——
  if (a.lastValidatedAt) {
    const validated = beijingDay(a.lastValidatedAt);
    const age = now - validated;
    if (age > profile.registry.revalidationDays) {
      flags.push({
        type: 'needs_review',
        since: dateOfDay(validated + profile.registry.revalidationDays + 1),
        evidence: { threshold: { revalidationDays: profile.registry.revalidationDays }, lastValidatedDate: dateOfDay(validated), daysSinceValidated: age },
      });
    }
  }
  return flags;
}

/**
 * Combines the flags stored on an account with a fresh computation: flag types
 * this module owns are replaced by `current` (keeping the older `since` of a
 * flag that is still raised), other types (duplicate, internal_division,
 * unfiled_change) are kept as they were. Sorted in FLAG_TYPES order.
 */
export function mergeFlags(previous: readonly Flag[], current: readonly Flag[], owned: readonly FlagType[] = ACTIVITY_FLAG_TYPES): Flag[] {
  const ownedSet = new Set<FlagType>(owned);
  const prevByType = new Map(previous.map((f) => [f.type, f]));
  const out: Flag[] = previous.filter((f) => !ownedSet.has(f.type));
  for (const f of current) {
    const old = prevByType.get(f.type);
    out.push(old && old.since < f.since ? { ...f, since: old.since } : f);
  }
  const order = new Map(FLAG_TYPES.map((t, i) => [t, i]));
  return out.sort((x, y) => order.get(x.type)! - order.get(y.type)!);
}
