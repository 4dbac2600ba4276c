import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../functions/api/context';
import { openApiDocument } from '../../../functions/api/openapi';
import { allRouteSet, apiRouteSet, credentialsRouteSet, spreadsheetRouteSet, type RouteSet } from '../../../functions/api/route-sets';

/** `METHOD /path` of every route a set serves (its middleware left out). */
const keysOf = (set: RouteSet) => set.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Hono path as a regular expression: `:name` is one segment, `:name{re}` one segment matching re. */
function patternOf(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    const param = /^:\w+(?:\{(.*)\})?$/.exec(segment);
    return param ? `(?:${param[1] ?? '[^/]+'})` : escape(segment);
  });
  return new RegExp(`^${segments.join('/')}$`);
}

/** A concrete path a route answers: each parameter given the value `p1`. */
const sampleOf = (path: string) => path.replace(/:\w+(\{[^}]*\})?/g, 'p1');

/** Every pair where a path one route answers is also matched by another route of the same method: whichever is mounted first would take it. */
function clashesIn(set: RouteSet): string[] {
  const routes = set.routes.filter((r) => r.method !== 'ALL');
  return routes.flatMap((r, i) =>
    routes
      .filter((other, j) => j !== i && other.method === r.method && patternOf(other.path).test(sampleOf(r.path)))
      .map((other) => `${r.method} ${sampleOf(r.path)}: ${r.path} and ${other.path}`),
  );
}

describe('the route sets (functions/api/route-sets.ts)', () => {
  it('finds a clash where one route shadows another (the check itself)', () => {
    const shadowing = new Hono<AppEnv>().get('/accounts/:id', (c) => c.text('')).get('/accounts/export', (c) => c.text(''));
    expect(clashesIn(shadowing)).toEqual(['GET /accounts/export: /accounts/export and /accounts/:id']);
  });

  it('serve no path that two routes of the local app both match, so the order of the mounts does not matter (GET /accounts/export is not an account)', () => {
    expect(keysOf(allRouteSet()).length).toBeGreaterThan(80);
    expect(clashesIn(allRouteSet())).toEqual([]);
  });

  it('the local app serves exactly the three deployed functions\' sets together, and no route is in two of them', () => {
    const deployed = [apiRouteSet(), spreadsheetRouteSet(), credentialsRouteSet()].map(keysOf);
    const all = keysOf(allRouteSet());
    expect([...all].sort()).toEqual(deployed.flat().sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it('serve every operation of the OpenAPI document (functions/api/openapi.ts) but the local-only /dev ones, which functions/api/app.ts mounts', () => {
    const served = keysOf(allRouteSet()).map((k) => k.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}'));
    const { paths } = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(80);
    expect(documented.filter((k) => !k.includes(' /dev/') && !served.includes(k))).toEqual([]);
  });

  it('document every route they serve in the OpenAPI document', () => {
    const served = keysOf(allRouteSet()).map((k) => k.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}'));
    const { paths } = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)));
    expect(served.filter((k) => !documented.has(k))).toEqual([]);
  });
});
