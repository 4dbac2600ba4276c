import { describe, expect, it } from 'vitest';
import { ActivityRepository } from '../../functions/store/activity';
import { localDeps } from '../../functions/wiring/local';
import { auditEntry } from '../../shared/audit/audit';
import { call, editorOf, makeAccount, makeDepartment, office } from '../support/api';

const post = (externalId: string, publishedAt = '2026-11-20T09:00:00+08:00') => ({
  externalId,
  publishedAt,
  title: '医保参保缴费指南',
  text: '2027年度城乡居民医保参保缴费开始啦，可通过浙里办线上缴纳。',
});

describe('posts ingest', () => {
  it('accepts new posts and counts re-sent ones as duplicates', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const first = await call(editorOf(dept), 'POST', `/accounts/${account.id}/posts`, { posts: [post('a'), post('b')] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 2, duplicates: 0 });
    const again = await call(editorOf(dept), 'POST', `/accounts/${account.id}/posts`, { posts: [post('b'), post('c'), post('c')] });
    expect(again.body).toEqual({ accepted: 1, duplicates: 2 });
    const list = await call(office(), 'GET', `/accounts/${account.id}/posts`);
    expect(list.body.items.map((p: { externalId: string }) => p.externalId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps postCount and lastPostAt on the account', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'POST', `/accounts/${account.id}/posts`, {
      posts: [post('x', '2026-11-01T23:30:00+08:00'), post('y', '2026-11-03T08:00:00+08:00')],
    });
    const res = await call(office(), 'GET', `/accounts/${account.id}`);
    expect(res.body.postCount).toBe(2);
    expect(res.body.lastPostAt).toBe('2026-11-03T00:00:00.000Z');
  });

  it('ingests a batch larger than one transaction', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const posts = Array.from({ length: 250 }, (_, i) => post(`p${i}`));
    const res = await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts });
    expect(res.body).toEqual({ accepted: 250, duplicates: 0 });
  });

  it('lets concurrent re-sends of the same posts store each post once', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const batch = { posts: Array.from({ length: 20 }, (_, i) => post(`c${i}`)) };
    const results = await Promise.all(Array.from({ length: 5 }, () => call(office(), 'POST', `/accounts/${account.id}/posts`, batch)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(20);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(20);
  });
});

