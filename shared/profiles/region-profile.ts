import type { AuditEntry } from '../audit/audit';
import type { AuditTrail } from '../audit/log';
import type { Principal } from '../auth/principal';
import { NotFound } from '../errors';
import { effectiveProfile, regionChain, type ProfilePorts } from './catalog';
import { mayReadRegionProfile } from './governance';

/** What a region's profile answers read: the catalog and, for its history, the audit trail. */
export interface RegionProfilePorts {
  profiles: ProfilePorts['profiles'];
  audit: Pick<AuditTrail, 'ofEntity'>;
}

/** GET /regions/{code}/profile: the profile in force and where it comes from (own, inherited, builtin); 404 outside the caller's scope. */
export async function regionProfileView(regionCode: string, actor: Principal, ports: Pick<RegionProfilePorts, 'profiles'>) {
  if (!mayReadRegionProfile(actor, regionCode)) throw new NotFound('地区');
  const { profile, assignment } = await effectiveProfile(regionCode, ports);
  return {
    regionCode,
    profile: profile.name,
    profileVersion: profile.version,
    title: profile.title,
    source: !assignment ? 'builtin' : assignment.regionCode === regionCode ? 'own' : 'inherited',
    inheritedFrom: assignment?.regionCode ?? null,
    assignment: assignment ? { ...assignment, version: profile.version } : null,
  };
}

/** GET /regions/{code}/profile/history: the adoptions that decide this region's profile, its own and those of the regions it inherits from, newest first. */
export async function regionProfileHistory(regionCode: string, actor: Principal, ports: Pick<RegionProfilePorts, 'audit'>): Promise<{ items: AuditEntry[]; cursor: null }> {
  if (!mayReadRegionProfile(actor, regionCode)) throw new NotFound('地区');
  const pages = await Promise.all(regionChain(regionCode).map((code) => ports.audit.ofEntity('profile', `region:${code}`, 100)));
  const items = pages.flatMap((p) => p.items).sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  return { items, cursor: null };
}
