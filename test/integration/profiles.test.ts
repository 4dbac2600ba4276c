import { describe, expect, it } from 'vitest';
import { call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

const admin: Caller = { sub: 'platform-admin', roles: ['admin'], region: '330000', name: '平台管理员' };
/** The national level (decision 23): the only admins who may publish versions of `national`. */
const nationalAdmin: Caller = { sub: 'national-admin', roles: ['admin'], region: '100000', name: '国家级平台管理员' };

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

  it('adds national v2 beside the built-in v1 when a national-level admin publishes it', async () => {
    const base = { ...(await national()), title: '国家基线（修订）' };
    const res = await call(nationalAdmin, 'POST', '/profiles', { ...base, version: 2 });
    expect(res.status).toBe(201);
    expect((await call(office(), 'GET', '/profiles/national?version=1')).body.title).toBe('国家基线');
  });

  it('refuses to overwrite an existing version (409)', async () => {
    const base = await national();
    const res = await call(nationalAdmin, 'POST', '/profiles', { ...base, version: 1 });
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

/**
 * Issue 10, profile governance (decision 23): nothing an admin of one region does changes
 * how another region is graded, approved or timed. Regions run under a pinned version;
 * publishing changes no assignment; only a name's owner region publishes its versions.
 */
describe('profile governance', () => {
  const adminOf = (region: string): Caller => ({ sub: `admin-${region}`, roles: ['admin'], region, name: `${region} 平台管理员` });
  const CHECK = '2026-03-15';

  /** national v1 with the veto off, one closure tier and a one-day notice period. */
  async function laxProfile(name: string) {
    const base = (await call(office(), 'GET', '/profiles/national?version=1')).body;
    delete base.version;
    return {
      ...base,
      name,
      title: '宽松（测试）',
      vetoes: { ...base.vetoes, noUpdate: { ...base.vetoes.noUpdate, enabled: false } },
      approvals: { ...base.approvals, closure: ['reviewer'] },
      registry: { ...base.registry, noticePeriodDays: 1 },
    };
  }

  /** An account whose only post is 23 days before the check date: national v1 vetoes it (no_update). */
  async function staleAccount(region: string) {
    const dept = await makeDepartment(region);
    const account = await makeAccount(dept, { name: '测试发布' });
    const posted = await call(editorOf(dept), 'POST', `/accounts/${account.id}/posts`, {
      posts: [{ externalId: 'only', publishedAt: '2026-02-20T10:00:00+08:00', title: '办事指南', text: '社保卡办理指南：携带身份证到政务服务中心办理。' }],
    });
    expect(posted.status).toBe(200);
    return { dept, account };
  }

  const gradeOf = async (region: string, accountId: string, query = '') => call(office(region), 'GET', `/accounts/${accountId}/grade?at=${CHECK}${query}`);
  const versionsOf = async (name: string) => (await call(office(), 'GET', `/profiles/${name}/versions`)).body.items.map((e: { profile: { version: number } }) => e.profile.version);

  it('refuses an admin of 440105 a new version of national (403 profile_owner_only) and adds nothing', async () => {
    const before = await versionsOf('national');
    const res = await call(adminOf('440105'), 'POST', '/profiles', await laxProfile('national'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('profile_owner_only');
    expect(await versionsOf('national')).toEqual(before);
  });

  it.each([
    ['an admin of another province', '440000'],
    ['an admin of a city inside the owner province', '330100'],
  ])('refuses %s a version of a profile owned by province 330000 (403)', async (_who, region) => {
    const name = `zj-${Date.now().toString(36)}-${region}`;
    expect((await call(admin, 'POST', '/profiles', await laxProfile(name))).status).toBe(201);
    const res = await call(adminOf(region), 'POST', '/profiles', await laxProfile(name));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('profile_owner_only');
    expect(await versionsOf(name)).toEqual([1]);
  });

  it('records the publishing region as the owner of a new profile name', async () => {
    const name = `tianhe-${Date.now().toString(36)}`;
    expect((await call(adminOf('440105'), 'POST', '/profiles', await laxProfile(name))).status).toBe(201);
    const listed = (await call(office(), 'GET', '/profiles')).body.items.find((p: { name: string }) => p.name === name);
    expect(listed).toMatchObject({ ownerRegion: '440105', latestVersion: 1 });
    expect((await call(adminOf('440105'), 'POST', '/profiles', await laxProfile(name))).status).toBe(201);
  });

  it("leaves region 330127's grades, closure tiers and notice period unchanged when other admins publish lax profiles", async () => {
    // 330127 runs under national v1 by its own adoption (its city adopted strict-10day above).
    expect((await call(adminOf('330127'), 'PUT', '/regions/330127/profile', { profile: 'national', version: 1 })).status).toBe(200);
    const { dept, account } = await staleAccount('330127');
    const profileBefore = (await call(office('330127'), 'GET', '/regions/330127/profile')).body;
    const gradeBefore = await gradeOf('330127', account.id);
    expect(gradeBefore.body).toMatchObject({ profile: profileBefore.profile, profileVersion: profileBefore.profileVersion, verdict: 'fail' });
    expect(gradeBefore.body.vetoes.map((v: { code: string }) => v.code)).toContain('no_update');

    expect((await call(adminOf('440105'), 'POST', '/profiles', await laxProfile('national'))).status).toBe(403);
    expect((await call(adminOf('440105'), 'POST', '/profiles', await laxProfile(`lax-${Date.now().toString(36)}`))).status).toBe(201);

    expect((await call(office('330127'), 'GET', '/regions/330127/profile')).body).toEqual(profileBefore);
    expect((await gradeOf('330127', account.id)).body).toEqual(gradeBefore.body);
    const closure = await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '长期不更新，予以关停' });
    expect(closure.status).toBe(201);
    expect(closure.body.tiers).toEqual(['approver', 'reviewer']);
    expect(closure.body.rules.noticePeriodDays).toBe(30);
  });

  it('keeps a region without any assignment on the shipped national v1 when a newer national version is published', async () => {
    const { dept, account } = await staleAccount('330782');
    const gradeBefore = await gradeOf('330782', account.id);
    expect(gradeBefore.body).toMatchObject({ profile: 'national', profileVersion: 1, verdict: 'fail' });

    const nationalNext = await call(nationalAdmin, 'POST', '/profiles', { ...(await laxProfile('national')), title: '国家基线（宽松修订）' });
    expect(nationalNext.status).toBe(201);
    expect(nationalNext.body.version).toBeGreaterThan(1);

    expect((await gradeOf('330782', account.id)).body).toEqual(gradeBefore.body);
    expect((await gradeOf('330782', account.id, '&profile=national')).body).toEqual(gradeBefore.body);
    expect((await call(office('330782'), 'GET', '/regions/330782/profile')).body).toMatchObject({ profile: 'national', profileVersion: 1, source: 'builtin', inheritedFrom: null, assignment: null });
    const closure = await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '长期不更新，予以关停' });
    expect(closure.body.tiers).toEqual(['approver', 'reviewer']);
    expect(closure.body.rules.noticePeriodDays).toBe(30);
  });

  it('changes no assignment when a version is published: a region keeps the version it adopted', async () => {
    const cityAdmin = adminOf('330200');
    const name = `nb-${Date.now().toString(36)}`;
    const base = (await call(office(), 'GET', '/profiles/national?version=1')).body;
    delete base.version;
    expect((await call(cityAdmin, 'POST', '/profiles', { ...base, name, title: '宁波' })).status).toBe(201);
    const adopted = await call(cityAdmin, 'PUT', '/regions/330200/profile', { profile: name });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ regionCode: '330200', profile: name, version: 1 });
    const { account } = await staleAccount('330205');
    const before = await call(office('330205'), 'GET', '/regions/330205/profile');

    const v2 = await call(cityAdmin, 'POST', '/profiles', await laxProfile(name));
    expect(v2.body.version).toBe(2);

    const after = await call(office('330205'), 'GET', '/regions/330205/profile');
    expect(after.body).toEqual(before.body);
    expect(after.body).toMatchObject({ profile: name, profileVersion: 1, source: 'inherited', inheritedFrom: '330200' });
    const grade = await gradeOf('330205', account.id);
    expect(grade.body).toMatchObject({ profile: name, profileVersion: 1, verdict: 'fail' });
  });

  it("audits an adoption in the adopting region's log and shows it to the regions that inherit it", async () => {
    const cityAdmin = adminOf('330300');
    const put = await call(cityAdmin, 'PUT', '/regions/330300/profile', { profile: 'weekly-3', version: 1 });
    expect(put.status).toBe(200);

    const log = await call(office('330300'), 'GET', '/audit-log?region=330300');
    const entry = log.body.items.find((e: { action: string }) => e.action === 'profile.assign');
    expect(entry).toMatchObject({
      actor: { sub: cityAdmin.sub },
      entity: { type: 'profile', id: 'region:330300' },
      regionCode: '330300',
      after: { regionCode: '330300', profile: 'weekly-3', version: 1 },
    });

    const child = await call(office('330302'), 'GET', '/regions/330302/profile');
    expect(child.body).toMatchObject({
      profile: 'weekly-3',
      profileVersion: 1,
      inheritedFrom: '330300',
      assignment: { assignedBy: { sub: cityAdmin.sub }, assignedAt: entry.at },
    });
    const history = await call(office('330302'), 'GET', '/regions/330302/profile/history');
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([entry]);
  });

  it.each<[string, () => Promise<Caller>, string]>([
    ['an editor of 330127 asking for 440105', async () => editorOf(await makeDepartment('330127')), '440105'],
    ['an office of 330127 asking for 440105', async () => office('330127'), '440105'],
    ['an office of 330127 asking for its city 330100', async () => office('330127'), '330100'],
    ['an admin of 440105 asking for 330127', async () => adminOf('440105'), '330127'],
  ])('answers 404 to %s (outside the caller’s scope)', async (_who, callerOf, region) => {
    const caller = await callerOf();
    expect((await call(caller, 'GET', `/regions/${region}/profile`)).status).toBe(404);
    expect((await call(caller, 'GET', `/regions/${region}/profile/history`)).status).toBe(404);
  });

  it('answers a region office for a region below it', async () => {
    expect((await call(office('330100'), 'GET', '/regions/330127/profile')).status).toBe(200);
  });
});