describe('bulk posts ingest (BatchWriteItem under the account lease, decision 30)', () => {
  const ingest = (accountId: string, posts: ReturnType<typeof post>[]) => call(office(), 'POST', `/accounts/${accountId}/posts`, { posts });

  it('counts a re-sent bulk batch as duplicates and keeps the stored text (no overwrite)', async () => {
    const account = await makeAccount(await makeDepartment());
    const posts = Array.from({ length: 120 }, (_, i) => post(`b${i}`));
    expect((await ingest(account.id, posts)).body).toEqual({ accepted: 120, duplicates: 0 });
    const resent = [...posts.map((p) => ({ ...p, text: '改过的正文' })), ...Array.from({ length: 30 }, (_, i) => post(`n${i}`))];
    expect((await ingest(account.id, resent)).body).toEqual({ accepted: 30, duplicates: 120 });
    const stored = (await call(office(), 'GET', `/accounts/${account.id}/posts?limit=500`)).body.items;
    expect(stored).toHaveLength(150);
    expect(stored.filter((p: { text: string }) => p.text === '改过的正文')).toEqual([]);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(150);
  });

  it('lets concurrent bulk and small re-sends of the same posts store each post once', async () => {
    const account = await makeAccount(await makeDepartment());
    const posts = Array.from({ length: 60 }, (_, i) => post(`k${i}`));
    const results = await Promise.all([ingest(account.id, posts), ingest(account.id, posts), ingest(account.id, posts.slice(0, 10)), ingest(account.id, posts.slice(50))]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(60);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(60);
  });

  it('audits every accepted post once', async () => {
    const account = await makeAccount(await makeDepartment());
    await ingest(account.id, Array.from({ length: 40 }, (_, i) => post(`a${i}`)));
    await ingest(account.id, Array.from({ length: 45 }, (_, i) => post(`a${i}`)));
    const log = (await call(office(), 'GET', `/audit-log?entity=account:${account.id}&limit=500`)).body.items;
    const ids = log.filter((e: { action: string }) => e.action === 'posts.ingest').flatMap((e: { after: { acceptedExternalIds: string[] } }) => e.after.acceptedExternalIds);
    expect(ids.sort()).toEqual(Array.from({ length: 45 }, (_, i) => `a${i}`).sort());
  });

  it('counts a bulk back-fill of older posts and keeps the newer lastPostAt', async () => {
    const account = await makeAccount(await makeDepartment());
    await ingest(account.id, Array.from({ length: 30 }, (_, i) => post(`new${i}`, '2026-11-20T09:00:00+08:00')));
    expect((await ingest(account.id, Array.from({ length: 40 }, (_, i) => post(`old${i}`, '2026-10-01T09:00:00+08:00')))).body).toEqual({ accepted: 40, duplicates: 0 });
    const stored = (await call(office(), 'GET', `/accounts/${account.id}`)).body;
    expect(stored.postCount).toBe(70);
    expect(stored.lastPostAt).toBe('2026-11-20T01:00:00.000Z');
  });

  it.each([150, 200])('audits and counts all of %i posts written in several transactions, once each', async (n) => {
    const account = await makeAccount(await makeDepartment());
    expect((await ingest(account.id, Array.from({ length: n }, (_, i) => post(`t${i}`)))).body).toEqual({ accepted: n, duplicates: 0 });
    const log = (await call(office(), 'GET', `/audit-log?entity=account:${account.id}&limit=500`)).body.items;
    const audited = log.filter((e: { action: string }) => e.action === 'posts.ingest');
    expect(audited).toHaveLength(1);
    expect(audited[0].after.acceptedExternalIds).toHaveLength(n);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(n);
  });

  it.each([
    ['no posts', { posts: [] }, 'posts'],
    ['a post without externalId', { posts: [{ publishedAt: '2026-11-20T09:00:00+08:00', text: 'x' }] }, 'posts.0.externalId'],
    ['a time without offset', { posts: [{ externalId: 'a', publishedAt: '2026-11-20 09:00', text: 'x' }] }, 'posts.0.publishedAt'],
    ['text that is not a string', { posts: [{ externalId: 'a', publishedAt: '2026-11-20T09:00:00Z', text: 1 }] }, 'posts.0.text'],
  ])('rejects %s with 400', async (_l, input, path) => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'POST', `/accounts/${account.id}/posts`, input);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it("refuses posts for another department's account (404)", async () => {
    const dept = await makeDepartment();
    const other = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(editorOf(other), 'POST', `/accounts/${account.id}/posts`, { posts: [post('a')] });
    expect(res.status).toBe(404);
  });
});

describe('metrics', () => {
  it('records a snapshot and lists it newest first', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-01T00:00:00+08:00', followers: 100 });
    const res = await call(office(), 'POST', `/accounts/${account.id}/metrics`, {
      at: '2026-11-20T00:00:00+08:00',
      followers: 120,
      messagesReceived: 10,
      messagesAnswered: 9,
      oldestUnansweredDays: 3,
    });
    expect(res.status).toBe(201);
    const list = await call(office(), 'GET', `/accounts/${account.id}/metrics`);
    expect(list.body.items.map((m: { followers: number }) => m.followers)).toEqual([120, 100]);
  });

  it('rejects more answered than received messages', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-20T00:00:00Z', messagesReceived: 1, messagesAnswered: 2 });
    expect(res.status).toBe(400);
  });

  it('rejects negative followers', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-20T00:00:00Z', followers: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('followers');
  });
});

