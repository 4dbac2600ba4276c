/**
 * Issue 15: the no_update veto's sentence must be true for an account whose last post lies
 * before the posts handed to the grader (the look-back). The English rendering's cases are in
 * web/src/lib/grade-explain-no-update.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { gradeAccount } from '../../../shared/grading';
import { explainVeto } from '../../../shared/inspection';
import { NATIONAL } from '../../../shared/profiles';
import { ACCOUNT, CHECK, at, input, post } from '../grading/helpers';

const noUpdate = (over: Partial<typeof ACCOUNT>, posts = [] as ReturnType<typeof post>[]) => {
  const g = gradeAccount(input(posts, { account: { ...ACCOUNT, ...over } }), CHECK, NATIONAL);
  const v = g.vetoes.find((x) => x.code === 'no_update');
  if (!v) throw new Error('expected a no_update veto');
  return v;
};

describe('no_update veto for a post outside the graded posts', () => {
  it('takes the age from the registry\'s last post when no graded post is on or before the check date', () => {
    const v = noUpdate({ lastPostAt: at(158) });
    expect(v.evidence).toMatchObject({ latestPost: null, daysSinceLatestPost: 158, lastKnownPostDate: '2025-10-08' });
  });

  it('says when the last post was and how long ago, never that there is no post at all', () => {
    const text = explainVeto(noUpdate({ lastPostAt: at(158) }));
    expect(text).toBe('单项否决「内容不更新」：检查日 2026-03-15 前 14 天内没有更新，最近一条发布于 2025-10-08，已 158 天未更新。');
    expect(text).not.toContain('没有任何发布记录');
  });

  it.each([
    ['no post is known', {}],
    ['the registry\'s last post is after the check date', { lastPostAt: at(-3) }],
    ['the registry\'s last post is inside the window though no post was graded', { lastPostAt: at(3) }],
  ])('claims only the window when %s', (_case, over) => {
    const v = noUpdate(over);
    expect(v.evidence).toMatchObject({ latestPost: null, daysSinceLatestPost: null });
    expect(explainVeto(v)).toBe('单项否决「内容不更新」：检查日 2026-03-15 前 14 天内没有发布记录（要求检查日前 14 天内至少更新一次）。');
  });

  it('prefers a graded post over the registry date', () => {
    const v = noUpdate({ lastPostAt: at(200) }, [post(40, 'service', {}, 'old')]);
    expect(v.evidence).toMatchObject({ latestPost: { externalId: 'old' }, daysSinceLatestPost: 40 });
    expect(v.evidence).not.toHaveProperty('lastKnownPostDate');
  });
});
