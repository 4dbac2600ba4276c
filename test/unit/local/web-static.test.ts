import { Hono } from 'hono';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAssetPath, mountWebApp } from '../../../functions/local/web-static';

/**
 * Issue 15: after a rebuild under a running server, an old chunk URL must be a 404, not the SPA's
 * index.html with 200 (the browser then reports a missing module and the app offers a reload).
 */
describe('the built web app on the local server', () => {
  const dist = mkdtempSync(join(tmpdir(), 'govmedia-web-static-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dist, 'assets', 'Calendar-new123.js'), 'export default 1;');
  const app = new Hono();
  app.get('/api/v1/ping', (c) => c.json({ ok: true }));
  mountWebApp(app, dist);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it.each([
    ['/assets/Calendar-new123.js', true],
    ['/assets/anything', true],
    ['/favicon.ico', true],
    ['/registry/logo.svg', true],
    ['/', false],
    ['/dashboard', false],
    ['/accounts/01abc', false],
    ['/v1.2/page', false],
  ])('%s is a file path: %s', (path, asset) => {
    expect(isAssetPath(path)).toBe(asset);
  });

  it('serves a file of the build', async () => {
    const res = await app.request('/assets/Calendar-new123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each(['/assets/Calendar-old999.js', '/assets/index-old999.css', '/robots.txt'])('answers 404 for %s, which is not in the build', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
  });

  it.each(['/', '/dashboard', '/accounts/01abc'])('answers index.html for the SPA path %s, to be revalidated', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="app">');
  });

  it('leaves /api/ to the API', async () => {
    expect(await (await app.request('/api/v1/ping')).json()).toEqual({ ok: true });
    expect((await app.request('/api/v1/nothing')).status).toBe(404);
  });
});
