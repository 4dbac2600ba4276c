import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, call, editorOf, makeAccount, makeDepartment, office } from '../support/api';

/**
 * Issue 11, "Errors with codes": every error body carries a stable `code`, its `params` and the
 * client-facing `message`; every validation issue carries `path`, `code`, `params` and `message`.
 * The status comes from the error's class (functions/api/middleware/errors.ts).
 */

let dept: { id: string; regionCode: string };

beforeAll(async () => {
  dept = await makeDepartment();
});

describe('error bodies', () => {
  it('a missing record is 404 not_found with its entity', async () => {
    const res = await call(office(), 'GET', '/accounts/no-such-account');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', params: { entity: 'account' }, message: expect.stringContaining('账号') });
  });

  it('an unknown route is 404 not_found with the entity route', async () => {
    const res = await call(office(), 'GET', '/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', params: { entity: 'route' } });
  });

  it('a stale write is 409 stale_version with the current version', async () => {
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '改名', version: account.version + 5 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stale_version', params: { current: account.version } });
  });

  it('a handle taken is 409 handle_taken with the platform and the handle', async () => {
    const account = await makeAccount(dept);
    const res = await call(editorOf(dept), 'POST', '/accounts', accountBody(dept.id, { platform: account.platform, handle: account.handle }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'handle_taken', params: { platform: account.platform, handle: account.handle } });
  });

  it('an invalid body is 400 invalid_input; each issue has its path, code, params and message', async () => {
    const res = await call(editorOf(dept), 'POST', '/accounts', accountBody(dept.id, { name: 'x'.repeat(101), platform: 'nowhere' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input', params: {} });
    const byPath = Object.fromEntries(res.body.error.issues.map((i: { path: string }) => [i.path, i]));
    expect(byPath.name).toEqual({ path: 'name', code: 'too_long', params: { max: 100 }, message: '账号名称不能超过 100 个字符' });
    expect(byPath.platform).toMatchObject({ path: 'platform', code: 'not_one_of', params: { options: expect.stringContaining('wechat') } });
  });

  it('a body that is not JSON is 400 with an invalid_format issue', async () => {
    const res = await call(editorOf(dept), 'POST', '/accounts', 'not json', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ path: '', code: 'invalid_format', params: {} });
  });
});
