import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../shared/util/concurrency';
import { admin, call, makeAccount, makeDepartment, office, type Caller } from '../support/api';

/**
 * POST /consolidation/plans is all or nothing: every account is checked first, then every
 * closure request is written in one transaction. A plan that cannot be made whole leaves
 * no closure and every account as it was.
 */

const REGION = '330127';
const FOREIGN_REGION = '440105';
const officer = office(REGION);
const reason = '一个单位一个平台只保留一个账号';
const MISSING = '0000000000nosuchaccount';

type Account = { id: string; version: number; status: string };

/** n active accounts of the region, each of its own department (registration stays cheap: no duplicate cluster to refresh). */
async function ownAccounts(n: number): Promise<Account[]> {
  return mapLimit(Array.from({ length: n }, (_, i) => i), 4, async (i) => (await makeAccount(await makeDepartment(REGION), { name: `淳安整合测试${i}` })) as Account);
}

async function foreignAccount(): Promise<Account> {
  return (await makeAccount(await makeDepartment(FOREIGN_REGION))) as Account;
}

const statusOf = async (caller: Caller, id: string) => (await call(caller, 'GET', `/accounts/${id}`)).body.status as string;
const closuresOf = async (caller: Caller, id: string) => (await call(caller, 'GET', `/accounts/${id}/closures`)).body.items as unknown[];
async function pendingClosureIds(): Promise<string[]> {
  const res = await call(officer, 'GET', `/closures?region=${REGION}&status=pending&limit=500`);
  return res.body.items.map((c: { accountId: string }) => c.accountId);
}

/** Nothing of the plan was written: no closure, and the account still active. */
async function expectUntouched(ids: string[], caller: Caller = officer) {
  const pending = await pendingClosureIds();
  await mapLimit(ids, 4, async (id) => {
    expect(await statusOf(caller, id)).toBe('active');
    expect(await closuresOf(caller, id)).toEqual([]);
    expect(pending).not.toContain(id);
  });
}

describe('POST /consolidation/plans: all or nothing', () => {
  it('creates nothing when one account is valid and one belongs to another region (404)', async () => {
    const [valid] = await ownAccounts(1);
    const foreign = await foreignAccount();
    const res = await call(officer, 'POST', '/consolidation/plans', { accountIds: [valid!.id, foreign.id], reason });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    await expectUntouched([valid!.id]);
    await expectUntouched([foreign.id], admin(FOREIGN_REGION));
  });

  it('creates nothing when one account is valid and one does not exist (404)', async () => {
    const [valid] = await ownAccounts(1);
    const res = await call(officer, 'POST', '/consolidation/plans', { accountIds: [valid!.id, MISSING], reason });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    await expectUntouched([valid!.id]);
  });

  it('creates nothing when the keeper belongs to another region (404)', async () => {
    const accounts = await ownAccounts(2);
    const foreign = await foreignAccount();
    const res = await call(officer, 'POST', '/consolidation/plans', { accountIds: accounts.map((a) => a.id), keeperId: foreign.id, reason });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    await expectUntouched(accounts.map((a) => a.id));
  });

  it('creates nothing when a visible account is already being closed (409 illegal_transition, as POST /closures)', async () => {
    const [valid, busy] = await ownAccounts(2);
    expect((await call(officer, 'POST', '/closures', { accountId: busy!.id, reason: '已停止运营' })).status).toBe(201);
    const res = await call(officer, 'POST', '/consolidation/plans', { accountIds: [valid!.id, busy!.id], reason });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
    await expectUntouched([valid!.id]);
  });

  it('of two concurrent plans sharing an account, one is written whole and the other leaves nothing', async () => {
    const [a, shared, c] = await ownAccounts(3);
    const [one, two] = await Promise.all([
      call(officer, 'POST', '/consolidation/plans', { accountIds: [a!.id, shared!.id], reason }),
      call(officer, 'POST', '/consolidation/plans', { accountIds: [shared!.id, c!.id], reason }),
    ]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    const [winner, loserOnly] = one.status === 201 ? [one, c!] : [two, a!];
    expect(winner.body.closures).toHaveLength(2);
    expect(await statusOf(officer, shared!.id)).toBe('closure_pending');
    await expectUntouched([loserOnly.id]);
  });

  it('writes the largest plan (25 closure requests) in one go, and refuses one more with 422 plan_too_large, writing nothing', async () => {
    const accounts = await ownAccounts(27);
    const keeper = accounts[0]!;
    const tooMany = accounts.map((a) => a.id); // 26 to close besides the keeper
    const refused = await call(officer, 'POST', '/consolidation/plans', { accountIds: tooMany, keeperId: keeper.id, reason });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('plan_too_large');
    await expectUntouched(tooMany);

    const largest = tooMany.slice(0, 26); // keeper + 25
    const made = await call(officer, 'POST', '/consolidation/plans', { accountIds: largest, keeperId: keeper.id, reason });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.closures).toHaveLength(25);
    expect(made.body.closures.every((c: { successorAccountId: string; status: string }) => c.successorAccountId === keeper.id && c.status === 'pending')).toBe(true);
    expect(new Set(await mapLimit(largest.slice(1), 4, (id) => statusOf(officer, id)))).toEqual(new Set(['closure_pending']));
    expect(await statusOf(officer, keeper.id)).toBe('active');
  });

  it('for any mix of valid, foreign and missing accounts, either every valid one gets its closure or none does', async () => {
    const foreign = await foreignAccount();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('valid', 'foreign', 'missing'), { minLength: 1, maxLength: 4 }), async (kinds) => {
        const valid = await ownAccounts(kinds.filter((k) => k === 'valid').length);
        let next = 0;
        const ids = kinds.map((k) => (k === 'valid' ? valid[next++]!.id : k === 'foreign' ? foreign.id : MISSING));
        const res = await call(officer, 'POST', '/consolidation/plans', { accountIds: ids, reason });
        if (kinds.every((k) => k === 'valid')) {
          expect(res.status).toBe(201);
          for (const a of valid) expect(await statusOf(officer, a.id)).toBe('closure_pending');
        } else {
          expect(res.status).toBe(404);
          await expectUntouched(valid.map((a) => a.id));
        }
      }),
      { numRuns: 8 },
    );
  });
});
