/**
 * The wording checker on the typo set (test/fixtures/content-typos.json):
 * errors that inspections report, found with their position and suggestion,
 * and correct sentences with look-alike forms left alone.
 */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../../shared/content';
import blindR1 from '../../fixtures/content-blind-r1.json';
import blindR2 from '../../fixtures/content-blind-r2.json';
import evalSet from '../../fixtures/content-eval.json';
import train from '../../fixtures/content-train.json';
import typos from '../../fixtures/content-typos.json';

describe('wording: errors inspections report', () => {
  it.each(typos.cases.map((c) => [c.text, c.error, c.suggestion, c.severity] as const))('%s → %s → %s (%s)', (text, error, suggestion, severity) => {
    const issue = checkContent({ text }).wording.find((w) => w.error === error);
    expect(issue).toMatchObject({ suggestion, severity });
    expect(text.slice(issue!.start, issue!.end)).toBe(error);
  });

  it('reports the position in the title + "\\n" + text string when there is a title', () => {
    const title = '关于做好防汛工作的通知';
    const text = '市政府对防汛工作进行了布署。';
    const w = checkContent({ title, text }).wording;
    expect(w).toHaveLength(1);
    expect(w[0]!.start - (title.length + 1)).toBe(text.indexOf('布署'));
  });
});

describe('wording: no false alarm on correct sentences with look-alike forms', () => {
  it.each(typos.correct)('%s', (text) => {
    expect(checkContent({ text }).wording).toEqual([]);
  });
});

describe('wording: false-positive rate on correct posts', () => {
  it('flags at most 1% of the labelled posts (clean copy, apart from real misuses in the corpus)', () => {
    const posts = [...evalSet.posts, ...train.posts, ...blindR1.posts, ...blindR2.posts];
    const flagged = posts.filter((p) => checkContent(p).wording.length > 0);
    expect(flagged.length / posts.length).toBeLessThanOrEqual(0.01);
  });

  it('the hand-written evaluation set and the blind splits are flagged nowhere', () => {
    for (const p of [...evalSet.posts, ...blindR1.posts, ...blindR2.posts]) expect(checkContent(p).wording, p.id).toEqual([]);
  });
});
