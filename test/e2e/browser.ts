/**
 * Shared helpers for browser journeys: Debian's Chromium through playwright-core (never a downloaded
 * browser), a fresh profile per launch, and a sign-in helper that uses the local dev sign-in page.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(opts: { width?: number; height?: number } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'govmedia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that fails the test on uncaught page errors (collected in `errors`). */
export async function newPage(b: Browser): Promise<Page & { errors: string[] }> {
  const page = (await b.context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  return page;
}

export type DemoRole = 'office' | 'reviewer' | 'editor' | 'approver' | 'admin';

/**
 * Signs in on the dev sign-in page as a preset demo user. For editor/approver pick a department
 * (by visible name, or the first one offered).
 */
export async function signIn(page: Page, baseUrl: string, role: DemoRole, opts: { name?: string; department?: string; region?: string } = {}): Promise<void> {
  await page.goto(`${baseUrl}/#/`);
  await page.getByLabel('演示用户').selectOption(role);
  if (opts.name) await page.getByLabel('姓名').fill(opts.name);
  if (opts.region) await page.getByLabel('行政区划代码').fill(opts.region);
  if (role === 'editor' || role === 'approver') {
    const select = page.getByLabel('所属单位');
    await page.waitForFunction(() => (document.querySelector('#si-dept') as HTMLSelectElement | null)?.options.length! > 1);
    if (opts.department) await select.selectOption({ label: opts.department });
    else await select.selectOption({ index: 1 });
  }
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** A dev token for API set-up calls made by the test itself (not through the UI). */
export async function devToken(baseUrl: string, body: { sub: string; roles: DemoRole[]; region: string; name?: string; department?: string }): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiCall<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
