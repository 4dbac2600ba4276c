/** Principals, accounts and a closure walked to any status, for the closure and workflow tests. */
import type { Principal } from '../../../shared/auth/principal';
import {
  completeClosure,
  createClosure,
  decideClosure,
  fileClosure,
  recordClosureNotice,
  type Closure,
  type ClosureAccountRef,
  type ClosureStatus,
} from '../../../shared/closure/closure';

export const REGION = '330112'; // 临安区
export const DEPARTMENT = 'd-rsj'; // 临安区人社局

export const editor: Principal = { sub: 'u-editor', name: '张运维', roles: ['editor'], region: REGION, department: DEPARTMENT };
export const approver: Principal = { sub: 'u-approver', name: '李科长', roles: ['approver'], region: REGION, department: DEPARTMENT };
export const reviewer: Principal = { sub: 'u-reviewer', name: '王审核', roles: ['reviewer'], region: REGION };
/** A reviewer of the city (330100) sees every 3301xx record. */
export const cityReviewer: Principal = { sub: 'u-city-reviewer', name: '赵审核', roles: ['reviewer'], region: '330100' };
export const otherRegionReviewer: Principal = { sub: 'u-nb-reviewer', name: '钱审核', roles: ['reviewer'], region: '330200' };
export const otherDepartmentApprover: Principal = { sub: 'u-other-approver', name: '孙科长', roles: ['approver'], region: REGION, department: 'd-jyj' };
export const office: Principal = { sub: 'u-office', name: '周管理', roles: ['office'], region: REGION };
export const otherRegionOffice: Principal = { sub: 'u-nb-office', name: '吴管理', roles: ['office'], region: '330200' };
export const dualRole: Principal = { sub: 'u-dual', name: '郑双岗', roles: ['approver', 'reviewer'], region: REGION, department: DEPARTMENT };

export const account: ClosureAccountRef = {
  id: 'acc-1',
  name: '临安就业',
  platform: 'wechat',
  handle: 'linan_jiuye',
  regionCode: REGION,
  departmentId: DEPARTMENT,
  status: 'active',
};

export const successor: ClosureAccountRef = {
  id: 'acc-2',
  name: '临安人社',
  platform: 'wechat',
  handle: 'linan_renshe',
  regionCode: REGION,
  departmentId: DEPARTMENT,
  status: 'active',
};

export const T = {
  requested: '2026-11-02T09:00:00+08:00',
  tier1: '2026-11-03T10:00:00+08:00',
  tier2: '2026-11-04T11:00:00+08:00',
  /** Friday 2026-11-27, 20:00 in Shanghai. */
  notice: '2026-11-27T20:00:00+08:00',
  /** Friday 2027-01-08: well after the 30-day period. */
  cancelled: '2027-01-08T10:00:00+08:00',
  /** Friday 2027-01-15: five working days after the cancellation. */
  filed: '2027-01-15T16:00:00+08:00',
} as const;

export function newClosure(overrides: Partial<Parameters<typeof createClosure>[1]> = {}): Closure {
  return createClosure(
    { accountId: account.id, reason: '与“临安人社”职能重复，合并运维', successorAccountId: successor.id },
    { actor: editor, now: T.requested, id: 'clo-1', account, successor, departmentName: '临安区人力资源和社会保障局', ...overrides },
  ).closure;
}

/** A closure walked through legal transitions to `status`. */
export function closureIn(status: ClosureStatus): Closure {
  let c = newClosure();
  if (status === 'pending') return c;
  if (status === 'rejected') return decideClosure(c, { decision: 'reject', note: '理由不充分', version: c.version }, { actor: approver, now: T.tier1 }).closure;
  c = decideClosure(c, { decision: 'approve', version: c.version }, { actor: approver, now: T.tier1 }).closure;
  c = decideClosure(c, { decision: 'approve', version: c.version }, { actor: reviewer, now: T.tier2 }).closure;
  if (status === 'approved') return c;
  c = recordClosureNotice(c, { publishedAt: T.notice, url: 'https://mp.weixin.qq.com/s/notice' }, { actor: editor, now: T.notice }).closure;
  if (status === 'announcing') return c;
  c = completeClosure(c, { platformCancelledAt: T.cancelled }, { actor: editor, now: T.cancelled }).closure;
  if (status === 'closed') return c;
  return fileClosure(c, { filedAt: T.filed }, { actor: editor, now: T.filed }).closure;
}
