import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, hasRole, type Principal } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../errors';
import type { Clock, IdGenerator } from '../ports';
import { BUILTIN_PROFILES, DEFAULT_PROFILE, validateProfile, type RuleProfile } from './index';

/** A profile version as stored: the rules plus who added it and when. */
export interface StoredProfile {
  profile: RuleProfile;
  createdAt: string;
  createdBy: { sub: string; name: string } | null;
}

/** Which profile a region uses (and so its sub-regions, unless they have their own). */
export interface RegionProfileAssignment {
  regionCode: string;
  profile: string;
  /** Pinned version; the newest version when absent. */
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
  assign(assignment: RegionProfileAssignment, audit: AuditEntry): Promise<void>;
}

export interface ProfilePorts {
  profiles: ProfileStore;
  clock: Clock;
  ids: IdGenerator;
}

const builtin = (p: RuleProfile): StoredProfile => ({ profile: p, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null });

async function versionsOf(name: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<StoredProfile[]> {
  const stored = await ports.profiles.versions(name);
  return [...BUILTIN_PROFILES.filter((p) => p.name === name).map(builtin), ...stored].sort((a, b) => a.profile.version - b.profile.version);
}

/** A profile by name and version (newest when omitted); built-in or added by an admin. */
export async function resolveProfile(name: string, version: number | undefined, ports: Pick<ProfilePorts, 'profiles'>): Promise<RuleProfile> {
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
    return { name: latest.name, title: latest.title, description: latest.description, latestVersion: latest.version, versions: sorted.map((e) => e.profile.version), builtin: sorted.some((e) => e.createdBy === null) };
  });
}

/**
 * An admin adds a profile version. Versions are append-only: the next version is
 * latest + 1 (given or assigned); earlier versions stay readable for reproducing
 * past inspections.
 */
export async function addProfileVersion(input: unknown, actor: Principal, ports: ProfilePorts): Promise<StoredProfile> {
  if (!hasRole(actor, 'admin')) throw new Forbidden('只有平台管理员可以新增规则配置 (admin only)');
  const candidate = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (!candidate) throw new InvalidInput([{ path: '', message: '请求体须为规则配置对象' }]);
  const name = typeof candidate.name === 'string' ? candidate.name : '';
  const existing = name ? await versionsOf(name, ports) : [];
  const next = (existing.at(-1)?.profile.version ?? 0) + 1;
  if (candidate.version !== undefined && candidate.version !== next) {
    throw new Conflict('profile_version_exists', `规则配置 ${name} 的下一个版本应为 ${next}（已有版本不可修改）`);
  }
  const profile = validateProfile({ ...candidate, version: next });
  const now = ports.clock.now();
  const entry: StoredProfile = { profile, createdAt: now, createdBy: { sub: actor.sub, name: actor.name } };
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
  for (const code of regionChain(regionCode)) {
    const found = await ports.profiles.assignment(code);
    if (found) return found;
  }
  return undefined;
}

/** The rule profile a region's accounts are graded, flagged and run under. */
export async function profileForRegion(regionCode: string, ports: Pick<ProfilePorts, 'profiles'>): Promise<RuleProfile> {
  const assigned = await effectiveAssignment(regionCode, ports);
  return resolveProfile(assigned?.profile ?? DEFAULT_PROFILE, assigned?.version, ports);
}

/** An admin of the region (or above) assigns the profile the region uses from now on. */
export async function assignRegionProfile(
  regionCode: string,
  input: { profile: string; version?: number },
  actor: Principal,
  ports: ProfilePorts,
): Promise<RegionProfileAssignment> {
  if (!canActAs(actor, ['admin'], { regionCode })) throw new Forbidden('只有本地区（或上级）的平台管理员可以指定规则配置 (admin of the region only)');
  await resolveProfile(input.profile, input.version, ports); // must exist
  const now = ports.clock.now();
  const before = (await ports.profiles.assignment(regionCode)) ?? null;
  const assignment: RegionProfileAssignment = {
    regionCode,
    profile: input.profile,
    ...(input.version !== undefined ? { version: input.version } : {}),
    assignedAt: now,
    assignedBy: { sub: actor.sub, name: actor.name },
  };
  await ports.profiles.assign(
    assignment,
    auditEntry(actor, 'profile.assign', { type: 'profile', id: `region:${regionCode}` }, { regionCode }, before, assignment, now, ports.ids.next()),
  );
  return assignment;
}
