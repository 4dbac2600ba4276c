import { afterEach, describe, expect, it } from 'vitest';
import { accountBody, call, makeAccount, makeDepartment, office, unique } from '../support/api';

/**
 * Registry writes stay O(1) (issue 13, decision 30): registering, editing or importing an
 * account recomputes registry-derived flags from registry data; grades and activity flags of
 * existing accounts move with ingest and the sweep, never inline.
 */
const setClock = (now: string) => call(null, 'PUT', '/dev/clock', { now });
const sweep = () => call(null, 'POST', '/dev/jobs/sweep');
const get = async (id: string) => (await call(office(), 'GET', `/accounts/${id}`)).body;
type Flagged = Record<string, any> & { flags?: { type: string; evidence: { otherAccounts?: { id: string }[] } }[] };
const types = (a: Flagged) => (a.flags ?? []).map((f) => f.type);
const duplicateOf = (a: Flagged) =>
  a.flags?.find((f) => f.type === 'duplicate')?.evidence.otherAccounts?.map((o) => o.id).sort();

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

describe('registering an account', () => {
  it('raises duplicate on the first sibling but leaves its grade as ingest made it (no inline re-grade)', async () => {
    await setClock('2027-05-10T09:00:00+08:00');
    const dept = await makeDepartment();
    const first = await makeAccount(dept, { platform: 'toutiao' });
    await call(office(), 'POST', `/accounts/${first.id}/posts`, {
      posts: [{ externalId: 'p1', publishedAt: '2027-05-09T09:00:00+08:00', title: '办事指南', text: '社保卡办理流程和所需材料' }],
    });
    expect((await get(first.id)).latestGrade.checkDate).toBe('2027-05-10');

    await setClock('2027-05-20T09:00:00+08:00');
    await makeAccount(dept, { platform: 'toutiao' });
    const after = await get(first.id);
    expect(types(after)).toContain('duplicate');
    expect(after.latestGrade.checkDate).toBe('2027-05-10');
  });

  it('gives a new account its first grade and activity flags at once (it has no activity to read)', async () => {
    await setClock('2027-05-10T09:00:00+08:00');
    const dept = await makeDepartment();
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { openedAt: '2020-01-01' }));
    expect(res.status).toBe(201);
    expect(res.body.latestGrade).toMatchObject({ checkDate: '2027-05-10', verdict: 'fail', score: null });
    expect(types(res.body)).toContain('zombie');
    expect((await get(res.body.id)).latestGrade).toEqual(res.body.latestGrade);
  });

  it('leaves a new account that never posts to the sweep for its later activity flags', async () => {
    await setClock('2027-05-10T09:00:00+08:00');
    const dept = await makeDepartment();
    const account = await makeAccount(dept, { openedAt: '2027-05-10' });
    expect(types(account)).not.toContain('stale');
    await setClock('2027-05-21T09:00:00+08:00');
    expect(types(await get(account.id))).not.toContain('stale');
    await sweep();
    expect(types(await get(account.id))).toContain('stale');
  });

  it('does not rewrite siblings already flagged: their evidence names the newest account after the sweep', async () => {
    const dept = await makeDepartment();
    const a = await makeAccount(dept, { platform: 'bilibili' });
    const b = await makeAccount(dept, { platform: 'bilibili' });
    const c = await makeAccount(dept, { platform: 'bilibili' });
    expect(duplicateOf(c)).toEqual([a.id, b.id].sort());
    expect(duplicateOf(await get(a.id))).toEqual([b.id]);
    await sweep();
    expect(duplicateOf(await get(a.id))).toEqual([b.id, c.id].sort());
  });
});

describe('editing an account', () => {
  it('clears the duplicate flag of the sibling it leaves when it moves to another unit', async () => {
    const dept = await makeDepartment();
    const other = await makeDepartment();
    const stays = await makeAccount(dept, { platform: 'kuaishou' });
    const moves = await makeAccount(dept, { platform: 'kuaishou' });
    expect(types(await get(stays.id))).toContain('duplicate');
    const res = await call(office(), 'PATCH', `/accounts/${moves.id}`, { departmentId: other.id, version: moves.version });
    expect(res.status).toBe(200);
    expect(types(res.body)).not.toContain('duplicate');
    expect(types(await get(stays.id))).not.toContain('duplicate');
  });

  it('clears needs_review when the record is re-validated, without a sweep', async () => {
    await setClock('2027-01-04T09:00:00+08:00');
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await setClock('2027-08-02T09:00:00+08:00');
    await sweep();
    const stale = await get(account.id);
    expect(types(stale)).toContain('needs_review');
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { version: stale.version });
    expect(types(res.body)).not.toContain('needs_review');
    expect(types(await get(account.id))).not.toContain('needs_review');
  });

  it('raises internal_division when renamed after an event', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { name: '2027千岛湖秀水节', version: account.version });
    expect(types(res.body)).toContain('internal_division');
    expect(types(await get(account.id))).toContain('internal_division');
  });
});

describe('importing accounts', () => {
  it('flags the imported rows and an existing sibling of one unit and platform as duplicate', async () => {
    const dept = await makeDepartment();
    const existing = await makeAccount(dept, { platform: 'weibo' });
    const rows = [unique('imp'), unique('imp')];
    const body = ['平台,账号,账号名称,主办单位,互动功能,联系人', ...rows.map((h) => `微博,${h},淳安发布,${dept.name},是,王敏`)].join('\r\n');
    const res = await call(office(), 'POST', '/imports', body, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    const ids: string[] = res.body.rows.map((r: { accountId: string }) => r.accountId);
    for (const id of ids) expect(duplicateOf(await get(id))).toEqual([existing.id, ...ids.filter((x) => x !== id)].sort());
    expect(types(await get(existing.id))).toContain('duplicate');
  });
});
