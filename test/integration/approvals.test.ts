import { describe, expect, it } from 'vitest';
import { accountBody, call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id });
const reviewer = (region: string): Caller => ({ sub: `reviewer-${region}`, roles: ['reviewer'], region });
const flagTypes = (a: { flags: { type: string }[] }) => a.flags.map((f) => f.type);

describe('duplicate exceptions', () => {
  it('clear the duplicate flag once both tiers approve', async () => {
    const dept = await makeDepartment();
    const first = await makeAccount(dept, { platform: 'kuaishou' });
    const second = await makeAccount(dept, { platform: 'kuaishou', name: '淳安应急科普' });
    expect(flagTypes((await call(office(), 'GET', `/accounts/${second.id}`)).body)).toContain('duplicate');

    const req = await call(editorOf(dept), 'POST', `/accounts/${second.id}/duplicate-exception`, { reason: '科普账号面向青少年，受众不同' });
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ kind: 'duplicate_exception', status: 'pending', version: 1 });
    const pending = await call(reviewer('330127'), 'GET', '/approval-requests?status=pending&limit=500');
    expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(req.body.id);

    expect((await call(approverOf(dept), 'POST', `/approval-requests/${req.body.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(200);
    const done = await call(reviewer('330127'), 'POST', `/approval-requests/${req.body.id}/decisions`, { decision: 'approve', version: 2 });
    expect(done.body.status).toBe('approved');

    const after = (await call(office(), 'GET', `/accounts/${second.id}`)).body;
    expect(after.duplicateException).toBe(true);
    expect(flagTypes(after)).not.toContain('duplicate');
    void first;
  });

  it('forbids deciding on your own request (403)', async () => {
    const dept = await makeDepartment();
    await makeAccount(dept, { platform: 'bilibili' });
    const second = await makeAccount(dept, { platform: 'bilibili' });
    const both: Caller = { sub: 'both-roles', roles: ['editor', 'approver'], region: dept.regionCode, department: dept.id };
    const req = await call(both, 'POST', `/accounts/${second.id}/duplicate-exception`, { reason: '理由' });
    expect((await call(both, 'POST', `/approval-requests/${req.body.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(403);
  });
});

describe('account openings under a profile that requires approval', () => {
  const region = '330182';
  const admin: Caller = { sub: 'admin-330182', roles: ['admin', 'office'], region };

  it('start as opening_pending and become active once approved', async () => {
    expect((await call(admin, 'PUT', `/regions/${region}/profile`, { profile: 'strict-10day' })).status).toBe(200);
    const dept = await makeDepartment(region);
    const created = await call(editorOf(dept), 'POST', '/accounts', accountBody(dept.id));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('opening_pending');
    const list = await call(reviewer(region), 'GET', `/approval-requests?status=pending&kind=opening`);
    const request = list.body.items.find((r: { accountId: string }) => r.accountId === created.body.id);
    expect(request).toMatchObject({ kind: 'opening', tiers: ['reviewer'] });
    const decided = await call(reviewer(region), 'POST', `/approval-requests/${request.id}/decisions`, { decision: 'approve', version: 1 });
    expect(decided.body.status).toBe('approved');
    expect((await call(office(region), 'GET', `/accounts/${created.body.id}`)).body.status).toBe('active');
  });

  it('archive the account when rejected', async () => {
    const dept = await makeDepartment(region);
    const created = await call(editorOf(dept), 'POST', '/accounts', accountBody(dept.id));
    const list = await call(reviewer(region), 'GET', `/approval-requests?status=pending&kind=opening&limit=500`);
    const request = list.body.items.find((r: { accountId: string }) => r.accountId === created.body.id);
    const decided = await call(reviewer(region), 'POST', `/approval-requests/${request.id}/decisions`, { decision: 'reject', note: '职能重复', version: 1 });
    expect(decided.body.status).toBe('rejected');
    expect((await call(office(region), 'GET', `/accounts/${created.body.id}`)).body.status).toBe('closed');
  });
});
