import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_RATE_LIMIT } from '../../functions/api/middleware/rate-limit';
import { PLATFORMS } from '../../shared/registry/schemas';
import { call, editorOf, makeAccount, makeDepartment, unique, type Caller } from '../support/api';

/**
 * GET /public/verify (API.md "Public verification"): no token; an operating account is official,
 * a closed one names its successor, anything else is not official; only the public fields, ever.
 */

let ip = 0;
/** A fresh client address: each test (and each fast-check run) is its own citizen for the rate limit. */
const citizen = () => ({ 'x-forwarded-for': `203.0.113.${(ip = (ip % 250) + 1)}, 10.0.0.${ip % 7}` });
const verify = (params: Record<string, string>, headers: Record<string, string> = citizen()) =>
  call(null, 'GET', `/public/verify?${new URLSearchParams(params).toString()}`, undefined, headers);

const setClock = async (now: string) => expect((await call(null, 'PUT', '/dev/clock', { now })).status).toBe(200);
afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: '科长' });
const reviewer: Caller = { sub: 'reviewer-verify', roles: ['reviewer'], region: '330127', name: '审核员' };

/** Keys no answer may carry, at any depth. */
const SECRET_KEYS = ['id', 'contacts', 'phone', 'email', 'latestGrade', 'flags', 'departmentId', 'version', 'accountId'];
function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}
const expectNothingPrivate = (body: unknown) => {
  const keys = keysDeep(body);
  for (const k of SECRET_KEYS) expect(keys.has(k), `${k} in ${JSON.stringify(body)}`).toBe(false);
  expect(JSON.stringify(body)).not.toContain('0571-65012345');
};

let dept: { id: string; name: string; regionCode: string };
let active: Record<string, any>;
const weiboUid = `7${Date.now() % 1_000_000_000}`;
const douyinId = unique('MS4wLjABAAAA');
const bilibiliMid = String(100000 + (Date.now() % 900000));
const weiboName = unique('chunanfabu');
const storedUrl = `https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=${unique('MzA')}==&scene=124`;

beforeAll(async () => {
  dept = await makeDepartment('330127', unique('淳安县融媒体中心'));
  active = await makeAccount(dept, { platform: 'wechat', name: '淳安发布', url: storedUrl });
  await makeAccount(dept, { platform: 'weibo', handle: weiboUid, name: '淳安发布' });
  await makeAccount(dept, { platform: 'douyin', handle: douyinId, name: '淳安发布' });
  await makeAccount(dept, { platform: 'bilibili', handle: bilibiliMid, name: '淳安发布' });
  await makeAccount(dept, { platform: 'kuaishou', handle: weiboName, name: '淳安发布' });
});

