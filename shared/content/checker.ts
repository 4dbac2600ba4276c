/**
 * The content checker (POST /content/check, and classification at ingest).
 *
 * One Aho–Corasick pass over `title + "\n" + text` finds every lexicon term
 * and every wording pattern; the category is decided from weighted term
 * scores (see docs/content-checker.md), wording errors come from the typo and
 * severe lists plus a personal-data scan. Pure and deterministic.
 *
 * Offsets: `start`/`end` of a wording issue are UTF-16 offsets (end
 * exclusive) into the checked string, which is `title + "\n" + text` when a
 * non-empty title is given and `text` alone otherwise. An offset into the body
 * is therefore `start - (title.length + 1)` when there is a title.
 */
import type { PostClassification } from '../activity/schemas';
import defaultCategories from './lexicons/categories.json';
import defaultWording from './lexicons/wording.json';
import { AhoCorasick } from './matcher';
import defaultModel from './model.generated.json';
import { NgramModel, type NgramModelData } from './ngram';
import { findPii } from './pii';

export const CONTENT_CATEGORIES = ['service', 'policy', 'news', 'off_mission'] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];
export const OFF_MISSION_SUBCLASSES = ['entertainment', 'advertising', 'lottery_game', 'personal_opinion', 'clickbait', 'unrelated_repost'] as const;
export type OffMissionSubclass = (typeof OFF_MISSION_SUBCLASSES)[number];

export interface ContentInput {
  title?: string;
  text: string;
  isRepost?: boolean;
}

export interface ContentReason {
  /** The text that matched, as written in the post. */
  term: string;
  /** service | policy | news, or an off-mission subclass (entertainment, advertising, …). */
  category: string;
}

export interface WordingIssue {
  error: string;
  suggestion: string;
  severity: 'ordinary' | 'severe';
  start: number;
  end: number;
}

export interface ContentCheckResult {
  category: ContentCategory;
  reasons: ContentReason[];
  wording: WordingIssue[];
}

/** The shape of lexicons/categories.json. */
export interface CategoryLexicon {
  titleBoost: number;
  contextDamping: number;
  service: Record<string, number>;
  policy: Record<string, number>;
  news: Record<string, number>;
  gov: Record<string, number>;
  enforcement: Record<string, number>;
  offMission: Partial<Record<Exclude<OffMissionSubclass, 'unrelated_repost'>, Record<string, number>>>;
  neutral: string[];
  /**
   * Ambiguous words that count only in context (APP, 下载, 领取, 抽查): the first rule
   * whose `any` word occurs within `within` characters (default 30) either side
   * gives the term to `group` with `weight`; with no rule matching, the term counts for nothing.
   */
  contextual?: Record<string, { any: string[]; group: string; weight: number; within?: number }[]>;
  /** Regular-expression features for phrasings with numbers (满100减20, 抽3位…). `field: 'text'` matches the body only. */
  patterns?: { regex: string; group: string; weight: number; field?: 'text' | 'all'; requires?: string; note?: string }[];
  description?: string;
}

export interface WordingEntry {
  error: string;
  suggestion: string;
  /** Not an error when one of `any` follows within `within` characters (既使…又… is correct). */
  notFollowedBy?: { any: string[]; within: number };
  note?: string;
}

/** The shape of lexicons/wording.json. */
export interface WordingLexicon {
  ordinary: WordingEntry[];
  severe: WordingEntry[];
  exceptions: string[];
  description?: string;
}

/** Decision thresholds; see docs/content-checker.md. */
export interface CheckerTuning {
  /** Minimum off-mission score to call a post off-mission. */
  offMissionMin: number;
  /** Off-mission wins when its score exceeds the government score times this. */
  offMissionOverGov: number;
  /** A repost needs at least this government + anchor score to count as related to government work. */
  repostMinGov: number;
  /** Below this government score and this anchor score a post has no government content at all. */
  noGovMax: number;
  noAnchorMax: number;
  /** The category of a post with no government signal and no off-mission signal at all. */
  noSignalCategory: ContentCategory;
  /** Weight of the n-gram model's score (centred log-likelihood) in the fused score; 0 = lexicons only. */
  modelWeight: number;
  /** Weight of a group's lexicon score in the fused score. */
  lexiconWeight: number;
  /** The fused off-mission score must beat the best government class by this margin. */
  offMissionMargin: number;
}

