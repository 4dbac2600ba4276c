import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeAccount, makeDepartment, type Caller } from '../support/api';

/**
 * Reliability budget: no input makes the API answer 5xx. Random JSON (and
 * near-valid bodies with random field values) is posted to every write
 * endpoint; every answer must be a 2xx or a 4xx in the contract's shape.
 */
let targets: { method: string; path: string; caller: Caller; fields?: string[] }[] = [];
let departmentId = '';
let accountId = '';
const ACCOUNT_FIELDS = ['platform', 'handle', 'name', 'departmentId', 'url', 'interactionEnabled', 'contacts', 'openedAt'];
const admin: Caller = { sub: 'fuzz-admin', roles: ['admin', 'office', 'reviewer'], region: '330127' };

afterAll(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

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
  const today = new Date().toISOString().slice(0, 10);
  const inspectionId = ((await call(admin, 'POST', '/inspections', { regionCode: '330127', checkDate: today })).body as { id: string }).id;
  const rect = (await call(admin, 'POST', '/rectifications', { inspectionId })).body as { id: string; items: { id: string }[] };
  const item = `/rectifications/${rect.id}/items/${rect.items[0]!.id}`;
  targets = [
    { method: 'POST', path: '/dev/token', caller: admin, fields: ['sub', 'name', 'roles', 'region', 'department'] },
    { method: 'POST', path: '/departments', caller: admin, fields: ['name', 'regionCode'] },
    { method: 'POST', path: '/accounts', caller: admin, fields: ACCOUNT_FIELDS },
    { method: 'POST', path: '/accounts', caller: editor, fields: ACCOUNT_FIELDS },
    { method: 'PATCH', path: `/accounts/${account.id}`, caller: admin, fields: [...ACCOUNT_FIELDS, 'version'] },
    { method: 'POST', path: `/accounts/${account.id}/posts`, caller: editor, fields: ['posts'] },
    { method: 'POST', path: `/accounts/${account.id}/metrics`, caller: admin, fields: ['at', 'followers', 'messagesReceived', 'messagesAnswered', 'oldestUnansweredDays'] },
    { method: 'POST', path: '/imports', caller: admin },
    { method: 'POST', path: '/scheduled-posts', caller: editor, fields: ['accountId', 'publishAt', 'title', 'body', 'category'] },
    { method: 'PATCH', path: `/scheduled-posts/${postId}`, caller: editor, fields: ['publishAt', 'title', 'body', 'category', 'version'] },
    { method: 'POST', path: `/scheduled-posts/${postId}/submit`, caller: editor, fields: ['version'] },
    { method: 'POST', path: `/scheduled-posts/${postId}/decisions`, caller: editor, fields: ['decision', 'note', 'version'] },
    { method: 'POST', path: `/scheduled-posts/${postId}/withdraw`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/confirm`, caller: editor, fields: ['url', 'version'] },
    { method: 'POST', path: `/scheduled-posts/${postId}/confirm-not-published`, caller: editor },
    { method: 'POST', path: `/scheduled-posts/${postId}/retry`, caller: editor },
    { method: 'PUT', path: `/accounts/${account.id}/credentials`, caller: admin, fields: ['appId', 'appSecret'] },
    { method: 'POST', path: '/profiles', caller: admin },
    { method: 'POST', path: '/inspections', caller: admin, fields: ['regionCode', 'checkDate', 'profile', 'sample'] },
    { method: 'POST', path: '/inspections/what-if', caller: admin, fields: ['regionCode', 'checkDate', 'baseline', 'candidate'] },
    { method: 'POST', path: '/content/check', caller: editor, fields: ['title', 'text'] },
    { method: 'POST', path: '/closures', caller: editor, fields: ['accountId', 'reason', 'successorAccountId'] },
    { method: 'POST', path: `/closures/${closureId}/decisions`, caller: admin, fields: ['decision', 'note', 'version'] },
    { method: 'POST', path: `/closures/${closureId}/notice`, caller: editor, fields: ['publishedAt', 'url'] },
    { method: 'POST', path: `/closures/${closureId}/complete`, caller: editor, fields: ['platformCancelledAt'] },
    { method: 'POST', path: `/closures/${closureId}/filing`, caller: editor, fields: ['filedAt'] },
    { method: 'POST', path: '/consolidation/plans', caller: admin, fields: ['accountIds', 'keeperId', 'reason'] },
    { method: 'POST', path: '/rectifications', caller: admin, fields: ['inspectionId', 'dueDate', 'note'] },
    { method: 'POST', path: `${item}/response`, caller: editor, fields: ['measures', 'evidenceUrls', 'version'] },
    { method: 'POST', path: `${item}/review`, caller: admin, fields: ['decision', 'note', 'version'] },
    { method: 'POST', path: `${item}/extension`, caller: admin, fields: ['dueDate', 'note', 'version'] },
    { method: 'POST', path: `${item}/closure`, caller: editor, fields: ['reason', 'successorAccountId', 'version'] },
    { method: 'POST', path: `/closures/${closureId}/remind`, caller: editor },
    { method: 'POST', path: '/notifications/x/read', caller: editor },
    { method: 'PUT', path: '/dev/clock', caller: admin, fields: ['now'] },
    { method: 'POST', path: `/accounts/${account.id}/filing`, caller: editor, fields: ['filedAt', 'version'] },
    { method: 'POST', path: `/accounts/${account.id}/fake-engagement`, caller: admin, fields: ['confirmed', 'note', 'version'] },
    { method: 'POST', path: `/accounts/${account.id}/duplicate-exception`, caller: editor, fields: ['reason'] },
    { method: 'PUT', path: '/regions/330127/profile', caller: admin, fields: ['profile', 'version'] },
    { method: 'PUT', path: '/calendar/holidays/2031', caller: { sub: 'fuzz-national', roles: ['admin'], region: '100000' }, fields: ['holidays', 'workdays'] },
  ];
});

const INSTANT = fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString());
const DATE = fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString().slice(0, 10));

const FIELD_ARBITRARIES: Record<string, fc.Arbitrary<unknown>> = {
  platform: fc.oneof(fc.constantFrom('wechat', 'weibo', 'x'), fc.anything()),
  handle: fc.oneof(fc.string(), fc.anything()),
  name: fc.oneof(fc.string({ maxLength: 120 }), fc.anything()),
  departmentId: fc.oneof(fc.constant('').map(() => departmentId), fc.string(), fc.anything()),
  interactionEnabled: fc.oneof(fc.boolean(), fc.anything()),
  contacts: fc.oneof(fc.array(fc.record({ name: fc.string(), phone: fc.string() })), fc.anything()),
  openedAt: fc.oneof(DATE, fc.string()),
  url: fc.oneof(fc.webUrl(), fc.string()),
  version: fc.oneof(fc.integer(), fc.anything()),
  posts: fc.oneof(fc.array(fc.record({ externalId: fc.string(), publishedAt: fc.oneof(INSTANT, fc.string()), text: fc.string() }), { maxLength: 3 }), fc.anything()),
  at: fc.oneof(INSTANT, fc.string()),
  followers: fc.oneof(fc.integer(), fc.double(), fc.anything()),
  messagesReceived: fc.oneof(fc.integer(), fc.double(), fc.anything()),
  messagesAnswered: fc.oneof(fc.integer(), fc.anything()),
  oldestUnansweredDays: fc.oneof(fc.nat(), fc.integer(), fc.anything()),
  sub: fc.oneof(fc.string({ maxLength: 20 }), fc.anything()),
  roles: fc.oneof(fc.array(fc.constantFrom('office', 'editor', 'admin', 'king')), fc.anything()),
  region: fc.oneof(fc.constantFrom('330127', '000000'), fc.string()),
  department: fc.oneof(fc.string({ maxLength: 10 }), fc.anything()),
  regionCode: fc.oneof(fc.constantFrom('330127', '330100', '440100'), fc.string()),
  checkDate: fc.oneof(DATE, fc.constantFrom('0001-01-01', '9999-12-31'), fc.string()),
  sample: fc.oneof(fc.record({ ratio: fc.double(), seed: fc.oneof(fc.string(), fc.integer()) }), fc.anything()),
  profile: fc.oneof(fc.constantFrom('national', 'weekly-3', 'nope-x'), fc.anything()),
  baseline: fc.oneof(fc.record({ name: fc.constantFrom('national', 'weekly-3', 'nope') }), fc.anything()),
  candidate: fc.oneof(fc.record({ name: fc.constantFrom('strict-10day', 'x') }), fc.anything()),
  accountId: fc.oneof(fc.constant('').map(() => accountId), fc.string()),
  accountIds: fc.oneof(fc.array(fc.constant('').map(() => accountId), { maxLength: 2 }), fc.anything()),
  successorAccountId: fc.oneof(fc.constant('').map(() => accountId), fc.string()),
  keeperId: fc.oneof(fc.constant('').map(() => accountId), fc.string()),
  reason: fc.oneof(fc.string({ maxLength: 50 }), fc.anything()),
  decision: fc.oneof(fc.constantFrom('approve', 'reject'), fc.anything()),
  note: fc.oneof(fc.string(), fc.anything()),
  publishedAt: fc.oneof(INSTANT, fc.string()),
  platformCancelledAt: fc.oneof(INSTANT, DATE, fc.string()),
  filedAt: fc.oneof(DATE, INSTANT, fc.string()),
  confirmed: fc.oneof(fc.boolean(), fc.anything()),
  title: fc.oneof(fc.string({ maxLength: 60 }), fc.anything()),
  text: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
  body: fc.oneof(fc.string({ maxLength: 200 }), fc.anything()),
  category: fc.oneof(fc.constantFrom('service', 'policy', 'news', 'other', 'x'), fc.anything()),
  publishAt: fc.oneof(INSTANT, fc.string()),
  appId: fc.oneof(fc.string(), fc.anything()),
  appSecret: fc.oneof(fc.string(), fc.anything()),
  inspectionId: fc.oneof(fc.string({ maxLength: 30 }), fc.anything()),
  dueDate: fc.oneof(DATE, fc.constantFrom('0001-01-01', '9999-12-31'), fc.string()),
  measures: fc.oneof(fc.string({ maxLength: 100 }), fc.anything()),
  evidenceUrls: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.string()), { maxLength: 3 }), fc.anything()),
  now: fc.oneof(INSTANT, fc.string()),
};

/** A body made of the fields an endpoint accepts (any subset, any values), or anything at all. */
function bodyFor(fields: string[] | undefined): fc.Arbitrary<unknown> {
  const near = fields
    ? fc.record(Object.fromEntries(fields.filter((f) => FIELD_ARBITRARIES[f]).map((f) => [f, FIELD_ARBITRARIES[f]!])), { requiredKeys: [] })
    : fc.record(FIELD_ARBITRARIES, { requiredKeys: [] });
  return fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: fc.string(), weight: 1 }, { arbitrary: fc.constant('{"unterminated":'), weight: 1 });
}

describe('fuzzing every write endpoint', () => {
  it('never answers 5xx, and every error has the contract shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: targets.length - 1 }).chain((i) => fc.tuple(fc.constant(i), bodyFor(targets[i]!.fields))), async ([pick, input]) => {
        const target = targets[pick]!;
        const raw = typeof input === 'string' ? input : JSON.stringify(input);
        const res = await call(target.caller, target.method, target.path, raw ?? 'null', { 'content-type': 'application/json' });
        expect(res.status, `${target.method} ${target.path} ${raw}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body.error.code).toBe('string');
          expect(typeof res.body.error.message).toBe('string');
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('fuzzing the read endpoints', () => {
  // Edge values far more often than random text: the bugs live at the edges (year 9999, limit 0…).
  const paramValues = fc.oneof(
    { arbitrary: fc.constantFrom('0001-01-01', '1999-12-31', '2026-02-29', '2026-11-27', '9999-12-31', '330127', '440100', '0', '501', '-1', 'national', 'in_review', 'zombie', 'x:'), weight: 4 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  );
  /** A query made only of the parameters a path accepts, so requests get past the strict schemas to the code behind. */
  const queryFor = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), paramValues, { maxKeys: keys.length });

  it('never answer 5xx, whatever the query', async () => {
    const paths: [string, string[]][] = [
      ['/accounts', ['region', 'department', 'platform', 'status', 'flag', 'q', 'limit', 'cursor']],
      [`/accounts/${accountId}`, ['x']],
      [`/accounts/${accountId}/grade`, ['at', 'profile', 'version']],
      [`/accounts/${accountId}/posts`, ['limit', 'cursor']],
      [`/accounts/${accountId}/metrics`, ['limit', 'cursor']],
      ['/departments', ['region', 'limit', 'cursor']],
      ['/calendar', ['department', 'from', 'to']],
      ['/scheduled-posts', ['department', 'region', 'status', 'from', 'to', 'limit', 'cursor']],
      ['/closures', ['region', 'status', 'limit', 'cursor']],
      ['/inspections', ['region', 'limit', 'cursor']],
      ['/audit-log', ['entity', 'region', 'from', 'to', 'actor', 'action', 'type', 'limit', 'cursor']],
      ['/approval-requests', ['region', 'status', 'kind', 'limit', 'cursor']],
      ['/consolidation/candidates', ['region']],
      ['/profiles/national', ['version']],
      ['/regions/330127/profile', ['x']],
      ['/accounts/export', ['format', 'columns', 'region', 'department', 'platform', 'status', 'flag', 'q']],
    ];
    await fc.assert(
      fc.asyncProperty(fc.tuple(...paths.map(([, keys]) => queryFor(keys))), fc.boolean(), async (queries, asEditor) => {
        const caller = asEditor ? targets.find((t) => t.caller.roles.includes('editor'))!.caller : admin;
        for (const [i, [path]] of paths.entries()) {
          const qs = new URLSearchParams(queries[i] as Record<string, string>).toString();
          const res = await call(caller, 'GET', `${path}${qs ? `?${qs}` : ''}`);
          expect(res.status, `${path}?${qs}`).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
  });
});
