import { afterEach, describe, expect, it } from 'vitest';
import { call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

/**
 * Dates that rules compare with "now" (notice and cancellation dates, the notice period)
 * are driven by the dev clock (API.md), never by backdating inputs.
 */
const setClock = async (now: string) => {
  const res = await call(null, 'PUT', '/dev/clock', { now });
  expect(res.status).toBe(200);
  return res.body.now as string;
};
const DAY_MS = 86_400_000;
const plusDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY_MS).toISOString();

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

const approverOf = (dept: { id: string; regionCode: string }, n = 1): Caller => ({ sub: `approver-${n}-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: `科长${n}` });
const reviewer = (region = '330127', n = 1): Caller => ({ sub: `reviewer-${n}-${region}`, roles: ['reviewer'], region, name: `审核员${n}` });

async function pendingClosure(withSuccessor = true) {
  const dept = await makeDepartment();
  const keeper = await makeAccount(dept, { name: '淳安人社' });
  const account = await makeAccount(dept, { name: '淳安就业' });
  const res = await call(editorOf(dept), 'POST', '/closures', {
    accountId: account.id,
    reason: '职能相近，整合至淳安人社',
    ...(withSuccessor ? { successorAccountId: keeper.id } : {}),
  });
  expect(res.status).toBe(201);
  return { dept, keeper, account, closure: res.body };
}

async function approvedClosure() {
  const ctx = await pendingClosure();
  const first = await call(approverOf(ctx.dept), 'POST', `/closures/${ctx.closure.id}/decisions`, { decision: 'approve', version: 1 });
  expect(first.status).toBe(200);
  const second = await call(reviewer(), 'POST', `/closures/${ctx.closure.id}/decisions`, { decision: 'approve', version: 2 });
  expect(second.status).toBe(200);
  return { ...ctx, closure: second.body };
}

const accountStatus = async (id: string) => (await call(office(), 'GET', `/accounts/${id}`)).body.status;

describe('the closure workflow', () => {
  it('runs from request to filing, the account following each step', async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const { dept, account, keeper, closure } = await pendingClosure();
    expect(closure).toMatchObject({ status: 'pending', version: 1, accountId: account.id, successorAccountId: keeper.id });
    expect(await accountStatus(account.id)).toBe('closure_pending');

    const tier1 = await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', note: '同意', version: 1 });
    expect(tier1.body).toMatchObject({ status: 'pending', version: 2 });
    const tier2 = await call(reviewer(), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 2 });
    expect(tier2.body).toMatchObject({ status: 'approved', version: 3 });
    // The drafted stop-update notice names the successor account.
    expect(tier2.body.noticeDraft).toContain('淳安人社');
    expect(tier2.body.noticeDraft).toContain(keeper.handle);

    await setClock('2026-10-01T09:00:00+08:00');
    const notice = await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T09:00:00+08:00', url: 'https://mp.weixin.qq.com/s/notice' });
    expect(notice.body).toMatchObject({ status: 'announcing', version: 4 });
    expect(await accountStatus(account.id)).toBe('announcing');

    await setClock('2026-10-31T10:00:00+08:00');
    const done = await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-31T10:00:00+08:00' });
    expect(done.body).toMatchObject({ status: 'closed', version: 5 });
    expect(await accountStatus(account.id)).toBe('closed');

    await setClock('2026-11-03T10:00:00+08:00');
    const filed = await call(editorOf(dept), 'POST', `/closures/${closure.id}/filing`, { filedAt: '2026-11-03' });
    expect(filed.body).toMatchObject({ status: 'filed', version: 6, filing: { overdue: false } });

    // Archived, not deleted: the account and its history stay readable.
    const history = await call(office(), 'GET', `/audit-log?entity=closure:${closure.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'closure.file',
      'closure.complete',
      'closure.notice',
      'closure.approve',
      'closure.approve_tier',
      'closure.create',
    ]);
    expect((await call(office(), 'GET', `/accounts/${account.id}/closures`)).body.items).toHaveLength(1);
  });

  it('refuses completion one day before the notice period ends (422) and accepts it on the day', async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const { dept, closure } = await approvedClosure();
    await setClock('2026-10-01T20:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T20:00:00+08:00', url: 'https://weibo.com/notice' })).status).toBe(200);
    await setClock('2026-10-30T18:00:00+08:00');
    const early = await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-30' });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('notice_period');
    await setClock('2026-10-31T09:00:00+08:00');
    const onTime = await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-31' });
    expect(onTime.status).toBe(200);
    expect(onTime.body.status).toBe('closed');
  });

  it('flags a filing later than five working days as overdue', async () => {
    await setClock('2026-10-01T08:00:00+08:00');
    const { dept, closure } = await approvedClosure();
    await setClock('2026-10-01T09:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt: '2026-10-01T09:00:00+08:00', url: 'https://weibo.com/n' })).status).toBe(200);
    await setClock('2026-10-31T12:00:00+08:00');
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/complete`, { platformCancelledAt: '2026-10-31' })).status).toBe(200); // a Saturday
    await setClock('2026-11-09T12:00:00+08:00');
    const filed = await call(editorOf(dept), 'POST', `/closures/${closure.id}/filing`, { filedAt: '2026-11-09' }); // Mon 2 … Fri 6, Mon 9: the 6th working day
    expect(filed.body.filing).toEqual({ overdue: true, workingDays: 6 });
  });

  it('refuses filing before the account is closed (409)', async () => {
    const { dept, closure } = await approvedClosure();
    const res = await call(editorOf(dept), 'POST', `/closures/${closure.id}/filing`, { filedAt: '2026-11-03' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
  });

  it('ends with a rejection and its note, the account active again', async () => {
    const { dept, account, closure } = await pendingClosure();
    const res = await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'reject', note: '仍需保留', version: 1 });
    expect(res.body.status).toBe('rejected');
    expect(res.body.decisions[0].note).toBe('仍需保留');
    expect(await accountStatus(account.id)).toBe('active');
  });

  it('forbids deciding on your own request (403)', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const both: Caller = { sub: 'both', roles: ['editor', 'approver'], region: dept.regionCode, department: dept.id };
    const created = await call(both, 'POST', '/closures', { accountId: account.id, reason: '不再运营' });
    const res = await call(both, 'POST', `/closures/${created.body.id}/decisions`, { decision: 'approve', version: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('self_approval');
  });

  it('refuses a stale version (409) and changes nothing', async () => {
    const { dept, closure } = await pendingClosure();
    const res = await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 7 });
    expect(res.status).toBe(409);
    expect((await call(office(), 'GET', `/closures/${closure.id}`)).body.version).toBe(1);
  });

  it('refuses a second closure request for the same account (409)', async () => {
    const { dept, account } = await pendingClosure();
    const res = await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '重复申请' });
    expect(res.status).toBe(409);
  });

  it('lets exactly one of 30 concurrent approvals of the same tier through, with one audit entry', async () => {
    const { dept, closure } = await pendingClosure();
    await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 1 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(reviewer('330127', i + 1), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 2 })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(29);
    const after = (await call(office(), 'GET', `/closures/${closure.id}`)).body;
    expect(after).toMatchObject({ status: 'approved', version: 3 });
    expect(after.decisions).toHaveLength(2);
    const audit = await call(office(), 'GET', `/audit-log?entity=closure:${closure.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'closure.approve')).toHaveLength(1);
  });

  it('shows nothing to a reviewer of another region', async () => {
    const { closure } = await pendingClosure();
    const other = reviewer('440100');
    expect((await call(other, 'GET', `/closures/${closure.id}`)).status).toBe(404);
    expect((await call(other, 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(404);
    expect((await call(other, 'GET', '/closures')).body.items).toEqual([]);
  });

  it('lists pending closures for the reviewer inbox and for the department', async () => {
    const { dept, closure } = await pendingClosure();
    const inbox = await call(reviewer(), 'GET', '/closures?status=pending&limit=500');
    expect(inbox.body.items.map((c: { id: string }) => c.id)).toContain(closure.id);
    const own = await call(approverOf(dept), 'GET', '/closures?status=pending');
    expect(own.body.items.map((c: { id: string }) => c.id)).toEqual([closure.id]);
  });

  it.each([
    [{ reason: 'x' }, 'accountId'],
    [{ accountId: 'abc', reason: '' }, 'reason'],
    [{ accountId: 'abc', reason: 'x', extra: 1 }, 'extra'],
  ])('rejects %j with an issue at %s', async (input, path) => {
    const res = await call(office(), 'POST', '/closures', input);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('closure integrity: notice and cancellation dates (issue 10)', () => {
  const editorPost = (dept: { id: string; regionCode: string }, id: string, step: 'notice' | 'complete', body: unknown) =>
    call(editorOf(dept), 'POST', `/closures/${id}/${step}`, body);

  it('refuses a notice dated before the approval (422 notice_date) and changes nothing', async () => {
    const { dept, account, closure } = await approvedClosure();
    const res = await editorPost(dept, closure.id, 'notice', { publishedAt: '2020-01-01T09:00:00+08:00', url: 'https://mp.weixin.qq.com/s/old' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('notice_date');
    const after = (await call(office(), 'GET', `/closures/${closure.id}`)).body;
    expect(after).toMatchObject({ status: 'approved', version: closure.version });
    expect(after.notice).toBeUndefined();
    expect(await accountStatus(account.id)).toBe('closure_pending');
    const audit = await call(office(), 'GET', `/audit-log?entity=closure:${closure.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).not.toContain('closure.notice');
  });

  it('refuses a notice dated after now (422 notice_date)', async () => {
    const now = await setClock('2027-03-01T09:00:00+08:00');
    const { dept, closure } = await approvedClosure();
    const res = await editorPost(dept, closure.id, 'notice', { publishedAt: plusDays(now, 1), url: 'https://mp.weixin.qq.com/s/soon' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('notice_date');
    expect((await call(office(), 'GET', `/closures/${closure.id}`)).body.status).toBe('approved');
  });

  it.each([
    ['an instant an hour from now', (now: string) => new Date(Date.parse(now) + 3_600_000).toISOString()],
    ['tomorrow as a bare date', (now: string) => plusDays(now, 1).slice(0, 10)],
  ])('refuses a cancellation dated %s (422 cancellation_date)', async (_, cancelledAt) => {
    const start = await setClock('2027-03-01T09:00:00+08:00');
    const { dept, closure } = await approvedClosure();
    const published = (await call(null, 'GET', '/dev/clock')).body.now as string;
    expect((await editorPost(dept, closure.id, 'notice', { publishedAt: published, url: 'https://weibo.com/n' })).status).toBe(200);
    const now = await setClock(plusDays(start, 40));
    const res = await editorPost(dept, closure.id, 'complete', { platformCancelledAt: cancelledAt(now) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('cancellation_date');
    expect((await call(office(), 'GET', `/closures/${closure.id}`)).body.status).toBe('announcing');
  });

  it('counts the notice period from the notice date on the server clock: day 29 is 422 notice_period, day 30 closes', async () => {
    await setClock('2027-08-02T09:00:00+08:00');
    const { dept, account, closure } = await approvedClosure();
    // A notice dated now, as the server's clock reads it.
    const publishedAt = (await call(null, 'GET', '/dev/clock')).body.now as string;
    const notice = await editorPost(dept, closure.id, 'notice', { publishedAt, url: 'https://mp.weixin.qq.com/s/notice' });
    expect(notice.status).toBe(200);
    expect(notice.body.notice.earliestCancellationDate).toBe('2027-09-01');

    const day29 = await setClock(plusDays(publishedAt, 29));
    const early = await editorPost(dept, closure.id, 'complete', { platformCancelledAt: day29 });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('notice_period');

    const day30 = await setClock(plusDays(publishedAt, 30));
    const done = await editorPost(dept, closure.id, 'complete', { platformCancelledAt: day30 });
    expect(done.status).toBe(200);
    // Wednesday 1 September 2027 + 5 working days.
    expect(done.body).toMatchObject({ status: 'closed', filingDueBy: '2027-09-08' });
    expect(await accountStatus(account.id)).toBe('closed');
  });
});

describe('consolidation', () => {
  it('finds two accounts of one unit on one platform and turns the cluster into closure requests', async () => {
    const region = '330122';
    const dept = await makeDepartment(region, '桐庐县市场监督管理局');
    const a = await makeAccount(dept, { name: '桐庐市场监管', openedAt: '2016-03-01' });
    const b = await makeAccount(dept, { name: '桐庐县市场监督管理', openedAt: '2020-05-01' });
    const officer: Caller = { sub: 'office-330122', roles: ['office'], region, name: '网信办' };
    const res = await call(officer, 'GET', `/consolidation/candidates?region=${region}`);
    expect(res.status).toBe(200);
    const cluster = res.body.clusters.find((c: { accountIds: string[] }) => c.accountIds.includes(a.id));
    expect(cluster).toMatchObject({ reason: 'same_unit_same_platform', keeperId: a.id });
    expect(cluster.accountIds.sort()).toEqual([a.id, b.id].sort());
    expect(cluster.why.join()).toContain('开设最早');

    const plan = await call(officer, 'POST', '/consolidation/plans', { accountIds: cluster.accountIds, keeperId: cluster.keeperId, reason: '一个单位一个平台只保留一个账号' });
    expect(plan.status).toBe(201);
    expect(plan.body.closures).toHaveLength(1);
    expect(plan.body.closures[0]).toMatchObject({ accountId: b.id, successorAccountId: a.id, status: 'pending' });
  });

  it('refuses candidates of another region (403)', async () => {
    const res = await call({ sub: 'o', roles: ['office'], region: '440100' }, 'GET', '/consolidation/candidates?region=330122');
    expect(res.status).toBe(403);
  });
});
