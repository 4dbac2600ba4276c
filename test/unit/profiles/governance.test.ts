import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Principal, type Role } from '../../../shared/auth/principal';
import { NATIONAL, type RuleProfile } from '../../../shared/profiles';
import { ownerOf, SHIPPED_DEFAULT, versionInForceAt, type StoredProfile } from '../../../shared/profiles/catalog';
import { mayReadRegionProfile, NATIONAL_REGION, publishDecision } from '../../../shared/profiles/governance';

const who = (region: string, roles: Role[] = ['admin']): Principal => ({ sub: `u-${region}`, name: 'x', roles, region });

describe('who may publish a version of which profile (decision 23)', () => {
  it.each<[string, Principal, string, string | undefined, ReturnType<typeof publishDecision>]>([
    ['a national-level admin, national', who(NATIONAL_REGION), 'national', NATIONAL_REGION, { allowed: true, ownerRegion: NATIONAL_REGION }],
    ['a national-level admin, another built-in', who(NATIONAL_REGION), 'weekly-3', NATIONAL_REGION, { allowed: true, ownerRegion: NATIONAL_REGION }],
    ['a county admin, national', who('440105'), 'national', NATIONAL_REGION, { allowed: false, reason: 'national_only', ownerRegion: NATIONAL_REGION }],
    ['a province admin, national', who('330000'), 'national', NATIONAL_REGION, { allowed: false, reason: 'national_only', ownerRegion: NATIONAL_REGION }],
    ['a province admin, a built-in even without a recorded owner', who('330000'), 'strict-10day', undefined, { allowed: false, reason: 'national_only', ownerRegion: NATIONAL_REGION }],
    ['a province admin, its own province profile', who('330000'), 'zj-strict', '330000', { allowed: true, ownerRegion: '330000' }],
    ['another province admin, that profile', who('440000'), 'zj-strict', '330000', { allowed: false, reason: 'not_owner', ownerRegion: '330000' }],
    ['a city admin inside the owner province, that profile', who('330100'), 'zj-strict', '330000', { allowed: false, reason: 'not_owner', ownerRegion: '330000' }],
    ['a national-level admin, a province profile', who(NATIONAL_REGION), 'zj-strict', '330000', { allowed: false, reason: 'not_owner', ownerRegion: '330000' }],
    ['a county admin, its own county profile', who('440105'), 'tianhe', '440105', { allowed: true, ownerRegion: '440105' }],
    ['a province admin, a county profile inside it', who('440000'), 'tianhe', '440105', { allowed: false, reason: 'not_owner', ownerRegion: '440105' }],
    ['a county admin, a new name', who('440105'), 'brand-new', undefined, { allowed: true, ownerRegion: '440105' }],
    ['a province admin, a new name', who('330000'), 'brand-new', undefined, { allowed: true, ownerRegion: '330000' }],
    ['an office (not an admin), a new name', who('330000', ['office']), 'brand-new', undefined, { allowed: false, reason: 'not_admin' }],
    ['a reviewer of the owner region, its profile', who('330000', ['reviewer']), 'zj-strict', '330000', { allowed: false, reason: 'not_admin' }],
  ])('%s', (_case, actor, name, owner, expected) => {
    expect(publishDecision(actor, name, owner)).toEqual(expected);
  });

  it('never moves a name to another owner: an allowed version keeps the recorded owner', () => {
    const region = fc.constantFrom('100000', '330000', '330100', '330127', '440000', '440105');
    fc.assert(
      fc.property(region, fc.subarray([...ROLES], { minLength: 1 }), fc.constantFrom('national', 'weekly-3', 'zj-strict', 'tianhe'), region, (r, roles, name, owner) => {
        const d = publishDecision(who(r, roles), name, owner);
        if (d.allowed) {
          expect(d.ownerRegion).toBe(r);
          expect(d.ownerRegion).toBe(name === 'national' || name === 'weekly-3' ? NATIONAL_REGION : owner);
        }
      }),
    );
  });
});

describe('the owner and the version in force of stored profiles', () => {
  const stored = (version: number, createdAt: string, ownerRegion?: string): StoredProfile => ({
    profile: { ...NATIONAL, name: 'p', version } as RuleProfile,
    createdAt,
    createdBy: { sub: 's', name: 'n' },
    ...(ownerRegion ? { ownerRegion } : {}),
  });

  it.each<[string, StoredProfile[], string | undefined]>([
    ['a new name has no owner', [], undefined],
    ['the owner recorded on the first version', [stored(1, '2026-02-01T00:00:00Z', '330000'), stored(2, '2026-03-01T00:00:00Z', '330000')], '330000'],
    ['versions stored before owners existed are national-level', [stored(1, '2026-02-01T00:00:00Z')], NATIONAL_REGION],
  ])('%s', (_case, versions, owner) => {
    expect(ownerOf(versions)).toBe(owner);
  });

  const history = [stored(1, '2026-02-01T00:00:00Z'), stored(2, '2026-03-01T00:00:00Z'), stored(3, '2026-04-01T00:00:00Z')];
  it.each([
    ['assigned between v2 and v3 → v2', '2026-03-15T00:00:00Z', 2],
    ['assigned the instant v2 was published → v2', '2026-03-01T00:00:00Z', 2],
    ['assigned after every version → the newest then', '2026-05-01T00:00:00Z', 3],
    ['assigned before any version (clock skew) → the first', '2026-01-01T00:00:00Z', 1],
  ])('an unversioned (legacy) assignment: %s', (_case, assignedAt, version) => {
    expect(versionInForceAt(history, assignedAt)).toBe(version);
  });

  it('a region without any assignment runs under the national version shipped in the code', () => {
    expect(SHIPPED_DEFAULT).toEqual({ profile: 'national', version: NATIONAL.version });
  });
});

describe("who may read a region's profile in force", () => {
  it.each<[string, Principal, string, boolean]>([
    ['an office, its own region', who('330127', ['office']), '330127', true],
    ['a city office, a county below it', who('330100', ['office']), '330127', true],
    ['a county office, its city above it (not visible)', who('330127', ['office']), '330100', false],
    ['an office, another province', who('330127', ['office']), '440105', false],
    ['an editor, its own region', { ...who('330127', ['editor']), department: 'd1' }, '330127', true],
    ['an editor, another province', { ...who('330127', ['editor']), department: 'd1' }, '440105', false],
    ['a national-level admin, a province (no regional scope)', who(NATIONAL_REGION), '330000', false],
  ])('%s', (_case, actor, region, expected) => {
    expect(mayReadRegionProfile(actor, region)).toBe(expected);
  });
});
