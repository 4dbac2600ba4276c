import { readOnce } from '../util/read-once';
import { profileForRegion } from '../profiles/catalog';
import type { RuleProfile } from '../profiles/schema';
import type { Account, Department, Flag, FlagType, GradeSummary } from '../registry/schemas';
import type { Grade } from '../grading/types';
import { computeActivityFlags, mergeFlags } from '../grading/flags';
import { beijingDate, type WorkCalendar } from '../time';
import { AssessmentContext, assessAccount, assessLoaded } from './inputs';
import type { AssessmentPorts } from './assessment-ports';
import { REGISTRY_FLAG_TYPES, registryFlags } from './registry-flags';

export const gradeSummary = (g: Grade): GradeSummary => ({
  checkDate: g.checkDate,
  profile: g.profile,
  profileVersion: g.profileVersion,
  verdict: g.verdict,
  score: g.score,
  band: g.band,
});

/**
 * Recomputes an account's activity flags and current grade as of today and stores them
 * on the account. Runs after ingest and in the nightly sweep.
 */
export async function refreshAccount(accountId: string, ports: AssessmentPorts, ctx = new AssessmentContext(ports)): Promise<Account | undefined> {
  const account = await ports.accounts.get(accountId);
  if (!account || account.status === 'closed') return account;
  const profile = await profileForRegion(account.regionCode, ports);
  const { grade, flags } = await assessAccount(account, beijingDate(ports.clock.now()), profile, ctx);
  const latestGrade = gradeSummary(grade);
  await ports.accounts.setDerived(account.id, { flags, latestGrade });
  return { ...account, flags, latestGrade };
}

// ---------------------------------------------------------------------------
// Registry writes (decision 30): registry data only, O(1) in the unit's size and in posts.

/**
 * The flag types that follow from the registry alone: the registry's own (duplicate,
 * internal_division, unfiled_change) and the two activity-module flags whose inputs are
 * registry fields only — naming_mismatch (name, verified subject, unit name) and
 * needs_review (lastValidatedAt). Every other flag and the grade need activity.
 */
export const REGISTRY_DERIVED_FLAG_TYPES: readonly FlagType[] = [...REGISTRY_FLAG_TYPES, 'naming_mismatch', 'needs_review'];
const registryDerived = new Set<FlagType>(REGISTRY_DERIVED_FLAG_TYPES);

/** What recomputing registry-derived flags reads and writes: registry items and the region's profile, never activity. */
/** What a registry write needs of each of the unit's accounts (a projection: not their flags' evidence). */
export type UnitPeer = Pick<Account, 'id' | 'platform' | 'name' | 'handle' | 'status' | 'duplicateException'>;

export interface RegistryFlagPorts {
  accounts: {
    /** The unit's accounts, projected (one query). */
    unitOf(regionCode: string, departmentId: string): Promise<UnitPeer[]>;
    /** A whole account: only for the rare sibling whose duplicate flag appears or goes. */
    get(id: string): Promise<Account | undefined>;
    setDerived(id: string, fields: { flags?: Flag[]; latestGrade?: GradeSummary }): Promise<void>;
  };
  departments: { get(id: string): Promise<Department | undefined> };
  /** The region's profile in force (memoised per request by the caller, since the opening policy reads it too). */
  profileOf(regionCode: string): Promise<RuleProfile>;
  clock: { now(): string };
  /** The official working-day calendar for unfiled_change (Monday to Friday without it). */
  calendar?: () => Promise<WorkCalendar>;
}

/** A registry write about to happen: a new account (no `before`), or `before` becoming `account`. */
export interface RegistryChange {
  account: Account;
  before?: Account;
}

export interface RegistryFlagPlan {
  /**
   * The changed accounts, in input order, with their registry-derived flags; a new account
   * also with its activity flags and first grade, computed from no activity (it has none yet:
   * no reads). Put these in the write itself.
   */
  accounts: Account[];
  /**
   * After the write: stores the derived fields of changed accounts that existed before (an
   * edit writes person fields only) when they changed, and of the siblings whose
   * registry-derived flags appear or go. Returns how many accounts were written.
   */
  write(): Promise<number>;
}

