/**
 * Runs the browser journeys against a server that is already running (no build, no start):
 *   E2E_BASE_URL=http://127.0.0.1:8787 npx vitest run --config test/e2e/existing-server.config.ts
 * The normal way is `npx vitest run --project e2e`, whose global setup builds and starts everything.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    provide: { baseUrl: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8787' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
