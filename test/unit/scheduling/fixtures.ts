import type { Principal } from '../../../shared/auth/principal';
import {
  createScheduledPost,
  decideScheduledPost,
  expireIfDue,
  settleAttempt,
  startPublishing,
  submitScheduledPost,
  type ScheduledPost,
  type ScheduledPostCreate,
  type ScheduledPostStatus,
} from '../../../shared/scheduling';

/** People of department dep-1 in region 330106 (and a few outsiders). */
export const editor: Principal = { sub: 'ed-1', name: '王编辑', roles: ['editor'], region: '330106', department: 'dep-1' };
export const editor2: Principal = { sub: 'ed-2', name: '李编辑', roles: ['editor'], region: '330106', department: 'dep-1' };
export const head: Principal = { sub: 'ap-1', name: '张科长', roles: ['approver'], region: '330106', department: 'dep-1' };
export const leader: Principal = { sub: 'ap-2', name: '赵主任', roles: ['approver'], region: '330106', department: 'dep-1' };
/** Holds both roles: may draft, may review others' drafts, never their own. */
export const editorApprover: Principal = { sub: 'ea-1', name: '陈双岗', roles: ['editor', 'approver'], region: '330106', department: 'dep-1' };
export const otherDeptApprover: Principal = { sub: 'ap-9', name: '外单位审核', roles: ['approver'], region: '330106', department: 'dep-2' };
export const office: Principal = { sub: 'of-1', name: '宣传部', roles: ['office', 'reviewer'], region: '330100' };

export const account = { id: 'acc-1', regionCode: '330106', departmentId: 'dep-1', status: 'active' };

/** Thursday 2026-11-19 10:00 Beijing; the post is due a week later. */
export const NOW = '2026-11-19T10:00:00+08:00';
export const PUBLISH_AT = '2026-11-26T08:00:00+08:00';
/** Ten minutes after the publish time: when the dispatcher runs. */
export const AFTER = '2026-11-26T08:10:00+08:00';

export function at(base: string, plusMs: number): string {
  return new Date(Date.parse(base) + plusMs).toISOString();
}

export const input: ScheduledPostCreate = {
  accountId: 'acc-1',
  publishAt: PUBLISH_AT,
  title: '医保电子凭证办理指南',
  body: '一、打开微信搜索“医保电子凭证”。\n二、按提示完成实名认证。',
  category: 'service',
};

export function draft(by: Principal = editor, overrides: Partial<ScheduledPostCreate> = {}): ScheduledPost {
  return createScheduledPost({ ...input, ...overrides }, { id: 'sp-1', now: NOW, actor: by, account });
}

export function inReview(by: Principal = editor): ScheduledPost {
  const d = draft(by);
  return submitScheduledPost(d, { version: d.version }, by, NOW);
}

export function approved(): ScheduledPost {
  const r = inReview();
  const one = decideScheduledPost(r, { decision: 'approve', version: r.version }, head, NOW);
  return decideScheduledPost(one, { decision: 'approve', version: one.version }, leader, NOW);
}

export function publishing(): ScheduledPost {
  return startPublishing(approved(), AFTER);
}

/** A post in any status, reached through the real transitions. */
export function postIn(status: ScheduledPostStatus): ScheduledPost {
  switch (status) {
    case 'draft':
      return draft();
    case 'in_review':
      return inReview();
    case 'rejected': {
      const r = inReview();
      return decideScheduledPost(r, { decision: 'reject', note: '请补充办理地址', version: r.version }, head, NOW);
    }
    case 'approved':
      return approved();
    case 'publishing':
      return publishing();
    case 'published':
      return settleAttempt(publishing(), { status: 'published', platformPostId: 'P1', url: 'https://mp.weixin.qq.com/s/p1' }, AFTER);
    case 'failed':
      return settleAttempt(publishing(), { status: 'error', error: { kind: 'permanent', code: '45003', message: '标题过长' } }, AFTER);
    case 'needs_confirmation':
      return settleAttempt(publishing(), { status: 'error', error: { kind: 'timeout', code: 'timeout', message: '超时' } }, AFTER);
    case 'expired':
      return expireIfDue(draft(), PUBLISH_AT);
  }
}
