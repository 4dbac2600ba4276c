/**
 * Naming and verification (名称与认证): does an account's name show its owning
 * unit, does the verified subject (认证主体) match the unit, and are the same
 * unit's accounts named alike across platforms. Heuristic by nature; the word
 * lists are data (lexicons/unit-names.json) an office can extend.
 */
import lexicon from './lexicons/unit-names.json';

interface UnitEntry {
  keys: string[];
  aliases: string[];
}

const UNITS: readonly UnitEntry[] = (lexicon as { units: UnitEntry[] }).units;
/** Longest first, so 官方微博 is removed before 微博. */
const PLATFORM_WORDS: readonly string[] = [...(lexicon as { platformWords: string[] }).platformWords].sort((a, b) => b.length - a.length);
const GENERIC_WORDS: readonly string[] = [...(lexicon as { genericWords: string[] }).genericWords].sort((a, b) => b.length - a.length);

/** Unit names that are the government of their place (the place name shows the unit). */
const GOVERNMENT_STEMS = ['人民政府', '政府', '管理委员会', '管委会', '街道办事处'];
const REGION_SUFFIX = new Set(['省', '市', '区', '县', '州', '旗', '盟', '镇', '乡']);
const UNIT_CHARS = new Set(['局', '委', '办', '厅', '院', '会', '所', '站', '队', '馆', '部', '处', '科']);

/** Drops whitespace and punctuation (ASCII and CJK), folds ASCII to lower case and full-width forms to half-width. */
export function normalizeName(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII
    if (c >= 65 && c <= 90) c += 32;
    const isWordChar = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
    if (isWordChar) out += String.fromCharCode(c);
  }
  return out;
}

function removeAll(s: string, words: readonly string[]): string {
  let out = s;
  for (const w of words) if (out.includes(w)) out = out.split(w).join('');
  return out;
}

/**
 * Region names at the start of a department name and what follows them:
 * 杭州市西湖区教育局 → regions 杭州市, 杭州, 西湖区, 西湖 and stem 教育局.
 * Read left to right while segments of 2+ characters end in a region suffix
 * (省/市/区/县/州/…), so 杭州市市场监督管理局 yields only 杭州市 and 杭州.
 */
export function splitRegion(departmentName: string): { regions: string[]; stem: string } {
  const regions: string[] = [];
  let start = 0;
  for (let i = 0; i < departmentName.length && i - start < 12; i++) {
    const ch = departmentName[i]!;
    if (UNIT_CHARS.has(ch)) break; // 局, 委, 办…: the unit itself has begun
    if (!REGION_SUFFIX.has(ch) || i - start < 2) continue; // 杭州: 州 at the 2nd character is not a suffix yet
    regions.push(departmentName.slice(start, i + 1), departmentName.slice(start, i));
    start = i + 1;
  }
  return { regions: regions.sort((a, b) => b.length - a.length), stem: departmentName.slice(start) };
}

function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

/**
 * Does the account name show the owning unit? True when the name contains the
 * unit's full name (with or without its region prefix), or an accepted short
 * form of the unit's function (人社, 市场监管, 平安…, from the lexicon), or —
 * for units the lexicon does not know — when what is left of the name after
 * removing region and generic words (2+ characters) reads as an abbreviation
 * of the unit name (its characters appear in order: 城管 in 城市管理局).
 */
export function nameShowsUnit(accountName: string, departmentName: string): boolean {
  const n = normalizeName(accountName);
  const d = normalizeName(departmentName);
  if (!n || !d) return false;
  if (n.includes(d)) return true;
  const { regions, stem } = splitRegion(d);
  if (stem.length >= 2 && n.includes(stem)) return true;
  // A government's own account is named after its place: 千岛湖镇 for 千岛湖镇人民政府.
  if (GOVERNMENT_STEMS.some((g) => stem.startsWith(g)) && regions.some((r) => r.length >= 2 && n.includes(r))) return true;
  for (const unit of UNITS) {
    if (!unit.keys.some((k) => d.includes(k))) continue;
    if (unit.aliases.some((a) => n.includes(a)) || unit.keys.some((k) => n.includes(k))) return true;
  }
  const core = removeAll(removeAll(n, regions), GENERIC_WORDS);
  return core.length >= 2 && isSubsequence(core, stem.length >= 2 ? stem : d);
}

/**
 * Does the verified subject match the unit? Equal after normalisation, or one
 * contains the other (a registry entry "人社局" under the verified subject
 * "杭州市人力资源和社会保障局" is the same unit written shorter).
 */
export function verifiedSubjectMatches(verifiedSubject: string, departmentName: string): boolean {
  const s = normalizeName(verifiedSubject);
  const d = normalizeName(departmentName);
  if (!s || !d) return false;
  return s === d || (Math.min(s.length, d.length) >= 2 && (s.includes(d) || d.includes(s)));
}

/** The name with platform words removed: 杭州人社微博 and 杭州人社 are the same name. */
export function crossPlatformName(name: string): string {
  return removeAll(normalizeName(name), PLATFORM_WORDS.map(normalizeName));
}

/**
 * The names the unit uses on other platforms, when this account's name is used on none of
 * them: the odd one out is inconsistent (平安淳安 on WeChat beside 淳安公安 on Douyin), while
 * the name the unit uses across platforms is not penalised for a sibling that differs.
 */
export function inconsistentSiblingNames(accountName: string, siblingNames: readonly string[]): string[] {
  const own = crossPlatformName(accountName);
  if (siblingNames.some((s) => crossPlatformName(s) === own)) return [];
  const out: string[] = [];
  for (const s of siblingNames) if (crossPlatformName(s) !== own && !out.includes(s)) out.push(s);
  return out;
}
