import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSee, ROLES, type Principal, type Role } from '../../../shared/auth/principal';
import { inScope, listScope, resolveListScope, scopeDepartmentId, type ListScope, type ScopeDepartment, type ScopeRequest } from '../../../shared/auth/scope';
import { Forbidden, NotFound } from '../../../shared/errors';

/**
 * The one list-scope rule (docs/decisions.md decision 31). The caller sits in 330100; their
 * own department (for an editor or approver) is in 330102; another department of the
 * region in 330103; one elsewhere in 440105; and one id names no department at all.
 */
const REGISTRY: Record<string, ScopeDepartment> = {
  'd-own': { id: 'd-own', regionCode: '330102' },
  'd-in': { id: 'd-in', regionCode: '330103' },
  'd-out': { id: 'd-out', regionCode: '440105' },
};

const principal = (role: Role, over: Partial<Principal> = {}): Principal => ({
  sub: 'u1',
  name: '王敏',
  roles: [role],
  region: '330100',
  ...(role === 'editor' || role === 'approver' ? { department: 'd-own' } : {}),
  ...over,
});

const scopeOf = (p: Principal, requested: ScopeRequest): ListScope | 'forbidden' | 'not_found' => {
  const id = scopeDepartmentId(p, requested);
  try {
    return listScope(p, requested, id === undefined ? undefined : REGISTRY[id]);
  } catch (e) {
    if (e instanceof Forbidden) return 'forbidden';
    if (e instanceof NotFound) return 'not_found';
    throw e;
  }
};

const region = (code: string, prefix: string): ListScope => ({ kind: 'region', region: code, regionPrefix: prefix });
const department = (id: string): ListScope => ({ kind: 'department', regionCode: REGISTRY[id]!.regionCode, departmentId: id });
const NONE: ListScope = { kind: 'none' };

type Row = [string, string | undefined, string | undefined, ListScope | 'forbidden' | 'not_found'];

/** ?region= × ?department= for an office, reviewer or admin of 330100. */
const REGION_ROLE_ROWS: Row[] = [
  ['no region, no department: their region', undefined, undefined, region('330100', '3301')],
  ['their own region: their region', '330100', undefined, region('330100', '3301')],
  ['a region inside theirs: that region', '330102', undefined, region('330102', '330102')],
  ['a region outside theirs: 403', '440100', undefined, 'forbidden'],
  ['a department of their region: that department', undefined, 'd-in', department('d-in')],
  ['their region and a department in it: that department', '330100', 'd-in', department('d-in')],
  ['a sub-region and a department outside it: nothing', '330102', 'd-in', NONE],
  ['a region outside theirs and a department of theirs: nothing', '440100', 'd-in', NONE],
  ['a department of another region: 404', undefined, 'd-out', 'not_found'],
  ['that department with its own region: 404', '440100', 'd-out', 'not_found'],
  ['a department that does not exist: 404', undefined, 'd-gone', 'not_found'],
];

/** ?region= × ?department= for an editor or approver of d-own (330102). */
const DEPARTMENT_ROLE_ROWS: Row[] = [
  ['no region, no department: their department', undefined, undefined, department('d-own')],
  ['the region of their token: their department', '330100', undefined, department('d-own')],
  ["their department's own region: their department", '330102', undefined, department('d-own')],
  ['a region of their province that holds their department: their department', '330000', undefined, department('d-own')],
  ['a sibling region inside their token region: nothing', '330103', undefined, NONE],
  ['a region outside theirs: nothing', '440100', undefined, NONE],
  ['their own department named: their department', undefined, 'd-own', department('d-own')],
  ['their own department and a region holding it: their department', '330100', 'd-own', department('d-own')],
  ['their own department and a region outside it: nothing', '330103', 'd-own', NONE],
  ['another department of their region: 404', undefined, 'd-in', 'not_found'],
  ['a department of another region: 404', undefined, 'd-out', 'not_found'],
  ['a department that does not exist: 404', undefined, 'd-gone', 'not_found'],
];

const REGION_ROLES: Role[] = ['office', 'reviewer', 'admin'];
const DEPARTMENT_ROLES: Role[] = ['editor', 'approver'];

