/**
 * Issue 15: checker findings are read before a post moves on. A severe finding blocks submission
 * (422 content_blocked); the editor's and the reviewers' acknowledgement of the warnings is
 * recorded with the submit and the decision; each round's text is kept for a diff between rounds.
 * API.md's `{version}` bodies stay valid.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../shared/errors';
import {
  ScheduledPostDecision,
  ScheduledPostSubmit,
  createScheduledPost,
  decideScheduledPost,
  editScheduledPost,
  findingsFromContentCheck,
  rejectedOrEdited,
  submitScheduledPost,
} from './findings-ack-support';
import { NOW, account, editor, head, input } from './fixtures';

const warnings = findingsFromContentCheck({ category: 'off_mission', reasons: [{ term: '抽奖', category: 'lottery_game' }, { term: '限时优惠', category: 'advertising' }] });
const withWarnings = () => createScheduledPost(input, { id: 'sp-1', now: NOW, actor: editor, account, checks: warnings });

describe('off-mission findings in words', () => {
  it('name the subclass in Chinese and keep its code apart', () => {
    expect(warnings.map((f) => f.message)).toEqual(['含有偏离政务职能的内容：“抽奖”（抽奖游戏）', '含有偏离政务职能的内容：“限时优惠”（商业广告）']);
    expect(warnings.map((f) => f.category)).toEqual(['lottery_game', 'advertising']);
    for (const f of warnings) expect(f.message).not.toMatch(/[a-z_]{4,}/);
  });
});

describe('submitting with findings', () => {
  it.each([
    ['{version}', { version: 1 }],
    ['{version, acknowledgeFindings: true}', { version: 1, acknowledgeFindings: true }],
  ])('accepts %s as the submit body', (_name, body) => {
    expect(v.safeParse(ScheduledPostSubmit, body).success).toBe(true);
  });

  it('refuses acknowledgeFindings other than true', () => {
    expect(v.safeParse(ScheduledPostSubmit, { version: 1, acknowledgeFindings: false }).success).toBe(false);
  });

  it('records how many warnings the editor acknowledged', () => {
    const s = submitScheduledPost(withWarnings(), { version: 1, acknowledgeFindings: true }, editor, NOW);
    expect(s.history.at(-1)).toMatchObject({ action: 'submit', acknowledgedFindings: 2 });
  });

  it('records no acknowledgement when none was given', () => {
    const s = submitScheduledPost(withWarnings(), { version: 1 }, editor, NOW);
    expect(s.history.at(-1)).not.toHaveProperty('acknowledgedFindings');
  });

  it('a severe wording error blocks submission with 422 content_blocked, acknowledged or not', () => {
    const severe = findingsFromContentCheck({ category: 'news', wording: [{ error: '台湾总统', suggestion: '台湾地区领导人', severity: 'severe', start: 0, end: 4 }] });
    const d = createScheduledPost(input, { id: 'sp-1', now: NOW, actor: editor, account, checks: severe });
    let caught: unknown;
    try {
      submitScheduledPost(d, { version: 1, acknowledgeFindings: true }, editor, NOW);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RuleViolation);
    expect(caught).toMatchObject({ code: 'content_blocked' });
  });
});

describe('reviewing with findings', () => {
  it('accepts acknowledgeFindings on a decision and records it with the decision and in the history', () => {
    expect(v.safeParse(ScheduledPostDecision, { decision: 'approve', version: 2, acknowledgeFindings: true }).success).toBe(true);
    const s = submitScheduledPost(withWarnings(), { version: 1, acknowledgeFindings: true }, editor, NOW);
    const d = decideScheduledPost(s, { decision: 'approve', version: s.version, acknowledgeFindings: true }, head, NOW);
    expect(d.decisions.at(-1)).toMatchObject({ decision: 'approve', acknowledgedFindings: 2 });
    expect(d.history.at(-1)).toMatchObject({ action: 'approve', acknowledgedFindings: 2 });
  });
});

describe('the text of each round', () => {
  it('a submit keeps the text it sent into review', () => {
    const s = submitScheduledPost(withWarnings(), { version: 1 }, editor, NOW);
    expect(s.history.at(-1)?.content).toEqual({ title: input.title, body: input.body, publishAt: input.publishAt, category: input.category });
  });

  it('keeps only the last two rounds\' texts', () => {
    let p = submitScheduledPost(withWarnings(), { version: 1 }, editor, NOW);
    for (let round = 2; round <= 4; round++) {
      p = rejectedOrEdited(p, `第 ${round} 稿正文`);
      p = submitScheduledPost(p, { version: p.version }, editor, NOW);
    }
    const texts = p.history.filter((h) => h.content).map((h) => h.content!.body);
    expect(texts).toEqual(['第 3 稿正文', '第 4 稿正文']);
  });

  it('an edit after a rejection is a new draft whose text differs from the round before', () => {
    const s = submitScheduledPost(withWarnings(), { version: 1 }, editor, NOW);
    const r = decideScheduledPost(s, { decision: 'reject', note: '请删去抽奖内容', version: s.version }, head, NOW);
    const e = editScheduledPost(r, { body: '修改后的正文', version: r.version }, editor, NOW, []);
    expect(e.status).toBe('draft');
    expect(e.body).not.toBe(s.history.at(-1)?.content?.body);
  });
});
