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
    reducedMotion: 'reduce',
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

/** The seeded demo user (functions/local/seed/users.ts) used for a bare role. */
export const DEMO_USER_FOR_ROLE: Record<DemoRole, string> = {
  office: 'demo-office',
  reviewer: 'demo-reviewer',
  editor: 'demo-hrss-editor',
  approver: 'demo-hrss-approver-1',
  admin: 'demo-admin',
};

/**
 * Signs in on the local sign-in page by clicking a seeded demo user (`GET /api/v1/dev/users`):
 * either a role (its usual demo user) or a demo user's `sub`, e.g. `demo-market-approver`.
 * Signs out first when the page is already signed in.
 */
export async function signIn(page: Page, baseUrl: string, who: DemoRole | string): Promise<void> {
  const sub = (DEMO_USER_FOR_ROLE as Record<string, string>)[who] ?? who;
  await page.goto(`${baseUrl}/#/`);
  const user = page.locator(`[data-sub="${sub}"]`);
  const signOutButton = page.getByRole('button', { name: '退出登录' });
  await user.or(signOutButton).first().waitFor();
  if (await signOutButton.isVisible()) {
    await signOutButton.click();
    await user.waitFor();
  }
  await user.click();
  await signOutButton.waitFor();
}

/** Waits until the network is quiet (the app's reads have answered). */
/** Puts the stored locale back to Chinese, so a test that failed in English does not leave the next one signing in in English. */
export async function resetLocale(b: Browser, baseUrl: string): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`${baseUrl}/#/`);
  await page.evaluate(() => localStorage.setItem('govmedia.locale', 'zh-CN'));
  await page.close();
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
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
