/**
 * Web: the JavaScript a browser loads before the first screen (budget: under 150 KB
 * gzipped). Builds the app into a temporary folder and sums the entry script and the
 * chunks index.html preloads; lazy chunks (charts, screens) are listed apart.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export default async function webBundle(log: (line: string) => void): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'govmedia-web-'));
  try {
    await build({ configFile: 'web/vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!);
    const gz = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
    const main = initial.reduce((n, f) => n + gz(f), 0);
    log(`main JS (entry + preloaded chunks: ${initial.length} files): ${kb(main)} gzipped; budget 150 KB → ${((main / (150 * 1024)) * 100).toFixed(0)}% of budget`);
    const lazy = readdirSync(join(outDir, 'assets'))
      .filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))
      .map((f) => ({ f, size: gz(`assets/${f}`) }))
      .sort((a, b) => b.size - a.size);
    log(`lazy chunks: ${lazy.length}, largest ${lazy.slice(0, 3).map((c) => `${c.f.replace(/-[\w-]+\.js$/, '')} ${kb(c.size)}`).join(', ')}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
