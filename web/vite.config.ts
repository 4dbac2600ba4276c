import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The admin app. `npx vite build --config web/vite.config.ts` writes web/dist,
 * which the local server serves at `/` (API at /api/v1 on the same origin).
 * In dev (`npx vite --config web/vite.config.ts`) /api and /health are proxied
 * to GOVMEDIA_API (default http://localhost:3000).
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': process.env.GOVMEDIA_API ?? 'http://localhost:3000',
      '/health': process.env.GOVMEDIA_API ?? 'http://localhost:3000',
    },
  },
});
