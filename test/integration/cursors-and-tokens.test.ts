import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys';
import { accountBody, call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

/**
 * Issue 10, "Cursors and tokens": list cursors are opaque and tamper-evident, idempotent
 * replays are keyed by the caller's scope and not only its subject, tokens without `exp`
 * are refused, and so are department tokens whose department is outside their region.
 */

const REGION = '330127';
let dept: { id: string; regionCode: string };
/** Another department of the same region. */
let sibling: { id: string; regionCode: string };

/** A list, the caller who reads it, and its path with `limit=1` so that the first page has a cursor. */
type List = [label: string, path: () => string, caller: () => Caller];
let accountId: string;
const LISTS: List[] = [
  ['/accounts', () => `/accounts?region=${REGION}&limit=1`, () => office()],
  ['/accounts (one department)', () => `/accounts?department=${dept.id}&limit=1`, () => office()],
  ['/audit-log', () => `/audit-log?region=${REGION}&limit=1`, () => office()],
  ['/closures', () => `/closures?region=${REGION}&limit=1`, () => office()],
  ['/departments', () => `/departments?region=${REGION}&limit=1`, () => office()],
  ['/accounts/{id}/posts', () => `/accounts/${accountId}/posts?limit=1`, () => office()],
];

const post = (externalId: string) => ({ externalId, publishedAt: '2026-11-20T09:00:00+08:00', text: '医保参保缴费指南：可通过浙里办线上缴纳。' });

beforeAll(async () => {
  dept = await makeDepartment();
  sibling = await makeDepartment();
  const accounts = [await makeAccount(dept), await makeAccount(dept), await makeAccount(dept)];
  accountId = accounts[0]!.id;
  for (const a of accounts.slice(1)) {
    const res = await call(editorOf(dept), 'POST', '/closures', { accountId: a.id, reason: '职能相近，整合' });
    expect(res.status).toBe(201);
  }
  expect((await call(office(), 'POST', `/accounts/${accountId}/posts`, { posts: [post('a'), post('b'), post('c')] })).status).toBe(200);
});

async function firstPage([, path, caller]: List): Promise<{ items: { id?: string; externalId?: string }[]; cursor: string }> {
  const res = await call(caller(), 'GET', path());
  expect(res.status).toBe(200);
  expect(res.body.cursor).toEqual(expect.any(String));
  return res.body;
}

const withCursor = (path: string, cursor: string) => `${path}&cursor=${encodeURIComponent(cursor)}`;

function expectInvalidCursor(res: { status: number; body: any }) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_input');
  expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);
}

/** Ways a client might change a cursor it was given. */
const TAMPERINGS: [label: string, tamper: (cursor: string) => string][] = [
  ['one byte changed', (c) => {
    const raw = Buffer.from(c, 'base64url');
    raw[raw.length >> 1]! ^= 0x01;
    return raw.toString('base64url');
  }],
  ['its last byte changed', (c) => {
    const raw = Buffer.from(c, 'base64url');
    raw[raw.length - 1]! ^= 0x80;
    return raw.toString('base64url');
  }],
  ['truncated', (c) => c.slice(0, -6)],
  ['extended', (c) => `${c}AAAA`],
  // What a client could write itself: a LastEvaluatedKey in JSON, with a key attribute removed or one added.
  ['replaced by a plaintext key missing an index attribute', () => Buffer.from(JSON.stringify({ pk: 'ACC#a', sk: 'A', gsi1pk: 'REG#33' })).toString('base64url')],
  ['replaced by a plaintext key with an attribute added', () => Buffer.from(JSON.stringify({ pk: 'ACC#a', sk: 'A', gsi1pk: 'REG#33', gsi1sk: '330127#', gsi9pk: 'x' })).toString('base64url')],
  ['replaced by the pre-issue-10 format', () => Buffer.from(JSON.stringify({ f: 'gsi1|REG#33|330127#|', k: { pk: 'ACC#a', sk: 'A', gsi1pk: 'REG#33' } })).toString('base64url')],
];

