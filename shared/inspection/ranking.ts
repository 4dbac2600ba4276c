/**
 * Rankings and pass-rate levels of an inspection's tables (issue 15, "Lists and tables").
 * Pure: the screens and the reports rank the rows they already hold.
 */

export interface Ranked<T> {
  item: T;
  /** 1 for the best; equal scores share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
}

/**
 * Rows ranked by score, best first (standard competition ranking: 1, 2, 2, 4). A row without
 * a score (a veto: `score: null`) ranks after every scored row; all of them share that one rank.
 * Rows of equal score keep their input order.
 */
export function rankByScore<T>(items: readonly T[], score: (item: T) => number | null | undefined): Ranked<T>[] {
  const keyed = items.map((item, index) => ({ item, index, score: score(item) ?? null }));
  keyed.sort((a, b) => {
    if (a.score === b.score) return a.index - b.index;
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  });
  const out: Ranked<T>[] = [];
  keyed.forEach((k, i) => {
    const prev = out[i - 1];
    const tied = i > 0 && keyed[i - 1]!.score === k.score;
    out.push({ item: k.item, rank: tied && prev ? prev.rank : i + 1 });
  });
  return out;
}

/**
 * How a pass rate is coloured: at or above {@link PASS_RATE_LEVELS}.good it is good (green),
 * at or above .fair it is fair (amber), below that poor (red). 100% is always good.
 */
export const PASS_RATE_LEVELS = { good: 0.9, fair: 0.6 } as const;

export type PassRateLevel = 'good' | 'fair' | 'poor';

/** `rate` as a share (0.95) or, above 1, as a percentage (95). */
export function passRateLevel(rate: number): PassRateLevel {
  const share = rate > 1 ? rate / 100 : rate;
  if (share >= PASS_RATE_LEVELS.good) return 'good';
  if (share >= PASS_RATE_LEVELS.fair) return 'fair';
  return 'poor';
}