/** Types and `since` only: a sibling is rewritten when a flag appears, goes or restarts, not when its evidence grows. */
const signature = (flags: readonly Flag[]) =>
  JSON.stringify(flags.filter((f) => registryDerived.has(f.type)).map((f) => [f.type, f.since]));

/**
 * Registry-derived flags for accounts being registered, edited or imported, and for their
 * siblings (the same unit; the same platform is what `duplicate` looks at), from registry
 * data only: one query per unit touched (before and after a move), its name and the profile.
 * Grades and activity flags of existing accounts are left to ingest and the sweep.
 *
 * A sibling is written only when a registry-derived flag of it appears or goes (the first
 * duplicate, a move away), not when only its evidence would list one more account: that
 * keeps a registration O(1) writes however many accounts the unit has on the platform; the
 * nightly sweep brings every sibling's evidence up to date.
 */
export async function planRegistryFlags(changes: readonly RegistryChange[], ports: RegistryFlagPorts): Promise<RegistryFlagPlan> {
  const today = beijingDate(ports.clock.now());
  const calendarRead = ports.calendar?.();
  const unitKey = (a: Pick<Account, 'regionCode' | 'departmentId'>) => `${a.regionCode}|${a.departmentId}`;
  const units = new Map<string, { regionCode: string; departmentId: string }>();
  for (const c of changes) {
    units.set(unitKey(c.account), c.account);
    if (c.before) units.set(unitKey(c.before), c.before);
  }
  const profiles = new Map<string, Promise<RuleProfile>>();
  const profileOf = (region: string) => {
    let p = profiles.get(region);
    if (!p) profiles.set(region, (p = ports.profileOf(region)));
    return p;
  };
  // The calendar, and each unit's accounts, name and profile: all read together.
  const [calendar, unitsLoaded] = await Promise.all([
    calendarRead,
    Promise.all(
      [...units].map(async ([key, u]) => {
        const [stored, dept] = await Promise.all([ports.accounts.unitOf(u.regionCode, u.departmentId), ports.departments.get(u.departmentId), profileOf(u.regionCode)]);
        return [key, { stored, name: dept?.name ?? '' }] as const;
      }),
    ),
  ]);
  const loaded = new Map(unitsLoaded);
  // Each unit's accounts as they will be once the changes are stored.
  const changedIds = new Set(changes.map((c) => c.account.id));
  const after = new Map<string, UnitPeer[]>();
  for (const [key, { stored }] of loaded) after.set(key, stored.filter((a) => !changedIds.has(a.id)));
  for (const c of changes) after.get(unitKey(c.account))!.push(c.account);

  const derive = async (a: Account): Promise<Flag[]> => {
    const profile = await profileOf(a.regionCode);
    const unit = after.get(unitKey(a))!;
    // registryFlags reads only id, platform, status, name and handle of the other accounts: the projection suffices.
    const own = registryFlags(a, unit as unknown as Account[], today, profile.registry.filingWorkingDays, calendar);
    const naming = computeActivityFlags({ account: namingInput(a, loaded.get(unitKey(a))!.name, unit) }, today, profile).filter((f) => registryDerived.has(f.type));
    return mergeFlags(a.flags, [...own, ...naming], REGISTRY_DERIVED_FLAG_TYPES);
  };

  const planned: Account[] = [];
  const ownWrites: Account[] = [];
  for (const c of changes) {
    if (c.before) {
      const flags = await derive(c.account);
      const next = { ...c.account, flags };
      planned.push(next);
      if (JSON.stringify(flags) !== JSON.stringify(c.before.flags)) ownWrites.push(next);
    } else {
      planned.push(firstAssessment(c.account, after.get(unitKey(c.account))!, loaded.get(unitKey(c.account))!.name, today, await profileOf(c.account.regionCode), calendar));
    }
  }

  const siblingWrites: Account[] = [];
  const touched = new Set<string>();
  for (const c of changes) {
    for (const key of new Set([unitKey(c.account), ...(c.before ? [unitKey(c.before)] : [])])) {
      const platforms = new Set([c.account.platform, ...(c.before ? [c.before.platform] : [])]);
      const unit = after.get(key)!;
      for (const s of unit) {
        if (changedIds.has(s.id) || touched.has(s.id) || s.status === 'closed' || !platforms.has(s.platform)) continue;
        touched.add(s.id);
        // A change elsewhere in the unit moves only a sibling's duplicate flag: read it whole only when that flag appears or goes.
        const duplicate = duplicateIn(s, unit);
        if (duplicate === duplicateIn(s, loaded.get(key)!.stored)) continue;
        const whole = await ports.accounts.get(s.id);
        if (!whole) continue;
        const flags = await derive(whole);
        if (signature(flags) !== signature(whole.flags)) siblingWrites.push({ ...whole, flags });
      }
    }
  }

  return {
    accounts: planned,
    async write() {
      const writes = [...ownWrites, ...siblingWrites];
      await Promise.all(writes.map((a) => ports.accounts.setDerived(a.id, { flags: a.flags })));
      return writes.length;
    },
  };
}

