import { describe, expect, it } from 'vitest';
import { accountBody, admin, call, editorOf, makeAccount, makeDepartment, office, unique } from '../support/api';

describe('health and authentication', () => {
  it('answers /health without a token', async () => {
    const { app } = await import('../support/api');
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses an API call without a token with 401 in the contract error shape', async () => {
    const res = await call(null, 'GET', '/accounts?region=330127');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('refuses a forged token with 401', async () => {
    const res = await call(null, 'GET', '/accounts', undefined, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc' });
    expect(res.status).toBe(401);
  });

  it('rejects a dev token request with an unknown role', async () => {
    const res = await call(null, 'POST', '/dev/token', { sub: 'x', roles: ['king'], region: '330127' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('roles.0');
  });
});

describe('departments', () => {
  it('lets an office of the region create a department', async () => {
    const res = await call(office(), 'POST', '/departments', { name: unique('县医保局'), regionCode: '330127' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ regionCode: '330127', version: 1 });
    expect(typeof res.body.id).toBe('string');
  });

  it('forbids an office creating a department in another region', async () => {
    const res = await call(office('440100'), 'POST', '/departments', { name: unique('x'), regionCode: '330127' });
    expect(res.status).toBe(403);
  });

  it('forbids an editor creating a department', async () => {
    const dept = await makeDepartment();
    const res = await call(editorOf(dept), 'POST', '/departments', { name: unique('x'), regionCode: '330127' });
    expect(res.status).toBe(403);
  });

  it('refuses a second department with the same name in a region (409)', async () => {
    const name = unique('县交通运输局');
    await makeDepartment('330127', name);
    const res = await call(office(), 'POST', '/departments', { name, regionCode: '330127' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('department_exists');
  });

  it('lists the departments of a city to its office, including county departments', async () => {
    const dept = await makeDepartment('330127');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(office('330100'), 'GET', `/departments?region=330100&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.cursor;
    } while (cursor);
    expect(seen).toContain(dept.id);
  });

  it('shows an editor only their own department', async () => {
    const dept = await makeDepartment();
    await makeDepartment();
    const res = await call(editorOf(dept), 'GET', '/departments');
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([dept.id]);
  });

  it.each([
    [{ regionCode: '330127' }, 'name'],
    [{ name: '', regionCode: '330127' }, 'name'],
    [{ name: 'x', regionCode: '33012' }, 'regionCode'],
    [{ name: 'x'.repeat(101), regionCode: '330127' }, 'name'],
    [{ name: 'x', regionCode: '330127', extra: 1 }, 'extra'],
  ])('rejects department body %j with an issue at %s', async (input, path) => {
    const res = await call(admin(), 'POST', '/departments', input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('accounts', () => {
  it('registers an account with status active and version 1', async () => {
    const dept = await makeDepartment();
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { url: 'https://mp.weixin.qq.com/x' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', version: 1, regionCode: '330127', departmentId: dept.id });
    expect(Array.isArray(res.body.flags)).toBe(true);
  });

  it('accepts a second account of a unit on the same platform but flags both as duplicate', async () => {
    const dept = await makeDepartment();
    const first = await makeAccount(dept, { platform: 'douyin' });
    const second = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'douyin' }));
    expect(second.status).toBe(201);
    const types = (a: { flags: { type: string }[] }) => a.flags.map((f) => f.type);
    expect(types(second.body)).toContain('duplicate');
    expect(types((await call(office(), 'GET', `/accounts/${first.id}`)).body)).toContain('duplicate');
    const other = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'weibo' }));
    expect(types(other.body)).not.toContain('duplicate');
  });

  it('flags an account named after a one-off event as internal_division', async () => {
    const dept = await makeDepartment();
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { name: '2025千岛湖秀水节' }));
    expect(res.body.flags.map((f: { type: string }) => f.type)).toContain('internal_division');
  });

  it('lets an editor register an account for their own department', async () => {
    const dept = await makeDepartment();
    const res = await call(editorOf(dept), 'POST', '/accounts', accountBody(dept.id));
    expect(res.status).toBe(201);
  });

  it('answers an editor registering an account for another department with 404 (that department is not visible to them)', async () => {
    const mine = await makeDepartment();
    const other = await makeDepartment();
    const res = await call(editorOf(mine), 'POST', '/accounts', accountBody(other.id));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('refuses a taken (platform, handle) with 409 handle_taken, ignoring case', async () => {
    const dept = await makeDepartment();
    const handle = unique('Chunan');
    await makeAccount(dept, { handle });
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { handle: handle.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('handle_taken');
  });

  it('accepts the same handle on another platform', async () => {
    const dept = await makeDepartment();
    const handle = unique('same');
    await makeAccount(dept, { handle });
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { handle, platform: 'weibo' }));
    expect(res.status).toBe(201);
  });

  it.each([
    ['a missing platform', { platform: undefined }, 'platform'],
    ['an unknown platform', { platform: 'myspace' }, 'platform'],
    ['a number as name', { name: 42 }, 'name'],
    ['an oversized name', { name: '淳'.repeat(101) }, 'name'],
    ['an oversized handle', { handle: 'h'.repeat(101) }, 'handle'],
    ['no contacts', { contacts: [] }, 'contacts'],
    ['a contact without name', { contacts: [{ phone: '13800000000' }] }, 'contacts.0.name'],
    ['a bad phone', { contacts: [{ name: '王', phone: '12' }] }, 'contacts.0.phone'],
    ['a non-boolean interactionEnabled', { interactionEnabled: 'yes' }, 'interactionEnabled'],
    ['a bad url', { url: 'javascript:alert(1)' }, 'url'],
    ['an impossible date', { openedAt: '2026-02-30' }, 'openedAt'],
    ['an unknown field', { color: 'red' }, 'color'],
  ])('rejects %s with 400 and an issue at the field', async (_label, overrides, path) => {
    const dept = await makeDepartment();
    const body = accountBody(dept.id, overrides);
    const res = await call(office(), 'POST', '/accounts', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('answers an unknown department with 404 not_found (a reference in a body, like GET /departments/{id})', async () => {
    const res = await call(office(), 'POST', '/accounts', accountBody('nope'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('rejects malformed JSON with 400 and changes nothing', async () => {
    const res = await call(office(), 'POST', '/accounts', '{"platform":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
  });

  it('lets exactly one of 50 concurrent creates of the same (platform, handle) succeed', async () => {
    const dept = await makeDepartment();
    const handle = unique('race');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call(office(), 'POST', '/accounts', accountBody(dept.id, { handle }))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  });
});

describe('reading and scope', () => {
  it('lets the owning editor and the region office read an account', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    expect((await call(editorOf(dept), 'GET', `/accounts/${account.id}`)).status).toBe(200);
    expect((await call(office('330100'), 'GET', `/accounts/${account.id}`)).status).toBe(200);
  });

  it("hides an account from another department's editor (404)", async () => {
    const dept = await makeDepartment();
    const other = await makeDepartment();
    const account = await makeAccount(dept);
    expect((await call(editorOf(other), 'GET', `/accounts/${account.id}`)).status).toBe(404);
  });

  it('hides an account of 330127 from an office of 440100 (404) and refuses its region list (403)', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    expect((await call(office('440100'), 'GET', `/accounts/${account.id}`)).status).toBe(404);
    expect((await call(office('440100'), 'GET', '/accounts?region=330100')).status).toBe(403);
  });

  it('lists with filters and cursor pagination without losing or repeating rows', async () => {
    const dept = await makeDepartment();
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await makeAccount(dept, { platform: i % 2 ? 'weibo' : 'douyin' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(office(), 'GET', `/accounts?department=${dept.id}&platform=douyin&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((a: { id: string; platform: string }) => a.id));
      cursor = res.body.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.filter((_, i) => i % 2 === 0).sort());
  });

  it('searches by name or handle', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept, { name: '千岛湖镇便民服务', handle: unique('qdh') });
    const res = await call(office(), 'GET', `/accounts?department=${dept.id}&q=${encodeURIComponent('便民')}`);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([account.id]);
  });

  it('refuses a tampered cursor with 400', async () => {
    const res = await call(office(), 'GET', `/accounts?region=330127&cursor=${Buffer.from('{"f":"x","k":{}}').toString('base64url')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('cursor');
  });

  it('rejects an unknown list filter value with 400', async () => {
    const res = await call(office(), 'GET', '/accounts?platform=myspace');
    expect(res.status).toBe(400);
  });
});

describe('updating accounts', () => {
  it('updates with the current version and bumps it', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '淳安县发布', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '淳安县发布', version: 2 });
  });

  it('accepts the version in If-Match', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { purpose: '发布权威信息' }, { 'if-match': '1' });
    expect(res.status).toBe(200);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '第一次', version: 1 });
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '第二次', version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale_version');
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.name).toBe('第一次');
  });

  it('requires a version', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('version');
  });

  it('moves the handle guard when the handle changes, freeing the old handle', async () => {
    const dept = await makeDepartment();
    const oldHandle = unique('old');
    const account = await makeAccount(dept, { handle: oldHandle });
    const moved = await call(office(), 'PATCH', `/accounts/${account.id}`, { handle: unique('new'), version: 1 });
    expect(moved.status).toBe(200);
    const reuse = await call(office(), 'POST', '/accounts', accountBody(dept.id, { handle: oldHandle }));
    expect(reuse.status).toBe(201);
  });

  it('refuses a change to a handle that is taken', async () => {
    const dept = await makeDepartment();
    const taken = (await makeAccount(dept)).handle;
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { handle: taken, version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('handle_taken');
  });

  it("does not let another department's editor change an account (404)", async () => {
    const dept = await makeDepartment();
    const other = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(editorOf(other), 'PATCH', `/accounts/${account.id}`, { name: 'x', version: 1 });
    expect(res.status).toBe(404);
  });

  it('does not let an approver edit the registry (403)', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const approver = { sub: 'appr', roles: ['approver' as const], region: '330127', department: dept.id };
    const res = await call(approver, 'PATCH', `/accounts/${account.id}`, { name: 'x', version: 1 });
    expect(res.status).toBe(403);
  });
});

describe('national filing (备案) of openings and changes', () => {
  it('keeps a new account pending until the filing is recorded', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    expect(account.filingPendingSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const filed = await call(editorOf(dept), 'POST', `/accounts/${account.id}/filing`, { filedAt: '2099-01-01', version: account.version });
    expect(filed.status).toBe(200);
    expect(filed.body.filingPendingSince).toBeUndefined();
    expect(filed.body.filedAt).toBe('2099-01-01');
  });

  it('starts a new filing deadline when a filed field changes, not for a contact change', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const filed = await call(office(), 'POST', `/accounts/${account.id}/filing`, { filedAt: '2099-01-01', version: account.version });
    const contacts = await call(office(), 'PATCH', `/accounts/${account.id}`, { contacts: [{ name: '李华' }], version: filed.body.version });
    expect(contacts.body.filingPendingSince).toBeUndefined();
    const renamed = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '淳安县人社', version: contacts.body.version });
    expect(renamed.body.filingPendingSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a filing when nothing awaits one (409) and one dated before the opening (422)', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const early = await call(office(), 'POST', `/accounts/${account.id}/filing`, { filedAt: '2000-01-01', version: account.version });
    expect(early.status).toBe(422);
    const filed = await call(office(), 'POST', `/accounts/${account.id}/filing`, { filedAt: '2099-01-01', version: account.version });
    const again = await call(office(), 'POST', `/accounts/${account.id}/filing`, { filedAt: '2099-01-02', version: filed.body.version });
    expect(again.status).toBe(409);
  });
});