describe('an operating account', () => {
  it('is official by platform and handle, with its unit and region, and nothing else', async () => {
    const res = await verify({ platform: 'wechat', handle: active.handle });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      official: true,
      account: {
        platform: 'wechat',
        handle: active.handle,
        name: '淳安发布',
        department: dept.name,
        region: { code: '330127', name: '淳安县' },
        status: 'active',
        url: storedUrl,
      },
    });
    expectNothingPrivate(res.body);
  });

  it('needs no token and may be cached for a minute', async () => {
    const res = await verify({ platform: 'wechat', handle: active.handle });
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('matches the handle through its identity (case and full width ignored)', async () => {
    const fullWidth = active.handle.toUpperCase().replace(/[!-~]/g, (ch: string) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0));
    const res = await verify({ platform: 'wechat', handle: fullWidth });
    expect(res.body).toMatchObject({ official: true, account: { handle: active.handle } });
  });

  it.each([
    ['weibo.com/u/<uid>', () => `https://weibo.com/u/${weiboUid}`, 'weibo'],
    ['weibo.com/<uid>/<post>', () => `https://www.weibo.com/${weiboUid}/OxYz12345`, 'weibo'],
    ['m.weibo.cn/u/<uid>', () => `https://m.weibo.cn/u/${weiboUid}?luicode=10000011`, 'weibo'],
    ['douyin.com/user/<id>', () => `https://www.douyin.com/user/${douyinId}?from_tab_name=main`, 'douyin'],
    ['space.bilibili.com/<mid>', () => `https://space.bilibili.com/${bilibiliMid}/`, 'bilibili'],
    ['a stored WeChat profile link, re-shared with other parameters', () => storedUrl.replace('&scene=124', '&scene=126#wechat_redirect').replace('action=home&', ''), 'wechat'],
    ['a stored URL with http, capitals in the host, www. and a trailing slash', () => storedUrl.replace('https://mp.weixin.qq.com/mp/profile_ext', 'http://WWW.MP.WEIXIN.QQ.COM/mp/profile_ext/'), 'wechat'],
  ])('is found by %s', async (_form, link, platform) => {
    const res = await verify({ url: link() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ official: true, account: { platform, department: dept.name } });
    expectNothingPrivate(res.body);
  });

  it('is found by weibo.com/<name> when the registry holds the name as the handle', async () => {
    await makeAccount(dept, { platform: 'weibo', handle: weiboName, name: '淳安发布（名）' });
    const res = await verify({ url: `weibo.com/${weiboName}` });
    expect(res.body).toMatchObject({ official: true, account: { platform: 'weibo', handle: weiboName } });
  });

  it('stays official while its closure is announced, and says so in its status', async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const account = await makeAccount(dept, { platform: 'toutiao', name: '淳安发布' });
    const closure = (await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '整合' })).body;
    expect((await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await call(reviewer, 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 2 })).status).toBe(200);
    await setClock('2026-10-01T09:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T09:00:00+08:00', url: 'https://example.gov.cn/n' })).status).toBe(200);

    const res = await verify({ platform: 'toutiao', handle: account.handle });
    expect(res.body).toMatchObject({ official: true, account: { status: 'announcing' } });
  });
});

describe('a closed account', () => {
  it('is not official, says when it closed and names its successor by the public fields only', async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const keeper = await makeAccount(dept, { platform: 'wechat', name: '淳安发布（新）', url: 'https://mp.weixin.qq.com/mp/profile_ext?__biz=KEEPER' + unique() });
    const old = await makeAccount(dept, { platform: 'wechat', name: '淳安旧号' });
    const closure = (await call(editorOf(dept), 'POST', '/closures', { accountId: old.id, reason: '整合', successorAccountId: keeper.id })).body;
    expect((await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await call(reviewer, 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 2 })).status).toBe(200);
    await setClock('2026-10-01T09:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T09:00:00+08:00', url: 'https://example.gov.cn/n' })).status).toBe(200);
    await setClock('2026-11-02T10:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-31T10:00:00+08:00' })).status).toBe(200);

    const res = await verify({ platform: 'wechat', handle: old.handle });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      official: false,
      closed: true,
      closedAt: expect.stringMatching(/^2026-1[01]-/),
      successor: {
        platform: 'wechat',
        handle: keeper.handle,
        name: '淳安发布（新）',
        department: dept.name,
        region: { code: '330127', name: '淳安县' },
        status: 'active',
        url: keeper.url,
      },
    });
    expectNothingPrivate(res.body);
  });
});

