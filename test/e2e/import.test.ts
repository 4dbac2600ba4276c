/**
 * Issue #2, bulk import: an office uploads a CSV with one bad row, sees the per-row report and
 * nothing imported; fixes the file, validates, imports, and finds the accounts in the registry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, signIn, type Browser } from './browser';

const REGION = '330127';
const HEADER = '平台,账号,账号名称,主办单位,链接,认证主体,开设用途,互动功能,联系人,联系电话,联系邮箱,开设日期,运维方式,服务链接';

describe('registry import journey (office)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let dept: string;
  let dir: string;

  beforeAll(async () => {
    const token = await devToken(baseUrl, { sub: 'e2e-setup', name: 'e2e', roles: ['office'], region: REGION });
    const depts = await apiCall<{ items: { id: string; name: string }[] }>(baseUrl, token, 'GET', `/departments?region=${REGION}&limit=500`);
    dept = depts.items[0]?.name ?? (await apiCall<{ name: string }>(baseUrl, token, 'POST', '/departments', { name: '淳安县数据资源管理局', regionCode: REGION })).name;
    dir = mkdtempSync(join(tmpdir(), 'govmedia-import-'));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the per-row report, imports nothing on errors, then imports a clean file', async () => {
    const tag = Date.now().toString(36);
    const good = [
      `微信公众号,imp_${tag}_a,淳安导入测试甲,${dept},https://mp.weixin.qq.com/a,${dept},政务公开,是,王敏,13800138000,,2024-03-01,自主运维,`,
      `抖音,imp_${tag}_b,淳安导入测试乙,${dept},,${dept},,否,李强,0571-64812345,,,外包,`,
    ];
    const bad = `微博,imp ${tag} c,,${dept},ftp://bad,,,是,,12345,,2024-02-30,,`;
    const badFile = join(dir, 'bad.csv');
    const goodFile = join(dir, 'good.csv');
    writeFileSync(badFile, [HEADER, ...good, bad].join('\r\n'));
    writeFileSync(goodFile, [HEADER, ...good].join('\r\n'));

    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.goto(`${baseUrl}/#/registry`);
    const count = page.locator('[data-testid=registry-count][data-loaded=true]');
    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toMatch(/共 \d+ 个账号/);
    const before = Number(/共 (\d+) 个账号/.exec((await count.textContent()) ?? '')?.[1]);

    await page.getByRole('button', { name: '批量导入' }).click();
    const dialog = page.getByRole('dialog', { name: '批量导入台账' });
    await dialog.getByLabel('选择文件').setInputFiles(badFile);
    await dialog.getByText('文件预览（前 3 行）').waitFor();
    await dialog.getByRole('button', { name: '校验' }).click();
    await dialog.getByText('逐行结果').waitFor();
    const badRow = dialog.locator('tr.row-bad');
    await expect.poll(() => badRow.count()).toBe(1);
    expect(await badRow.textContent()).toContain('不合格');
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'import-report');

    await dialog.getByLabel('选择文件').setInputFiles(goodFile);
    await dialog.getByRole('button', { name: '校验' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('已导入 2 个账号。').waitFor();
    await dialog.getByRole('button', { name: '关闭' }).click();

    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toContain(`共 ${before + 2} 个账号`);
    await page.getByLabel('搜索').fill(`imp_${tag}`);
    await expect.poll(async () => count.textContent()).toContain('显示 2 个');
    expect(page.errors).toEqual([]);
  });
});
