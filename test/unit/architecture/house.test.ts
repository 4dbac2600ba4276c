import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rules (docs/architecture.md) as a test: the domain imports nothing but itself and
 * its few libraries; key strings are built only in functions/store.
 */
const ROOT = resolve(__dirname, '../../..');

function filesUnder(dir: string, exts = ['.ts', '.svelte']): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, exts));
    else if (exts.some((e) => name.endsWith(e)) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const importsOf = (source: string) => [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** The only packages the domain may use: validation and the official holiday data. */
const SHARED_LIBRARIES = ['valibot', 'chinese-days'];

describe('shared/ is the pure domain', () => {
  const files = filesUnder(join(ROOT, 'shared'));

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only shared/ and its libraries', (_, file) => {
    const outside = importsOf(readFileSync(file, 'utf8')).filter((spec) => {
      if (spec.startsWith('.')) return !resolve(dirname(file), spec).startsWith(join(ROOT, 'shared'));
      return !SHARED_LIBRARIES.some((lib) => spec === lib || spec.startsWith(`${lib}/`));
    });
    expect(outside).toEqual([]);
  });
});

/** The source file a relative import names (`./x` as `./x.ts` or `./x/index.ts`), or undefined for anything else (a package, JSON). */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((f) => f.endsWith('.ts') && existsSync(f));
}

/** Every source file a file reaches through relative imports, itself included. */
function reachableFrom(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    const target = resolveImport(file, spec);
    if (target) reachableFrom(target, seen);
  }
  return seen;
}

describe('functions/jobs imports nothing from functions/api', () => {
  // The jobs take their deps from functions/wiring (no token verifier) and their ports from functions/wiring/domain-ports.
  const jobs = filesUnder(join(ROOT, 'functions', 'jobs'));
  const api = join(ROOT, 'functions', 'api') + '/';

  it('has jobs to check', () => {
    expect(jobs.length).toBeGreaterThan(4);
  });

  it.each(jobs.map((f) => [relative(ROOT, f), f]))('%s reaches no file under functions/api, directly or through what it imports', (_, file) => {
    const reached = [...reachableFrom(file)].filter((f) => f.startsWith(api)).map((f) => relative(ROOT, f));
    expect(reached).toEqual([]);
  });
});

describe('routes take their ports from functions/wiring', () => {
  const routes = filesUnder(join(ROOT, 'functions', 'api', 'routes'));
  const routesDir = join(ROOT, 'functions', 'api', 'routes') + '/';

  it.each(routes.map((f) => [relative(ROOT, f), f]))('%s imports no other route file', (_, file) => {
    const others = importsOf(readFileSync(file, 'utf8'))
      .map((spec) => resolveImport(file, spec))
      .filter((f): f is string => f !== undefined && f.startsWith(routesDir))
      .map((f) => relative(ROOT, f));
    expect(others).toEqual([]);
  });

  it.each(routes.map((f) => [relative(ROOT, f), f]))('%s reads no repository (no `stores` of the deps, no functions/store import)', (_, file) => {
    const source = readFileSync(file, 'utf8');
    const storeImports = importsOf(source)
      .map((spec) => resolveImport(file, spec))
      .filter((f): f is string => f !== undefined && f.startsWith(join(ROOT, 'functions', 'store') + '/'));
    expect(storeImports).toEqual([]);
    expect(source.split('\n').filter((line) => /\bstores\b/.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'))).toEqual([]);
  });
});

describe('key strings live in functions/store', () => {
  // A key prefix as the table uses them: upper-case letters and a '#', e.g. `ACC#${id}` or 'REG#33'.
  const KEY = /['"`][A-Z][A-Z0-9]{1,15}#/;
  const places = ['functions', 'shared', 'web/src'].flatMap((d) => filesUnder(join(ROOT, d))).filter((f) => !f.startsWith(join(ROOT, 'functions', 'store')));

  it.each(places.map((f) => [relative(ROOT, f), f]))('%s builds no key string', (_, file) => {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => KEY.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'));
    expect(lines).toEqual([]);
  });
});