describe('audit log', () => {
  it('records create and update of an account with actor, before and after', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '新名称', version: 1 });
    const res = await call(office(), 'GET', `/audit-log?entity=account:${account.id}`);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['account.update', 'account.create']);
    const update = res.body.items[0];
    expect(update.actor.sub).toBe('office-330127');
    expect(update.before).toMatchObject({ name: '淳安发布', version: 1 });
    expect(update.after).toMatchObject({ name: '新名称', version: 2 });
    expect(update.entity).toEqual({ type: 'account', id: account.id });
  });

  it('writes no audit entry when a write is refused', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '新名称', version: 7 });
    const res = await call(office(), 'GET', `/audit-log?entity=account:${account.id}`);
    expect(res.body.items).toHaveLength(1);
  });

  it("shows a region's trail to its office and nothing of it to another region", async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const mine = await call(office('330100'), 'GET', '/audit-log?region=330100&limit=500');
    expect(mine.body.items.some((e: { entity: { id: string } }) => e.entity.id === account.id)).toBe(true);
    const theirs = await call(office('440100'), 'GET', `/audit-log?entity=account:${account.id}`);
    expect(theirs.body.items).toEqual([]);
    expect((await call(office('440100'), 'GET', '/audit-log?region=330100')).status).toBe(403);
  });

  it("shows an editor only their department's entries", async () => {
    const dept = await makeDepartment();
    const other = await makeDepartment();
    await makeAccount(dept);
    await makeAccount(other);
    const res = await call(editorOf(dept), 'GET', '/audit-log?limit=500');
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { departmentId?: string; regionCode: string }) => e.departmentId === dept.id)).toBe(true);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key', async () => {
    const dept = await makeDepartment();
    const body = { platform: 'weibo', handle: `idem${Date.now()}`, name: '淳安公安', departmentId: dept.id, interactionEnabled: true, contacts: [{ name: '李' }] };
    const first = await call(office(), 'POST', '/accounts', body, { 'idempotency-key': `k-${body.handle}` });
    const second = await call(office(), 'POST', '/accounts', body, { 'idempotency-key': `k-${body.handle}` });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with a different body (422)', async () => {
    const key = `k2-${Date.now()}`;
    await call(office(), 'POST', '/departments', { name: `甲${key}`, regionCode: '330127' }, { 'idempotency-key': key });
    const res = await call(office(), 'POST', '/departments', { name: `乙${key}`, regionCode: '330127' }, { 'idempotency-key': key });
    expect(res.status).toBe(422);
  });
});

describe('audit log by bare id', () => {
  it('finds an entity history when only its id is given', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'GET', `/audit-log?entity=${account.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toContain('account.create');
    expect(res.body.items.every((e: { entity: { id: string } }) => e.entity.id === account.id)).toBe(true);
  });
});

describe('dates far outside the product range', () => {
  it.each([
    ['a post published in year 9999', (id: string): [string, object] => [`/accounts/${id}/posts`, { posts: [{ externalId: 'far', publishedAt: '9999-12-31T23:59:59-08:00', text: 'x' }] }], 'posts.0.publishedAt'],
    ['a metrics snapshot in year 1', (id: string): [string, object] => [`/accounts/${id}/metrics`, { at: '0001-01-01T00:00:00Z', followers: 1 }], 'at'],
  ])('refuses %s with 400 naming the field, never a 500', async (_label, request, path) => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const [url, body] = request(account.id);
    const res = await call(office(), 'POST', url, body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('bulk posts ingest with BatchWriteItem under the lease (as deployed on DynamoDB)', () => {
  const deps = localDeps();
  const repo = new ActivityRepository(deps.stores.table, 'batch', deps.stores.activitySummaries);
  const ingestWith = async (accountId: string, ids: string[]) => {
    const account = (await deps.stores.accounts.get(accountId))!;
    const posts = ids.map((id) => ({ ...post(id), accountId, ingestedAt: '2026-11-21T00:00:00.000Z' }));
    const caller = { ...office(), name: '县委宣传部' };
    return repo.insertNew(account, posts, (accepted) => auditEntry(caller, 'posts.ingest', { type: 'account', id: accountId }, account, null, { acceptedExternalIds: accepted }, '2026-11-21T00:00:00.000Z', deps.ids.next()));
  };

  it('stores each post once under concurrent bulk and small re-sends, and counts and audits each once', async () => {
    const account = await makeAccount(await makeDepartment());
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const results = await Promise.all([ingestWith(account.id, ids), ingestWith(account.id, ids), ingestWith(account.id, ids.slice(0, 10)), ingestWith(account.id, ids.slice(40))]);
    expect(results.reduce((n, r) => n + r.accepted.length, 0)).toBe(60);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(60);
    const log = (await call(office(), 'GET', `/audit-log?entity=account:${account.id}&limit=500`)).body.items;
    const audited = log.filter((e: { action: string }) => e.action === 'posts.ingest').flatMap((e: { after: { acceptedExternalIds: string[] } }) => e.after.acceptedExternalIds);
    expect(audited.sort()).toEqual([...ids].sort());
    const summary = (await deps.stores.activitySummaries.get(account.id))!;
    expect(Object.values(summary.days).flatMap((d) => d.ids).sort()).toEqual([...ids].sort());
    // The lease is given back: a later bulk ingest goes through at once.
    expect((await ingestWith(account.id, Array.from({ length: 30 }, (_, i) => `d${i}`))).accepted).toHaveLength(30);
  });
});
