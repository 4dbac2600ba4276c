import { afterEach, describe, expect, it } from 'vitest';
import { accountBody, call, editorOf, makeDepartment, office, unique, type Caller } from '../support/api';

const REGION = '330182';
const setClock = (now: string) => call(null, 'PUT', '/dev/clock', { now });
const sweep = () => call(null, 'POST', '/dev/jobs/sweep');

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

async function account(dept: { id: string; regionCode: string }, overrides: Record<string, unknown> = {}) {
  const res = await call(office(dept.regionCode), 'POST', '/accounts', accountBody(dept.id, { name: `${dept.id}发布`, ...overrides }));
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id });

async function notes(caller: Caller, type?: string) {
  const res = await call(caller, 'GET', '/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; type: string; entity: { id: string } }[]).filter((n) => !type || n.type === type);
}

describe('stale escalation (national: day 10 editors, day 12 approvers, day 14 the office)', () => {
  it('gives exactly the notifications the profile says, once each, over repeated sweeps', async () => {
    const region = '330183';
    const dept = await makeDepartment(region);
    const other = await makeDepartment(region);
    await setClock('2027-02-01T09:00:00+08:00');
    const acc = await account(dept);
    const post = await call(editorOf(dept), 'POST', `/accounts/${acc.id}/posts`, {
      posts: [{ externalId: unique('p'), publishedAt: '2027-02-01T08:00:00+08:00', title: '办事指南', text: '社保卡办理流程' }],
    });
    expect(post.status).toBe(200);
    const counts = async () => ({
      editor: (await notes(editorOf(dept), 'stale_warning')).filter((n) => n.entity.id === acc.id).length,
      approver: (await notes(approverOf(dept), 'stale_warning')).filter((n) => n.entity.id === acc.id).length,
      office: (await notes(office(region), 'stale_warning')).filter((n) => n.entity.id === acc.id).length,
      otherEditor: (await notes(editorOf(other), 'stale_warning')).length,
    });
    const expected: [string, { editor: number; approver: number; office: number }][] = [
      ['2027-02-10', { editor: 0, approver: 0, office: 0 }],
      ['2027-02-11', { editor: 1, approver: 0, office: 0 }],
      ['2027-02-12', { editor: 1, approver: 0, office: 0 }],
      ['2027-02-13', { editor: 1, approver: 1, office: 0 }],
      ['2027-02-15', { editor: 1, approver: 1, office: 1 }],
    ];
    for (const [day, want] of expected) {
      await setClock(`${day}T03:00:00+08:00`);
      await sweep();
      await sweep();
      expect(await counts(), day).toEqual({ ...want, otherEditor: 0 });
    }
  });
});

describe('notifications are read per user', () => {
  it('marking one read changes the unread count for that user only', async () => {
    const region = '330184';
    const dept = await makeDepartment(region);
    await setClock('2027-03-01T09:00:00+08:00');
    await account(dept);
    await setClock('2027-03-20T09:00:00+08:00');
    await sweep();
    const alice: Caller = { ...editorOf(dept), sub: unique('alice') };
    const bob: Caller = { ...editorOf(dept), sub: unique('bob') };
    const before = await call(alice, 'GET', '/notifications');
    expect(before.body.unread).toBeGreaterThan(0);
    const first = before.body.items[0];
    expect(first.readAt).toBeNull();
    const read = await call(alice, 'POST', `/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await call(alice, 'GET', '/notifications')).body.unread).toBe(before.body.unread - 1);
    expect((await call(bob, 'GET', '/notifications')).body.unread).toBe(before.body.unread);
    const unreadOnly = await call(alice, 'GET', '/notifications?unread=true');
    expect(unreadOnly.body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
  });

  it('a notification of another department is 404 to mark read', async () => {
    const region = '330185';
    const dept = await makeDepartment(region);
    const other = await makeDepartment(region);
    await setClock('2027-03-01T09:00:00+08:00');
    await account(dept);
    await setClock('2027-03-20T09:00:00+08:00');
    await sweep();
    const [n] = await notes(editorOf(dept));
    const res = await call(editorOf(other), 'POST', `/notifications/${n!.id}/read`);
    expect(res.status).toBe(404);
  });

  it('pages with an opaque cursor and refuses a tampered one', async () => {
    const region = '330186';
    const dept = await makeDepartment(region);
    await setClock('2027-03-01T09:00:00+08:00');
    for (let i = 0; i < 3; i++) await account(dept, { platform: ['wechat', 'weibo', 'douyin'][i] });
    await setClock('2027-03-20T09:00:00+08:00');
    await sweep();
    const all = (await call(editorOf(dept), 'GET', '/notifications?limit=200')).body.items.map((n: { id: string }) => n.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; cursor: string | null } } = await call(editorOf(dept), 'GET', `/notifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((n) => n.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await call(editorOf(dept), 'GET', '/notifications?cursor=bm9wZQ')).status).toBe(400);
  });
});

describe('rectification (整改)', () => {
  async function failedInspection(region = REGION, accounts = 2) {
    const dept = await makeDepartment(region);
    const made = [];
    for (let i = 0; i < accounts; i++) made.push(await account(dept, { platform: ['wechat', 'weibo', 'douyin', 'toutiao'][i] }));
    const today = new Date().toISOString().slice(0, 10);
    const insp = await call(office(region), 'POST', '/inspections', { regionCode: region, checkDate: today });
    expect(insp.status).toBe(201);
    return { dept, accounts: made, inspection: insp.body as { id: string; summary: { failed: number } } };
  }

  it('issues one open item per failed account with its problems and the default due date', async () => {
    const { inspection } = await failedInspection('330190');
    const res = await call(office('330190'), 'POST', '/rectifications', { inspectionId: inspection.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ inspectionId: inspection.id, regionCode: '330190', status: 'open' });
    expect(res.body.items).toHaveLength(inspection.summary.failed);
    expect(res.body.items[0]).toMatchObject({ status: 'open', version: 1, problems: expect.arrayContaining([expect.objectContaining({ code: 'no_update' })]) });
    expect(res.body.dueDate > res.body.issuedAt.slice(0, 10)).toBe(true);
    const again = await call(office('330190'), 'POST', '/rectifications', { inspectionId: inspection.id });
    expect(again.status).toBe(409);
  });

  it('an inspection without failures is 422 nothing_to_rectify', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const insp = await call(office('330191'), 'POST', '/inspections', { regionCode: '330191', checkDate: today });
    const res = await call(office('330191'), 'POST', '/rectifications', { inspectionId: insp.body.id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('nothing_to_rectify');
  });

  it('an inspection of another region is 404', async () => {
    const { inspection } = await failedInspection('330192', 1);
    const res = await call(office('440105'), 'POST', '/rectifications', { inspectionId: inspection.id });
    expect(res.status).toBe(404);
  });

  it('the department answers, the office re-checks: still failing is refused, reopen returns it', async () => {
    const { dept, inspection } = await failedInspection('330193', 1);
    const issued = (await call(office('330193'), 'POST', '/rectifications', { inspectionId: inspection.id })).body;
    const item = issued.items[0];
    const answer = await call(editorOf(dept), 'POST', `/rectifications/${issued.id}/items/${item.id}/response`, {
      measures: '已明确专人负责，恢复每周更新',
      evidenceUrls: ['https://mp.weixin.qq.com/s/abc'],
      version: 1,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'responded', version: 2 });
    const accept = await call(office('330193'), 'POST', `/rectifications/${issued.id}/items/${item.id}/review`, { decision: 'accept', version: 2 });
    expect(accept.status).toBe(422);
    expect(accept.body.error.code).toBe('still_failing');
    const reopen = await call(office('330193'), 'POST', `/rectifications/${issued.id}/items/${item.id}/review`, { decision: 'reopen', note: '仍未更新', version: 2 });
    expect(reopen.status).toBe(200);
    expect(reopen.body).toMatchObject({ status: 'open', version: 3, recheck: { verdict: 'fail' } });
  });

  it('accepting an account that passes the re-check verifies it and closes the notice', async () => {
    const { dept, accounts, inspection } = await failedInspection('330194', 1);
    const issued = (await call(office('330194'), 'POST', '/rectifications', { inspectionId: inspection.id })).body;
    const item = issued.items[0];
    const now = Date.now();
    const posts = Array.from({ length: 6 }, (_, i) => ({
      externalId: unique('p'),
      publishedAt: new Date(now - i * 86_400_000).toISOString(),
      title: '社保业务办理指南',
      text: '参保人员可通过浙里办办理社保卡申领，所需材料为身份证，办理时限三个工作日。',
    }));
    expect((await call(editorOf(dept), 'POST', `/accounts/${accounts[0]!.id}/posts`, { posts })).status).toBe(200);
    await call(editorOf(dept), 'POST', `/rectifications/${issued.id}/items/${item.id}/response`, { measures: '恢复更新', version: 1 });
    const accept = await call(office('330194'), 'POST', `/rectifications/${issued.id}/items/${item.id}/review`, { decision: 'accept', version: 2 });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    expect(accept.body).toMatchObject({ status: 'verified', recheck: { verdict: 'pass' } });
    const notice = await call(office('330194'), 'GET', `/rectifications/${issued.id}`);
    expect(notice.body.status).toBe('closed');
  });

  it.each([
    ['review an open item', 'review', { decision: 'accept', version: 1 }, 409, '330171'],
    ['answer with a stale version', 'response', { measures: 'x', version: 5 }, 409, '330172'],
    ['answer with an empty measure', 'response', { measures: ' ', version: 1 }, 400, '330173'],
  ])('cannot %s', async (_, step, bodyOf, status, region) => {
    const { dept, inspection } = await failedInspection(region, 1);
    const issued = (await call(office(region), 'POST', '/rectifications', { inspectionId: inspection.id })).body;
    const caller = step === 'review' ? office(region) : editorOf(dept);
    const res = await call(caller, 'POST', `/rectifications/${issued.id}/items/${issued.items[0].id}/${step}`, bodyOf);
    expect(res.status).toBe(status);
  });

  it('the responder cannot review their own answer', async () => {
    const { dept, inspection } = await failedInspection('330196', 1);
    const issued = (await call(office('330196'), 'POST', '/rectifications', { inspectionId: inspection.id })).body;
    const both: Caller = { sub: unique('both'), roles: ['editor', 'office'], region: '330196', department: dept.id };
    const item = issued.items[0];
    await call(both, 'POST', `/rectifications/${issued.id}/items/${item.id}/response`, { measures: '恢复更新', version: 1 });
    const res = await call(both, 'POST', `/rectifications/${issued.id}/items/${item.id}/review`, { decision: 'reopen', version: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('self_review');
  });

  it('department users see only their own items', async () => {
    const region = '330197';
    const a = await makeDepartment(region);
    const b = await makeDepartment(region);
    await account(a);
    await account(b);
    const today = new Date().toISOString().slice(0, 10);
    const insp = (await call(office(region), 'POST', '/inspections', { regionCode: region, checkDate: today })).body;
    const issued = (await call(office(region), 'POST', '/rectifications', { inspectionId: insp.id })).body;
    expect(issued.items).toHaveLength(2);
    const seenByA = await call(editorOf(a), 'GET', `/rectifications/${issued.id}`);
    expect(seenByA.body.items.map((i: { departmentId: string }) => i.departmentId)).toEqual([a.id]);
    const listed = await call(editorOf(a), 'GET', '/rectifications');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].items.map((i: { departmentId: string }) => i.departmentId)).toEqual([a.id]);
    const foreignItem = issued.items.find((i: { departmentId: string }) => i.departmentId === b.id);
    const answer = await call(editorOf(a), 'POST', `/rectifications/${issued.id}/items/${foreignItem.id}/response`, { measures: 'x', version: 1 });
    expect(answer.status).toBe(404);
    const notified = await notes(editorOf(a), 'rectification_issued');
    expect(notified.map((n) => n.entity.id)).toContain(issued.id);
  });

  it('20 concurrent reviews of one item give one winner', async () => {
    const { dept, inspection } = await failedInspection('330198', 1);
    const issued = (await call(office('330198'), 'POST', '/rectifications', { inspectionId: inspection.id })).body;
    const item = issued.items[0];
    await call(editorOf(dept), 'POST', `/rectifications/${issued.id}/items/${item.id}/response`, { measures: '恢复更新', version: 1 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call({ sub: `rev-${i}`, roles: ['reviewer'], region: '330198' }, 'POST', `/rectifications/${issued.id}/items/${item.id}/review`, { decision: 'reopen', note: `第${i}位`, version: 2 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const after = await call(office('330198'), 'GET', `/rectifications/${issued.id}`);
    expect(after.body.items[0].version).toBe(3);
  });

  it('an item is overdue once its due date has ended in Beijing time, and its account is flagged', async () => {
    await setClock('2027-06-04T10:00:00+08:00'); // a Friday
    const { dept, accounts, inspection } = await failedInspection('330199', 1);
    const issued = (await call(office('330199'), 'POST', '/rectifications', { inspectionId: inspection.id, dueDate: '2027-06-07' })).body;
    await setClock('2027-06-07T23:59:00+08:00');
    expect((await call(office('330199'), 'GET', `/rectifications/${issued.id}`)).body.items[0].status).toBe('open');
    await setClock('2027-06-08T00:01:00+08:00');
    expect((await call(office('330199'), 'GET', `/rectifications/${issued.id}`)).body.items[0].status).toBe('overdue');
    await sweep();
    const acc = await call(office('330199'), 'GET', `/accounts/${accounts[0]!.id}`);
    expect(acc.body.flags.map((f: { type: string }) => f.type)).toContain('rectification_overdue');
    expect((await notes(editorOf(dept), 'rectification_overdue')).length).toBe(1);
    await sweep();
    expect((await notes(editorOf(dept), 'rectification_overdue')).length).toBe(1);
  });
});

describe('extending one item (延期)', () => {
  it('the office moves an overdue item\'s due date; it is open again, and the history keeps the old date', async () => {
    await setClock('2027-09-06T10:00:00+08:00');
    const region = '330174';
    const dept = await makeDepartment(region);
    await account(dept);
    const insp = (await call(office(region), 'POST', '/inspections', { regionCode: region, checkDate: '2027-09-06' })).body;
    const issued = (await call(office(region), 'POST', '/rectifications', { inspectionId: insp.id, dueDate: '2027-09-08' })).body;
    await setClock('2027-09-09T10:00:00+08:00');
    const item = (await call(office(region), 'GET', `/rectifications/${issued.id}`)).body.items[0];
    expect(item.status).toBe('overdue');
    const byEditor = await call(editorOf(dept), 'POST', `/rectifications/${issued.id}/items/${item.id}/extension`, { dueDate: '2027-09-20', note: '需协调技术公司', version: item.version });
    expect(byEditor.status).toBe(403);
    const past = await call(office(region), 'POST', `/rectifications/${issued.id}/items/${item.id}/extension`, { dueDate: '2027-09-09', note: '延期', version: item.version });
    expect(past.status).toBe(422);
    const ok = await call(office(region), 'POST', `/rectifications/${issued.id}/items/${item.id}/extension`, { dueDate: '2027-09-20', note: '需协调技术公司', version: item.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'open', dueDate: '2027-09-20' });
    expect(ok.body.history.at(-1)).toMatchObject({ action: 'extend', note: expect.stringContaining('2027-09-08') });
  });
});

describe('approvals waiting (催办)', () => {
  async function closureOf(region: string) {
    const dept = await makeDepartment(region);
    const acc = await account(dept);
    const closure = await call(editorOf(dept), 'POST', '/closures', { accountId: acc.id, reason: '长期不更新，职能已并入县融媒体中心' });
    expect(closure.status).toBe(201);
    return { dept, closure: closure.body as { id: string; version: number } };
  }

  it('a new closure request tells the first tier (the department approver), and names who must act', async () => {
    await setClock('2027-07-05T10:00:00+08:00'); // Monday
    const { dept, closure } = await closureOf('330161');
    const waiting = await notes(approverOf(dept), 'approval_waiting');
    expect(waiting.map((n) => n.entity.id)).toContain(closure.id);
    const who = await call(editorOf(dept), 'GET', `/closures/${closure.id}/waiting`);
    expect(who.body).toMatchObject({ waiting: true, tier: 0, role: 'approver', roleName: '单位审批人' });
  });

  it('after the approver decides, the office reviewer is told', async () => {
    await setClock('2027-07-05T10:00:00+08:00');
    const { dept, closure } = await closureOf('330162');
    const decided = await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'approve', version: closure.version });
    expect(decided.status).toBe(200);
    const reviewer: Caller = { sub: unique('rev'), roles: ['reviewer'], region: '330162' };
    expect((await notes(reviewer, 'approval_waiting')).map((n) => n.entity.id)).toContain(closure.id);
    expect((await call(editorOf(dept), 'GET', `/closures/${closure.id}/waiting`)).body).toMatchObject({ tier: 1, role: 'reviewer' });
  });

  it('the 催办 button reminds the waiting tier at most once an hour', async () => {
    await setClock('2027-07-05T10:00:00+08:00');
    const { dept, closure } = await closureOf('330163');
    const first = await call(editorOf(dept), 'POST', `/closures/${closure.id}/remind`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sent: true, role: 'approver' });
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/remind`)).body.sent).toBe(false);
    expect((await notes(approverOf(dept), 'approval_reminder')).filter((n) => n.entity.id === closure.id)).toHaveLength(1);
  });

  it('a tier that waited 16 working hours is chased automatically (notify job or sweep), once', async () => {
    await setClock('2027-07-09T16:00:00+08:00'); // Friday 16:00: 1 hour Friday, 8 Monday, 7 Tuesday by 16:00
    const { dept, closure } = await closureOf('330164');
    await setClock('2027-07-13T15:30:00+08:00');
    await sweep();
    expect((await notes(approverOf(dept), 'approval_reminder')).filter((n) => n.entity.id === closure.id)).toHaveLength(0);
    await setClock('2027-07-13T16:30:00+08:00');
    await call(null, 'POST', '/dev/jobs/notify');
    await sweep();
    expect((await notes(approverOf(dept), 'approval_reminder')).filter((n) => n.entity.id === closure.id)).toHaveLength(1);
  });

  it('nothing to chase once decided: 409 not_waiting; a foreign office gets 404', async () => {
    const { dept, closure } = await closureOf('330165');
    await call(approverOf(dept), 'POST', `/closures/${closure.id}/decisions`, { decision: 'reject', note: '请先整改', version: closure.version });
    const res = await call(editorOf(dept), 'POST', `/closures/${closure.id}/remind`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_waiting');
    expect((await call(office('440105'), 'POST', `/closures/${closure.id}/remind`)).status).toBe(404);
  });
});

describe('posts that need a person', () => {
  it('a submitted draft tells its first reviewer; a due post on the manual connector asks the editor to publish and confirm', async () => {
    const region = '330166';
    await setClock('2027-08-02T09:00:00+08:00');
    const dept = await makeDepartment(region);
    const acc = await account(dept);
    const head: Caller = { sub: unique('head'), roles: ['approver'], region, department: dept.id, name: '科长' };
    const leader: Caller = { sub: unique('leader'), roles: ['approver'], region, department: dept.id, name: '主任' };
    const draft = await call(editorOf(dept), 'POST', '/scheduled-posts', {
      accountId: acc.id,
      publishAt: '2027-08-02T15:00:00+08:00',
      title: '医保电子凭证办理指南',
      body: '打开微信搜索“医保电子凭证”，按提示完成实名认证即可扫码就医。',
      category: 'service',
    });
    expect(draft.status).toBe(201);
    const submitted = await call(editorOf(dept), 'POST', `/scheduled-posts/${draft.body.id}/submit`, { version: draft.body.version });
    expect((await notes(head, 'approval_waiting')).map((n) => n.entity.id)).toContain(draft.body.id);
    const one = await call(head, 'POST', `/scheduled-posts/${draft.body.id}/decisions`, { decision: 'approve', version: submitted.body.version });
    const two = await call(leader, 'POST', `/scheduled-posts/${draft.body.id}/decisions`, { decision: 'approve', version: one.body.version });
    expect(two.body.status).toBe('approved');
    await setClock('2027-08-02T15:01:00+08:00');
    await call(null, 'POST', '/dev/jobs/dispatch');
    const post = await call(editorOf(dept), 'GET', `/scheduled-posts/${draft.body.id}`);
    expect(post.body.status).toBe('needs_confirmation');
    expect((await notes(editorOf(dept), 'post_needs_confirmation')).map((n) => n.entity.id)).toEqual([draft.body.id]);
  });
});
