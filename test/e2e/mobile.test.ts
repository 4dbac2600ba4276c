/**
 * Issue 15 (English, mobile, robustness), at 390 px, in Chinese and English:
 * - the navigation shows every item whole (it was cut to 「待我审…」 in a row that scrolled with no hint);
 * - the calendar is a list of days whose entries read in full (seven 50-px columns cut them to 「06:…」);
 * - a screen whose chunk is gone (the app was rebuilt under the server) offers a reload instead of
 *   a raw 「TypeError: Failed to fetch dynamically imported module」.
 * Screenshots: mobile-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, resetLocale, screenshot, settle, signIn, type Browser } from './browser';

const REGION = '330127';
const WIDTH = 390;

/** Every nav link inside the viewport and not truncated; the nav itself does not scroll sideways. */
async function navFits(page: Page) {
  return page.evaluate((width) => {
    const nav = document.querySelector('nav.mainnav') as HTMLElement;
    const links = [...nav.querySelectorAll('a')].map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent?.trim(), inView: r.left >= 0 && r.right <= width, whole: a.scrollWidth <= a.clientWidth };
    });
    return { overflows: nav.scrollWidth > nav.clientWidth, page: document.documentElement.scrollWidth > width, links };
  }, WIDTH);
}

function shanghaiDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

describe('at 390 px', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const title = `社保卡线上补换办理指南与常见问题解答（手机 ${Date.now().toString(36).slice(-4)}）`;
  const day = shanghaiDay(2);

  beforeAll(async () => {
    const users = (await (await fetch(`${baseUrl}/api/v1/dev/users`)).json()) as { items: { sub: string; name: string; department?: string }[] };
    const editor = users.items.find((u) => u.sub === 'demo-hrss-editor')!;
    const token = await devToken(baseUrl, { sub: editor.sub, name: editor.name, roles: ['editor'], region: REGION, department: editor.department });
    const accounts = (await apiCall<{ items: { id: string; status: string }[] }>(baseUrl, token, 'GET', `/accounts?department=${editor.department}&limit=100`)).items;
    const account = accounts.find((a) => a.status === 'active');
    if (!account) throw new Error('no active account of the demo editor');
    // A draft with a long title at 06:30 two days ahead, for the calendar to show.
    await apiCall(baseUrl, token, 'POST', '/scheduled-posts', {
      accountId: account.id,
      publishAt: `${day}T06:30:00+08:00`,
      category: 'service',
      title,
      body: '即日起，参保群众可通过线上渠道申请社会保障卡补换，如有疑问请到县行政服务中心人社窗口咨询。',
    });
    browser = await launch({ width: WIDTH, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => resetLocale(browser, baseUrl));

  it('the office sees every navigation item whole, in Chinese and English', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await settle(page);
    for (const [lang, approvals] of [
      ['zh', '待我审批'],
      ['en', 'Approvals'],
    ] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: approvals, exact: true }).waitFor();
      const fit = await navFits(page);
      expect(fit.links.length).toBeGreaterThan(5);
      expect(fit.links.filter((l) => !l.inView || !l.whole)).toEqual([]);
      expect(fit.overflows).toBe(false);
      expect(fit.page).toBe(false);
      await screenshot(page, `mobile-nav-${lang}`);
    }
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });

  it('the account and consolidation pages fit the screen, wide tables scrolling in their box', async () => {
    const token = await devToken(baseUrl, { sub: 'e2e-mobile', name: 'e2e', roles: ['office'], region: REGION });
    const accountId = (await apiCall<{ items: { id: string }[] }>(baseUrl, token, 'GET', `/accounts?region=${REGION}&limit=1`)).items[0]?.id;
    expect(accountId).toBeTruthy();
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    for (const [path, heading, shot] of [
      [`/accounts/${accountId}`, null, 'account'],
      ['/consolidation', '清理整合', 'consolidation'],
    ] as const) {
      await page.goto(`${baseUrl}/#${path}`);
      if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      else await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settle(page);
      for (const lang of ['zh', 'en'] as const) {
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.waitForTimeout(200);
        expect({ shot, lang, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ shot, lang, width: WIDTH });
        await screenshot(page, `mobile-${shot}-${lang}`);
      }
      await page.getByRole('button', { name: '中文' }).click();
    }
    expect(page.errors).toEqual([]);
  });

  it('the editor reads calendar entries in full, in Chinese and English', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'demo-hrss-editor');
    await page.getByRole('link', { name: '内容排期' }).click();
    await page.getByRole('heading', { name: '内容排期', level: 1 }).waitFor();
    await page.locator('[data-testid=calendar][aria-busy=false]').waitFor();
    if (day.slice(0, 7) !== shanghaiDay(0).slice(0, 7)) {
      await page.getByRole('button', { name: '下一页' }).click();
      await page.locator('[data-testid=calendar][aria-busy=false]').waitFor();
    }
    const chip = page.locator(`[data-testid=cal-post][data-title="${title}"]`);
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await chip.waitFor();
      const box = await chip.evaluate((el) => ({ width: el.getBoundingClientRect().width, clipped: el.scrollWidth > el.clientWidth, text: el.textContent ?? '' }));
      expect(box.text).toContain(`06:30 ${title}`);
      expect(box.clipped).toBe(false);
      expect(box.width).toBeGreaterThan(WIDTH * 0.7);
      // Days in a list, each with its date and weekday.
      expect(await page.locator('.cal-head').first().isVisible()).toBe(false);
      expect(await page.locator('.cal-day:not(.other) .cal-weekday').first().isVisible()).toBe(true);
      expect((await navFits(page)).links.filter((l) => !l.inView || !l.whole)).toEqual([]);
      await chip.scrollIntoViewIfNeeded();
      await screenshot(page, `mobile-calendar-${lang}`);
    }
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });

  it('offers a reload, in the UI language, when a screen\'s chunk is gone after a rebuild', async () => {
    const page = await newPage(browser);
    // The old build's chunk URL is 404 now (functions/local/web-static.ts): serve that for the
    // calendar's chunk, the screen the editor lands on after signing in.
    await page.route(/\/assets\/Calendar-[^/]+\.js$/, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
    await signIn(page, baseUrl, 'demo-hrss-editor');
    const banner = page.getByTestId('reload-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('系统已更新');
    expect(await page.locator('main').textContent()).not.toContain('TypeError');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Reload', exact: true }).waitFor();
    await screenshot(page, 'mobile-reload-en');
    await page.getByRole('button', { name: '中文' }).click();
    await screenshot(page, 'mobile-reload-zh');
    // The new build is there: the reload brings the screen.
    await page.unroute(/\/assets\/Calendar-[^/]+\.js$/);
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByRole('heading', { name: '内容排期', level: 1 }).waitFor();
    expect(await banner.count()).toBe(0);
  });
});