export const DEFAULT_TUNING: CheckerTuning = {
  offMissionMin: 2.5,
  offMissionOverGov: 0.7,
  repostMinGov: 3,
  noGovMax: 1.5,
  noAnchorMax: 2,
  noSignalCategory: 'news',
  modelWeight: 0.1,
  lexiconWeight: 1,
  offMissionMargin: 0,
};

// Groups, as small integers for the hot loop.
const G_SERVICE = 0;
const G_POLICY = 1;
const G_NEWS = 2;
const G_GOV = 3;
const G_ENFORCEMENT = 4;
const G_ENT = 5;
const G_ADS = 6;
const G_LOTTERY = 7;
const G_PERSONAL = 8;
const G_CLICKBAIT = 9;
const G_NEUTRAL = 10;
const G_CONTEXT = 11;
const GROUPS = 12;
const GROUP_NAMES = ['service', 'policy', 'news', 'gov', 'enforcement', 'entertainment', 'advertising', 'lottery_game', 'personal_opinion', 'clickbait', 'neutral'];
const SUB_GROUPS = [G_ENT, G_ADS, G_LOTTERY, G_PERSONAL, G_CLICKBAIT];
const DAMPED = new Set([G_ADS, G_LOTTERY, G_CLICKBAIT]);

const K_TERM = 0;
const K_ORDINARY = 1;
const K_SEVERE = 2;
const K_EXCEPTION = 3;

interface Payload {
  kind: number;
  group: number;
  weight: number;
  wording?: WordingEntry;
}


/** The model's classes, in the order of model.generated.json, as checker groups. */
const MODEL_GROUPS = [G_SERVICE, G_POLICY, G_NEWS, G_ENT, G_ADS, G_LOTTERY, G_PERSONAL, G_CLICKBAIT];

export interface ContentChecker {
  checkContent(input: ContentInput): ContentCheckResult;
  classifyPost(post: ContentInput): PostClassification;
}

/**
 * Builds a checker from lexicons (the built-in ones by default). An office
 * extends the lexicons by passing merged copies, e.g.
 * `createContentChecker({ categories: { ...base, service: { ...base.service, '浙里办': 2 } } })`.
 */
