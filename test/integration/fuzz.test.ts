import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, makeAccount, makeDepartment, type Caller } from '../support/api';

/**
 * Reliability budget: no input makes the API answer 5xx. Random JSON (and
 * near-valid bodies with random field values) is posted to every write
 * endpoint; every answer must be a 2xx or a 4xx in the contract's shape.
 */
let targets: { method: string; path: string; caller: Caller }[] = [];
let departmentId = '';
let accountId = '';
const admin: Caller = { sub: 'fuzz-admin', roles: ['admin', 'office', 'reviewer'], region: '330127' };

beforeAll(async () => {
  const dept = await makeDepartment();
  const account = await makeAccount(dept);
  departmentId = dept.id;
  accountId = account.id;
  const editor: Caller = { sub: 'fuzz-editor', roles: ['editor', 'approver'], region: '330127', department: dept.id };
  const draft = { accountId: account.id, publishAt: new Date(Date.now() + 86_400_000).toISOString(), title: '模糊测试', body: '模糊测试正文', category: 'service' };
  const postId = ((await call(editor, 'POST', '/scheduled-posts', draft)).body as { id: string }).id;
  const closing = await makeAccount(dept);
  const closureId = ((await call(editor, 'POST', '/closures', { accountId: closing.id, reason: '模糊测试' })).body as { id: string }).id;
  targets = [
    { method: 'POST', path: '/dev/token', caller: admin },
    { method: 'POST', path: '/departments', caller: admin },
    { method: 'POST', path: '/accounts', caller: admin },
    { method: 'POST', path: '/accounts', caller: editor },
    { method: 'PATCH', path: `/accounts/${account.id}`, caller: admin },
    { method: 'POST', path: `/accounts/${account.id}/posts`, caller: editor },
    { method: 'POST', path: `/accounts/${account.id}/metrics`, caller: admin },
    { method: 'POST', path: '/imports', caller: admin },
    { method: 'POST', path: '/scheduled-posts', caller: editor },
    { method: 'PATCH', path: `/scheduled-posts/${postId}`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/submit`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/decisions`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/withdraw`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/confirm`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/confirm-not-published`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/retry`, caller: editor },
    { method: 'PUT', path: `/accounts/${account.id}/credentials`, caller: admin },
    { method: 'POST', path: '/profiles', caller: admin },
    { method: 'POST', path: '/inspections', caller: admin },
    { method: 'POST', path: '/inspections/what-if', caller: admin },
    { method: 'POST', path: '/content/check', caller: editor },
    { method: 'POST', path: '/closures', caller: editor },
    { method: 'POST', path: `/closures/${closureId}/decisions`, caller: admin },
    { method: 'POST', path: `/closures/${closureId}/notice`, caller: editor },
    { method: 'POST', path: `/closures/${closureId}/complete`, caller: editor },
    { method: 'POST', path: `/closures/${closureId}/filing`, caller: editor },
    { method: 'POST', path: '/consolidation/plans', caller: admin },
    { method: 'POST', path: `/accounts/${account.id}/filing`, caller: editor },
    { method: 'POST', path: `/accounts/${account.id}/fake-engagement`, caller: admin },
    { method: 'POST', path: `/accounts/${account.id}/duplicate-exception`, caller: editor },
    { method: 'PUT', path: '/regions/330127/profile', caller: admin },
  ];
});

const nearValidAccount = fc.record(
  {
    platform: fc.oneof(fc.constantFrom('wechat', 'weibo', 'x'), fc.anything()),
    handle: fc.oneof(fc.string(), fc.anything()),
    name: fc.oneof(fc.string({ maxLength: 120 }), fc.anything()),
    departmentId: fc.oneof(fc.constant('').map(() => departmentId), fc.string(), fc.anything()),
    interactionEnabled: fc.oneof(fc.boolean(), fc.anything()),
    contacts: fc.oneof(fc.array(fc.record({ name: fc.string(), phone: fc.string() })), fc.anything()),
    openedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string()),
    url: fc.oneof(fc.webUrl(), fc.string()),
    version: fc.oneof(fc.integer(), fc.anything()),
    posts: fc.oneof(fc.array(fc.record({ externalId: fc.string(), publishedAt: fc.string(), text: fc.string() }), { maxLength: 3 }), fc.anything()),
    at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    followers: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    publishAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    decision: fc.oneof(fc.constantFrom('approve', 'reject'), fc.anything()),
    appSecret: fc.oneof(fc.string(), fc.anything()),
  },
  { requiredKeys: [] },
);

const bodies = fc.oneof(fc.jsonValue(), nearValidAccount, fc.string(), fc.constant('{"unterminated":'));

describe('fuzzing every write endpoint', () => {
  it('never answers 5xx, and every error has the contract shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), bodies, async (pick, input) => {
        const target = targets[pick % targets.length]!;
        const raw = typeof input === 'string' ? input : JSON.stringify(input);
        const res = await call(target.caller, target.method, target.path, raw ?? 'null', { 'content-type': 'application/json' });
        expect(res.status, `${target.method} ${target.path} ${raw}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body.error.code).toBe('string');
          expect(typeof res.body.error.message).toBe('string');
        }
      }),
      { numRuns: 600 },
    );
  });
});
