/**
 * Account-name normalisation for the duplicate finder: two accounts of one region and
 * platform whose names normalise to the same key serve the same function.
 *
 * Steps, in order (each is one rule, tested on its own):
 *  1. width and case: NFKC (full-width → half-width), lower case;
 *  2. punctuation, symbols and spaces removed (only letters and digits stay);
 *  3. abbreviations: every variant is replaced by its canonical short form
 *     (文化和旅游 → 文旅, 人力资源和社会保障 → 人社 …; abbreviations.json, extensible);
 *  4. then, repeated until nothing changes:
 *     a. a region prefix: a known region name (built-in provinces, plus `regionNames`,
 *        each also in its short form: 杭州市 → 杭州, 临安区 → 临安; a short form directly
 *        followed by 镇/乡/村/街道/社区/路 is a town or street name and stays), or the generic
 *        pattern "2–7 characters + 省/市/区/县/盟/旗/自治区/自治州/新区…", or a lone leading
 *        省/市/区/县/州 ("市人社局"); guarded so that 市场, 城市, 社区, 园区, 开发区 … are
 *        never taken for regions;
 *     b. a platform or generic suffix: 官方, 发布, 微信, 公众号, 服务号, 订阅号, 微博,
 *        抖音, 头条号, 号 …;
 *     c. a known region name at the end (平安临安 → 平安);
 *     d. an institution-type suffix: 委员会, 分局, 局, 委, 厅, 中心 (keeping ≥ 2 characters).
 * A key shorter than 2 characters means "no function word left" (临安发布, 中国临安):
 * such accounts are not matched on name.
 */
import abbreviationData from './abbreviations.json' with { type: 'json' };

export interface AbbreviationGroup {
  canonical: string;
  variants: readonly string[];
}

export interface NormalizeOptions {
  /** Region names to strip (e.g. the names of the regions in the registry): 杭州市, 临安区 … */
  regionNames?: readonly string[];
  /** Extra abbreviation groups, applied with the built-in ones. */
  abbreviations?: readonly AbbreviationGroup[];
}

export const DEFAULT_ABBREVIATIONS: readonly AbbreviationGroup[] = abbreviationData.groups;

/** Provincial-level names and their short forms; always stripped. */
export const PROVINCE_NAMES: readonly string[] = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省',
  '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区',
  '海南省', '重庆市', '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区',
  '新疆维吾尔自治区', '台湾省', '香港特别行政区', '澳门特别行政区',
];

const ADMIN_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '新区', '地区', '省', '市', '区', '县', '州', '盟', '旗'];
const ETHNIC = [
  '维吾尔族', '维吾尔', '蒙古族', '土家族', '哈萨克族', '哈尼族', '布依族', '朝鲜族', '傈僳族', '仡佬族', '拉祜族', '佤族', '畲族',
  '壮族', '回族', '苗族', '侗族', '彝族', '藏族', '傣族', '白族', '羌族', '瑶族', '黎族', '满族', '水族', '土族', '纳西族', '景颇族',
];

/**
 * Words that end like a region (…区, …市) but are not one: the generic prefix
 * heuristic never strips a prefix ending in one of these.
 */
const NOT_REGION_ENDINGS = [
  '风景名胜区', '风景区', '开发区', '高新区', '度假区', '保税区', '示范区', '试验区', '实验区', '功能区', '服务区', '合作区',
  '园区', '景区', '社区', '小区', '街区', '校区', '片区', '营区', '库区', '矿区', '湖区', '学区', '病区', '专区', '城区', '山区', '林区',
  '牧区', '辖区', '市区', '郊区', '城市', '都市', '超市', '集市', '夜市', '门市', '菜市', '早市', '股市', '楼市', '上市', '节省',
  '反省', '联盟', '同盟', '加盟', '红旗', '国旗', '党旗', '锦旗', '团旗', '彩旗',
];

/** A region suffix character followed by one of these belongs to the next word: 杭州|市场监管. */
const NOT_AFTER: Record<string, string> = { 市: '场', 区: '块域', 县: '域', 省: '' };

