import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import type { Closure } from '../../../shared/closure/closure';
import type { ScheduledPost } from '../../../shared/scheduling/schemas';
import { canOperateClosure, closureDecideState, closureTier, postDecideState, postStep } from './workflow';

const office: Principal = { sub: 'demo-office', name: '李敏', roles: ['office'], region: '330127' };
const reviewer: Principal = { sub: 'demo-reviewer', name: '周建国', roles: ['reviewer'], region: '330127' };
const approver: Principal = { sub: 'demo-market-approver', name: '汪俊杰', roles: ['approver'], region: '330127', department: 'dept-market' };
const otherApprover: Principal = { ...approver, sub: 'x', department: 'dept-hrss' };
const editor: Principal = { sub: 'demo-hrss-editor', name: '王晓燕', roles: ['editor'], region: '330127', department: 'dept-hrss' };
const approver1: Principal = { sub: 'demo-hrss-approver-1', name: '陈志强', roles: ['approver'], region: '330127', department: 'dept-hrss' };

function closure(over: Partial<Closure> = {}): Closure {
  return {
    id: 'c1',
    accountId: 'a1',
    regionCode: '330127',
    departmentId: 'dept-market',
    reason: '清理整合',
    status: 'pending',
    version: 1,
    requestedBy: { sub: office.sub, name: office.name },
    requestedAt: '2026-11-27T08:00:00Z',
    tiers: ['approver', 'reviewer'],
    decisions: [],
    rules: { noticePeriodDays: 30, filingWorkingDays: 5 },
    account: { name: '淳安市场监督管理', platform: 'wechat', handle: 'x' },
    history: [],
    updatedAt: '2026-11-27T08:00:00Z',
    ...over,
  };
}

describe('closure decisions in the UI', () => {
  it('tier 1 is the department approver’s; others see why they cannot decide', () => {
    const c = closure();
    expect(closureTier(c)).toEqual({ index: 0, role: 'approver' });
    expect(closureDecideState(c, approver)).toEqual({ can: true });
    expect(closureDecideState(c, office)).toEqual({ can: false, why: 'own' });
    expect(closureDecideState(c, reviewer)).toEqual({ can: false, why: 'not_your_tier', role: 'approver' });
    expect(closureDecideState(c, otherApprover)).toEqual({ can: false, why: 'not_your_tier', role: 'approver' });
  });

  it('tier 2 is the reviewer’s once tier 1 approved', () => {
    const c = closure({ version: 2, decisions: [{ tier: 0, role: 'approver', by: { sub: approver.sub, name: approver.name }, at: '2026-11-27T09:00:00Z', decision: 'approve' }] });
    expect(closureTier(c)).toEqual({ index: 1, role: 'reviewer' });
    expect(closureDecideState(c, reviewer)).toEqual({ can: true });
    expect(closureDecideState(c, approver)).toEqual({ can: false, why: 'not_your_tier', role: 'reviewer' });
    // Someone holding both roles may not carry a request through two tiers alone.
    expect(closureDecideState(c, { ...approver, roles: ['approver', 'reviewer'] })).toEqual({ can: false, why: 'already_decided', role: 'reviewer' });
  });

  it('notice, cancellation and filing: an editor of the department or an office of the region', () => {
    const c = closure({ status: 'approved' });
    expect(closureDecideState(c, reviewer)).toEqual({ can: false, why: 'done' });
    expect(canOperateClosure(c, office)).toBe(true);
    expect(canOperateClosure(c, { ...editor, department: 'dept-market' })).toBe(true);
    expect(canOperateClosure(c, editor)).toBe(false);
    expect(canOperateClosure(c, reviewer)).toBe(false);
  });
});

describe('draft review in the UI', () => {
  const post = {
    id: 'p1',
    accountId: 'a1',
    regionCode: '330127',
    departmentId: 'dept-hrss',
    publishAt: '2026-11-28T09:00:00+08:00',
    title: 't',
    body: 'b',
    category: 'service',
    status: 'in_review',
    version: 3,
    createdBy: { sub: editor.sub, name: editor.name },
    createdAt: '2026-11-27T08:00:00Z',
    updatedAt: '2026-11-27T08:00:00Z',
    reviewSteps: ['approver', 'approver'],
    round: 1,
    decisions: [],
    checks: [],
    attempts: 0,
    history: [{ at: '2026-11-27T08:00:00Z', by: { sub: editor.sub, name: editor.name }, action: 'submit', from: 'draft', to: 'in_review', version: 2 }],
  } as ScheduledPost;

  it('each step is a different approver of the department, never the drafter', () => {
    expect(postStep(post)).toEqual({ index: 0, role: 'approver' });
    expect(postDecideState(post, approver1)).toEqual({ can: true });
    expect(postDecideState(post, editor)).toEqual({ can: false, why: 'own' });
    expect(postDecideState(post, otherApprover)).toEqual({ can: true });
    expect(postDecideState(post, approver)).toEqual({ can: false, why: 'not_your_tier', role: 'approver' });
    const step2 = { ...post, decisions: [{ round: 1, step: 0, role: 'approver', decision: 'approve', by: { sub: approver1.sub, name: approver1.name }, at: '2026-11-27T09:00:00Z' }] } as ScheduledPost;
    expect(postStep(step2)).toEqual({ index: 1, role: 'approver' });
    expect(postDecideState(step2, approver1)).toEqual({ can: false, why: 'already_decided', role: 'approver' });
    expect(postDecideState({ ...post, status: 'approved' } as ScheduledPost, approver1)).toEqual({ can: false, why: 'done' });
  });
});
