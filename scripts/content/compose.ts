/**
 * Composition helpers for the labelled content corpus (docs/content-checker.md,
 * "Corpus"): a seeded random generator and the post shape. The hand-written
 * parts live in corpus-train.ts (training and validation), corpus-blind-r1.ts
 * (the round-1 blind split, seen after round 1) and corpus-blind-r2.ts (the
 * round-2 blind split); each blind split was written after its model was frozen,
 * with its own parts.
 */
export type Category = 'service' | 'policy' | 'news' | 'off_mission';
export type Subclass = 'entertainment' | 'advertising' | 'lottery_game' | 'personal_opinion' | 'clickbait' | 'unrelated_repost';

export interface CorpusPost {
  id: string;
  department: string;
  platform: string;
  style: string;
  title?: string;
  text: string;
  isRepost?: boolean;
  expected: Category;
  subclass?: Subclass;
  hard?: boolean;
  split: string;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Picker {
  constructor(readonly r: () => number) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  /** k distinct items in random order. */
  some<T>(xs: readonly T[], k: number): T[] {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(Math.floor(this.r() * copy.length), 1)[0]!);
    return out;
  }
  date(): string {
    return `${this.int(1, 12)}月${this.int(1, 28)}日`;
  }
}

/** Fills {slot} markers from a record of choices (a function is called, an array picked from). */
export function fill(p: Picker, template: string, slots: Record<string, string | readonly string[] | (() => string)>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`模板缺少槽位 ${k}：${template}`);
    if (typeof v === 'string') return v;
    if (typeof v === 'function') return v();
    return p.pick(v);
  });
}