const PLATFORM_SUFFIXES = [
  '微信公众号', '公众平台', '公众号', '服务号', '订阅号', '官方微博', '微博', '抖音号', '抖音', '头条号', '头条', '快手号', '快手',
  '视频号', '哔哩哔哩', 'b站', '小程序', '客户端', 'app', '官方', '官微', '发布', '微信', '在线', '号',
];

const INSTITUTION_SUFFIXES = ['委员会', '分局', '中心', '局', '委', '厅'];

/**
 * The generic pattern leaves out a bare 州: it sits inside too many city names (兰州, 杭州)
 * and would take "临安兰州" for a region; 自治州 stays, and a lone leading 州 (黔东南|州卫健委,
 * after the known short form) is handled by LONE_LEADING.
 */
const GENERIC_REGION = new RegExp(`^(\\p{Script=Han}{2,7}?)(${ADMIN_SUFFIXES.filter((x) => x !== '州').join('|')})`, 'u');
const TOWN_START = /^(镇|乡|村|街道|社区|路|大道)/u;

/** A region name never contains these: 公安局临安区 is not a region. */
const INSTITUTION_CHARS = /[局委厅部办院会所队站科处室校馆组]/u;
const LONE_LEADING = /^[省市区县州](?=\p{Script=Han}{2})/u;

/** Names made only of CJK ideographs, lower-case ASCII letters and digits need no rewriting. */
const ALREADY_BASIC = /^[\u4e00-\u9fffa-z0-9]*$/;

/** Width, case, punctuation: the first two steps, shared with the division detector. */
export function basicForm(name: string): string {
  if (ALREADY_BASIC.test(name)) return name;
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** 杭州市 → 杭州, 黔东南苗族侗族自治州 → 黔东南; null when the short form would be a single character. */
export function shortRegionName(full: string): string | null {
  let s = full;
  const suffix = ADMIN_SUFFIXES.find((x) => s.endsWith(x) && s.length - x.length >= 2);
  if (!suffix) return null;
  s = s.slice(0, -suffix.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      if (s.endsWith(e) && s.length - e.length >= 2) {
        s = s.slice(0, -e.length);
        changed = true;
      }
    }
  }
  return s.length >= 2 ? s : null;
}

/** Suffixes grouped by their last character, longest first: a name is tested only against a few. */
function byLastChar(suffixes: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const x of [...suffixes].sort((a, b) => b.length - a.length)) {
    const last = x[x.length - 1] as string;
    const list = m.get(last);
    if (list) list.push(x);
    else m.set(last, [x]);
  }
  return m;
}

const PLATFORM_BY_LAST = byLastChar(PLATFORM_SUFFIXES);
const INSTITUTION_BY_LAST = byLastChar(INSTITUTION_SUFFIXES);

function stripSuffix(s: string, suffixes: Map<string, string[]>, minLeft: number): string {
  const list = suffixes.get(s[s.length - 1] as string);
  if (list) for (const x of list) if (s.length - x.length >= minLeft && s.endsWith(x)) return s.slice(0, -x.length);
  return s;
}

