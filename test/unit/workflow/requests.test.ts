import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { DomainError } from '../../../shared/errors';
import { answered, type Answered } from '../../support/answered';
import { createDuplicateExceptionRequest, createOpeningRequest, decideApprovalRequest, type ApprovalRequest, type RequestAccountRef } from '../../../shared/approvals/requests';

const editor: Principal = { sub: 'u-editor', name: '张运维', roles: ['editor'], region: '330112', department: 'd-1' };
const approver: Principal = { sub: 'u-approver', name: '李科长', roles: ['approver'], region: '330112', department: 'd-1' };
const reviewer: Principal = { sub: 'u-reviewer', name: '王审核', roles: ['reviewer'], region: '330100' };
const NOW = '2026-11-02T09:00:00+08:00';
const pendingAccount: RequestAccountRef = { id: 'acc-1', regionCode: '330112', departmentId: 'd-1', status: 'opening_pending' };

function thrown(fn: () => unknown): Answered<DomainError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return answered(e);
    throw e;
  }
  throw new Error('expected a DomainError');
}

function approveAll(request: ApprovalRequest) {
  const first = decideApprovalRequest(request, { decision: 'approve', version: request.version }, { actor: approver, now: NOW });
  return decideApprovalRequest(first.request, { decision: 'approve', version: first.request.version }, { actor: reviewer, now: NOW });
}

describe('opening requests', () => {
  const opening = createOpeningRequest(pendingAccount, { actor: editor, now: NOW, id: 'req-1' }, '新开设就业服务号').request;

  it('start pending with the default tiers, department then office', () => {
    expect(opening).toMatchObject({ kind: 'opening', status: 'pending', version: 1, tiers: ['approver', 'reviewer'], reason: '新开设就业服务号' });
  });

  it('make the account active once every tier approved', () => {
    const result = approveAll(opening);
    expect([result.request.status, result.effect.accountStatus]).toEqual(['approved', 'active']);
  });

  it('close (archive) the account when rejected', () => {
    const result = decideApprovalRequest(opening, { decision: 'reject', note: '与现有账号重复', version: 1 }, { actor: approver, now: NOW });
    expect([result.request.status, result.effect.accountStatus]).toEqual(['rejected', 'closed']);
    expect(result.request.history.at(-1)).toMatchObject({ action: 'reject', from: 'pending', to: 'rejected', note: '与现有账号重复' });
  });

  it('leave the account status alone after the first tier', () => {
    expect(decideApprovalRequest(opening, { decision: 'approve', version: 1 }, { actor: approver, now: NOW }).effect).toEqual({});
  });

  it('are only for accounts registered as opening_pending (409)', () => {
    expect(thrown(() => createOpeningRequest({ ...pendingAccount, status: 'active' }, { actor: editor, now: NOW, id: 'r' })).code).toBe('illegal_transition');
  });

  it('may not be filed by an editor of another department (403)', () => {
    expect(thrown(() => createOpeningRequest(pendingAccount, { actor: { ...editor, department: 'd-2' }, now: NOW, id: 'r' })).status).toBe(403);
  });

  it('may not be approved by their requester (403 self_approval)', () => {
    const self = createOpeningRequest(pendingAccount, { actor: { ...approver, roles: ['editor', 'approver'] }, now: NOW, id: 'r' }).request;
    expect(thrown(() => decideApprovalRequest(self, { decision: 'approve', version: 1 }, { actor: approver, now: NOW })).code).toBe('self_approval');
  });
});

describe('duplicate exceptions', () => {
  const active: RequestAccountRef = { ...pendingAccount, status: 'active' };

  it('grant the exception once approved', () => {
    const request = createDuplicateExceptionRequest(active, '反诈专用号，经批准单独运营', { actor: editor, now: NOW, id: 'req-2' }).request;
    expect(approveAll(request).effect).toEqual({ duplicateException: true });
  });

  it('need a reason (400)', () => {
    expect(thrown(() => createDuplicateExceptionRequest(active, '  ', { actor: editor, now: NOW, id: 'r' })).status).toBe(400);
  });

  it('are refused for an account already in a closure (409)', () => {
    expect(thrown(() => createDuplicateExceptionRequest({ ...active, status: 'announcing' }, '理由', { actor: editor, now: NOW, id: 'r' })).code).toBe('illegal_transition');
  });
});