describe('list cursors', () => {
  it.each(LISTS)('%s: the cursor it hands out reads the next page', async (...list) => {
    const page = await firstPage(list);
    const next = await call(list[2](), 'GET', withCursor(list[1](), page.cursor));
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0]).not.toEqual(page.items[0]);
  });

  it.each(LISTS)('%s: the cursor reveals no table key', async (...list) => {
    const { cursor } = await firstPage(list);
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
    for (const part of ['"pk"', '"sk"', 'REG#', 'AUD#', 'ACC#', 'DEP', REGION]) expect(decoded).not.toContain(part);
  });

  const cases = LISTS.flatMap((list) => TAMPERINGS.map(([how, tamper]) => [list[0], how, list, tamper] as const));
  it.each(cases)('%s: a cursor %s is 400 invalid_input at `cursor`', async (_label, _how, list, tamper) => {
    const { cursor } = await firstPage(list);
    expectInvalidCursor(await call(list[2](), 'GET', withCursor(list[1](), tamper(cursor))));
  });

  it.each(LISTS.map((list, i) => [list[0], LISTS[(i + 1) % LISTS.length]![0], list, LISTS[(i + 1) % LISTS.length]!] as const))(
    '%s: a cursor from %s is 400',
    async (_label, _from, list, other) => {
      const { cursor } = await firstPage(other);
      expectInvalidCursor(await call(list[2](), 'GET', withCursor(list[1](), cursor)));
    },
  );

  // The pre-issue-10 cursor was base64url JSON `{f: <list fingerprint>, k: <LastEvaluatedKey>}`: one with the
  // right fingerprint but a key attribute removed or added went to DynamoDB and came back a 500.
  const legacy = (k: Record<string, string>) => {
    const partition = keys.auditInRegion(REGION).gsi1pk;
    return Buffer.from(JSON.stringify({ f: `gsi1|${partition}||`, k: { gsi1pk: partition, ...k } })).toString('base64url');
  };
  it.each([
    ['removed (no index sort key)', { pk: 'AUD#account#a', sk: '2026-11-20T00:00:00.000Z#e1' }],
    ['added (another index\'s key)', { pk: 'AUD#account#a', sk: '2026-11-20T00:00:00.000Z#e1', gsi1sk: '330127#x', gsi2pk: 'x' }],
  ])('/audit-log: a forged cursor in the old format with a key attribute %s is 400, not 500', async (_how, key) => {
    expectInvalidCursor(await call(office(), 'GET', withCursor(`/audit-log?region=${REGION}&limit=1`, legacy(key))));
  });

  it('a cursor of one list is 400 on the same list with other filters', async () => {
    const { cursor } = await firstPage(['', () => `/accounts?region=${REGION}&platform=wechat&limit=1`, () => office()]);
    expectInvalidCursor(await call(office(), 'GET', withCursor(`/accounts?region=${REGION}&limit=1`, cursor)));
  });

  it('a cursor of one region is 400 for a wider region', async () => {
    const { cursor } = await firstPage(['', () => `/closures?region=${REGION}&limit=1`, () => office('330100')]);
    expectInvalidCursor(await call(office('330100'), 'GET', withCursor('/closures?region=330100&limit=1', cursor)));
  });
});

describe('Idempotency-Key replays', () => {
  const person = (over: Partial<Caller> = {}): Caller => ({ sub: 'same-person', roles: ['office', 'editor'], region: REGION, department: dept.id, ...over });

  it('are served to the same token', async () => {
    const body = accountBody(dept.id);
    const key = `k-${body.handle}`;
    const first = await call(person(), 'POST', '/accounts', body, { 'idempotency-key': key });
    const again = await call(person(), 'POST', '/accounts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it.each<[string, () => Partial<Caller>]>([
    ['other roles', () => ({ roles: ['editor'] })],
    ['another region', () => ({ region: '330100' })],
    ['another department', () => ({ department: sibling.id })],
  ])('are not served to a token of the same subject with %s: the request runs as its own', async (_label, claims) => {
    const body = accountBody(dept.id);
    const key = `k-${body.handle}`;
    const first = await call(person(), 'POST', '/accounts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const other = await call(person(claims()), 'POST', '/accounts', body, { 'idempotency-key': key });
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // It ran: the handle is now taken (by the first request), which a replay would not have said.
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('handle_taken');
  });
});

describe('tokens', () => {
  const devToken = (claims: { exp?: boolean }) => {
    const jwt = new SignJWT({ name: '王敏', 'cognito:groups': ['office'], 'custom:region': REGION })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('signed-in-test')
      .setIssuer('govmedia-local')
      .setIssuedAt();
    if (claims.exp) jwt.setExpirationTime('1h');
    return jwt.sign(new TextEncoder().encode(process.env.GOVMEDIA_DEV_SIGNING_KEY!));
  };

  it.each([
    ['without `exp` is refused (401)', false, 401],
    ['with `exp` is accepted (the same token otherwise)', true, 200],
  ])('a dev token %s', async (_label, exp, status) => {
    const res = await call(null, 'GET', `/accounts?region=${REGION}`, undefined, { authorization: `Bearer ${await devToken({ exp })}` });
    expect(res.status).toBe(status);
    if (status === 401) expect(res.body.error.code).toBe('unauthorized');
  });

  it.each<[string, () => Caller]>([
    ['an editor whose department belongs to another region', () => ({ sub: 'ed-away', roles: ['editor'], region: '440100', department: dept.id })],
    ['an approver whose department belongs to another region', () => ({ sub: 'ap-away', roles: ['approver'], region: '440106', department: dept.id })],
    ['an editor whose department does not exist', () => ({ sub: 'ed-none', roles: ['editor'], region: REGION, department: 'no-such-department' })],
    ['an editor without a department', () => ({ sub: 'ed-bare', roles: ['editor'], region: REGION })],
  ])('%s is refused (403 department_claim_invalid)', async (_label, caller) => {
    const res = await call(caller(), 'GET', `/accounts/${accountId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('department_claim_invalid');
  });

  it('an editor whose department is in its region is served', async () => {
    expect((await call(editorOf(dept), 'GET', `/accounts/${accountId}`)).status).toBe(200);
  });
});
