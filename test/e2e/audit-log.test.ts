/**
 * Issue 15: the audit log in words. An office reads the trail with actions and entities named
 * (no `account.create`, no `account:01m8…`), links to the entity, filters by date range, actor,
 * action and entity type, and exports the filtered trail as CSV; screenshots in Chinese and English.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, signIn, type Browser } from './browser';

const REGION = '330127';

describe('audit log journey (office)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let account: { id: string; name: string };

  beforeAll(async () => {
    // One entry we know: an account registered by a named actor.
    const token = await devToken(baseUrl, { sub: 'e2e-audit', name: '审计测试员', roles: ['office'], region: REGION });
    const depts = await apiCall<{ items: { id: string }[] }>(baseUrl, token, 'GET', `/departments?region=${REGION}&limit=1`);
    const handle = `e2e_audit_${Date.now().toString(36)}`;
    account = await apiCall(baseUrl, token, 'POST', '/accounts', {
      platform: 'weibo',
      handle,
      name: `审计E2E${handle.slice(-4)}`,
      departmentId: depts.items[0]!.id,
      interactionEnabled: true,
      contacts: [{ name: '王敏', phone: '0571-64812345' }],
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names actions and entities, filters by actor, action, type and dates, and exports CSV', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.goto(`${baseUrl}/#/audit`);
    await page.getByRole('heading', { name: '操作日志', level: 1 }).waitFor();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    // No action reaches the reader as a code.
    const actions = await page.locator('[data-testid=audit-row] td:nth-child(3)').allTextContents();
    expect(actions.filter((a) => /^[a-z_]+(\.[a-z_]+)+$/.test(a.trim()))).toEqual([]);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.getByLabel('开始日期').fill(today);
    await page.getByLabel('结束日期').fill(today);
    await page.getByLabel('操作人（姓名或编号）').fill('审计测试员');
    await page.getByLabel('操作', { exact: true }).selectOption('account.create');
    await page.getByLabel('对象类型').selectOption('account');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator('td').nth(1).textContent()).toBe('审计测试员');
    expect(await row.locator('td').nth(2).textContent()).toBe('登记账号');
    await expect.poll(() => row.getByRole('link').textContent()).toBe(`账号 ${account.name}`);
    expect(await row.getByRole('link').getAttribute('href')).toBe(`#/accounts/${account.id}`);
    await screenshot(page, 'audit-log');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('时间,操作人,操作,对象,对象编号,变更');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`审计测试员,登记账号,账号 ${account.name},account:${account.id}`);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('Account registered');
    await screenshot(page, 'audit-log-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });
});
