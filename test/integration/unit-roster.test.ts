import { afterEach, describe, expect, it } from 'vitest';
import { call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';
import { localDeps } from '../../functions/wiring/local';
import { keys } from '../../functions/store/keys';

/**
 * A registration reads the unit's accounts from the unit's roster, one item kept in the same
 * transaction as every write of what registry-derived flags read (decision 38). These check,
 * through the duplicate flag a new account gets, that the roster is the unit as it is.
 */
const { stores } = localDeps();
type Other = { id: string; name: string; status: string };
type Flagged = Record<string, any> & { flags?: { type: string; evidence: { otherAccounts?: Other[]; otherAccountsTotal?: number } }[] };
const duplicateEvidence = (account: Flagged) => account.flags?.find((f) => f.type === 'duplicate')?.evidence;
const othersOf = (account: Flagged) => (duplicateEvidence(account)?.otherAccounts ?? []).map((o) => o.id).sort();
const setClock = (now: string) => call(null, 'PUT', '/dev/clock', { now });
const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: '科长' });
const reviewer: Caller = { sub: 'reviewer-roster', roles: ['reviewer'], region: '330127', name: '审核员' };

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

describe('the unit roster behind a registration', () => {
  it('loses none of twelve registrations made at once in one unit: the next one is a duplicate of all twelve', async () => {
    const dept = await makeDepartment();
    const twelve = await Promise.all(Array.from({ length: 12 }, (_, i) => makeAccount(dept, { platform: 'weibo', name: `淳安发布${i}` })));
    const next = await makeAccount(dept, { platform: 'weibo' });
    expect(othersOf(next)).toEqual(twelve.map((a) => a.id).sort());
  });

  it('builds the roster of a unit registered before rosters existed from its accounts, then reads it', async () => {
    const dept = await makeDepartment();
    const older = [await makeAccount(dept, { platform: 'douyin' }), await makeAccount(dept, { platform: 'douyin' })];
    await stores.table.deleteIf(keys.unitRoster(dept.regionCode, dept.id), 'attribute_exists(pk)');
    expect((await stores.accounts.rosters.read(dept.regionCode, dept.id)).peers).toBeUndefined();

    const third = await makeAccount(dept, { platform: 'douyin' });
    expect(othersOf(third)).toEqual(older.map((a) => a.id).sort());
    const roster = await stores.accounts.rosters.read(dept.regionCode, dept.id);
    expect(roster.peers?.map((p) => p.id).sort()).toEqual([...older, third].map((a) => a.id).sort());
  });

  it('follows a rename and a move to another unit', async () => {
    const dept = await makeDepartment();
    const elsewhere = await makeDepartment();
    const renamed = await makeAccount(dept, { platform: 'kuaishou', name: '淳安旧名' });
    const moving = await makeAccount(dept, { platform: 'kuaishou' });
    expect((await call(office(), 'PATCH', `/accounts/${renamed.id}`, { name: '淳安新名', version: renamed.version })).status).toBe(200);
    expect((await call(office(), 'PATCH', `/accounts/${moving.id}`, { departmentId: elsewhere.id, version: moving.version })).status).toBe(200);

    const next = await makeAccount(dept, { platform: 'kuaishou' });
    expect(duplicateEvidence(next)?.otherAccounts).toEqual([expect.objectContaining({ id: renamed.id, name: '淳安新名' })]);
    const there = await makeAccount(elsewhere, { platform: 'kuaishou' });
    expect(othersOf(there)).toEqual([moving.id]);
  });

  it("shows a sibling's status as its closure moves it, and a closed sibling is no longer a duplicate", async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const dept = await makeDepartment();
    const keeper = await makeAccount(dept, { platform: 'bilibili', name: '淳安人社' });
    const closing = await makeAccount(dept, { platform: 'bilibili', name: '淳安就业' });
    const closure = (await call(editorOf(dept), 'POST', '/closures', { accountId: closing.id, reason: '职能相近，整合至淳安人社', successorAccountId: keeper.id })).body;

    const during = await makeAccount(dept, { platform: 'bilibili' });
    expect(duplicateEvidence(during)?.otherAccounts).toContainEqual(expect.objectContaining({ id: closing.id, status: 'closure_pending' }));

    expect((await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await call(reviewer, 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 2 })).status).toBe(200);
    await setClock('2026-10-01T09:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T09:00:00+08:00', url: 'https://www.bilibili.com/notice' })).status).toBe(200);
    await setClock('2026-10-31T10:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-31T10:00:00+08:00' })).body.status).toBe('closed');

    const after = await makeAccount(dept, { platform: 'bilibili' });
    expect(othersOf(after)).toEqual([keeper.id, during.id].sort());
  });
});
