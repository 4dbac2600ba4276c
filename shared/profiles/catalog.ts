import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, hasRole, type Principal } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { NATIONAL_REGION, publishDecision, publishRefusal } from './governance';
import { BUILTIN_PROFILES, DEFAULT_PROFILE, getBuiltinProfile, validateProfile, type RuleProfile } from './index';

/** A profile version as stored: the rules plus who added it and when. */
export interface StoredProfile {
  profile: RuleProfile;
  createdAt: string;
  createdBy: { sub: string; name: string } | null;
  /**
   * The region that owns the name (decision 23): set on every version published since
   * profiles have owners; the built-ins belong to the national level. Versions stored
   * before carry none and count as national-level.
   */
  ownerRegion?: string;
}

/** Which profile a region uses (and so its sub-regions, unless they have their own). */
export interface RegionProfileAssignment {
  regionCode: string;
  profile: string;
  /**
   * The pinned version. Always written since decision 23; an assignment stored before
   * without it means the newest version that existed when it was assigned
   * (`versionInForceAt`), never one published later.
   */
  version?: number;
  assignedAt: string;
  assignedBy: { sub: string; name: string };
}

export interface ProfileStore {
  versions(name: string): Promise<StoredProfile[]>;
  all(): Promise<StoredProfile[]>;
  /** Conflict if that (name, version) exists already. */
  add(entry: StoredProfile, audit: AuditEntry): Promise<void>;
  assignment(regionCode: string): Promise<RegionProfileAssignment | undefined>;
  /** Several at once, in the order asked (one batch read); optional. */
  assignments?(regionCodes: readonly string[]): Promise<(RegionProfileAssignment | undefined)[]>;
  assign(assignment: RegionProfileAssignment, audit: AuditEntry): Promise<void>;
}

export interface ProfilePorts {
  profiles: ProfileStore;
  clock: Clock;
  ids: IdGenerator;
}

const builtin = (p: RuleProfile): StoredProfile => ({ profile: p, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, ownerRegion: NATIONAL_REGION });

/**
 * What a region without any assignment (its own or inherited) is graded by: the built-in
 * `national` at the version shipped in the code — never the newest published version.
 */
export const SHIPPED_DEFAULT: Readonly<{ profile: string; version: number }> = Object.freeze({
  profile: DEFAULT_PROFILE,
  version: getBuiltinProfile(DEFAULT_PROFILE)!.version,
});

/** The owner of a profile name: recorded on its first version; legacy versions without one are national-level. */
export function ownerOf(versions: readonly StoredProfile[]): string | undefined {
  if (!versions.length) return undefined;
  return versions.find((v) => v.ownerRegion !== undefined)?.ownerRegion ?? NATIONAL_REGION;
}

/**
 * For an assignment stored without a version (before versions were pinned): the newest
 * version that existed when it was assigned; the first version if all are younger.
 */
export function versionInForceAt(versions: readonly StoredProfile[], assignedAt: string): number | undefined {
  const sorted = [...versions].sort((a, b) => a.profile.version - b.profile.version);
  const existing = sorted.filter((v) => Date.parse(v.createdAt) <= Date.parse(assignedAt));
  return (existing.at(-1) ?? sorted[0])?.profile.version;
}

