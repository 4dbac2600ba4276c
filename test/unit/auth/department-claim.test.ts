import { describe, expect, it } from 'vitest';
import { claimsDepartment, departmentClaimHolds, type Principal } from '../../../shared/auth/principal';

const token = (over: Partial<Principal>): Principal => ({ sub: 'u1', name: '王敏', roles: ['editor'], region: '330127', ...over });

describe('a token\'s department claim', () => {
  it.each<[string, Principal, string | undefined, boolean]>([
    ['an editor of a department of its region', token({ department: 'd1' }), '330127', true],
    ['an approver of a department of its region', token({ roles: ['approver'], department: 'd1' }), '330127', true],
    ['an editor whose region contains the department\'s', token({ region: '330100', department: 'd1' }), '330127', true],
    ['an editor of a department of another region', token({ department: 'd1' }), '440100', false],
    ['an approver of a department of another region', token({ roles: ['approver'], department: 'd1' }), '440100', false],
    ['an editor whose region is inside the department\'s', token({ region: '330127', department: 'd1' }), '330100', false],
    ['an editor of a department that does not exist', token({ department: 'nope' }), undefined, false],
    ['an editor without a department', token({}), undefined, false],
    ['an approver without a department', token({ roles: ['approver'] }), undefined, false],
    ['an office naming a department of another region', token({ roles: ['office'], department: 'd1' }), '440100', false],
    ['an office without a department', token({ roles: ['office'] }), undefined, true],
  ])('%s holds: %s', (_label, p, departmentRegion, holds) => {
    expect(departmentClaimHolds(p, departmentRegion)).toBe(holds);
  });

  it.each<[string, Principal, boolean]>([
    ['an editor', token({ department: 'd1' }), true],
    ['an approver without a department', token({ roles: ['approver'] }), true],
    ['an office naming a department', token({ roles: ['office'], department: 'd1' }), true],
    ['a reviewer or admin without a department', token({ roles: ['reviewer', 'admin'] }), false],
  ])('%s needs the department looked up: %s', (_label, p, needed) => {
    expect(claimsDepartment(p)).toBe(needed);
  });
});
