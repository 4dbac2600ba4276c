/**
 * The labelled evaluation set (test/fixtures/content-eval.json) as a
 * regression guard. The figures themselves are printed by
 * `npx tsx test/bench/run.ts content`; here we only hold the floor.
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_CATEGORIES, checkContent, evaluateClassifier, type LabelledPost } from '../../../shared/content';
import data from '../../fixtures/content-eval.json';

const posts = data.posts as (LabelledPost & { split: 'dev' | 'holdout' | 'blind'; department: string })[];

describe('the evaluation set', () => {
  it('holds at least 300 posts from many departments, every class represented', () => {
    expect(posts.length).toBeGreaterThanOrEqual(300);
    expect(new Set(posts.map((p) => p.department)).size).toBeGreaterThanOrEqual(15);
    for (const c of CONTENT_CATEGORIES) expect(posts.filter((p) => p.expected === c).length).toBeGreaterThanOrEqual(40);
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
  });

  it('contains no wording errors or personal data (it is clean copy)', () => {
    for (const p of posts) expect(checkContent(p).wording, p.id).toEqual([]);
  });

  it('is classified with accuracy ≥ 0.9 and per-class precision and recall ≥ 0.8 overall', () => {
    const ev = evaluateClassifier(posts, checkContent);
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const c of CONTENT_CATEGORIES) {
      expect(ev.byClass[c].precision, `${c} precision`).toBeGreaterThanOrEqual(0.8);
      expect(ev.byClass[c].recall, `${c} recall`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('keeps the off-mission precision on the blind split (no unfair penalties) at ≥ 0.9', () => {
    const ev = evaluateClassifier(
      posts.filter((p) => p.split === 'blind'),
      checkContent,
    );
    expect(ev.byClass.off_mission.precision).toBeGreaterThanOrEqual(0.9);
  });
});
