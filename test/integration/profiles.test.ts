import { describe, expect, it } from 'vitest';
import { call, office, type Caller } from '../support/api';

const admin: Caller = { sub: 'platform-admin', roles: ['admin'], region: '330000', name: '平台管理员' };

async function national() {
  return (await call(office(), 'GET', '/profiles/national')).body;
}

describe('rule profiles', () => {
  it('lists the built-in national profile and two stricter local ones', async () => {
    const res = await call(office(), 'GET', '/profiles');
    expect(res.status).toBe(200);
    const names = res.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['national', 'strict-10day', 'weekly-3']));
  });

  it('shows every threshold of the national profile as the brief states it', async () => {
    const p = await national();
    expect(p.version).toBe(1);
    expect(p.vetoes.noUpdate.windowDays).toBe(14);
    expect(p.vetoes.noInteraction.maxUnansweredDays).toBe(90);
    expect(p.indicators.cadence).toMatchObject({ cap: 20, windowDays: 28, minPosts: 4, pointsPerMissingPost: 5 });
    expect(p.registry).toEqual({ filingWorkingDays: 5, noticePeriodDays: 30, revalidationDays: 180 });
  });

  it('answers 404 for an unknown profile and 400 for a malformed name', async () => {
    expect((await call(office(), 'GET', '/profiles/nope-nope')).status).toBe(404);
    expect((await call(office(), 'GET', '/profiles/BAD NAME')).status).toBe(400);
  });

  it('lets an admin add a new version while the old one stays readable', async () => {
    const name = `county-${Date.now().toString(36)}`;
    const base = { ...(await national()), name, title: '县级从严' };
    delete base.version;
    const v1 = await call(admin, 'POST', '/profiles', base);
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);
    const v2 = await call(admin, 'POST', '/profiles', { ...base, vetoes: { ...base.vetoes, noUpdate: { enabled: true, windowDays: 10 } } });
    expect(v2.body.version).toBe(2);
    expect((await call(office(), 'GET', `/profiles/${name}`)).body.vetoes.noUpdate.windowDays).toBe(10);
    expect((await call(office(), 'GET', `/profiles/${name}?version=1`)).body.vetoes.noUpdate.windowDays).toBe(14);
    const history = await call(office(), 'GET', `/profiles/${name}/versions`);
    expect(history.body.items.map((e: { profile: { version: number } }) => e.profile.version)).toEqual([1, 2]);
  });

  it('adds national v2 beside the built-in v1', async () => {
    const base = { ...(await national()), title: '国家基线（修订）' };
    const res = await call(admin, 'POST', '/profiles', { ...base, version: 2 });
    expect(res.status).toBe(201);
    expect((await call(office(), 'GET', '/profiles/national?version=1')).body.title).toBe('国家基线');
  });

  it('refuses to overwrite an existing version (409)', async () => {
    const base = await national();
    const res = await call(admin, 'POST', '/profiles', { ...base, version: 1 });
    expect(res.status).toBe(409);
  });

  it('refuses a non-admin (403)', async () => {
    const res = await call(office(), 'POST', '/profiles', { ...(await national()), name: 'x-office' });
    expect(res.status).toBe(403);
  });

  it('rejects an inconsistent profile with 400 and Chinese messages per field', async () => {
    const base = { ...(await national()), name: `bad-${Date.now().toString(36)}` };
    delete base.version;
    const res = await call(admin, 'POST', '/profiles', { ...base, indicators: { ...base.indicators, cadence: { ...base.indicators.cadence, cap: -1 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.some((i: { path: string }) => i.path.startsWith('indicators.cadence'))).toBe(true);
  });
});

describe('the profile a region uses', () => {
  const cityAdmin: Caller = { sub: 'admin-3301', roles: ['admin'], region: '330100', name: '市平台管理员' };
  it('is national until an admin assigns another, and sub-regions inherit it', async () => {
    const before = await call(office('330122'), 'GET', '/regions/330122/profile');
    expect(before.body).toMatchObject({ profile: 'national', inheritedFrom: null });
    const put = await call(cityAdmin, 'PUT', '/regions/330100/profile', { profile: 'strict-10day' });
    expect(put.status).toBe(200);
    const after = await call(office('330122'), 'GET', '/regions/330122/profile');
    expect(after.body).toMatchObject({ profile: 'strict-10day', inheritedFrom: '330100' });
  });

  it('refuses an assignment by an admin of another region (403) and of an unknown profile (404)', async () => {
    expect((await call({ sub: 'a', roles: ['admin'], region: '440100' }, 'PUT', '/regions/330100/profile', { profile: 'weekly-3' })).status).toBe(403);
    expect((await call(cityAdmin, 'PUT', '/regions/330100/profile', { profile: 'nope-nope' })).status).toBe(404);
  });
});
