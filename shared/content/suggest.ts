/**
 * Lexicon maintenance helper: from an office's own labelled posts, suggest
 * words that mark a category and are not in the lexicon yet. This is where
 * Intl.Segmenter helps: word segmentation finds candidate words without a
 * hand-made list. It is far too slow for the ingest path (11,000–27,000
 * posts/s for segmentation alone here, against 79,000+ for the whole checker), so
 * the checker itself matches curated terms with Aho–Corasick instead.
 */
import type { ContentCategory } from './checker';

export interface TermSuggestion {
  term: string;
  /** Posts of the target category containing the term. */
  inTarget: number;
  /** Posts of other categories containing it. */
  inOthers: number;
  /** Smoothed log-odds of the term in the target versus the others; higher marks the target better. */
  score: number;
}

/**
 * Candidate terms for `target`, best first: words of 2+ characters that occur
 * in at least `minCount` target posts, ranked by smoothed log-odds, excluding
 * `known` terms (pass the lexicon's terms).
 */
export function suggestTerms(
  posts: readonly { title?: string; text: string; expected: ContentCategory }[],
  target: ContentCategory,
  options: { known?: Iterable<string>; minCount?: number; limit?: number } = {},
): TermSuggestion[] {
  const known = new Set(options.known ?? []);
  const minCount = options.minCount ?? 2;
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const inTarget = new Map<string, number>();
  const inOthers = new Map<string, number>();
  let targetPosts = 0;
  let otherPosts = 0;
  for (const p of posts) {
    const isTarget = p.expected === target;
    if (isTarget) targetPosts++;
    else otherPosts++;
    const words = new Set<string>();
    for (const s of segmenter.segment(`${p.title ?? ''}\n${p.text}`)) if (s.isWordLike && s.segment.length >= 2 && !/^\d+$/.test(s.segment)) words.add(s.segment);
    const counts = isTarget ? inTarget : inOthers;
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const out: TermSuggestion[] = [];
  for (const [term, t] of inTarget) {
    if (t < minCount || known.has(term)) continue;
    const o = inOthers.get(term) ?? 0;
    const score = Math.log((t + 0.5) / (targetPosts + 1)) - Math.log((o + 0.5) / (otherPosts + 1));
    out.push({ term, inTarget: t, inOthers: o, score: Math.round(score * 1000) / 1000 });
  }
  out.sort((a, b) => b.score - a.score || b.inTarget - a.inTarget || (a.term < b.term ? -1 : 1));
  return out.slice(0, options.limit ?? 50);
}
