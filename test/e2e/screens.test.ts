/**
 * A tour of every screen as the roles that use them: each one renders without a page error
 * (endpoints still being built show a notice instead), and a screenshot is saved for review.
 * Also checks the registry at tablet width and the English switch.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, signIn, type Browser } from './browser';

const REGION = '330127';

describe('screens tour', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let accountId: string | undefined;

  beforeAll(async () => {
    const token = await devToken(baseUrl, { sub: 'e2e-setup', name: 'e2e', roles: ['office'], region: REGION });
    const page = await apiCall<{ items: { id: string }[] }>(baseUrl, token, 'GET', `/accounts?region=${REGION}&limit=1`);
    accountId = page.items[0]?.id;
    // Two earlier inspections, so the dashboard's pass-rate trend has a line to draw.
    const day = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));
    for (const daysAgo of [60, 30]) await apiCall(baseUrl, token, 'POST', '/inspections', { regionCode: REGION, checkDate: day(daysAgo) });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('office: dashboard, account page, inspections, consolidation, approvals, audit log', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    for (const [path, heading, shot] of [
      ['/dashboard', '工作台', 'dashboard'],
      ['/inspections', '检查评分', 'inspections'],
      ['/consolidation', '清理整合', 'consolidation'],
      ['/approvals', '待我审批', 'approvals'],
      ['/audit', '操作日志', 'audit'],
    ] as const) {
      await page.goto(`${baseUrl}/#${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      if (path === '/dashboard') await page.locator('[data-testid=pass-rate-trend] canvas').waitFor();
      await screenshot(page, shot);
    }
    // The newest inspection, if any, with its summary and results.
    await page.goto(`${baseUrl}/#/inspections`);
    const open = page.getByRole('link', { name: '查看', exact: true }).first();
    await open.or(page.getByText('暂无检查记录')).or(page.getByText(/接口尚未上线/)).first().waitFor();
    if (await open.count()) {
      await open.click();
      await page.getByRole('heading', { name: /^逐个结果/ }).waitFor();
      await screenshot(page, 'inspection-detail');
      const details = page.getByRole('button', { name: '详情' }).first();
      if (await details.count()) {
        await details.click();
        await page.getByRole('dialog').waitFor();
        await screenshot(page, 'inspection-grade');
        await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
      }
    }
    if (accountId) {
      await page.goto(`${baseUrl}/#/accounts/${accountId}`);
      await page.getByRole('heading', { name: '当前评分' }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'account-page');
    }
    expect(page.errors).toEqual([]);
  });

  it('editor: calendar with the draft editor', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'editor');
    await page.getByRole('link', { name: '内容排期' }).click();
    await page.getByRole('heading', { name: '内容排期', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'calendar');
    const create = page.getByRole('button', { name: '+ 新建稿件' });
    if (await create.isEnabled()) {
      await create.click();
      await page.getByRole('dialog', { name: '新建稿件' }).waitFor();
      await page.getByLabel('正文').fill('明星八卦：今天抽奖送手机！办理居住证请携带身份证到县行政服务中心。');
      // The content checker answers (debounced) with the off-mission terms inline.
      await page.locator('#dr-check[data-state=done]').waitFor();
      expect(await page.locator('#dr-check').textContent()).toContain('偏离职能：「抽奖」');
      await screenshot(page, 'calendar-draft');
    }
    expect(page.errors).toEqual([]);
  });

  it('registry at tablet width, and in English', async () => {
    const tablet = await launch({ width: 820, height: 1180 });
    try {
      const page = await newPage(tablet);
      await signIn(page, baseUrl, 'office');
      await page.goto(`${baseUrl}/#/registry`);
      await expect.poll(() => page.locator('[data-testid=registry-count][data-loaded=true]').textContent(), { timeout: 30_000 }).toMatch(/共 \d+ 个账号/);
      await screenshot(page, 'registry-tablet');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Account registry' }).waitFor();
      await screenshot(page, 'registry-tablet-en');
      expect(page.errors).toEqual([]);
    } finally {
      await tablet.close();
    }
  });
});
