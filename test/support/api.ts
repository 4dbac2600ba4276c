import type { Role } from '../../shared/auth/principal';
import { createApp } from '../../functions/api/app';
import { allRouteSet } from '../../functions/api/route-sets';
import { devJobsOf } from '../../functions/local/jobs';
import type { App } from '../../functions/api/app';
import { localDeps } from '../../functions/wiring/local';

const deps = localDeps();

/** The real app over the real (local) table: tests speak HTTP to it through app.request. */
export const app = createApp({ ...deps, devJobs: devJobsOf(deps) }, allRouteSet());

export interface Caller {
  sub: string;
  roles: Role[];
  region: string;
  department?: string;
  name?: string;
}

const tokens = new Map<string, string>();

export async function tokenFor(caller: Caller, via: App = app): Promise<string> {
  const key = JSON.stringify(caller);
  let token = tokens.get(key);
  if (!token) {
    const res = await via.request('/api/v1/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(caller),
    });
    if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${await res.text()}`);
    token = ((await res.json()) as { token: string }).token;
    tokens.set(key, token);
  }
  return token;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  caller: Caller | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  return callApp(app, caller, method, path, body, headers);
}

/** `call` against another app (one built over its own store, e.g. the store-fault tests). */
export const callerOf =
  (other: App) =>
  <T = any>(caller: Caller | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    callApp<T>(other, caller, method, path, body, headers);

async function callApp<T>(
  app: App,
  caller: Caller | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const h: Record<string, string> = { ...headers };
  if (caller) h.authorization = `Bearer ${await tokenFor(caller, app)}`;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body as BodyInit;
    else {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
  }
  const res = await app.request(`/api/v1${path}`, { method, headers: h, body: payload });
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, body: parsed as T, headers: res.headers };
}

let counter = 0;
/** A unique suffix so tests in one file never collide on handles or names. */
export const unique = (prefix = 'x') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const office = (region = '330127'): Caller => ({ sub: `office-${region}`, roles: ['office'], region, name: '县委宣传部' });
export const admin = (region = '330127'): Caller => ({ sub: `admin-${region}`, roles: ['admin', 'office'], region });

export async function makeDepartment(region = '330127', name = unique('测试单位')) {
  const res = await call(admin(region), 'POST', '/departments', { name, regionCode: region });
  if (res.status !== 201) throw new Error(`department: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; regionCode: string; version: number };
}

export const editorOf = (dept: { id: string; regionCode: string }, sub = `editor-${dept.id}`): Caller => ({
  sub,
  roles: ['editor'],
  region: dept.regionCode,
  department: dept.id,
});

export function accountBody(departmentId: string, overrides: Record<string, unknown> = {}) {
  return {
    platform: 'wechat',
    handle: unique('h'),
    name: '淳安发布',
    departmentId,
    interactionEnabled: true,
    contacts: [{ name: '王敏', phone: '0571-65012345' }],
    ...overrides,
  };
}

export async function makeAccount(dept: { id: string; regionCode: string }, overrides: Record<string, unknown> = {}) {
  const res = await call(office(dept.regionCode), 'POST', '/accounts', accountBody(dept.id, overrides));
  if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any> & { id: string; version: number };
}
