/// <reference types="node" />
/**
 * Issue 15: messages the screens set themselves come from the dictionaries, so English mode shows
 * English (they were hard-coded Chinese: 「关停理由不能为空」, the region-code error).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, t } from './i18n.svelte';

const source = (file: string) => readFileSync(resolve(process.cwd(), 'web/src/screens', file), 'utf8');

describe('messages set by the screens', () => {
  afterEach(() => setLocale('zh-CN'));

  it.each([
    ['AccountPage.svelte', "'关停理由不能为空'"],
    ['Inspections.svelte', '6-digit GB/T 2260 code'],
    ['SignIn.svelte', '6-digit GB/T 2260 code'],
  ])('%s no longer hard-codes %s', (file, text) => {
    expect(source(file)).not.toContain(text);
  });

  it.each([
    ['accountPage.closeReasonRequired', '关停理由不能为空', 'Give a reason for the closure'],
    ['profiles.regionFormat', '行政区划代码须为 6 位数字', 'The region code is 6 digits'],
  ] as const)('%s reads in both languages', (key, zh, en) => {
    setLocale('zh-CN');
    expect(t(key)).toBe(zh);
    setLocale('en');
    expect(t(key)).toBe(en);
  });
});
