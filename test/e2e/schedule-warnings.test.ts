/**
 * Issue 15: 排期提醒 was about 30 cards, one per account per week. An editor's calendar groups the
 * warnings by account, one group each, the veto-level ones (a no-update gap, a severe finding)
 * first and open; screenshots in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, signIn, type Browser } from './browser';

describe('排期提醒 grouped by account (editor)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows one group per account, worst first, with its count', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'editor');
    await page.getByRole('link', { name: '内容排期' }).click();
    const section = page.locator('section', { has: page.getByRole('heading', { name: '排期提醒' }) });
    await section.waitFor();
    const groups = section.getByTestId('warn-group');
    await groups.first().waitFor({ timeout: 30_000 });

    const heads = await groups.locator('summary').evaluateAll((els) =>
      els.map((s) => ({ account: s.querySelector('strong')?.textContent ?? '', veto: !!s.querySelector('.badge-bad'), count: Number(/\d+/.exec(s.querySelector('.badge')?.textContent ?? '')?.[0]) })),
    );
    const items = await section.locator('.warn-list > li').count();
    // One group per account, and together they hold every warning.
    expect(new Set(heads.map((h) => h.account)).size).toBe(heads.length);
    expect(heads.reduce((n, h) => n + h.count, 0)).toBe(items);
    // Worst first: every veto-level group before any other.
    const firstPlain = heads.findIndex((h) => !h.veto);
    if (firstPlain >= 0) expect(heads.slice(firstPlain).some((h) => h.veto)).toBe(false);
    // Veto-level groups are open, the rest folded.
    const open = await groups.locator('details').evaluateAll((els) => els.map((d) => (d as HTMLDetailsElement).open));
    expect(open).toEqual(heads.map((h) => h.veto));
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-warnings');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Warnings', exact: true }).waitFor();
    await screenshot(page, 'calendar-warnings-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });
});
