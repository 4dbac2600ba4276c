import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { relative } from 'node:path';

/**
 * A path the SPA does not own: anything with a file extension in its last segment
 * (`/assets/Registry-abc123.js`, `/favicon.png`) or under `/assets/`. A file that is not in
 * web/dist is a 404, never index.html: after a rebuild under a running server an old chunk URL
 * must fail as a missing module (the app then offers a reload, App.svelte), not load HTML.
 */
export function isAssetPath(path: string): boolean {
  if (path.startsWith('/assets/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(last);
}

/**
 * Serves the built web app from `distDir` on `app`: the files as they are, then index.html for
 * every other GET outside /api/ (the SPA's own paths). index.html is sent with `no-cache` so a
 * browser revalidates it and learns the new chunk names after a rebuild.
 */
export function mountWebApp(app: Hono<any>, distDir: string): void {
  const root = relative(process.cwd(), distDir) || '.';
  // Set before serveStatic answers: its onFound hook runs after the response is built.
  app.use('/*', async (c, next) => {
    if (!c.req.path.startsWith('/api/') && !isAssetPath(c.req.path)) c.header('Cache-Control', 'no-cache');
    await next();
  });
  app.use('/*', serveStatic({ root }));
  const index = serveStatic({ root, path: 'index.html' });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    if (isAssetPath(c.req.path)) {
      c.header('Cache-Control', 'no-store');
      return c.text('Not Found', 404);
    }
    return index(c, next);
  });
}
