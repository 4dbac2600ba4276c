import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Forbidden, InvalidInput, RuleViolation, StaleVersion } from '../../../shared/errors';
import { answered } from '../../support/answered';
import {
  ScheduledPostConfirm,
  ScheduledPostCreate,
  ScheduledPostDecision,
  ScheduledPostEdit,
  createScheduledPost,
  currentStep,
  decideScheduledPost,
  editScheduledPost,
  expireIfDue,
  findingsFromContentCheck,
  findingsFromPersonalData,
  submitScheduledPost,
  type ScheduledPost,
} from '../../../shared/scheduling';
import {
  NOW,
  PUBLISH_AT,
  account,
  at,
  draft,
  editor,
  editor2,
  editorApprover,
  head,
  inReview,
  input,
  leader,
  office,
  otherDeptApprover,
} from './fixtures';

function approve(post: ScheduledPost, by = head, now = NOW): ScheduledPost {
  return decideScheduledPost(post, { decision: 'approve', version: post.version }, by, now);
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return answered(err);
  }
  throw new Error('expected an error');
}

describe('drafting', () => {
  it('an editor of the account’s department creates a draft with the default two review steps', () => {
    const post = draft();
    expect(post).toMatchObject({
      id: 'sp-1',
      accountId: 'acc-1',
      regionCode: '330106',
      departmentId: 'dep-1',
      publishAt: PUBLISH_AT,
      status: 'draft',
      version: 1,
      createdBy: { sub: 'ed-1', name: '王编辑' },
      reviewSteps: ['approver', 'approver'],
      decisions: [],
      attempts: 0,
    });
    expect(post.history).toEqual([{ at: NOW, by: { sub: 'ed-1', name: '王编辑' }, action: 'create', from: null, to: 'draft', version: 1 }]);
  });

  it('keeps publishAt exactly as given, offset included', () => {
    expect(draft(editor, { publishAt: '2026-11-26T00:00:00Z' }).publishAt).toBe('2026-11-26T00:00:00Z');
  });

  it.each([
    ['an approver', head],
    ['an editor of another department', { ...editor, sub: 'ed-9', department: 'dep-2' }],
    ['an office of the region', office],
  ])('%s may not draft for the account (403)', (_who, actor) => {
    expect(thrownBy(() => draft(actor))).toBeInstanceOf(Forbidden);
  });

  it('refuses a publish time in the past, and one equal to now (422 publish_at_past)', () => {
    for (const publishAt of [at(NOW, -60_000), NOW]) {
      const err = thrownBy(() => draft(editor, { publishAt }));
      expect(err).toBeInstanceOf(RuleViolation);
      expect(err).toMatchObject({ status: 422, code: 'publish_at_past' });
    }
  });

  it('compares publish times as instants, whatever their offsets', () => {
    // 01:59:59Z is 09:59:59 Beijing, one second before NOW (10:00 Beijing).
    expect(thrownBy(() => draft(editor, { publishAt: '2026-11-19T01:59:59Z' }))).toMatchObject({ code: 'publish_at_past' });
    expect(draft(editor, { publishAt: '2026-11-19T02:00:01Z' }).status).toBe('draft');
  });

  it('refuses an account that is closing or closed (422 account_not_active)', () => {
    const err = thrownBy(() => createScheduledPost(input, { id: 'x', now: NOW, actor: editor, account: { ...account, status: 'closure_pending' } }));
    expect(err).toMatchObject({ status: 422, code: 'account_not_active' });
  });

  it('takes a custom review chain from the caller', () => {
    const post = createScheduledPost(input, { id: 'x', now: NOW, actor: editor, account, reviewSteps: ['approver'] });
    const r = submitScheduledPost(post, { version: 1 }, editor, NOW);
    expect(approve(r).status).toBe('approved');
  });

  it('edits a draft, bumping the version and recording who edited', () => {
    const d = draft();
    const e = editScheduledPost(d, { body: '新的正文', imageUrl: 'https://example.gov.cn/a.png', version: 1 }, editor2, NOW);
    expect(e).toMatchObject({ body: '新的正文', imageUrl: 'https://example.gov.cn/a.png', version: 2, status: 'draft' });
    expect(e.history.at(-1)).toMatchObject({ action: 'edit', by: { sub: 'ed-2' }, version: 2 });
    expect(d.version).toBe(1); // the input is not mutated
  });

  it('removes the image when the edit says imageUrl: null', () => {
    const d = editScheduledPost(draft(), { imageUrl: 'https://example.gov.cn/a.png', version: 1 }, editor, NOW);
    const e = editScheduledPost(d, { imageUrl: null, version: 2 }, editor, NOW);
    expect('imageUrl' in e).toBe(false);
  });

  it('replaces the checker findings when the caller passes new ones', () => {
    const findings = findingsFromContentCheck({ category: 'service', wording: [{ error: '按装', suggestion: '安装', severity: 'ordinary', start: 0, end: 2 }] });
    const e = editScheduledPost(draft(), { body: '按装步骤', version: 1 }, editor, NOW, findings);
    expect(e.checks).toEqual(findings);
  });
});

