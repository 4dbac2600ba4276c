import type { MetricSnapshot, Post } from '../activity/schemas';
import { backfillSummary, covers, RETAIN_DAYS, summaryActivity, type ActivitySummary } from '../activity/summary';
import { computeActivityFlags, mergeFlags } from '../grading/flags';
import { gradeAccount } from '../grading/grade';
import type { Grade, GradeInput, GradePost } from '../grading/types';
import type { RuleProfile } from '../profiles/schema';
import type { Account, Flag } from '../registry/schemas';
import { addDays, beijingDay, dateOfDay, dayNumber, type WorkCalendar } from '../time';
import { REGISTRY_FLAG_TYPES, registryFlags } from './registry-flags';
import type { AssessmentPorts } from './assessment-ports';

/** The longest look-back any rule of the profile needs, in days. */
export function lookbackDays(p: RuleProfile): number {
  return Math.max(
    p.vetoes.noUpdate.windowDays,
    p.vetoes.security.windowDays,
    p.indicators.cadence.windowDays,
    p.indicators.serviceShare.windowDays,
    p.indicators.offMissionShare.windowDays,
    p.indicators.wording.windowDays,
    p.flags.offMissionWindowDays,
    p.fakeEngagementSuspicion.lookbackDays,
  );
}

/** Start of a Beijing calendar day as a UTC instant (China has no daylight saving). */
export const beijingDayStartUtc = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** Per-run caches so a region's inspection reads each department once. */
export class AssessmentContext {
  private readonly departmentNames = new Map<string, Promise<string>>();
  private readonly siblings = new Map<string, Promise<Account[]>>();
  private workCalendar?: Promise<WorkCalendar | undefined>;
  private readonly summaries = new Map<string, Promise<ActivitySummary | undefined>>();
  private pendingSummaries: { id: string; ok: (s: ActivitySummary | undefined) => void; fail: (e: unknown) => void }[] = [];
  constructor(private readonly ports: Pick<AssessmentPorts, 'accounts' | 'departments' | 'activity' | 'calendar' | 'summaries'>) {}

  /**
   * Reads the stored summaries of these accounts in batches (BatchGetItem, 100 a request) ahead
   * of grading them; a chunk of an inspection calls it once. Without it, reads made in the same
   * turn of the event loop are batched anyway.
   */
  async prefetchSummaries(accountIds: readonly string[]): Promise<void> {
    const store = this.ports.summaries;
    if (!store) return;
    const wanted = [...new Set(accountIds)].filter((id) => !this.summaries.has(id));
    if (!wanted.length) return;
    const read = store.getMany ? store.getMany(wanted).then((list) => new Map(list.map((s) => [s.accountId, s]))) : undefined;
    for (const id of wanted) this.summaries.set(id, read ? read.then((m) => m.get(id)) : store.get(id));
    await read;
  }

  /** The stored summary of one account (undefined: none yet); reads requested in one turn go out as one batch. */
  private storedSummary(accountId: string): Promise<ActivitySummary | undefined> {
    const store = this.ports.summaries!;
    let s = this.summaries.get(accountId);
    if (s) return s;
    if (!store.getMany) s = store.get(accountId);
    else {
      s = new Promise<ActivitySummary | undefined>((ok, fail) => {
        if (!this.pendingSummaries.length) setTimeout(() => this.flushSummaries(), 0);
        this.pendingSummaries.push({ id: accountId, ok, fail });
      });
    }
    this.summaries.set(accountId, s);
    return s;
  }

  private flushSummaries(): void {
    const batch = this.pendingSummaries;
    this.pendingSummaries = [];
    this.ports.summaries!.getMany!(batch.map((b) => b.id)).then(
      (list) => {
        const byId = new Map(list.map((x) => [x.accountId, x]));
        for (const b of batch) b.ok(byId.get(b.id));
      },
      (err) => {
        for (const b of batch) {
          this.summaries.delete(b.id);
          b.fail(err);
        }
      },
    );
  }

  /**
   * The posts and snapshots of the Beijing days [fromDate, checkDate]: from the account's activity
   * summary when it covers them (built from the posts and stored on first read), else from the posts.
   */
  private async activityIn(accountId: string, fromDate: string, checkDate: string): Promise<{ posts: Post[]; snapshots: MetricSnapshot[] }> {
    const summaries = this.ports.summaries;
    if (summaries) {
      let summary = await this.storedSummary(accountId);
      if (!summary) {
        // Data from before summaries existed (or the seed's): build it once from the posts and keep it.
        const coveredFrom = dateOfDay(Math.min(dayNumber(fromDate), dayNumber(checkDate) - RETAIN_DAYS));
        summary = await backfillSummary(accountId, coveredFrom, { summaries, activity: this.ports.activity });
        this.summaries.set(accountId, Promise.resolve(summary));
      }
      if (covers(summary, fromDate)) return summaryActivity(summary, fromDate, checkDate);
    }
    const from = beijingDayStartUtc(fromDate);
    const to = beijingDayStartUtc(addDays(checkDate, 1));
    const [posts, snapshots] = await Promise.all([this.ports.activity.postsBetween(accountId, from, to), this.ports.activity.metricsBetween(accountId, from, to)]);
    return { posts, snapshots };
  }

  /** The official working-day calendar, read once per run (undefined: Monday to Friday). */
  calendar(): Promise<WorkCalendar | undefined> {
    this.workCalendar ??= this.ports.calendar ? this.ports.calendar() : Promise.resolve(undefined);
    return this.workCalendar;
  }

