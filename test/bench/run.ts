/**
 * `npm run bench`: runs every section in test/bench/sections (or those named
 * on the command line) and prints figures. Speed is always reported as a
 * ratio against a baseline measured in the same run, never asserted in tests.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'sections');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .filter((f) => !wanted.length || wanted.includes(basename(f, '.ts')));

for (const file of files) {
  const name = basename(file, '.ts');
  console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: (log: (line: string) => void) => Promise<void> };
  const started = performance.now();
  await mod.default((line) => console.log(`  ${line}`));
  console.log(`  (section took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