describe('the review chain (三审: drafter → section head → leader)', () => {
  it('submit puts the draft in review at the first step', () => {
    const r = inReview();
    expect(r.status).toBe('in_review');
    expect(r.round).toBe(1);
    expect(currentStep(r)).toEqual({ index: 0, role: 'approver' });
  });

  it('the section head approves step 1, the leader step 2, and then it is approved', () => {
    const one = approve(inReview(), head);
    expect(one.status).toBe('in_review');
    expect(currentStep(one)).toEqual({ index: 1, role: 'approver' });
    const two = approve(one, leader);
    expect(two.status).toBe('approved');
    expect(two.decisions.map((d) => [d.step, d.by.sub, d.decision])).toEqual([
      [0, 'ap-1', 'approve'],
      [1, 'ap-2', 'approve'],
    ]);
  });

  it('nobody approves their own draft (403 self_approval)', () => {
    const r = inReview(editorApprover);
    const err = thrownBy(() => approve(r, editorApprover));
    expect(err).toBeInstanceOf(Forbidden);
    expect(err).toMatchObject({ status: 403, code: 'self_approval' });
  });

  it('whoever edited the draft may not approve it either (403 self_approval)', () => {
    const d = editScheduledPost(draft(editor), { body: '补充内容', version: 1 }, editorApprover, NOW);
    const r = submitScheduledPost(d, { version: d.version }, editor, NOW);
    expect(thrownBy(() => approve(r, editorApprover))).toMatchObject({ code: 'self_approval' });
  });

  it('the same person cannot approve two steps (403 repeat_reviewer)', () => {
    const one = approve(inReview(), head);
    expect(thrownBy(() => approve(one, head))).toMatchObject({ status: 403, code: 'repeat_reviewer' });
  });

  it.each([
    ['an approver of another department', otherDeptApprover],
    ['an editor', editor2],
    ['an office', office],
  ])('%s may not decide (403)', (_who, actor) => {
    expect(thrownBy(() => approve(inReview(), actor))).toBeInstanceOf(Forbidden);
  });

  it('a stale version is 409 stale_version and changes nothing', () => {
    const r = inReview();
    const err = thrownBy(() => decideScheduledPost(r, { decision: 'approve', version: r.version - 1 }, head, NOW));
    expect(err).toBeInstanceOf(StaleVersion);
    expect(err).toMatchObject({ status: 409, code: 'stale_version' });
    expect(r.status).toBe('in_review');
    expect(r.decisions).toEqual([]);
  });

  it('a stale version on submit and edit is 409 too', () => {
    expect(thrownBy(() => submitScheduledPost(draft(), { version: 7 }, editor, NOW))).toBeInstanceOf(StaleVersion);
    expect(thrownBy(() => editScheduledPost(draft(), { title: 'x', version: 7 }, editor, NOW))).toBeInstanceOf(StaleVersion);
  });

  it('a rejection at any step sends it to rejected with the note, shown in the decision and the history', () => {
    const one = approve(inReview(), head);
    const rej = decideScheduledPost(one, { decision: 'reject', note: '办理时间写错了', version: one.version }, leader, NOW);
    expect(rej.status).toBe('rejected');
    expect(rej.decisions.at(-1)).toMatchObject({ step: 1, decision: 'reject', note: '办理时间写错了', by: { sub: 'ap-2' } });
    expect(rej.history.at(-1)).toMatchObject({ action: 'reject', from: 'in_review', to: 'rejected', note: '办理时间写错了' });
  });

  it('a rejection needs a note', () => {
    expect(thrownBy(() => decideScheduledPost(inReview(), { decision: 'reject', version: 2 }, head, NOW))).toBeInstanceOf(InvalidInput);
  });

  it('after a rejection the editor fixes it and resubmits: a new round starts at step 1, old approvals do not count', () => {
    const one = approve(inReview(), head);
    const rej = decideScheduledPost(one, { decision: 'reject', note: '改标题', version: one.version }, leader, NOW);
    const fixed = editScheduledPost(rej, { title: '医保电子凭证怎么办', version: rej.version }, editor, NOW);
    expect(fixed.status).toBe('draft');
    const again = submitScheduledPost(fixed, { version: fixed.version }, editor, NOW);
    expect(again.round).toBe(2);
    expect(currentStep(again)).toEqual({ index: 0, role: 'approver' });
    // The section head may approve again in the new round.
    expect(approve(again, head).status).toBe('in_review');
  });

  it('a severe wording finding blocks submission (422 content_blocked)', () => {
    const checks = findingsFromContentCheck({ category: 'news', wording: [{ error: '中华人民共合国', suggestion: '中华人民共和国', severity: 'severe', start: 0, end: 7 }] });
    const d = createScheduledPost(input, { id: 'x', now: NOW, actor: editor, account, checks });
    expect(thrownBy(() => submitScheduledPost(d, { version: 1 }, editor, NOW))).toMatchObject({ status: 422, code: 'content_blocked' });
  });

  it('an ID-card number in the draft blocks submission; a mobile number is only a warning', () => {
    const id = createScheduledPost(input, { id: 'x', now: NOW, actor: editor, account, checks: findingsFromPersonalData([{ kind: 'id_card', start: 3, end: 21 }]) });
    expect(thrownBy(() => submitScheduledPost(id, { version: 1 }, editor, NOW))).toMatchObject({ code: 'content_blocked' });
    const mobile = createScheduledPost(input, { id: 'y', now: NOW, actor: editor, account, checks: findingsFromPersonalData([{ kind: 'mobile', start: 3, end: 14 }]) });
    expect(submitScheduledPost(mobile, { version: 1 }, editor, NOW).status).toBe('in_review');
  });

  it('ordinary findings are kept for the reviewers and do not block', () => {
    const checks = findingsFromContentCheck({ category: 'news', reasons: [{ term: '抽奖', category: 'lottery' }] });
    const d = createScheduledPost(input, { id: 'x', now: NOW, actor: editor, account, checks });
    expect(submitScheduledPost(d, { version: 1 }, editor, NOW).checks).toEqual([
      expect.objectContaining({ kind: 'off_mission', severity: 'ordinary', term: '抽奖' }),
    ]);
  });
});

