import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { DomainError } from '../../../shared/errors';
import { answered, type Answered } from '../../support/answered';
import { approvalOutcome, assertTiers, canDecideNow, decideTier, type Approvable, type TierDecision } from '../../../shared/approvals/tiers';

const requester = { sub: 'u-editor', name: '张运维' };
const approver: Principal = { sub: 'u-approver', name: '李科长', roles: ['approver'], region: '330112', department: 'd-1' };
const reviewer: Principal = { sub: 'u-reviewer', name: '王审核', roles: ['reviewer'], region: '330112' };
const provinceReviewer: Principal = { sub: 'u-prov', name: '省审核', roles: ['reviewer'], region: '330000' };
const neighbourReviewer: Principal = { sub: 'u-nb', name: '邻区审核', roles: ['reviewer'], region: '330110' };
const NOW = '2026-11-03T10:00:00+08:00';

function subject(decisions: TierDecision[] = [], tiers: Approvable['tiers'] = ['approver', 'reviewer']): Approvable {
  return { regionCode: '330112', departmentId: 'd-1', requestedBy: requester, version: 1 + decisions.length, tiers, decisions };
}

function approval(tier: number, by: Principal): TierDecision {
  return { tier, role: tier === 0 ? 'approver' : 'reviewer', by: { sub: by.sub, name: by.name }, at: NOW, decision: 'approve' };
}

function thrown(fn: () => unknown): Answered<DomainError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return answered(e);
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('approvalOutcome', () => {
  it.each([
    ['no decision', [], { outcome: 'pending', currentTier: 0 }],
    ['first tier approved', [approval(0, approver)], { outcome: 'pending', currentTier: 1 }],
    ['both tiers approved', [approval(0, approver), approval(1, reviewer)], { outcome: 'approved', currentTier: null }],
    ['a rejection', [{ ...approval(0, approver), decision: 'reject' as const }], { outcome: 'rejected', currentTier: null }],
  ])('%s', (_case, decisions, expected) => {
    expect(approvalOutcome(subject(decisions))).toEqual(expected);
  });
});

describe('decideTier', () => {
  it('records tier, role, who, when, decision and note', () => {
    const { decision, outcome } = decideTier(subject(), { decision: 'approve', note: ' 同意 ', version: 1 }, approver, NOW);
    expect(decision).toEqual({ tier: 0, role: 'approver', by: { sub: 'u-approver', name: '李科长' }, at: NOW, decision: 'approve', note: '同意' });
    expect(outcome).toBe('pending');
  });

  it('approves on the last tier', () => {
    expect(decideTier(subject([approval(0, approver)]), { decision: 'approve', version: 2 }, reviewer, NOW).outcome).toBe('approved');
  });

  it('rejects at any tier', () => {
    expect(decideTier(subject([approval(0, approver)]), { decision: 'reject', note: '不同意', version: 2 }, reviewer, NOW).outcome).toBe('rejected');
  });

  it('works with a single office tier', () => {
    expect(decideTier(subject([], ['reviewer']), { decision: 'approve', version: 1 }, reviewer, NOW).outcome).toBe('approved');
  });

  it('needs two different people for two tiers of the same role', () => {
    const once = subject([approval(0, reviewer)], ['reviewer', 'reviewer']);
    expect(thrown(() => decideTier(once, { decision: 'approve', version: 2 }, reviewer, NOW)).code).toBe('already_decided');
    expect(decideTier(once, { decision: 'approve', version: 2 }, { ...reviewer, sub: 'u-reviewer-2' }, NOW).outcome).toBe('approved');
  });

  it('forbids the requester (403 self_approval), even when holding the tier role', () => {
    const err = thrown(() => decideTier(subject(), { decision: 'approve', version: 1 }, { ...approver, sub: requester.sub }, NOW));
    expect([err.status, err.code]).toEqual([403, 'self_approval']);
  });

  it('checks the region scope of region roles: the enclosing province may, a sibling district may not', () => {
    const s = subject([approval(0, approver)]);
    expect(decideTier(s, { decision: 'approve', version: 2 }, provinceReviewer, NOW).outcome).toBe('approved');
    expect(thrown(() => decideTier(s, { decision: 'approve', version: 2 }, neighbourReviewer, NOW)).status).toBe(403);
  });

  it('checks the department of department roles', () => {
    expect(thrown(() => decideTier(subject(), { decision: 'approve', version: 1 }, { ...approver, department: 'd-2' }, NOW)).status).toBe(403);
  });

  it('answers a stale version with 409 before looking at the tier', () => {
    const err = thrown(() => decideTier(subject(), { decision: 'approve', version: 7 }, reviewer, NOW));
    expect([err.status, err.code]).toEqual([409, 'stale_version']);
  });

  it('refuses a decision on a request that is no longer pending (409 illegal_transition)', () => {
    const done = subject([approval(0, approver), approval(1, reviewer)]);
    expect(thrown(() => decideTier(done, { decision: 'approve', version: 3 }, { ...reviewer, sub: 'u-3' }, NOW)).code).toBe('illegal_transition');
  });
});

describe('canDecideNow', () => {
  it("is true only for a person holding the open tier's role in scope who has not decided yet", () => {
    const s = subject([approval(0, approver)]);
    expect([canDecideNow(s, reviewer), canDecideNow(s, approver), canDecideNow(s, neighbourReviewer)]).toEqual([true, false, false]);
  });
});

describe('assertTiers', () => {
  it('refuses an empty list and unknown roles', () => {
    expect(() => assertTiers([])).toThrow(DomainError);
    expect(thrown(() => assertTiers(['approver', 'boss'])).issues).toEqual([{ path: 'tiers.1', message: '未知角色：boss' }]);
  });
});