const cross = (roles: Role[], rows: Row[]) => roles.flatMap((role) => rows.map(([label, r, d, expected]) => [role, label, r, d, expected] as const));

describe('listScope: what a list shows', () => {
  it.each(cross(REGION_ROLES, REGION_ROLE_ROWS))('an %s asking %s', (role, _label, r, d, expected) => {
    expect(scopeOf(principal(role), { region: r, department: d })).toEqual(expected);
  });

  it.each(cross(DEPARTMENT_ROLES, DEPARTMENT_ROLE_ROWS))('an %s asking %s', (role, _label, r, d, expected) => {
    expect(scopeOf(principal(role), { region: r, department: d })).toEqual(expected);
  });

  it.each(DEPARTMENT_ROLES)('an %s whose department is no longer in the registry lists nothing', (role) => {
    expect(scopeOf(principal(role, { department: 'd-gone' }), {})).toEqual(NONE);
  });

  it.each(DEPARTMENT_ROLES)('an %s without a department claim lists nothing', (role) => {
    expect(scopeOf(principal(role, { department: undefined }), { region: '330100' })).toEqual(NONE);
  });

  it('a user with both a region role and a department role lists the region', () => {
    expect(scopeOf(principal('office', { roles: ['office', 'editor'], department: 'd-own' }), {})).toEqual(region('330100', '3301'));
  });

  it('resolveListScope reads the department it needs and decides as listScope does', async () => {
    const reads: string[] = [];
    const departments = { get: async (id: string) => (reads.push(id), REGISTRY[id]) };
    expect(await resolveListScope(principal('editor'), { region: '330100' }, { departments })).toEqual(department('d-own'));
    expect(await resolveListScope(principal('office'), { region: '330100' }, { departments })).toEqual(region('330100', '3301'));
    expect(reads).toEqual(['d-own']);
  });
});

describe('listScope: invariants', () => {
  const CODES = ['330000', '330100', '330102', '330103', '440100', '440105'];
  const IDS = ['d1', 'd2', 'd3', 'd4'];
  const code = fc.constantFrom(...CODES);
  const id = fc.constantFrom(...IDS);

  const world = fc.record({
    // Each department in one region; some ids name no department.
    registry: fc.dictionary(id, code),
    principal: fc.record({
      roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }),
      region: code,
      department: fc.option(id, { nil: undefined }),
    }),
    requested: fc.record({ region: fc.option(code, { nil: undefined }), department: fc.option(id, { nil: undefined }) }),
    record: fc.record({ departmentId: fc.option(id, { nil: undefined }), regionCode: code }),
  });

  it('a listed scope never holds a record the caller cannot see', () => {
    fc.assert(
      fc.property(world, ({ registry, principal: who, requested, record: raw }) => {
        const p: Principal = { sub: 'u', name: 'n', ...who };
        const dept = (i: string | undefined) => (i !== undefined && registry[i] !== undefined ? { id: i, regionCode: registry[i]! } : undefined);
        // A department's records carry its region.
        const owner = dept(raw.departmentId);
        const record = owner ? { regionCode: owner.regionCode, departmentId: owner.id } : raw;
        let scope: ListScope;
        try {
          scope = listScope(p, requested, dept(scopeDepartmentId(p, requested)));
        } catch (e) {
          if (e instanceof Forbidden || e instanceof NotFound) return;
          throw e;
        }
        if (inScope(scope, record)) expect(canSee(p, record)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a region given with the query only narrows what is listed without it', () => {
    fc.assert(
      fc.property(world, ({ registry, principal: who, requested, record }) => {
        const p: Principal = { sub: 'u', name: 'n', ...who };
        const dept = (i: string | undefined) => (i !== undefined && registry[i] !== undefined ? { id: i, regionCode: registry[i]! } : undefined);
        const wide = { department: requested.department };
        let narrow: ListScope;
        try {
          narrow = listScope(p, requested, dept(scopeDepartmentId(p, requested)));
        } catch {
          return;
        }
        if (narrow.kind !== 'department' || !inScope(narrow, record)) return;
        expect(inScope(listScope(p, wide, dept(scopeDepartmentId(p, wide))), record)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