  departmentName(id: string): Promise<string> {
    let name = this.departmentNames.get(id);
    if (!name) {
      name = this.ports.departments.get(id).then((d) => d?.name ?? '');
      this.departmentNames.set(id, name);
    }
    return name;
  }

  departmentAccounts(account: Account): Promise<Account[]> {
    const unit = unitKey(account);
    let list = this.siblings.get(unit);
    if (!list) {
      list = this.ports.accounts.allInDepartment(account.regionCode, account.departmentId);
      this.siblings.set(unit, list);
    }
    return list;
  }

  /**
   * The units' accounts from a listing that holds every account of them (a region's, closed ones
   * included: what `allInRegion` answers), so grading them queries no unit again. Only units of
   * `accounts` are taken; a unit already known keeps its list.
   */
  knowUnits(listed: readonly Account[], of: readonly Account[] = listed): void {
    const wanted = new Set(of.map(unitKey));
    const units = new Map<string, Account[]>();
    for (const a of listed) {
      const unit = unitKey(a);
      if (!wanted.has(unit) || this.siblings.has(unit)) continue;
      let list = units.get(unit);
      if (!list) units.set(unit, (list = []));
      list.push(a);
    }
    for (const [unit, list] of units) this.siblings.set(unit, Promise.resolve(list));
  }

  /** Everything the engine and the flags need about one account at a check date. */
  async load(account: Account, checkDate: string, profile: RuleProfile) {
    const [{ posts, snapshots }, departmentName, siblings] = await Promise.all([
      this.activityIn(account.id, addDays(checkDate, -lookbackDays(profile)), checkDate),
      this.departmentName(account.departmentId),
      this.departmentAccounts(account),
    ]);
    return { posts, snapshots, departmentName, siblingNames: siblingNamesOf(account, siblings) };
  }
}

/** A unit's accounts are those of one department in one region (the `allInDepartment` query). */
const unitKey = (a: Pick<Account, 'regionCode' | 'departmentId'>) => `${a.regionCode}#${a.departmentId}`;

function siblingNamesOf(account: Account, all: readonly Account[]): string[] {
  return all.filter((a) => a.id !== account.id && a.platform !== account.platform && a.status !== 'closed').map((a) => a.name);
}

/** A post as grading reads it, its Beijing day worked out once (grading and the flags each read it several times). */
const toGradePost = (p: Post): GradePost => ({ externalId: p.externalId, publishedAt: p.publishedAt, classification: p.classification, day: beijingDay(p.publishedAt) });

export function gradeInput(account: Account, loaded: { posts: Post[]; snapshots: MetricSnapshot[]; departmentName: string; siblingNames: string[] }, gradePosts: GradePost[] = loaded.posts.map(toGradePost)): GradeInput {
  const latest = loaded.snapshots[0];
  return {
    account: {
      id: account.id,
      name: account.name,
      platform: account.platform,
      interactionEnabled: account.interactionEnabled,
      verifiedSubject: account.verifiedSubject,
      departmentName: loaded.departmentName,
      siblingNames: loaded.siblingNames,
      serviceLinks: account.serviceLinks,
      ...(account.lastPostAt ? { lastPostAt: account.lastPostAt } : {}),
    },
    posts: gradePosts,
    metrics: latest
      ? { at: latest.at, oldestUnansweredDays: latest.oldestUnansweredDays, brokenServiceLinks: latest.brokenServiceLinks, securityIncident: latest.securityIncident }
      : undefined,
    confirmedFakeEngagement: account.fakeEngagementConfirmed,
  };
}

/** Grade and activity flags of one account at a date under a profile. */
export async function assessAccount(account: Account, checkDate: string, profile: RuleProfile, ctx: AssessmentContext): Promise<{ grade: Grade; flags: Flag[] }> {
  const loaded = await ctx.load(account, checkDate, profile);
  return assessLoaded(account, { ...loaded, siblings: await ctx.departmentAccounts(account), calendar: await ctx.calendar() }, checkDate, profile);
}

/** {@link assessAccount} over data already at hand (pure): the unit's accounts, its name, the activity in the look-back. */
export function assessLoaded(
  account: Account,
  loaded: { posts: Post[]; snapshots: MetricSnapshot[]; departmentName: string; siblings: readonly Account[]; calendar?: WorkCalendar },
  checkDate: string,
  profile: RuleProfile,
): { grade: Grade; flags: Flag[] } {
  const siblingNames = siblingNamesOf(account, loaded.siblings);
  // The posts as grading and the flags read them, made once for both.
  const gradePosts = loaded.posts.map(toGradePost);
  const grade = gradeAccount(gradeInput(account, { ...loaded, siblingNames }, gradePosts), checkDate, profile);
  const activityFlags = computeActivityFlags(
    {
      account: {
        name: account.name,
        departmentName: loaded.departmentName,
        verifiedSubject: account.verifiedSubject,
        siblingNames,
        openedAt: account.openedAt,
        createdAt: account.createdAt,
        lastValidatedAt: account.lastValidatedAt,
        lastPostAt: account.lastPostAt,
      },
      posts: gradePosts,
      snapshots: loaded.snapshots.map((s) => ({ at: s.at, followers: s.followers, messagesReceived: s.messagesReceived })),
    },
    checkDate,
    profile,
  );
  const withActivity = mergeFlags(account.flags, activityFlags);
  return { grade, flags: mergeFlags(withActivity, registryFlags(account, loaded.siblings, checkDate, profile.registry.filingWorkingDays, loaded.calendar), REGISTRY_FLAG_TYPES) };
}