describe('anything else', () => {
  it.each([
    ['an unknown handle', { platform: 'wechat', handle: 'no_such_account_anywhere' }],
    ['an unknown weibo link', { url: 'https://weibo.com/u/1' }],
    ['a link of another site', { url: 'https://example.com/some/page' }],
  ])('is not official: %s', async (_what, params) => {
    const res = await verify(params);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ official: false });
  });

  it.each([
    ['a WeChat article link', 'https://mp.weixin.qq.com/s/AbCdEf123', 'wechat_article'],
    ['an unregistered WeChat profile link', 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=NOPE==', 'wechat_profile'],
    ['a short link', 'https://v.douyin.com/iAbCdEf/', 'short_link'],
  ])('is not official with a hint for %s (the link cannot name the account)', async (_what, url, hint) => {
    const res = await verify({ url });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ official: false, hint });
  });

  it('an account waiting for its opening approval is not official yet', async () => {
    const township = (await call({ sub: 'admin-t', roles: ['admin', 'office'], region: '330127' }, 'POST', '/departments', { name: unique('千岛湖镇'), regionCode: '330127', level: 'township' })).body;
    const app = await makeAccount(township, { platform: 'app', name: '千岛湖镇政务', filingNumber: 'ZWAPP-2026-000001' });
    expect(app.status).toBe('opening_pending');
    expect((await verify({ platform: 'app', handle: app.handle })).body).toEqual({ official: false });
  });

  it.each([
    ['neither url nor handle', {}, 'platform'],
    ['a platform without a handle', { platform: 'wechat' }, 'handle'],
    ['both a url and a handle', { url: 'https://weibo.com/u/1', platform: 'weibo', handle: '1' }, 'url'],
    ['an unknown platform', { platform: 'myspace', handle: 'x' }, 'platform'],
    ['something that is no link', { url: 'javascript:alert(1)' }, 'url'],
    ['an unknown parameter', { url: 'https://weibo.com/u/1', debug: '1' }, 'debug'],
  ])('is 400 for %s', async (_what, params, path) => {
    const res = await verify(params as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('rate limit', () => {
  it(`answers 429 with Retry-After after ${PUBLIC_RATE_LIMIT.limit} requests a minute from one client; another client still gets answers`, async () => {
    await setClock('2026-06-01T10:00:00+08:00');
    const one = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < PUBLIC_RATE_LIMIT.limit; i++) expect((await verify({ platform: 'wechat', handle: active.handle }, one)).status).toBe(200);

    const limited = await verify({ platform: 'wechat', handle: active.handle }, one);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(PUBLIC_RATE_LIMIT.windowSeconds);
    expect(limited.headers.get('cache-control')).toBe('no-store');

    expect((await verify({ platform: 'wechat', handle: active.handle }, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
  });

  it('lets the client in again once its minute is over', async () => {
    await setClock('2026-06-02T10:00:00+08:00');
    const one = { 'x-forwarded-for': '198.51.100.9' };
    for (let i = 0; i <= PUBLIC_RATE_LIMIT.limit; i++) await verify({ platform: 'wechat', handle: active.handle }, one);
    expect((await verify({ platform: 'wechat', handle: active.handle }, one)).status).toBe(429);
    await setClock('2026-06-02T10:01:01+08:00');
    expect((await verify({ platform: 'wechat', handle: active.handle }, one)).status).toBe(200);
  });
});

describe('any query', () => {
  it('never answers 5xx and never carries an id, a contact, a grade or flags', async () => {
    const known = [active.handle, weiboUid, douyinId, bilibiliMid, weiboName];
    const link = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(`https://weibo.com/u/${weiboUid}`, `space.bilibili.com/${bilibiliMid}`, storedUrl, 'https://mp.weixin.qq.com/s/x', 'weibo.com/'),
      fc.string({ maxLength: 80 }),
      fc.string({ maxLength: 20 }).map((s) => `https://weibo.com/${s}`),
    );
    const query = fc.oneof(
      link.map((url) => ({ url })),
      fc.record({ platform: fc.oneof(fc.constantFrom(...PLATFORMS), fc.string({ maxLength: 10 })), handle: fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 120 })) }),
      fc.dictionary(fc.constantFrom('url', 'platform', 'handle', 'id', 'q'), fc.string({ maxLength: 30 })),
    );
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const res = await verify(params);
        expect(res.status, JSON.stringify(params)).toBeLessThan(500);
        expect([200, 400]).toContain(res.status);
        if (res.status === 200) expectNothingPrivate(res.body);
      }),
      { numRuns: 150 },
    );
  });
});
