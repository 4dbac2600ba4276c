import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors';
import {
  currentRoundDecisions,
  decideScheduledPost,
  editScheduledPost,
  expireIfDue,
  submitScheduledPost,
  withdrawScheduledPost,
  type ScheduledPost,
} from '../../../shared/scheduling';
import { NOW, PUBLISH_AT, draft, editor, editor2, editorApprover, head, leader, office, otherDeptApprover } from './fixtures';

/** Per action, who tries it: mostly people who may, plus some who may not. */
const pools = {
  review: [head, leader, editorApprover, head, leader, otherDeptApprover, editor, office],
  write: [editor, editor2, editorApprover, editor, head, office],
};
const span = Date.parse(PUBLISH_AT) - Date.parse(NOW);

/** Weighted towards the happy path so that many runs reach `approved` and the invariant bites. */
const step = fc.record({
  action: fc.oneof(
    { arbitrary: fc.constant('approve' as const), weight: 6 },
    { arbitrary: fc.constant('submit' as const), weight: 3 },
    { arbitrary: fc.constantFrom('edit' as const, 'withdraw' as const, 'reject' as const, 'expire' as const), weight: 2 },
  ),
  who: fc.nat(),
  /** Move time forward by a share of the span to publishAt (a run of steps may pass it). */
  advance: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.double({ min: 0, max: 0.1, noNaN: true }), weight: 1 }),
  staleVersion: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
});

function authors(post: ScheduledPost): Set<string> {
  return new Set(post.history.filter((h) => ['create', 'edit', 'submit'].includes(h.action)).map((h) => h.by.sub));
}

describe('review chain under random use', () => {
  it('only ever throws domain errors, and every approved post has a complete chain of distinct non-author reviewers', () => {
    let runsApproved = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 30, size: 'max' }), fc.boolean(), (steps, authorIsDual) => {
        let post = draft(authorIsDual ? editorApprover : editor);
        let approvedHere = false;
        let t = Date.parse(NOW);
        for (const s of steps) {
          t += Math.floor(s.advance * span);
          const now = new Date(t).toISOString();
          const pool = s.action === 'approve' || s.action === 'reject' ? pools.review : pools.write;
          const actor = pool[s.who % pool.length]!;
          const version = s.staleVersion ? post.version - 1 : post.version;
          try {
            switch (s.action) {
              case 'edit':
                post = editScheduledPost(post, { body: `正文 ${t}`, version }, actor, now);
                break;
              case 'submit':
                post = submitScheduledPost(post, { version }, actor, now);
                break;
              case 'withdraw':
                post = withdrawScheduledPost(post, { version }, actor, now);
                break;
              case 'approve':
                post = decideScheduledPost(post, { decision: 'approve', version }, actor, now);
                break;
              case 'reject':
                post = decideScheduledPost(post, { decision: 'reject', note: '退回', version }, actor, now);
                break;
              case 'expire':
                post = expireIfDue(post, now);
                break;
            }
          } catch (err) {
            expect(err).toBeInstanceOf(DomainError);
          }
          // Human changes always leave one history line per version.
          expect(post.history).toHaveLength(post.version);
          if (post.status === 'approved') {
            approvedHere = true;
            const chain = currentRoundDecisions(post);
            expect(chain.map((d) => d.decision)).toEqual(post.reviewSteps.map(() => 'approve'));
            const reviewers = chain.map((d) => d.by.sub);
            expect(new Set(reviewers).size).toBe(reviewers.length);
            for (const r of reviewers) expect(authors(post).has(r)).toBe(false);
            expect(Math.max(...chain.map((d) => Date.parse(d.at)))).toBeLessThan(Date.parse(post.publishAt));
          }
          if (Date.parse(now) >= Date.parse(post.publishAt)) {
            expect(['draft', 'in_review', 'rejected']).not.toContain(expireIfDue(post, now).status);
          }
        }
        if (approvedHere) runsApproved++;
      }),
      { numRuns: 500 },
    );
    expect(runsApproved).toBeGreaterThan(100); // the invariant was really exercised (in about half of the runs)
  });
});