async function versionsOf(name: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<StoredProfile[]> {
  const stored = await ports.profiles.versions(name);
  return [...BUILTIN_PROFILES.filter((p) => p.name === name).map(builtin), ...stored].sort((a, b) => a.profile.version - b.profile.version);
}

/** A profile by name and version (newest when omitted); built-in or added by an admin. */
export async function resolveProfile(name: string, version: number | undefined, ports: Pick<ProfilePorts, 'profiles'>): Promise<RuleProfile> {
  // A built-in version never changes and wins over a stored one of the same number: no read.
  const builtinVersion = version === undefined ? undefined : BUILTIN_PROFILES.find((p) => p.name === name && p.version === version);
  if (builtinVersion) return builtinVersion;
  const versions = await versionsOf(name, ports);
  const found = version === undefined ? versions.at(-1) : versions.find((v) => v.profile.version === version);
  if (!found) throw new NotFound(`规则配置 ${name}${version ? ` v${version}` : ''}`);
  return found.profile;
}

export async function profileHistory(name: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<StoredProfile[]> {
  const versions = await versionsOf(name, ports);
  if (!versions.length) throw new NotFound(`规则配置 ${name}`);
  return versions;
}

/** Every profile name with its newest version and the versions that exist. */
export async function listProfiles(ports: Pick<ProfilePorts, 'profiles'>) {
  const all = [...BUILTIN_PROFILES.map(builtin), ...(await ports.profiles.all())];
  const byName = new Map<string, StoredProfile[]>();
  for (const entry of all) byName.set(entry.profile.name, [...(byName.get(entry.profile.name) ?? []), entry]);
  return [...byName.values()].map((entries) => {
    const sorted = entries.sort((a, b) => a.profile.version - b.profile.version);
    const latest = sorted.at(-1)!.profile;
    return {
      name: latest.name,
      title: latest.title,
      description: latest.description,
      latestVersion: latest.version,
      versions: sorted.map((e) => e.profile.version),
      builtin: sorted.some((e) => e.createdBy === null),
      ownerRegion: ownerOf(sorted),
    };
  });
}

/**
 * An admin publishes a profile version. Versions are append-only: the next version is
 * latest + 1 (given or assigned); earlier versions stay readable for reproducing
 * past inspections. Who may publish which name: `publishDecision` (decision 23).
 * Publishing changes no region's assignment, so no region is graded by the new version
 * until an admin of that region adopts it (`assignRegionProfile`).
 */
export async function addProfileVersion(input: unknown, actor: Principal, ports: ProfilePorts): Promise<StoredProfile> {
  if (!hasRole(actor, 'admin')) throw new Forbidden('只有平台管理员可以新增规则配置 (admin only)');
  const candidate = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (!candidate) throw new InvalidInput([{ path: '', message: '请求体须为规则配置对象' }]);
  const name = typeof candidate.name === 'string' ? candidate.name : '';
  const existing = name ? await versionsOf(name, ports) : [];
  const decision = publishDecision(actor, name, ownerOf(existing));
  if (!decision.allowed) throw new Forbidden(publishRefusal(name, decision), 'profile_owner_only', { name });
  const next = (existing.at(-1)?.profile.version ?? 0) + 1;
  if (candidate.version !== undefined && candidate.version !== next) {
    throw new Conflict('profile_version_exists', `规则配置 ${name} 的下一个版本应为 ${next}（已有版本不可修改）`, { name, next });
  }
  const profile = validateProfile({ ...candidate, version: next });
  const now = ports.clock.now();
  const entry: StoredProfile = { profile, createdAt: now, createdBy: { sub: actor.sub, name: actor.name }, ownerRegion: decision.ownerRegion };
  await ports.profiles.add(
    entry,
    auditEntry(actor, 'profile.add_version', { type: 'profile', id: `${profile.name}@${profile.version}` }, { regionCode: actor.region }, null, profile, now, ports.ids.next()),
  );
  return entry;
}

/** The region, then its city, then its province: 330127 → 330127, 330100, 330000. */
export function regionChain(regionCode: string): string[] {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return [...new Set(chain)];
}

/** The assignment in force for a region: its own, else its city's, else its province's; none means `national`. */
export async function effectiveAssignment(regionCode: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<RegionProfileAssignment | undefined> {
  // Read together (one batch read where the store offers it, else three at once); the nearest one found wins.
  const chain = regionChain(regionCode);
  const found = ports.profiles.assignments ? await ports.profiles.assignments(chain) : await Promise.all(chain.map((code) => ports.profiles.assignment(code)));
  return found.find((a) => a !== undefined);
}

/** The profile in force for a region and the assignment it comes from (none: the shipped default). */
export interface EffectiveProfile {
  profile: RuleProfile;
  assignment: RegionProfileAssignment | undefined;
}

/**
 * The pinned profile version a region is run under: the version of its own, its city's or
 * its province's assignment, else `SHIPPED_DEFAULT`. Publishing a version never changes it.
 */
export async function effectiveProfile(regionCode: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<EffectiveProfile> {
  const assignment = await effectiveAssignment(regionCode, ports);
  if (!assignment) return { profile: await resolveProfile(SHIPPED_DEFAULT.profile, SHIPPED_DEFAULT.version, ports), assignment };
  const version = assignment.version ?? versionInForceAt(await versionsOf(assignment.profile, ports), assignment.assignedAt);
  if (version === undefined) throw new NotFound(`规则配置 ${assignment.profile}`);
  return { profile: await resolveProfile(assignment.profile, version, ports), assignment };
}

/** The rule profile a region's accounts are graded, flagged, closed, opened and scheduled under (pinned). */
export async function profileForRegion(regionCode: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<RuleProfile> {
  return (await effectiveProfile(regionCode, ports)).profile;
}

/**
 * A profile a request names for a region's accounts (grading, inspections): none → the
 * region's pinned profile; a name with a version → that version; a name alone → the
 * region's pinned version when it is the region's profile, else that name's newest
 * version (an explicit choice of the caller, stored with the result).
 */
export async function profileForRequest(
  regionCode: string,
  ref: { name?: string; version?: number },
  ports: Pick<ProfilePorts, 'profiles'>,
): Promise<RuleProfile> {
  if (!ref.name) return profileForRegion(regionCode, ports);
  if (ref.version !== undefined) return resolveProfile(ref.name, ref.version, ports);
  const inForce = await profileForRegion(regionCode, ports);
  return inForce.name === ref.name ? inForce : resolveProfile(ref.name, undefined, ports);
}

/**
 * An admin of the region (or above) adopts a profile version for the region from now on.
 * The version is pinned (the newest one when the request names none, recorded as such);
 * the act is audited in the adopting region's log, and regions below that inherit it see
 * it as `assignment` (who, when) on their own `GET /regions/{code}/profile`.
 */
export async function assignRegionProfile(
  regionCode: string,
  input: { profile: string; version?: number },
  actor: Principal,
  ports: ProfilePorts,
): Promise<RegionProfileAssignment> {
  if (!canActAs(actor, ['admin'], { regionCode })) throw new Forbidden('只有本地区（或上级）的平台管理员可以指定规则配置 (admin of the region only)');
  const adopted = await resolveProfile(input.profile, input.version, ports); // must exist
  const now = ports.clock.now();
  const before = (await ports.profiles.assignment(regionCode)) ?? null;
  const assignment: RegionProfileAssignment = {
    regionCode,
    profile: adopted.name,
    version: adopted.version,
    assignedAt: now,
    assignedBy: { sub: actor.sub, name: actor.name },
  };
  await ports.profiles.assign(
    assignment,
    auditEntry(actor, 'profile.assign', { type: 'profile', id: `region:${regionCode}` }, { regionCode }, before, assignment, now, ports.ids.next()),
  );
  return assignment;
}