/** Builds a normaliser for one set of options; memoises per distinct name. */
export function createNormalizer(options: NormalizeOptions = {}): (name: string) => string {
  const regions = new Set<string>(['中国']);
  const fullForms = new Set<string>();
  const shortForms = new Set<string>();
  for (const n of [...PROVINCE_NAMES, ...(options.regionNames ?? [])]) {
    const full = basicForm(n);
    if (full.length < 2) continue;
    regions.add(full);
    fullForms.add(full);
    const short = shortRegionName(full);
    if (short) {
      regions.add(short);
      shortForms.add(short);
    }
  }
  for (const f of fullForms) shortForms.delete(f);
  // Region-name lengths by first and by last character, longest first, so a name is
  // sliced only at lengths where a region name could match.
  const lengthsBy = (pick: (r: string) => string) => {
    const m = new Map<string, number[]>();
    for (const r of regions) {
      const list = m.get(pick(r)) ?? [];
      if (!list.includes(r.length)) list.push(r.length);
      m.set(pick(r), list);
    }
    for (const list of m.values()) list.sort((a, b) => b - a);
    return m;
  };
  const prefixLengths = lengthsBy((r) => r[0] as string);
  const suffixLengths = lengthsBy((r) => r[r.length - 1] as string);

  const canonical = new Map<string, string>();
  for (const g of [...DEFAULT_ABBREVIATIONS, ...(options.abbreviations ?? [])]) {
    const target = basicForm(g.canonical);
    for (const v of g.variants) {
      const from = basicForm(v);
      if (from && from !== target) canonical.set(from, target);
    }
  }
  // Variants indexed by first character, longest first: a left-to-right scan that tries
  // only the variants starting with the character at hand (much cheaper than one big
  // alternation for ~100 variants).
  const byFirst = new Map<string, string[]>();
  for (const v of canonical.keys()) {
    const list = byFirst.get(v[0] as string);
    if (list) list.push(v);
    else byFirst.set(v[0] as string, [v]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const canonicalize = (s: string): string => {
    let out = '';
    let i = 0;
    let last = 0;
    while (i < s.length) {
      const list = byFirst.get(s[i] as string);
      const hit = list?.find((v) => s.startsWith(v, i));
      if (hit) {
        out += s.slice(last, i) + (canonical.get(hit) as string);
        i += hit.length;
        last = i;
      } else {
        i++;
      }
    }
    return last === 0 ? s : out + s.slice(last);
  };

  const allowedCut = (head: string, rest: string): boolean => {
    const last = head[head.length - 1] ?? '';
    const blocked = NOT_AFTER[last];
    return !(blocked && rest.length > 0 && blocked.includes(rest[0] as string));
  };

  /** Length of the region prefix to cut: the longer of a known name and the generic pattern. */
  const regionPrefixLength = (s: string): number => {
    let known = 0;
    for (const len of prefixLengths.get(s[0] as string) ?? []) {
      if (len > s.length) continue;
      const head = s.slice(0, len);
      const rest = s.slice(len);
      // 兰州镇, 西湖街道: a short region name glued to 镇/乡/街道… is the name of a town or street.
      if (regions.has(head) && allowedCut(head, rest) && !(shortForms.has(head) && TOWN_START.test(rest))) {
        known = len;
        break;
      }
    }
    let generic = 0;
    const m = GENERIC_REGION.exec(s);
    if (m) {
      const head = m[0];
      const stem = m[1] as string;
      if (
        !INSTITUTION_CHARS.test(stem) &&
        !NOT_REGION_ENDINGS.some((w) => head.endsWith(w)) &&
        allowedCut(head, s.slice(head.length))
      ) {
        generic = head.length;
      }
    }
    if (known || generic) return Math.max(known, generic);
    return LONE_LEADING.test(s) && allowedCut(s[0] as string, s.slice(1)) ? 1 : 0;
  };
  const stripRegionPrefix = (s: string): string => s.slice(regionPrefixLength(s));

  const stripRegionSuffix = (s: string): string => {
    for (const len of suffixLengths.get(s[s.length - 1] as string) ?? []) {
      if (len <= s.length - 2 && regions.has(s.slice(-len))) return s.slice(0, -len);
    }
    return s;
  };

  const memo = new Map<string, string>();
  return (name: string): string => {
    const hit = memo.get(name);
    if (hit !== undefined) return hit;
    let s = canonicalize(basicForm(name));
    for (let before = ''; before !== s; ) {
      before = s;
      s = stripRegionPrefix(s);
      s = stripSuffix(s, PLATFORM_BY_LAST, 0);
      s = stripRegionSuffix(s);
      s = stripSuffix(s, INSTITUTION_BY_LAST, 2);
    }
    memo.set(name, s);
    return s;
  };
}

/** One-off convenience; for many names build one normaliser with createNormalizer. */
export function normalizeName(name: string, options: NormalizeOptions = {}): string {
  return createNormalizer(options)(name);
}

/** Platform and generic suffixes removed after width/case/punctuation: the name as the division detector reads it. */
export function lightForm(name: string): string {
  let s = basicForm(name);
  for (let before = ''; before !== s; ) {
    before = s;
    s = stripSuffix(s, PLATFORM_BY_LAST, 1);
  }
  return s;
}
