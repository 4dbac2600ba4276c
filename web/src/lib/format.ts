import { i18n } from '../i18n/i18n.svelte';

const TZ = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TZ, ...opts });
    cache.set(key, f);
  }
  return f;
}

/** A date-only value (YYYY-MM-DD) is shown as is: it is already a Shanghai calendar day. */
export function formatDate(value: string | undefined | null): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return shanghaiDay(d);
}

/**
 * Beijing date and time: `2026/12/03 08:00` in Chinese, `2026-12-03 08:00` in English (ISO order:
 * en-GB's 03/12/2026 reads as 12 March to an American reader; issue 15).
 */
export function formatDateTime(value: string | undefined | null): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  if (i18n.locale === 'en') return `${shanghaiDay(d)} ${shanghaiTime(value)}`;
  return fmt('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** The calendar day in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDay(d: Date = new Date()): string {
  return fmt('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Hour:minute in Asia/Shanghai. */
export function shanghaiTime(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return fmt('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** `2026-11-27` + `08:00` → `2026-11-27T08:00:00+08:00`. */
export function shanghaiInstant(day: string, time: string): string {
  return `${day}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}

/** Adds days to a YYYY-MM-DD day (pure calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const pct = x <= 1 ? x * 100 : x;
  return `${pct.toFixed(1)}%`;
}
