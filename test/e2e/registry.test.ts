/**
 * Issue #2, first journey: an office signs in, sees the registry, registers an account with the
 * form (field-level messages first), and finds it in the list. Issue 15: the list pages (no inner
 * scroll box), flag badges are not cut off, 未更新天数 is a column, and the export holds exactly the
 * filtered rows with status, flags, grade and 未更新天数; screenshots in Chinese and English.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, signIn, type Browser } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const REGION = '330127';

describe('registry journey (office)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let departmentName: string;

  beforeAll(async () => {
    // The demo data normally has departments; make sure there is at least one to register under.
    const token = await devToken(baseUrl, { sub: 'e2e-setup', name: 'e2e', roles: ['office'], region: REGION });
    const depts = await apiCall<{ items: { id: string; name: string }[] }>(baseUrl, token, 'GET', `/departments?region=${REGION}&limit=500`);
    departmentName = depts.items[0]?.name ?? (await apiCall<{ name: string }>(baseUrl, token, 'POST', '/departments', { name: '淳安县数据资源管理局', regionCode: REGION })).name;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, sees the registry, registers an account and finds it listed', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');

    await page.getByRole('link', { name: '账号台账' }).click();
    await page.getByRole('heading', { name: '账号台账' }).waitFor();
    const count = page.locator('[data-testid=registry-count][data-loaded=true]');
    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toMatch(/共 \d+ 个账号/);
    const before = Number(/共 (\d+) 个账号/.exec((await count.textContent()) ?? '')?.[1]);

    // Open the form and submit it empty: field-level messages from the shared schema.
    await page.getByRole('button', { name: '+ 登记账号' }).click();
    const dialog = page.getByRole('dialog', { name: '登记新账号' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await expect.poll(() => dialog.getByText('账号名称不能为空').count()).toBe(1);
    await expect.poll(() => dialog.getByText('联系人姓名不能为空').count()).toBe(1);
    await screenshot(page, 'registry-form-errors');

    const handle = `e2e_${Date.now().toString(36)}`;
    const name = `淳安发布E2E${handle.slice(-4)}`;
    await dialog.getByLabel('平台', { exact: true }).selectOption('weibo');
    await dialog.getByLabel('账号（平台内唯一标识）', { exact: true }).fill(handle);
    await dialog.getByLabel('账号名称', { exact: true }).fill(name);
    await dialog.getByLabel('主办单位', { exact: true }).selectOption({ label: departmentName });
    await dialog.getByLabel('主页链接', { exact: true }).fill(`https://weibo.com/${handle}`);
    await dialog.getByLabel('姓名 1', { exact: true }).fill('王敏');
    await dialog.getByLabel('电话', { exact: true }).fill('0571-64812345');
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`已登记账号「${name}」。`).waitFor();

    await expect.poll(async () => count.textContent()).toContain(`共 ${before + 1} 个账号`);
    await page.getByLabel('搜索', { exact: true }).fill(handle);
    await expect.poll(async () => count.textContent()).toContain('显示 1 个');
    const row = page.getByTestId('registry-row').first();
    expect(await row.textContent()).toContain(name);
    expect(await row.textContent()).toContain('微博');
    await screenshot(page, 'registry-created');

    // It is really stored: a full reload lists it too.
    await page.reload();
    await page.getByLabel('搜索', { exact: true }).fill(handle);
    await expect.poll(async () => page.locator('[data-testid=registry-count][data-loaded=true]').textContent(), { timeout: 30_000 }).toContain('显示 1 个');

    // The same handle again is refused at the handle field (409 handle_taken).
    await page.getByRole('button', { name: '+ 登记账号' }).click();
    const again = page.getByRole('dialog', { name: '登记新账号' });
    await again.getByLabel('平台', { exact: true }).selectOption('weibo');
    await again.getByLabel('账号（平台内唯一标识）', { exact: true }).fill(handle);
    await again.getByLabel('账号名称', { exact: true }).fill(`${name}二号`);
    await again.getByLabel('主办单位', { exact: true }).selectOption({ label: departmentName });
    await again.getByLabel('姓名 1', { exact: true }).fill('王敏');
    await again.getByRole('button', { name: '登记', exact: true }).click();
    const handleInput = again.getByLabel('账号（平台内唯一标识）', { exact: true });
    await expect.poll(() => handleInput.getAttribute('aria-invalid')).toBe('true');
    const errId = await handleInput.getAttribute('aria-describedby');
    expect(await page.locator(`#${errId}`).textContent()).toContain('已登记');
    await screenshot(page, 'registry-handle-taken');

    await page.getByLabel('搜索', { exact: true }).fill('').catch(() => undefined);
    await again.getByRole('button', { name: '关闭' }).click();
    await page.getByLabel('搜索', { exact: true }).fill('');
    await screenshot(page, 'registry');
    expect(page.errors).toEqual([]);
  });

  it('pages the registry, shows 未更新天数, and exports what the filters show', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.goto(`${baseUrl}/#/registry`);
    const count = page.locator('[data-testid=registry-count][data-loaded=true]');
    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toMatch(/共 \d+ 个账号/);
    const total = Number(/共 (\d+) 个账号/.exec((await count.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(50);

    // Pages of 50, and the page scrolls: no box inside it with its own vertical scroll bar.
    const pager = page.getByTestId('registry-pager');
    await expect.poll(() => pager.locator('.pager-status').textContent()).toBe(`第 1 / ${Math.ceil(total / 50)} 页（第 1–50 个，共 ${total} 个）`);
    expect(await page.getByTestId('registry-row').count()).toBe(50);
    const table = page.getByTestId('registry-table');
    expect(await table.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => pager.locator('.pager-status').textContent()).toContain(`第 2 / ${Math.ceil(total / 50)} 页`);
    await page.getByRole('columnheader', { name: /未更新天数/ }).waitFor();

    // Flag badges are whole: none overflows its cell.
    const clipped = await page.locator('[data-testid=registry-flags]').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
    expect(clipped).toBe(0);

    // Filter to 微博 with a flag and export: the file holds the rows shown, with the state columns.
    await page.getByLabel('平台', { exact: true }).selectOption('weibo');
    await expect.poll(async () => count.textContent()).toMatch(/^显示 \d+ 个/);
    const shown = Number(/显示 (\d+) 个/.exec((await count.textContent()) ?? '')?.[1]);
    expect(shown).toBeLessThan(total);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(shown + 1);
    expect(lines[0]).toContain('状态,标记,最近评分,最近发布,未更新天数');
    expect(lines.slice(1).every((l) => l.startsWith('微博,'))).toBe(true);
    await page.getByLabel('平台', { exact: true }).selectOption('');
    await page.getByTestId('registry-row').first().waitFor();
    await screenshot(page, 'registry-pages');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: /Days since last post/ }).waitFor();
    await expect.poll(() => pager.locator('.pager-status').textContent()).toMatch(/^Page 1 of \d+/);
    await screenshot(page, 'registry-pages-en');
    await page.getByRole('button', { name: '中文' }).click();
    expect(page.errors).toEqual([]);
  });
});
