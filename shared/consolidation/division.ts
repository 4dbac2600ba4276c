/**
 * Internal-division and one-off-project names (内设机构、临时机构、活动专项命名).
 *
 * National guidance: accounts are opened by units; internal sections (科、股、室 …),
 * squads, temporary task forces and one-off projects or events should not run their own
 * account. What counts (data in division-terms.json, extensible through options):
 *  - section: the name (after platform suffixes such as 官方/微信/发布 are removed) ends
 *    with a sub-unit word: 科, 股, 室, 处, 所, 中队, 大队, 专班, 工作组, 小组, 支部 …;
 *    `办公室` only when it follows a bureau (…局办公室, …委员会办公室), never after
 *    人民政府 or a party committee (区委办公室 is a department).
 *  - but a name ending with a real unit is NOT a section: 交警大队 / 交通警察大队
 *    (also written 交警…大队: 遵义交警汇川大队),
 *    消防救援大队, 执法大队, 派出所, 司法所, 市场监管所, 税务分局, 卫生院, 街道办事处 …
 *    These are field offices (派出机构) with their own legal standing; they may run an
 *    account (they fall under "one account per unit per platform" like any unit).
 *    So 临安区公安局交通警察大队 is not an internal division, while 临安区公安局刑侦大队 is.
 *  - event: a one-off project or event anywhere in the name — 专项行动, 活动, 比赛, 马拉松,
 *    运动会, 博览会, 创建, 迎检 …, a four-digit year (2023), 第N届 — or a name ending
 *    in 行动 or 节 (山核桃节). 活动中心, 季节, 环节 … do not count.
 */
import divisionData from './division-terms.json' with { type: 'json' };
import { lightForm } from './normalize';

export interface DivisionTerms {
  sectionSuffixes: readonly string[];
  realUnits: readonly string[];
  notSection: readonly string[];
  eventTerms: readonly string[];
  eventSuffixes: readonly string[];
  notEvent: readonly string[];
}

export interface DivisionOptions {
  /** Terms added to the built-in lists (division-terms.json). */
  divisionTerms?: Partial<DivisionTerms>;
}

export interface DivisionMatch {
  kind: 'section' | 'event';
  /** The word that decided it: 科, 中队, 2023, 马拉松 … */
  term: string;
}

export const DEFAULT_DIVISION_TERMS: DivisionTerms = divisionData;

const YEAR = /(?<!\d)(19|20)\d{2}(?!\d)/u;
const EDITION = /第[一二三四五六七八九十百\d]+届/u;
/** 办公室 directly after a party committee or a government is a department, not a section. */
const DEPARTMENT_OFFICE = /([省市区县州旗]委|党委|党组|政府|人大常委会|常委会|政协)办公室$/u;
const BUREAU_OFFICE = /(局|厅|院|中心|委员会|委)办公室$/u;

const byLength = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length);

/** Builds a detector for one set of options; memoises per distinct name. */
export function createDivisionDetector(options: DivisionOptions = {}): (name: string) => DivisionMatch | null {
  const extra = options.divisionTerms ?? {};
  const merge = (k: keyof DivisionTerms) => byLength([...DEFAULT_DIVISION_TERMS[k], ...(extra[k] ?? [])].map(lightFormTerm)).filter(Boolean);
  const alt = (xs: readonly string[]) => xs.map(escapeRegExp).join('|');
  /** Suffix lists grouped by their last character, so a name is tested only against a few. */
  const byLast = (xs: readonly string[]) => {
    const m = new Map<string, string[]>();
    for (const x of xs) {
      const last = x[x.length - 1] as string;
      const list = m.get(last);
      if (list) list.push(x);
      else m.set(last, [x]);
    }
    return m;
  };

  // `*` stands for any characters: 交警*大队 matches 遵义交警汇川大队.
  const realUnits = new Map<string, RegExp>();
  for (const [last, list] of byLast(merge('realUnits'))) {
    realUnits.set(last, new RegExp(`(?:${list.map((u) => u.split('*').map(escapeRegExp).join('.*')).join('|')})$`, 'u'));
  }
  const notSection = byLast(merge('notSection'));
  const sectionSuffixes = byLast(merge('sectionSuffixes'));
  const eventSuffixes = byLast(merge('eventSuffixes'));
  const notEvent = merge('notEvent');
  const notEventRe = notEvent.length ? new RegExp(alt(notEvent), 'gu') : null;
  const eventTerms = merge('eventTerms');
  // Years and editions first, then the listed terms; the leftmost hit names the term.
  const eventRe = new RegExp(`${YEAR.source}|${EDITION.source}${eventTerms.length ? `|${alt(eventTerms)}` : ''}`, 'u');

  const endsWithAny = (s: string, m: Map<string, string[]>, minLeft: number): string | undefined =>
    m.get(s[s.length - 1] as string)?.find((t) => s.length - t.length >= minLeft && s.endsWith(t));

  const detect = (name: string): DivisionMatch | null => {
    const s = lightForm(name);
    if (!s) return null;
    const e = notEventRe ? s.replace(notEventRe, '|') : s;
    const inside = eventRe.exec(e);
    if (inside) return { kind: 'event', term: inside[0] };
    const tail = endsWithAny(e, eventSuffixes, 1);
    if (tail) return { kind: 'event', term: tail };

    const last = s[s.length - 1] as string;
    if (realUnits.get(last)?.test(s)) return null;
    if (endsWithAny(s, notSection, 0)) return null;
    if (s.endsWith('办公室')) {
      if (DEPARTMENT_OFFICE.test(s) || !BUREAU_OFFICE.test(s)) return null;
      return { kind: 'section', term: '办公室' };
    }
    const suffix = endsWithAny(s, sectionSuffixes, 2);
    return suffix ? { kind: 'section', term: suffix } : null;
  };

  const memo = new Map<string, DivisionMatch | null>();
  return (name: string): DivisionMatch | null => {
    let hit = memo.get(name);
    if (hit === undefined) {
      hit = detect(name);
      memo.set(name, hit);
    }
    return hit;
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms are compared in the same form as names. */
function lightFormTerm(t: string): string {
  return t.normalize('NFKC').toLowerCase();
}

let defaultDetector: ((name: string) => DivisionMatch | null) | undefined;

/** One-off convenience; for many names build one detector. The default terms' detector is built once (registry flags call this per account). */
export function detectInternalDivision(name: string, options: DivisionOptions = {}): DivisionMatch | null {
  if (!options.divisionTerms) return (defaultDetector ??= createDivisionDetector())(name);
  return createDivisionDetector(options)(name);
}
