import en from './en';
import zh, { type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'govmedia.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: fall back to the default */
  }
  return 'zh-CN';
}

/** The current locale. Reading `i18n.locale` (directly or through t()) makes a template reactive to it. */
export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

/**
 * English for the shared domain's Chinese messages (validation, import reports) lives in its own
 * lazily loaded chunk (`domain-en.ts`): it is fetched the first time the locale is English.
 * `translateDomainMessage` (domain.ts) reads `domainMessages.translate`, so a template shows the
 * English as soon as the chunk arrives.
 */
export const domainMessages = $state<{
  translate: ((message: string) => string | undefined) | null;
  /** English templates by error/issue code, and the entities of `not_found` (domain.ts `translateCoded`). */
  codes?: Readonly<Record<string, string>>;
  /** English templates of the issue codes for an issue whose field is named (domain.ts `FIELD_CODES_ZH`). */
  fieldCodes?: Readonly<Record<string, string>>;
  entities?: Readonly<Record<string, string>>;
}>({ translate: null });
let domainLoad: Promise<void> | null = null;

export function loadDomainMessages(): Promise<void> {
  domainLoad ??= import('./domain-en').then(
    (m) => {
      domainMessages.translate = m.translateZh;
      domainMessages.codes = m.CODES_EN;
      domainMessages.fieldCodes = m.FIELD_CODES_EN;
      domainMessages.entities = m.ENTITIES_EN;
    },
    () => {
      domainLoad = null; // offline: the original messages stay; try again on the next switch
    },
  );
  return domainLoad;
}

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (locale === 'en') void loadDomainMessages();
}

/** Re-reads the persisted locale (tests, other tabs). */
export function loadLocale(): void {
  i18n.locale = initialLocale();
  if (i18n.locale === 'en') void loadDomainMessages();
}

if (i18n.locale === 'en') void loadDomainMessages();

/** Translates a key; `{name}` placeholders are filled from params. Unknown keys are returned as is. */
export function t(key: MessageKey, params?: Record<string, string | number | undefined | null>): string {
  const template = dictionaries[i18n.locale][key] ?? zh[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? m : String(value);
  });
}

/** For enum-ish labels: `label('platform', 'wechat')` → 微信公众号; unknown values fall back to the raw value. */
export function label(group: string, value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—';
  const key = `${group}.${value}` as MessageKey;
  const dict = dictionaries[i18n.locale];
  return dict[key] ?? zh[key] ?? value;
}
