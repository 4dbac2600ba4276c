import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { formatDate, formatDateTime } from './format';

/** Issue 15: no ambiguous day/month order (03/12/2026) in either language; times are Beijing time. */
describe('dates and times on screen', () => {
  afterEach(() => setLocale('zh-CN'));

  it('reads a time in ISO order in English, in Beijing time', () => {
    setLocale('en');
    expect(formatDateTime('2026-12-03T00:30:00Z')).toBe('2026-12-03 08:30');
    expect(formatDateTime('2026-03-12T16:05:00Z')).toBe('2026-03-13 00:05');
  });

  it('reads a time year first in Chinese', () => {
    setLocale('zh-CN');
    expect(formatDateTime('2026-12-03T00:30:00Z')).toBe('2026/12/03 08:30');
  });

  it.each(['zh-CN', 'en'] as const)('never puts the day before the month (%s)', (locale) => {
    setLocale(locale);
    for (const v of ['2026-12-03T00:30:00Z', '2026-01-02T10:00:00+08:00']) expect(formatDateTime(v)).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
    expect(formatDate('2026-12-03T00:30:00Z')).toBe('2026-12-03');
    expect(formatDate('2026-12-03')).toBe('2026-12-03');
  });

  it('leaves a missing or unreadable value as a dash or as it is', () => {
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});