/** Whether the unit (as listed) holds another open account of `s`'s platform: what makes `s` a duplicate, unless excepted. */
const duplicateIn = (s: UnitPeer, unit: readonly UnitPeer[]) =>
  !s.duplicateException && unit.some((o) => o.id !== s.id && o.platform === s.platform && o.status !== 'closed');

/** What naming_mismatch and needs_review read: registry fields only (the same sibling names as the sweep's assessment). */
const namingInput = (a: Account, departmentName: string, unit: readonly UnitPeer[]) => ({
  name: a.name,
  departmentName,
  verifiedSubject: a.verifiedSubject,
  siblingNames: unit.filter((o) => o.id !== a.id && o.platform !== a.platform && o.status !== 'closed').map((o) => o.name),
  lastValidatedAt: a.lastValidatedAt,
});

/**
 * A new account's flags and first grade: it has no posts and no metrics yet, so the
 * assessment the sweep would make reads nothing and is computed here, at registration.
 */
function firstAssessment(account: Account, unit: readonly UnitPeer[], departmentName: string, today: string, profile: RuleProfile, calendar?: WorkCalendar): Account {
  // The assessment reads only id, platform, status, name and handle of the other accounts: the projection suffices.
  const { grade, flags } = assessLoaded(account, { posts: [], snapshots: [], departmentName, siblings: unit as unknown as Account[], calendar }, today, profile);
  return { ...account, flags, latestGrade: gradeSummary(grade) };
}

/** An account that was already written (an approval outcome): its registry-derived flags and its siblings'. */
export async function refreshRegistryFlags(account: Account, ports: RegistryFlagPorts): Promise<Account> {
  const plan = await planRegistryFlags([{ account, before: account }], ports);
  await plan.write();
  return plan.accounts[0]!;
}

/** The profile lookup of one request or job, memoised: registration reads it for the opening policy and for flags. */
export function memoProfiles(ports: Pick<AssessmentPorts, 'profiles'>): (regionCode: string) => Promise<RuleProfile> {
  return readOnce((regionCode: string) => profileForRegion(regionCode, ports));
}

/** The wiring of {@link RegistryFlagPorts}, with one profile memo. */
export function registryFlagPortsOf(
  ports: Pick<RegistryFlagPorts, 'accounts' | 'departments' | 'clock' | 'calendar'> & Pick<AssessmentPorts, 'profiles'>,
  profileOf = memoProfiles(ports),
): RegistryFlagPorts {
  return { accounts: ports.accounts, departments: ports.departments, profileOf, clock: ports.clock, ...(ports.calendar ? { calendar: ports.calendar } : {}) };
}
