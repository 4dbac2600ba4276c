/**
 * Messages that come from the shared domain rather than from our dictionaries: the valibot
 * schemas' field messages (Chinese), and the API's `error.message` (Chinese, then an English
 * gloss in parentheses: "记录已被他人修改，请刷新后重试 (stale version)").
 *
 * `translateDomainMessage(msg, locale)`:
 *   - zh-CN: the Chinese part (the gloss is dropped); other text as is;
 *   - en: the known message in English (domain-en.ts, loaded lazily), else the API's gloss
 *     capitalised, else — an unknown message — the original text unchanged.
 * Reading it in a template is reactive to the locale and to the English chunk arriving.
 */
import { domainMessages, i18n, loadDomainMessages, type Locale } from './i18n.svelte';

const HAN = /\p{Script=Han}/u;
/** "中文…(english gloss)" at the very end; the gloss has no Chinese and no parentheses of its own. */
const GLOSS = /^([\s\S]*?\p{Script=Han}[\s\S]*?)\s*\(([^()\p{Script=Han}]*[A-Za-z][^()\p{Script=Han}]*)\)\s*$/u;
/** How a list of issues is joined (`writeError`, the closure form): each part is translated on its own. */
const JOIN_ZH = '；';

export function splitGloss(message: string): { zh: string; en: string } | null {
  const m = GLOSS.exec(message);
  return m ? { zh: m[1]!.trim(), en: m[2]!.trim() } : null;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function toEnglish(message: string): string | undefined {
  const known = domainMessages.translate?.(message);
  if (known !== undefined) return known;
  const gloss = splitGloss(message);
  if (gloss) return capitalise(gloss.en);
  return undefined;
}

export function translateDomainMessage(message: string, locale: Locale = i18n.locale): string {
  if (!message) return message;
  if (locale !== 'en') return splitGloss(message)?.zh ?? message;
  if (!HAN.test(message)) return message;
  if (!domainMessages.translate) void loadDomainMessages();
  const whole = toEnglish(message);
  if (whole !== undefined) return whole;
  if (message.includes(JOIN_ZH)) {
    const parts = message.split(JOIN_ZH).map((p) => p.trim());
    const english = parts.map(toEnglish);
    if (english.every((e) => e !== undefined)) return english.join('; ');
  }
  return message;
}

/** For templates: `{dm(errors.name)}`; null and undefined pass through. */
export function dm<T extends string | null | undefined>(message: T): T {
  return (typeof message === 'string' ? translateDomainMessage(message) : message) as T;
}

/** A list of issues as one message, each translated. */
export function joinIssues(issues: readonly { message: string }[]): string {
  const msgs = issues.map((i) => translateDomainMessage(i.message));
  return msgs.join(i18n.locale === 'en' ? '; ' : JOIN_ZH);
}
