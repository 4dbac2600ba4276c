/**
 * Journey b — an office turns a duplicate cluster (同一单位同一平台) into closure requests in one step:
 * consolidation screen → 生成关停申请 → confirm → the created closures are listed (审批中, waiting for
 * the department's approver), and the accounts now show as 关停审批中 on their account page.
 *
 * Uses a cluster outside 淳安县市场监督管理局, which journey c keeps for itself.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

describe('journey b: office turns a duplicate cluster into closure requests', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('生成关停申请 creates one closure per non-keeper and lists them', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'demo-office');
    await page.getByRole('link', { name: '清理整合' }).click();
    await page.getByRole('heading', { name: '清理整合', level: 1 }).waitFor();

    // A same-unit cluster whose accounts are loaded and active (the button is enabled then).
    const clusters = page.locator('[data-testid=cluster][data-reason=same_unit_same_platform]').filter({ hasNotText: '淳安县市场监督管理局' });
    await clusters.first().waitFor();
    const cluster = clusters.filter({ has: page.getByRole('button', { name: '生成关停申请', disabled: false }) }).first();
    await cluster.waitFor();
    const heading = (await cluster.getByRole('heading', { level: 2 }).textContent())?.trim() ?? '';
    expect(heading).toContain('同一单位同一平台');
    // Evidence and the keeper's reasons are shown in Chinese.
    expect(await cluster.locator('.evidence-list li').first().textContent()).toMatch(/同一主办单位在.+开设 \d+ 个账号/);
    expect(await cluster.locator('.keeper-why').textContent()).toMatch(/建议保留「.+」，依据/);
    const keeper = (await cluster.locator('[data-testid=cluster-member][data-keeper=true] td:nth-child(2) a').textContent())?.trim();
    const toClose = (await cluster.locator('[data-testid=cluster-member][data-keeper=false] td:nth-child(2) a').allTextContents()).map((s) => s.trim());
    expect(keeper).toBeTruthy();
    expect(toClose.length).toBeGreaterThan(0);

    await cluster.getByRole('button', { name: '生成关停申请' }).click();
    const dialog = page.getByRole('dialog', { name: '生成关停申请' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`承接账号：「${keeper}」`);
    expect(await dialog.getByLabel('关停理由').inputValue()).toContain(`并入「${keeper}」`);
    await dialog.getByRole('button', { name: '确认生成' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The created closures appear, one per account, each pending at tier 1 (the department's approver).
    const created = page.getByTestId('created-closures');
    await created.waitFor();
    await expect.poll(() => created.getByTestId('created-closure').count()).toBe(toClose.length);
    const rows = await created.getByTestId('created-closure').allTextContents();
    for (const name of toClose) expect(rows.some((r) => r.includes(name))).toBe(true);
    for (const r of rows) {
      expect(r).toContain('审批中');
      expect(r).toContain('等待单位审批人审批');
    }
    expect(await created.textContent()).toContain(`已生成 ${toClose.length} 份关停申请`);
    // The cluster is gone from the candidates (its accounts are in a closure now).
    await expect.poll(() => page.locator('[data-testid=cluster] h2', { hasText: heading.replace(/^\S+\s*/, '') }).count(), { timeout: 15_000 }).toBe(0);
    await settle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'consolidation-plan');

    // One of them, opened from the list: its detail shows the request and the next tier.
    await created.getByRole('link', { name: '查看详情' }).first().click();
    await page.getByRole('heading', { name: /^关停申请：/, level: 1 }).waitFor();
    expect(await page.getByTestId('closure-status').textContent()).toBe('审批中');
    expect(await page.getByRole('heading', { name: '办理记录' }).count()).toBe(1);
    expect(await page.locator('.timeline').textContent()).toContain('提出关停申请');
    expect(page.errors).toEqual([]);
  });
});
