/**
 * Handle identity (docs/decisions.md, "Handle identity").
 *
 * A handle is stored as the user typed it (trimmed), but the registry decides "is this
 * account already registered?" on an identity derived from it:
 *
 * - `handleIssue(raw)`: why a handle is refused (400 at the `handle` field), or undefined.
 *   Control characters (Cc, NUL included), lone surrogates, bidi controls, every other
 *   invisible or format character (Cf and the other default-ignorables: ZWSP, ZWJ, ZWNJ,
 *   BOM, soft hyphen, variation selectors, Hangul fillers…), private-use and unassigned
 *   code points are refused, never stripped; so are handles that mix Latin with Cyrillic,
 *   Greek or Armenian letters.
 * - `canonicalHandle(raw)`: NFKC, then `toLowerCase()` (locale-independent), final sigma
 *   folded to σ, then NFKC again. Full-width and mathematical letters become ASCII, case is
 *   ignored (decision 5). Total: on legacy data (stored before these rules) it also drops
 *   the characters `handleIssue` refuses, so an old key is computed the same way.
 * - `handleIdentity(raw)`: the skeleton of the canonical form, what the (platform, handle)
 *   guard is keyed on: Cyrillic, Greek, Armenian and a few Latin look-alikes of Latin
 *   letters (Unicode confusables) are mapped to the Latin letter. Equal canonical forms
 *   always give equal identities, so one guard item covers both rules.
 *
 * Pure: no I/O, the same in the API, the import and the web forms.
 */

/** Refused character classes, in the order they are reported. */
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const BIDI = /\p{Bidi_Control}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const UNASSIGNED_OR_PRIVATE = /[\p{Co}\p{Cn}]/u;
const WHITESPACE = /\s/u;
/** Everything canonicalHandle drops from legacy data (accepted handles contain none of it). */
const DROPPED = /[\p{Cs}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The handle field's length limit, also after normalisation (NFKC can expand one character to 18). */
export const HANDLE_MAX_LENGTH = 100;

/** Scripts whose letters are confused with each other; a handle uses letters of at most one. */
const CONFUSABLE_SCRIPTS: readonly [name: string, zh: string, re: RegExp][] = [
  ['Latin', '拉丁', /\p{Script=Latin}/u],
  ['Cyrillic', '西里尔', /\p{Script=Cyrillic}/u],
  ['Greek', '希腊', /\p{Script=Greek}/u],
  ['Armenian', '亚美尼亚', /\p{Script=Armenian}/u],
];

/**
 * Look-alikes of Latin letters, after case folding and NFD (so ё is е + ◌̈ and maps with е).
 * From Unicode's confusables.txt for the letters that pass for Latin ones in a handle; where a
 * letter's lower and upper case imitate different Latin letters (Greek ν/Ν, η/Η, μ/Μ, υ/Υ) the
 * lower case wins, since identities are computed on the folded form. Digits are left alone
 * (0/o, 1/l are the same script and often meant).
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', г: 'r', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ь: 'b',
  ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', ӏ: 'l', ѡ: 'w', ԍ: 'g',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ϲ: 'c', ϳ: 'j',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', զ: 'q', ց: 'g',
  // Latin letters that pass for other Latin letters (IPA and small capitals)
  ɑ: 'a', ɡ: 'g', ı: 'i', ɩ: 'i', ȷ: 'j', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l',
  ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `s` matching `re`, with its 1-based position in characters. */
function firstMatch(s: string, re: RegExp): { ch: string; at: number } | undefined {
  let at = 0;
  for (const ch of s) {
    at++;
    if (re.test(ch)) return { ch, at };
  }
  return undefined;
}

/** NFKC + case fold; drops what handleIssue refuses (only legacy data has it). Idempotent. */
export function canonicalHandle(raw: string): string {
  return raw.replace(DROPPED, '').normalize('NFKC').toLowerCase().replace(/ς/g, 'σ').normalize('NFKC').replace(DROPPED, '');
}

/** The registry's identity of a handle: the skeleton of its canonical form (look-alikes mapped to Latin). */
export function handleIdentity(raw: string): string {
  let out = '';
  for (const ch of canonicalHandle(raw).normalize('NFD')) out += CONFUSABLES[ch] ?? ch;
  return out.normalize('NFC');
}

/** Why `raw` (already trimmed) cannot be a handle, or undefined when it can. Chinese first, English gloss last. */
export function handleIssue(raw: string): string | undefined {
  const refused: [RegExp, (ch: string, at: number) => string][] = [
    [LONE_SURROGATE, (ch, at) => `账号含无效字符（第 ${at} 个字符为孤立的代理项 ${hex(ch)}）(invalid character: lone surrogate ${hex(ch)} at ${at})`],
    [CONTROL, (ch, at) => `账号不能包含控制字符（第 ${at} 个字符 ${hex(ch)}）(control character ${hex(ch)} at ${at})`],
    [BIDI, (ch, at) => `账号不能包含文字方向控制字符（第 ${at} 个字符 ${hex(ch)}）(bidi control ${hex(ch)} at ${at})`],
    [INVISIBLE, (ch, at) => `账号不能包含不可见字符（第 ${at} 个字符 ${hex(ch)}，如零宽空格、软连字符），请删除后重试 (invisible character ${hex(ch)} at ${at})`],
    [UNASSIGNED_OR_PRIVATE, (ch, at) => `账号不能包含私用区或未分配的字符（第 ${at} 个字符 ${hex(ch)}）(private-use or unassigned character ${hex(ch)} at ${at})`],
  ];
  for (const [re, message] of refused) {
    const hit = firstMatch(raw, re);
    if (hit) return message(hit.ch, hit.at);
  }
  const canonical = canonicalHandle(raw);
  if (WHITESPACE.test(canonical)) return `账号经规范化（全角转半角、兼容字符展开）后含空白字符 (handle contains whitespace once normalised)`;
  if (canonical.length > HANDLE_MAX_LENGTH) {
    return `账号经规范化（全角转半角、兼容字符展开）后不能超过 ${HANDLE_MAX_LENGTH} 个字符 (handle longer than ${HANDLE_MAX_LENGTH} characters once normalised)`;
  }
  const scripts = CONFUSABLE_SCRIPTS.filter(([, , re]) => firstMatch(canonical, re));
  if (scripts.length > 1) {
    return `账号不能混用${scripts.map(([, zh]) => zh).join('、')}字母（易与其他账号混淆）(mixed scripts: ${scripts.map(([name]) => name).join(' + ')})`;
  }
  return undefined;
}