describe('expiry at the publish time', () => {
  it('one millisecond before the publish time nothing happens', () => {
    const r = inReview();
    expect(expireIfDue(r, at(PUBLISH_AT, -1))).toBe(r);
  });

  it('exactly at the publish time a post not fully approved expires', () => {
    const one = approve(inReview(), head);
    const e = expireIfDue(one, PUBLISH_AT);
    expect(e.status).toBe('expired');
    expect(e.version).toBe(one.version + 1);
    expect(e.history.at(-1)).toMatchObject({ action: 'expire', by: { sub: 'system' }, from: 'in_review', to: 'expired' });
  });

  it('the publish time is compared as an instant (a Z time equal to 08:00 Beijing)', () => {
    expect(expireIfDue(inReview(), '2026-11-26T00:00:00Z').status).toBe('expired');
  });

  it('an approval at the publish time is refused (422 expired), even before the sweep ran', () => {
    const one = approve(inReview(), head);
    expect(thrownBy(() => approve(one, leader, PUBLISH_AT))).toMatchObject({ status: 422, code: 'expired' });
  });

  it('submitting or editing after the publish time is refused (422 expired)', () => {
    const d = draft();
    expect(thrownBy(() => submitScheduledPost(d, { version: 1 }, editor, PUBLISH_AT))).toMatchObject({ code: 'expired' });
    expect(thrownBy(() => editScheduledPost(d, { publishAt: at(PUBLISH_AT, 86_400_000), version: 1 }, editor, PUBLISH_AT))).toMatchObject({ code: 'expired' });
  });

  it('an edit may not move the publish time into the past (422 publish_at_past)', () => {
    expect(thrownBy(() => editScheduledPost(draft(), { publishAt: at(NOW, -1000), version: 1 }, editor, NOW))).toMatchObject({ code: 'publish_at_past' });
  });
});

describe('request schemas', () => {
  const ok = { accountId: 'acc-1', publishAt: '2026-11-27T08:00:00+08:00', title: '标题', body: '正文', category: 'policy' };

  it('accepts a create body and trims the text', () => {
    expect(v.parse(ScheduledPostCreate, { ...ok, title: '  标题 ' }).title).toBe('标题');
  });

  it('refuses unknown fields (strict)', () => {
    expect(v.safeParse(ScheduledPostCreate, { ...ok, status: 'approved' }).success).toBe(false);
  });

  it('refuses a publish time without an offset, in Chinese', () => {
    const r = v.safeParse(ScheduledPostCreate, { ...ok, publishAt: '2026-11-27T08:00:00' });
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toMatch(/时区/);
  });

  it('refuses an unknown category', () => {
    expect(v.safeParse(ScheduledPostCreate, { ...ok, category: 'ad' }).success).toBe(false);
  });

  it('an edit needs a version and at least one change', () => {
    expect(v.safeParse(ScheduledPostEdit, { title: 'x' }).success).toBe(false);
    expect(v.safeParse(ScheduledPostEdit, { version: 1 }).success).toBe(false);
    expect(v.safeParse(ScheduledPostEdit, { version: 1, imageUrl: null }).success).toBe(true);
  });

  it('a rejection without a note fails on the note field', () => {
    const r = v.safeParse(ScheduledPostDecision, { decision: 'reject', version: 3 });
    expect(r.success).toBe(false);
    expect(v.getDotPath(r.issues![0]!)).toBe('note');
    expect(r.issues![0]!.message).toBe('退回时须填写意见');
  });

  it('a confirmation needs an http(s) URL', () => {
    expect(v.safeParse(ScheduledPostConfirm, { url: 'javascript:alert(1)', version: 1 }).success).toBe(false);
    expect(v.safeParse(ScheduledPostConfirm, { url: 'https://mp.weixin.qq.com/s/abc', version: 1 }).success).toBe(true);
  });
});
