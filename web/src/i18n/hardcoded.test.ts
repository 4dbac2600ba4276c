/// <reference types="node" />
/**
 * Issue 15: messages the screens set themselves come from the dictionaries, so English mode shows
 * English (they were hard-coded Chinese: 「关停理由不能为空」, the region-code error).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import en from './en';
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

/**
 * Issue 15: no full-width punctuation of the template's own in English mode. Brackets, colons and
 * list separators around an expression come from the dictionaries (app.paren, app.colon,
 * app.listSep, app.semi), and markup text is a dictionary entry, never a Chinese literal.
 */
describe('punctuation and words around the expressions of the screens', () => {
  const root = resolve(process.cwd(), 'web/src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.svelte')).map((f) => resolve(root, f));
  const RULES: [string, RegExp][] = [
    ['full-width punctuation next to an expression', /[（）：、，；]\{|\}[（）：、，；]/],
    ['a full-width separator as a string', /'[（）：、，；]'/],
    ['Chinese text in the markup', />[^<{}]*[\p{Script=Han}（）：、，；][^<{}]*</u],
  ];
  const ALLOWED = [/aria-hidden="true">政</]; // the brand mark, a glyph
  const offences = (source: string) =>
    source
      .replace(/<!--[\s\S]*?-->/g, '')
      .split('\n')
      .flatMap((line, i) => RULES.filter(([, re]) => re.test(line) && !ALLOWED.some((a) => a.test(line))).map(([what]) => `${i + 1}: ${what}`));

  it('finds the screens', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s has none', (_name, file) => {
    expect(offences(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches what the issue saw', () => {
    expect(offences("<td>{a.name}（{label('platform', a.platform)}）</td>")).toEqual(['1: full-width punctuation next to an expression']);
    expect(offences("{roles.join('、')}")).toEqual(['1: a full-width separator as a string']);
    expect(offences('<p>关停理由不能为空</p>')).toEqual(['1: Chinese text in the markup']);
    expect(offences("<td>{a.name}{t('app.paren', { text: label('platform', a.platform) })}</td>")).toEqual([]);
  });

  it.each([
    ['app.paren', { text: 'Weibo' }, '（Weibo）', ' (Weibo)'],
    ['app.colon', undefined, '：', ': '],
    ['app.listSep', undefined, '、', ', '],
    ['app.semi', undefined, '；', '; '],
  ] as const)('%s is full-width in Chinese only', (key, params, zh, en) => {
    setLocale('zh-CN');
    expect(t(key, params)).toBe(zh);
    setLocale('en');
    expect(t(key, params)).toBe(en);
  });
});

describe('the English dictionary', () => {
  it('has no Chinese and no full-width punctuation', () => {
    const offending = Object.entries(en).filter(([, text]) => /[\p{Script=Han}（）：、，；。「」]/u.test(text));
    expect(offending).toEqual([]);
  });
});
