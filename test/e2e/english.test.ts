/**
 * Issue 15 (English, mobile, robustness): the office's consolidation and rule-profile screens in
 * English at 1366 px read in English — the duplicate finder's evidence and keeper reasons, the
 * built-in profiles' titles and descriptions, no full-width punctuation of the screens' own, and
 * times in ISO order. Chinese is what the accounts' own names are. Screenshots: english-*.png
 * beside the Chinese ones (zh-*.png).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, resetLocale, screenshot, settle, signIn, type Browser } from './browser';

/** Chinese text with the accounts' names ("…" in English) and a matched term (…) taken out. */
const chineseOutsideNames = (s: string) => s.replace(/"[^"]*"/g, '').replace(/\([^)]*\)/g, '').match(/[\p{Script=Han}（）：、，；]+/gu) ?? [];

describe('the office in English', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch({ width: 1366, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => resetLocale(browser, baseUrl));

  it('reads the consolidation evidence and keeper reasons in English', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.getByRole('link', { name: '清理整合' }).click();
    await page.getByRole('heading', { name: '清理整合', level: 1 }).waitFor();
    await page.locator('[data-testid=cluster]').first().waitFor();
    await settle(page);
    await screenshot(page, 'zh-consolidation');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Consolidation', level: 1 }).waitFor();
    const evidence = await page.locator('[data-testid=cluster-evidence] li').allTextContents();
    const why = await page.locator('[data-testid=keeper-why] li').allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    expect(why.length).toBeGreaterThan(0);
    for (const line of [...evidence, ...why]) expect({ line, chinese: chineseOutsideNames(line) }).toEqual({ line, chinese: [] });
    expect(evidence.some((l) => /^One department runs \d+ accounts on /.test(l) || / departments of the same region run accounts /.test(l))).toBe(true);
    await screenshot(page, 'english-consolidation');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });

  it('names and describes the built-in rule profiles in English', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.getByRole('link', { name: '规则配置' }).click();
    await page.getByRole('heading', { name: '规则配置', level: 1 }).waitFor();
    await page.getByTestId('region-profile').waitFor();
    await settle(page);
    await screenshot(page, 'zh-profiles');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Rule profiles', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'National baseline', level: 2 }).waitFor();
    expect(await page.getByTestId('region-profile').textContent()).toContain('National baseline');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(/国家基线|从严：|周更：|在国家基线上|依据国办发/);
    expect(main).toContain('Strict: 10-day no-update veto');
    // No day/month ambiguity: times read 2026-12-03 08:00.
    expect(main).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
    await screenshot(page, 'english-profiles');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });
});
