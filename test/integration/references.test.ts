import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, admin, call, editorOf, makeAccount, makeDepartment, office, type Caller, type Reply } from '../support/api';

/**
 * API.md: "a referenced record that does not exist or is not visible to the caller is 404,
 * not 400". Every body (or path) that names an account or a department answers a foreign
 * reference exactly as it answers a missing one — the same 404 as the record's own route —
 * so an answer never tells whether the record exists or what its status is.
 */

const REGION = '330127';
const FOREIGN_REGION = '440105';
const MISSING = '0000000000nosuchrecord';
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();

type Ref = { id: string };
type Fixtures = {
  caller: Caller;
  own: { id: string; version: number };
  foreignAccounts: Record<string, Ref>;
  foreignDepartments: Record<string, Ref>;
};

const fixtures: Record<'office' | 'editor', Fixtures> = {} as never;

beforeAll(async () => {
  const dept = await makeDepartment(REGION);
  const sibling = await makeDepartment(REGION);
  const foreignDept = await makeDepartment(FOREIGN_REGION);
  const siblingAccount = await makeAccount(sibling);
  const foreignActive = await makeAccount(foreignDept);
  const foreignPending = await makeAccount(foreignDept);
  const closing = await call(admin(FOREIGN_REGION), 'POST', '/closures', { accountId: foreignPending.id, reason: '停止运营' });
  expect(closing.status).toBe(201);
  const region = { 'an active account of another region': foreignActive, 'a closure_pending account of another region': foreignPending };
  fixtures.office = {
    caller: office(REGION),
    own: await makeAccount(dept),
    foreignAccounts: region,
    foreignDepartments: { 'a department of another region': foreignDept },
  };
  fixtures.editor = {
    caller: editorOf(dept),
    own: await makeAccount(dept),
    foreignAccounts: { ...region, "an account of another department": siblingAccount },
    foreignDepartments: { 'a department of another region': foreignDept, 'another department of the region': sibling },
  };
});

type Request = [method: string, path: string, body?: unknown];

/** Each endpoint that names a record, with the route that reads that record itself. */
const endpoints: { name: string; kind: 'account' | 'department'; request: (ref: string, f: Fixtures) => Request }[] = [
  {
    name: 'POST /scheduled-posts accountId',
    kind: 'account',
    request: (ref) => ['POST', '/scheduled-posts', { accountId: ref, publishAt: inTwoDays(), title: '办事指南', body: '社保卡线上申领步骤。', category: 'service' }],
  },
  { name: 'POST /closures accountId', kind: 'account', request: (ref) => ['POST', '/closures', { accountId: ref, reason: '停止运营' }] },
  {
    name: 'POST /closures successorAccountId',
    kind: 'account',
    request: (ref, f) => ['POST', '/closures', { accountId: f.own.id, reason: '整合', successorAccountId: ref }],
  },
  { name: 'POST /consolidation/plans accountIds', kind: 'account', request: (ref) => ['POST', '/consolidation/plans', { accountIds: [ref], reason: '整合' }] },
  {
    name: 'POST /consolidation/plans accountIds beside a valid one',
    kind: 'account',
    request: (ref, f) => ['POST', '/consolidation/plans', { accountIds: [f.own.id, ref], reason: '整合' }],
  },
  {
    name: 'POST /consolidation/plans keeperId',
    kind: 'account',
    request: (ref, f) => ['POST', '/consolidation/plans', { accountIds: [f.own.id], keeperId: ref, reason: '整合' }],
  },
  {
    name: 'POST /accounts/{id}/duplicate-exception (approval request)',
    kind: 'account',
    request: (ref) => ['POST', `/accounts/${ref}/duplicate-exception`, { reason: '受众不同' }],
  },
  {
    name: 'POST /accounts/{id}/posts',
    kind: 'account',
    request: (ref) => ['POST', `/accounts/${ref}/posts`, { posts: [{ externalId: 'p1', publishedAt: '2026-11-01T08:00:00+08:00', text: '通知' }] }],
  },
  { name: 'POST /accounts/{id}/metrics', kind: 'account', request: (ref) => ['POST', `/accounts/${ref}/metrics`, { at: '2026-11-01T08:00:00+08:00', followers: 1 }] },
  { name: 'POST /accounts departmentId', kind: 'department', request: (ref) => ['POST', '/accounts', accountBody(ref)] },
  {
    name: 'PATCH /accounts/{id} departmentId',
    kind: 'department',
    request: (ref, f) => ['PATCH', `/accounts/${f.own.id}`, { departmentId: ref, version: f.own.version }],
  },
];

const ownRoute = { account: (id: string): Request => ['GET', `/accounts/${id}`], department: (id: string): Request => ['GET', `/departments/${id}`] };

const send = (caller: Caller, [method, path, body]: Request): Promise<Reply> => call(caller, method, path, body);
const answer = (r: Reply) => ({ status: r.status, body: JSON.stringify(r.body) });

describe('references in bodies: foreign is answered exactly as missing', () => {
  const cases = endpoints.flatMap((e) => (['office', 'editor'] as const).map((who) => [e.name, who, e] as const));

  it.each(cases)('%s (as %s): 404 not_found, identical for every foreign reference and a missing one', async (_name, who, endpoint) => {
    const f = fixtures[who];
    const missing = await send(f.caller, endpoint.request(MISSING, f));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(answer(missing)).toEqual(answer(await send(f.caller, ownRoute[endpoint.kind](MISSING))));
    const foreign = endpoint.kind === 'account' ? f.foreignAccounts : f.foreignDepartments;
    for (const [what, ref] of Object.entries(foreign)) {
      expect(answer(await send(f.caller, endpoint.request(ref.id, f))), what).toEqual(answer(missing));
    }
  });

  it('a foreign successor is 404 and creates no closure', async () => {
    const f = fixtures.office;
    const res = await send(f.caller, ['POST', '/closures', { accountId: f.own.id, reason: '整合', successorAccountId: f.foreignAccounts['an active account of another region']!.id }]);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await call(f.caller, 'GET', `/accounts/${f.own.id}/closures`)).body.items).toEqual([]);
    expect((await call(f.caller, 'GET', `/accounts/${f.own.id}`)).body.status).toBe('active');
  });

  it('a visible department the caller may not register under stays 403', async () => {
    const dept = await makeDepartment(REGION);
    const approver: Caller = { sub: `approver-${dept.id}`, roles: ['approver'], region: REGION, department: dept.id };
    const res = await call(approver, 'POST', '/accounts', accountBody(dept.id));
    expect(res.status).toBe(403);
  });
});
