import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import type { Closure } from '../../../shared/closure/closure';
import type { ScheduledPost } from '../../../shared/scheduling/schemas';
import type { ApprovalRequest } from '../../../shared/approvals/requests';
import { makeAccount } from '../test-fixtures';
import {
  canConfirmFakeEngagement,
  canManageCredentials,
  canOperateClosure,
  canRecordFiling,
  canRequestException,
  closureDecideState,
  closureTier,
  postActions,
  postDecideState,
  postStep,
  requestDecideState,
} from './workflow';

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

describe('post actions per status and role', () => {
  const base = { regionCode: '330127', departmentId: 'dept-hrss' };
  it('withdraw (in review, approved) and retry (failed) for an editor of the department', () => {
    expect(postActions({ ...base, status: 'in_review' }, editor)).toEqual(['withdraw']);
    expect(postActions({ ...base, status: 'approved' }, editor)).toEqual(['withdraw']);
    expect(postActions({ ...base, status: 'failed' }, editor)).toEqual(['retry']);
    expect(postActions({ ...base, status: 'in_review' }, approver1)).toEqual([]);
    expect(postActions({ ...base, status: 'failed' }, approver1)).toEqual([]);
    expect(postActions({ ...base, status: 'in_review' }, { ...editor, department: 'dept-market' })).toEqual([]);
    expect(postActions({ ...base, status: 'draft' }, editor)).toEqual([]);
    expect(postActions({ ...base, status: 'published' }, editor)).toEqual([]);
  });
  it('confirm-not-published (needs confirmation) for an editor or approver of the department', () => {
    expect(postActions({ ...base, status: 'needs_confirmation' }, editor)).toEqual(['confirm-not-published']);
    expect(postActions({ ...base, status: 'needs_confirmation' }, approver1)).toEqual(['confirm-not-published']);
    expect(postActions({ ...base, status: 'needs_confirmation' }, office)).toEqual([]);
    expect(postActions({ ...base, status: 'needs_confirmation' }, null)).toEqual([]);
  });
});

describe('opening and exception requests: the closures’ tier rules', () => {
  const request: ApprovalRequest = {
    id: 'r1',
    kind: 'duplicate_exception',
    accountId: 'a1',
    regionCode: '330127',
    departmentId: 'dept-market',
    reason: '面向企业的专门服务号',
    status: 'pending',
    version: 1,
    requestedBy: { sub: office.sub, name: office.name },
    requestedAt: '2026-11-27T08:00:00Z',
    tiers: ['approver', 'reviewer'],
    decisions: [],
    history: [],
    updatedAt: '2026-11-27T08:00:00Z',
  };
  it('the open tier’s role in scope, never the requester', () => {
    expect(requestDecideState(request, approver)).toEqual({ can: true });
    expect(requestDecideState(request, office)).toEqual({ can: false, why: 'own' });
    expect(requestDecideState(request, reviewer)).toEqual({ can: false, why: 'not_your_tier', role: 'approver' });
    const opening: ApprovalRequest = { ...request, kind: 'opening', tiers: ['reviewer'], requestedBy: { sub: 'demo-market-editor', name: '刘洋' } };
    expect(requestDecideState(opening, reviewer)).toEqual({ can: true });
    expect(requestDecideState({ ...opening, status: 'approved' }, reviewer)).toEqual({ can: false, why: 'done' });
  });
});

describe('account actions by role', () => {
  const hrss = makeAccount();
  it('filing: editor of the department, office or admin of the region', () => {
    expect(canRecordFiling(hrss, editor)).toBe(true);
    expect(canRecordFiling(hrss, office)).toBe(true);
    expect(canRecordFiling(hrss, { ...editor, department: 'dept-market' })).toBe(false);
    expect(canRecordFiling(hrss, reviewer)).toBe(false);
    expect(canRecordFiling(hrss, approver1)).toBe(false);
  });
  it('fake engagement: reviewers of the region only', () => {
    expect(canConfirmFakeEngagement(hrss, reviewer)).toBe(true);
    expect(canConfirmFakeEngagement(hrss, { ...reviewer, region: '330100' })).toBe(true);
    expect(canConfirmFakeEngagement(hrss, { ...reviewer, region: '330102' })).toBe(false);
    expect(canConfirmFakeEngagement(hrss, office)).toBe(false);
  });
  it('duplicate exception: only while flagged duplicate and not yet granted', () => {
    const dup = makeAccount({ flags: [{ type: 'duplicate', since: '2026-11-01', evidence: {} }] });
    expect(canRequestException(dup, editor)).toBe(true);
    expect(canRequestException(dup, office)).toBe(true);
    expect(canRequestException(dup, reviewer)).toBe(false);
    expect(canRequestException(hrss, editor)).toBe(false);
    expect(canRequestException({ ...dup, duplicateException: true }, editor)).toBe(false);
    expect(canRequestException({ ...dup, status: 'closure_pending' }, editor)).toBe(false);
  });
  it('credentials: office or admin, WeChat and Weibo only, not closed', () => {
    expect(canManageCredentials(hrss, office)).toBe(true);
    expect(canManageCredentials(hrss, { ...office, roles: ['admin'] })).toBe(true);
    expect(canManageCredentials(makeAccount({ platform: 'weibo' }), office)).toBe(true);
    expect(canManageCredentials(makeAccount({ platform: 'douyin' }), office)).toBe(false);
    expect(canManageCredentials(makeAccount({ status: 'closed' }), office)).toBe(false);
    expect(canManageCredentials(hrss, editor)).toBe(false);
    expect(canManageCredentials(hrss, reviewer)).toBe(false);
  });
});
