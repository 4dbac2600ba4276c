/**
 * Journey a — an office runs a full inspection (全面检查) for today under the national profile, opens
 * the report, and reads a failed account's explanation: the grade panel with its vetoes and
 * deductions in plain Chinese. The results are ranked by score with each account's department, and
 * the pass-rate bars are coloured by threshold (issue 15); screenshots in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

describe('journey a: office runs an inspection and reads a failed account’s explanation', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs 全面检查 for today and explains a failed grade', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'demo-office');
    await page.getByRole('link', { name: '检查评分' }).click();
    await page.getByRole('heading', { name: '检查评分', level: 1 }).waitFor();

    const form = page.locator('form').filter({ has: page.getByRole('button', { name: '开始检查' }) });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    await form.getByLabel('检查范围（行政区划代码）').fill('330127');
    await form.getByLabel('检查日期').fill(today);
    // The profile list comes from GET /profiles; the national baseline is offered by its title.
    await expect.poll(() => form.getByLabel('规则').locator('option[value="national"]').textContent()).toContain('国家基线');
    await form.getByLabel('规则').selectOption('national');
    await form.getByLabel('全面检查').check();
    await form.getByRole('button', { name: '开始检查' }).click();

    // The new inspection opens with its summary and the failed accounts first.
    await page.getByRole('heading', { name: new RegExp(`^检查概况 · ${today} · 国家基线`) }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^逐个结果/ }).waitFor();
    const checked = Number(await page.locator('.stat', { hasText: '检查数' }).locator('.stat-value').textContent());
    const failed = Number(await page.locator('.stat', { hasText: '不合格' }).locator('.stat-value').textContent());
    expect(checked).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(0);

    // Ranked by score (ties share a rank), with the department; the failed ones are shown by default.
    const results = page.getByTestId('inspection-results');
    await results.getByRole('columnheader', { name: '排名' }).waitFor();
    await results.getByRole('columnheader', { name: '主办单位' }).waitFor();
    const ranks = (await results.locator('tbody td.rank').allTextContents()).map(Number);
    expect(ranks.length).toBe(Math.min(failed, 500));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBeGreaterThan(checked - failed);
    const unnamed = async () => (await results.locator('tbody tr td:nth-child(4)').allTextContents()).filter((d) => !d.trim() || d.trim() === '—').length;
    await expect.poll(unnamed).toBe(0);
    // Every pass-rate bar is coloured by its level: a 100% bar is «good», never red.
    for (const bar of await page.locator('.pass-rate').all()) {
      const figure = parseFloat((await bar.locator('.pass-rate-figure').textContent()) ?? '');
      const level = await bar.locator('.bar').getAttribute('data-level');
      expect(level).toBe(figure >= 90 ? 'good' : figure >= 60 ? 'fair' : 'poor');
    }

    const firstFailed = results.locator('tbody tr', { has: page.locator('.badge-bad', { hasText: '不合格' }) }).first();
    const name = (await firstFailed.locator('td').nth(1).textContent())?.trim() ?? '';
    const platform = (await firstFailed.locator('td').nth(2).textContent())?.trim() ?? '';
    await firstFailed.getByRole('button', { name: '详情' }).click();
    const dialog = page.getByRole('dialog', { name: `${name}（${platform}）` });
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.badge-bad', { hasText: '不合格' }).count()).toBeGreaterThan(0);
    // At least one veto or deduction, each explained in a Chinese sentence naming rule and evidence.
    const rules = dialog.locator('.rule-veto, .rule-deduction');
    expect(await rules.count()).toBeGreaterThan(0);
    const explanation = (await rules.first().locator('p').first().textContent()) ?? '';
    expect(explanation).toMatch(/^(单项否决「|「).+」.*[：:].*[\u4e00-\u9fa5]/);
    expect(explanation).toMatch(/\d/);
    await settle(page);
    await screenshot(page, 'inspection-run');
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await results.locator('tbody tr').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-results');

    // —— the same results in English ——
    await page.getByRole('button', { name: 'English' }).click();
    await results.getByRole('columnheader', { name: 'Rank' }).waitFor();
    await screenshot(page, 'inspection-results-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });
});
