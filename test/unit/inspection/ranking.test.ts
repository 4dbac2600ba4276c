import { describe, expect, it } from 'vitest';
import { passRateLevel, rankByScore } from '../../../shared/inspection/ranking';

const ranks = (scores: (number | null)[]) => rankByScore(scores.map((score, i) => ({ id: `a${i}`, score })), (r) => r.score).map((r) => [r.item.id, r.rank]);

describe('rankByScore (issue 15: inspection tables are ranked)', () => {
  it('ranks the best score first; equal scores share a rank and the next rank skips (1, 2, 2, 4)', () => {
    expect(ranks([70, 95, 88, 88])).toEqual([
      ['a1', 1],
      ['a2', 2],
      ['a3', 2],
      ['a0', 4],
    ]);
  });

  it('puts vetoed rows (no score) after every scored row, sharing one rank', () => {
    expect(ranks([null, 60, null, 90])).toEqual([
      ['a3', 1],
      ['a1', 2],
      ['a0', 3],
      ['a2', 3],
    ]);
  });

  it('ranks an empty list as empty and a single row first', () => {
    expect(ranks([])).toEqual([]);
    expect(ranks([null])).toEqual([['a0', 1]]);
  });
});

describe('passRateLevel (issue 15: bars coloured by threshold, not red at 100%)', () => {
  it.each([
    [1, 'good'],
    [0.9, 'good'],
    [0.8999, 'fair'],
    [0.6, 'fair'],
    [0.5999, 'poor'],
    [0, 'poor'],
    [100, 'good'],
    [75, 'fair'],
  ] as const)('%s → %s', (rate, level) => {
    expect(passRateLevel(rate)).toBe(level);
  });
});
