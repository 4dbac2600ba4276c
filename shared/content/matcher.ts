/**
 * Aho–Corasick multi-pattern matcher over UTF-16 code units, built once and
 * reused. One pass over the text finds every occurrence of every pattern, so
 * the cost does not grow with the size of the lexicons.
 *
 * Layout: transitions live in an open-addressing hash table of typed arrays
 * keyed by (state, code unit); the root's transitions are a direct
 * 65,536-entry table because the automaton spends most of its time there.
 * Characters are folded before matching (A–Z → a–z, full-width ASCII →
 * ASCII), one code unit for one, so match offsets are offsets into the
 * original text.
 */

/** Folds a UTF-16 code unit: full-width ASCII to ASCII, upper to lower case. */
export function foldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 65 && c <= 90) c += 32;
  return c;
}

export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCode(s.charCodeAt(i)));
  return out;
}

export class AhoCorasick {
  /** The patterns, folded, by id. */
  readonly patterns: readonly string[];
  private readonly rootNext: Int32Array;
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  private readonly fail: Int32Array;
  /** Pattern id ending exactly at a state, or -1. */
  private readonly outPattern: Int32Array;
  /** Nearest state on the failure chain with an output, or 0. */
  private readonly dictLink: Int32Array;

  /** Builds the automaton. Duplicate patterns (after folding) share one id: the first. */
  constructor(patterns: readonly string[]) {
    const folded = patterns.map(foldString);
    this.patterns = folded;
    // 1. Trie.
    const children: Map<number, number>[] = [new Map()];
    const out: number[] = [-1];
    for (let id = 0; id < folded.length; id++) {
      const p = folded[id]!;
      if (!p.length) continue;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let next = children[s]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          out.push(-1);
          children[s]!.set(c, next);
        }
        s = next;
      }
      if (out[s] === -1) out[s] = id;
    }
    const states = children.length;
    // 2. Transition table.
    let transitions = 0;
    for (const m of children) transitions += m.size;
    let size = 16;
    while (size < transitions * 2) size <<= 1;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.vals = new Int32Array(size);
    this.rootNext = new Int32Array(65_536);
    for (let s = 0; s < states; s++) {
      for (const [c, next] of children[s]!) {
        if (s === 0) this.rootNext[c] = next;
        else this.put(s, c, next);
      }
    }
    // 3. Failure and dictionary links, breadth first.
    this.fail = new Int32Array(states);
    this.outPattern = Int32Array.from(out);
    this.dictLink = new Int32Array(states);
    const queue: number[] = [];
    for (const next of children[0]!.values()) queue.push(next);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, next] of children[s]!) {
        let f = this.fail[s]!;
        let target = this.step(f, c);
        while (target === 0 && f !== 0) {
          f = this.fail[f]!;
          target = this.step(f, c);
        }
        this.fail[next] = target === next ? 0 : target;
        const fl = this.fail[next]!;
        this.dictLink[next] = this.outPattern[fl]! >= 0 ? fl : this.dictLink[fl]!;
        queue.push(next);
      }
    }
  }

  private slot(s: number, c: number): number {
    return Math.imul((s << 16) ^ c ^ (s >>> 16), 0x9e3779b1) & this.mask;
  }

  private put(s: number, c: number, next: number): void {
    const key = s * 65_536 + c;
    let i = this.slot(s, c);
    while (this.keys[i] !== -1) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.vals[i] = next;
  }

  /** Goto only (no failure): the next state, or 0 if there is no edge. */
  private step(s: number, c: number): number {
    if (s === 0) return this.rootNext[c]!;
    const key = s * 65_536 + c;
    const keys = this.keys;
    let i = this.slot(s, c);
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === -1) return 0;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence (end exclusive,
   * UTF-16 offsets), in order of end position.
   */
  scan(text: string, onMatch: (patternId: number, start: number, end: number) => void): void {
    const rootNext = this.rootNext;
    const fail = this.fail;
    const outPattern = this.outPattern;
    const dictLink = this.dictLink;
    const patterns = this.patterns;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 0xff01 && c <= 0xff5e) {
        c -= 0xfee0;
        if (c >= 65 && c <= 90) c += 32;
      }
      if (s === 0) s = rootNext[c]!;
      else {
        let next = this.step(s, c);
        while (next === 0 && s !== 0) {
          s = fail[s]!;
          next = s === 0 ? rootNext[c]! : this.step(s, c);
        }
        s = next;
      }
      if (s === 0) continue;
      let t = outPattern[s]! >= 0 ? s : dictLink[s]!;
      while (t !== 0) {
        const id = outPattern[t]!;
        onMatch(id, i + 1 - patterns[id]!.length, i + 1);
        t = dictLink[t]!;
      }
    }
  }
}