export function createContentChecker(
  options: { categories?: CategoryLexicon; wording?: WordingLexicon; tuning?: Partial<CheckerTuning>; model?: NgramModelData | null } = {},
): ContentChecker {
  const cat = options.categories ?? (defaultCategories as unknown as CategoryLexicon);
  const wl = options.wording ?? (defaultWording as unknown as WordingLexicon);
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const modelData = options.model === undefined ? (defaultModel as unknown as NgramModelData) : options.model;
  const model = modelData && tuning.modelWeight > 0 ? new NgramModel(modelData) : null;
  if (model && model.classes.some((c, i) => GROUP_NAMES[MODEL_GROUPS[i]!] !== c)) throw new Error('模型类别与检查器分组不一致');

  const patterns: string[] = [];
  const payloads: Payload[][] = [];
  const index = new Map<string, number>();
  const add = (pattern: string, payload: Payload) => {
    const key = pattern.toLowerCase();
    if (!key) return;
    let id = index.get(key);
    if (id === undefined) {
      id = patterns.length;
      index.set(key, id);
      patterns.push(pattern);
      payloads.push([]);
    }
    payloads[id]!.push(payload);
  };
  const addGroup = (group: number, terms: Record<string, number> | undefined) => {
    for (const [term, weight] of Object.entries(terms ?? {})) add(term, { kind: K_TERM, group, weight });
  };
  addGroup(G_SERVICE, cat.service);
  addGroup(G_POLICY, cat.policy);
  addGroup(G_NEWS, cat.news);
  addGroup(G_GOV, cat.gov);
  addGroup(G_ENFORCEMENT, cat.enforcement);
  addGroup(G_ENT, cat.offMission.entertainment);
  addGroup(G_ADS, cat.offMission.advertising);
  addGroup(G_LOTTERY, cat.offMission.lottery_game);
  addGroup(G_PERSONAL, cat.offMission.personal_opinion);
  addGroup(G_CLICKBAIT, cat.offMission.clickbait);
  for (const term of cat.neutral) add(term, { kind: K_TERM, group: G_NEUTRAL, weight: 0 });
  // Contextual terms: rules by pattern id.
  const contextRules = new Map<number, { any: string[]; group: number; weight: number; within: number }[]>();
  for (const [term, rules] of Object.entries(cat.contextual ?? {})) {
    add(term, { kind: K_TERM, group: G_CONTEXT, weight: 0 });
    const id = index.get(term.toLowerCase())!;
    contextRules.set(
      id,
      rules.map((r) => {
        const group = GROUP_NAMES.indexOf(r.group);
        if (group < 0 || group === G_NEUTRAL) throw new Error(`词表语境规则的分组无效：${r.group}`);
        return { any: r.any.map((x) => x.toLowerCase()), group, weight: r.weight, within: r.within ?? 30 };
      }),
    );
  }
  for (const w of wl.ordinary) add(w.error, { kind: K_ORDINARY, group: -1, weight: 0, wording: w });
  for (const w of wl.severe) add(w.error, { kind: K_SEVERE, group: -1, weight: 0, wording: w });
  for (const e of wl.exceptions) add(e, { kind: K_EXCEPTION, group: -1, weight: 0 });
  // Per pattern: its scoring payloads (group, weight) and whether it carries a term / a wording item.
  const isTerm = new Uint8Array(patterns.length);
  const isWording = new Uint8Array(patterns.length);
  const termGroups: number[][] = [];
  const termWeights: number[][] = [];
  payloads.forEach((ps, id) => {
    termGroups[id] = [];
    termWeights[id] = [];
    for (const p of ps) {
      if (p.kind === K_TERM) {
        isTerm[id] = 1;
        if (p.group !== G_NEUTRAL && p.group !== G_CONTEXT) {
          termGroups[id]!.push(p.group);
          termWeights[id]!.push(p.weight);
        }
      } else isWording[id] = 1;
    }
  });
  const ac = new AhoCorasick(patterns);
  const regexFeatures = (cat.patterns ?? []).map((f) => {
    const group = GROUP_NAMES.indexOf(f.group);
    if (group < 0 || group === G_NEUTRAL) throw new Error(`词表正则特征的分组无效：${f.group}`);
    return { re: new RegExp(f.regex), group, weight: f.weight, bodyOnly: f.field === 'text', requires: f.requires ? [...f.requires] : undefined };
  });
  const titleBoost = cat.titleBoost;
  const damping = cat.contextDamping;

  // Reusable scratch buffers (the checker is synchronous, so sharing them is safe).
  const grow = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  let termStart = new Int32Array(256);
  let termEnd = new Int32Array(256);
  let termId = new Int32Array(256);
  let termCount = 0;
  const wordingHits: { id: number; start: number; end: number }[] = [];
  const stamp = new Int32Array(patterns.length);
  let generation = 0;
  const scores = new Float64Array(GROUPS);
  // Scoring contributions, for the reasons: group, weight (×100, rounded), start, end.
  let cGroup = new Int32Array(256);
  let cWeight = new Int32Array(256);
  let cStart = new Int32Array(256);
  let cEnd = new Int32Array(256);
  let cCount = 0;
  const contribute = (group: number, weight: number, start: number, end: number) => {
    if (cCount === cGroup.length) {
      cGroup = grow(cGroup);
      cWeight = grow(cWeight);
      cStart = grow(cStart);
      cEnd = grow(cEnd);
    }
    cGroup[cCount] = group;
    cWeight[cCount] = Math.round(weight * 100);
    cStart[cCount] = start;
    cEnd[cCount] = end;
    cCount++;
    scores[group] = scores[group]! + weight;
  };

  const onMatch = (id: number, start: number, end: number) => {
    if (isTerm[id]) {
      if (termCount === termStart.length) {
        termStart = grow(termStart);
        termEnd = grow(termEnd);
        termId = grow(termId);
      }
      termStart[termCount] = start;
      termEnd[termCount] = end;
      termId[termCount] = id;
      termCount++;
    }
    if (isWording[id]) wordingHits.push({ id, start, end });
  };

  /**
   * The matched terms of the given groups, strongest first, as written in the
   * text. A term in two groups (追剧: entertainment and personal opinion) is
   * listed once, under the group it weighs most for; terms in `exclude` are skipped.
   */
  function reasonsOf(full: string, groups: readonly number[], max: number, exclude?: readonly ContentReason[]): ContentReason[] {
    const idx: number[] = [];
    for (let i = 0; i < cCount; i++) if (groups.includes(cGroup[i]!)) idx.push(i);
    idx.sort((a, b) => cWeight[b]! - cWeight[a]! || cStart[a]! - cStart[b]!);
    const out: ContentReason[] = [];
    const seen = new Set<string>(exclude?.map((x) => x.term));
    for (const i of idx) {
      const term = full.slice(cStart[i]!, cEnd[i]!);
      const category = GROUP_NAMES[cGroup[i]!]!;
      if (seen.has(term)) continue;
      seen.add(term);
      out.push({ term, category });
      if (out.length >= max) break;
    }
    return out;
  }

  const fused = new Float64Array(4);
  const perClass = new Float64Array(MODEL_GROUPS.length);
  let gStart = new Int32Array(256);
  let gEnd = new Int32Array(256);
  let gRow = new Int32Array(256);
  let gCount = 0;
  const onGram = (row: number, start: number, end: number) => {
    if (gCount === gStart.length) {
      gStart = grow(gStart);
      gEnd = grow(gEnd);
      gRow = grow(gRow);
    }
    gStart[gCount] = start;
    gEnd[gCount] = end;
    gRow[gCount] = row;
    gCount++;
  };
  /**
   * The bigrams and trigrams with the largest weight for model class `win`
   * over model class `lose`, as written, not overlapping each other or a
   * lexicon term already given, and not a term already in `listed` (so no
   * term appears under two categories, e.g. 「转发」 of an unrelated repost);
   * at most `max`, each listed under `category`.
   */
  function gramReasons(full: string, win: number, lose: number, category: string, max: number, listed: readonly ContentReason[] = []): ContentReason[] {
    if (!model || win < 0 || lose < 0) return [];
    gCount = 0;
    scratch.fill(0);
    model.scorePerClass(full, scratch, onGram);
    const k = MODEL_GROUPS.length;
    const w = model.weights;
    const cand: { i: number; d: number }[] = [];
    for (let i = 0; i < gCount; i++) {
      const d = w[gRow[i]! * k + win]! - w[gRow[i]! * k + lose]!;
      if (d > 0.5) cand.push({ i, d });
    }
    cand.sort((a, b) => b.d - a.d || gStart[a.i]! - gStart[b.i]!);
    const taken: [number, number][] = [];
    for (let j = 0; j < cCount; j++) taken.push([cStart[j]!, cEnd[j]!]);
    const out: ContentReason[] = [];
    const seen = new Set<string>(listed.map((x) => x.term));
    for (const { i } of cand) {
      const s = gStart[i]!;
      const e = gEnd[i]!;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      const term = full.slice(s, e);
      if (seen.has(term)) continue;
      seen.add(term);
      taken.push([s, e]);
      out.push({ term, category });
      if (out.length >= max) break;
    }
    return out;
  }
  const scratch = new Float64Array(MODEL_GROUPS.length);

  /**
   * Classifies and checks wording. `reasons`: 'all' fills reasons for the
   * chosen category (plus off-mission warnings); 'off' only the off-mission
   * reasons when the post is off-mission (what ingest stores).
   */
  function analyse(input: ContentInput, reasonsWanted: 'all' | 'off'): ContentCheckResult {
    const title = input.title ?? '';
    const full = title ? `${title}\n${input.text}` : input.text;
    const titleEnd = title ? title.length : -1;
    termCount = 0;
    cCount = 0;
    wordingHits.length = 0;
    scores.fill(0);
    ac.scan(full, onMatch);

    // —— terms: longest match wins where one contains another; each term counts once ——
    const gen = ++generation;
    for (let i = 0; i < termCount; i++) {
      const s = termStart[i]!;
      const e = termEnd[i]!;
      let contained = false;
      for (let j = 0; j < termCount; j++) {
        const s2 = termStart[j]!;
        const e2 = termEnd[j]!;
        if (s2 <= s && e2 >= e && e2 - s2 > e - s) {
          contained = true;
          break;
        }
      }
      if (contained) continue;
      const id = termId[i]!;
      // Prefer the title occurrence of a term (it weighs more); otherwise the first.
      const inTitle = e <= titleEnd;
      if (stamp[id] === gen) continue;
      if (!inTitle) {
        let laterInTitle = false;
        for (let j = i + 1; j < termCount && termEnd[j]! <= titleEnd; j++) if (termId[j] === id) laterInTitle = true;
        if (laterInTitle) continue;
      }
      stamp[id] = gen;
      const rules = contextRules.get(id);
      if (rules) {
        // An ambiguous word: it counts for the first rule whose context word is near.
        const around = full.slice(Math.max(0, s - 30), e + 30).toLowerCase();
        for (const r of rules) {
          const win = r.within === 30 ? around : full.slice(Math.max(0, s - r.within), e + r.within).toLowerCase();
          if (r.any.some((x) => win.includes(x))) {
            contribute(r.group, inTitle ? r.weight * titleBoost : r.weight, s, e);
            break;
          }
        }
      }
      const groups = termGroups[id]!;
      const weights = termWeights[id]!;
      for (let k = 0; k < groups.length; k++) contribute(groups[k]!, inTitle ? weights[k]! * titleBoost : weights[k]!, s, e);
    }
    // One pass for emoji and digits.
    let emoji = 0;
    let digits = 0;
    for (let i = 0; i < full.length; i++) {
      const c = full.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c >= 0xd83c && c <= 0xd83e) {
        emoji++;
        i++;
      }
    }
    if (emoji) scores[G_PERSONAL] = scores[G_PERSONAL]! + Math.min(emoji, 2);
    // Regular-expression features (phrasings with numbers, datelines, cited documents).
    const bodyOffset = title ? title.length + 1 : 0;
    for (const f of regexFeatures) {
      const target = f.bodyOnly ? input.text : full;
      if (f.requires && !f.requires.some((ch) => target.includes(ch))) continue;
      const m = f.re.exec(target);
      if (!m) continue;
      const start = (f.bodyOnly ? bodyOffset : 0) + m.index;
      contribute(f.group, f.weight, start, start + m[0].length);
    }

    if (scores[G_ENFORCEMENT]! >= 1.5) for (const g of DAMPED) scores[g] = scores[g]! * damping;
    let off = 0;
    let topSub = G_PERSONAL;
    for (const g of SUB_GROUPS) {
      off += scores[g]!;
      if (scores[g]! > scores[topSub]!) topSub = g;
    }
    const svc = scores[G_SERVICE]!;
    const pol = scores[G_POLICY]!;
    const news = scores[G_NEWS]!;
    const gov = svc + pol + news;
    const anchors = scores[G_GOV]!;

    let category: ContentCategory;
    let unrelatedRepost = false;
    let noGov = false;
    /** With the model: the winning model class index per side (for the n-gram reasons). */
    let govIdx = -1;
    let offIdx = -1;
    if (model) {
      // Fused score per decision group: the n-gram model's centred log-likelihood plus the lexicon score.
      fused.fill(0);
      model.score(full, fused);
      const mw = tuning.modelWeight;
      const lw = tuning.lexiconWeight;
      fused[0] = fused[0]! * mw + svc * lw;
      fused[1] = fused[1]! * mw + pol * lw;
      fused[2] = fused[2]! * mw + news * lw;
      fused[3] = fused[3]! * mw + off * lw;
      govIdx = 0;
      for (let i = 1; i < 3; i++) if (fused[i]! > fused[govIdx]!) govIdx = i;
      const offMission = fused[3]! > fused[govIdx]! + tuning.offMissionMargin;
      // A repost with little government vocabulary that the model finds close to off-mission.
      const looseRepost = !offMission && !!input.isRepost && gov + anchors < tuning.repostMinGov && fused[3]! > fused[govIdx]! - tuning.repostMinGov;
      if (offMission || looseRepost) {
        category = 'off_mission';
        // Which subclass: the per-class model score plus each subclass's lexicon score.
        perClass.fill(0);
        model.scorePerClass(full, perClass);
        offIdx = 3;
        for (let i = 3; i < MODEL_GROUPS.length; i++) {
          perClass[i] = perClass[i]! * mw + scores[MODEL_GROUPS[i]!]! * lw;
          if (perClass[i]! > perClass[offIdx]!) offIdx = i;
        }
        topSub = MODEL_GROUPS[offIdx]!;
        unrelatedRepost = looseRepost || (!!input.isRepost && off < tuning.offMissionMin);
      } else category = CONTENT_CATEGORIES[govIdx]!;
    } else if (off >= tuning.offMissionMin && off > gov * tuning.offMissionOverGov) category = 'off_mission';
    else if (input.isRepost && gov + anchors < tuning.repostMinGov) {
      category = 'off_mission';
      unrelatedRepost = off < tuning.offMissionMin;
    } else if (gov < tuning.noGovMax && anchors < tuning.noAnchorMax && off > 0) category = 'off_mission';
    else if (gov < tuning.noGovMax && anchors < tuning.noAnchorMax) {
      category = tuning.noSignalCategory;
      noGov = category === 'off_mission';
    } else if (pol >= svc && pol >= news && pol > 0) category = 'policy';
    else if (svc >= news) category = 'service';
    else category = 'news';

    let reasons: ContentReason[] = [];
    if (category === 'off_mission') {
      const lexical = reasonsOf(full, [topSub, ...SUB_GROUPS.filter((g) => g !== topSub)], 6);
      reasons = unrelatedRepost ? [{ term: '转发', category: 'unrelated_repost' }, ...lexical.filter((x) => x.term !== '转发')] : lexical;
      // The n-grams that weighed most for the winning subclass against the best government class.
      // Ingest ('off') stores them only when the lexicons name fewer than two terms (it is the hot path).
      if (model && (reasonsWanted === 'all' || lexical.length < 2)) reasons.push(...gramReasons(full, offIdx, govIdx, GROUP_NAMES[topSub]!, 3, reasons));
      if (noGov && !reasons.length) reasons.push({ term: '（未见政务相关内容）', category: 'personal_opinion' });
    } else if (reasonsWanted === 'all') {
      const g = category === 'service' ? G_SERVICE : category === 'policy' ? G_POLICY : G_NEWS;
      // The terms behind the decision (n-grams when no lexicon term scored), then any off-mission terms as warnings for drafts.
      reasons = reasonsOf(full, [g], 8);
      if (model && !reasons.length) {
        let other = g === G_SERVICE ? 1 : 0;
        for (let i = 0; i < 3; i++) if (i !== govIdx && fused[i]! > fused[other]!) other = i;
        reasons = gramReasons(full, govIdx, other, category, 3);
      }
      reasons.push(...reasonsOf(full, SUB_GROUPS, 4, reasons));
    }

    // —— wording ——
    const wording: WordingIssue[] = [];
    if (wordingHits.length) {
      const exceptions = wordingHits.filter((h) => payloads[h.id]!.some((p) => p.kind === K_EXCEPTION));
      const candidates: WordingIssue[] = [];
      for (const h of wordingHits) {
        if (exceptions.some((x) => x.start <= h.start && x.end >= h.end)) continue;
        for (const p of payloads[h.id]!) {
          if (p.kind !== K_ORDINARY && p.kind !== K_SEVERE) continue;
          const nf = p.wording!.notFollowedBy;
          if (nf) {
            const after = full.slice(h.end, h.end + nf.within);
            if (nf.any.some((x) => after.includes(x))) continue;
          }
          candidates.push({
            error: full.slice(h.start, h.end),
            suggestion: p.wording!.suggestion,
            severity: p.kind === K_SEVERE ? 'severe' : 'ordinary',
            start: h.start,
            end: h.end,
          });
        }
      }
      for (const c of candidates) {
        // A shorter error inside a longer one (总书纪 inside 习近平总书纪) is the same error.
        if (candidates.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start)) continue;
        if (wording.some((o) => o.start === c.start && o.end === c.end && o.severity === c.severity)) continue;
        wording.push(c);
      }
    }
    if (digits >= 11) {
      for (const hit of findPii(full)) {
        // A mobile number may be a leaked resident's or a staff contact: the checker warns
        // (ordinary) so a drafter can mask it, but grading (classifyPost) ignores it. An
        // ID-card number is a leak of personal data: severe, the security veto.
        if (hit.kind === 'mobile' && reasonsWanted === 'off') continue;
        wording.push({
          error: full.slice(hit.start, hit.end),
          suggestion:
            hit.kind === 'id_card'
              ? '疑似泄露身份证号，请删除或打码（如 3301**********1234）'
              : '疑似泄露个人手机号，请删除或打码（如 138****5678），公开联系方式请用办公电话或服务热线',
          severity: hit.kind === 'id_card' ? 'severe' : 'ordinary',
          start: hit.start,
          end: hit.end,
        });
      }
    }
    if (wording.length > 1) wording.sort((a, b) => a.start - b.start || a.end - b.end);
    return { category, reasons, wording };
  }

  return {
    checkContent(input) {
      return analyse(input, 'all');
    },
    classifyPost(post) {
      const r = analyse(post, 'off');
      const out: PostClassification = { category: r.category };
      if (r.category === 'off_mission' && r.reasons.length) out.offMissionReasons = r.reasons;
      if (r.wording.length) out.wording = r.wording;
      return out;
    },
  };
}

let defaultChecker: ContentChecker | undefined;
function checker(): ContentChecker {
  return (defaultChecker ??= createContentChecker());
}

/** Checks a post or draft with the built-in lexicons: POST /content/check. */
export function checkContent(input: ContentInput): ContentCheckResult {
  return checker().checkContent(input);
}

/** What ingest stores with a post (ActivityPorts.classify), so grading never re-classifies. */
export function classifyPost(post: ContentInput): PostClassification {
  return checker().classifyPost(post);
}
