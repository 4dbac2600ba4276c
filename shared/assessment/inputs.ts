import type { MetricSnapshot, Post } from '../activity/schemas';
import { computeActivityFlags, mergeFlags } from '../grading/flags';
import { gradeAccount } from '../grading/grade';
import type { Grade, GradeInput, GradePost } from '../grading/types';
import type { RuleProfile } from '../profiles/schema';
import type { Account, Flag } from '../registry/schemas';
import { addDays, type WorkCalendar } from '../time';
import { REGISTRY_FLAG_TYPES, registryFlags } from './registry-flags';
import type { AssessmentPorts } from './ports';

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
  constructor(private readonly ports: Pick<AssessmentPorts, 'accounts' | 'departments' | 'activity' | 'calendar'>) {}

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
    let list = this.siblings.get(account.departmentId);
    if (!list) {
      list = this.ports.accounts.allInDepartment(account.regionCode, account.departmentId);
      this.siblings.set(account.departmentId, list);
    }
    return list;
  }

  /** Everything the engine and the flags need about one account at a check date. */
  async load(account: Account, checkDate: string, profile: RuleProfile) {
    const from = beijingDayStartUtc(addDays(checkDate, -lookbackDays(profile)));
    const to = beijingDayStartUtc(addDays(checkDate, 1));
    const [posts, snapshots, departmentName, siblings] = await Promise.all([
      this.ports.activity.postsBetween(account.id, from, to),
      this.ports.activity.metricsBetween(account.id, from, to),
      this.departmentName(account.departmentId),
      this.departmentAccounts(account),
    ]);
    return { posts, snapshots, departmentName, siblingNames: siblingNamesOf(account, siblings) };
  }
}

function siblingNamesOf(account: Account, all: readonly Account[]): string[] {
  return all.filter((a) => a.id !== account.id && a.platform !== account.platform && a.status !== 'closed').map((a) => a.name);
}

const toGradePost = (p: Post): GradePost => ({ externalId: p.externalId, publishedAt: p.publishedAt, classification: p.classification });

export function gradeInput(account: Account, loaded: { posts: Post[]; snapshots: MetricSnapshot[]; departmentName: string; siblingNames: string[] }): GradeInput {
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
    posts: loaded.posts.map(toGradePost),
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
  const grade = gradeAccount(gradeInput(account, { ...loaded, siblingNames }), checkDate, profile);
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
      posts: loaded.posts.map(toGradePost),
      snapshots: loaded.snapshots.map((s) => ({ at: s.at, followers: s.followers, messagesReceived: s.messagesReceived })),
    },
    checkDate,
    profile,
  );
  const withActivity = mergeFlags(account.flags, activityFlags);
  return { grade, flags: mergeFlags(withActivity, registryFlags(account, loaded.siblings, checkDate, profile.registry.filingWorkingDays, loaded.calendar), REGISTRY_FLAG_TYPES) };
}
