import { describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { ConnectorError, ManualConnector, type Connector, type ConnectorSet, type PublishInput, type PublishResult, type RecentActivity } from '../../functions/connectors';
import { runDispatch, type DispatchDeps } from '../../functions/jobs/dispatch';
import { runFetch } from '../../functions/jobs/fetch';
import { auditEntry } from '../../shared/audit/audit';
import type { Principal } from '../../shared/auth/principal';
import { createScheduledPost, decideScheduledPost, submitScheduledPost, type ScheduledPost } from '../../shared/scheduling';
import { mapLimit } from '../../shared/util/concurrency';
import { nextActionAt } from '../../shared/scheduling/service';
import { call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

const deps = localDeps();

/**
 * Content scheduling end to end over DynamoDB Local: the review chain through the HTTP
 * API, the dispatcher (with fake connectors where a platform is involved, the real
 * manual connector otherwise) with injected clocks, the calendar, and credentials.
 */

type Dept = { id: string; regionCode: string };
const REGION = '330127';
const HOUR = 3_600_000;
const MINUTE = 60_000;

const approver = (dept: Dept, who: string): Caller => ({ sub: `${who}-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: who });
const principal = (c: Caller): Principal => ({ sub: c.sub, name: c.name ?? c.sub, roles: c.roles, region: c.region, ...(c.department ? { department: c.department } : {}) });
const at = (base: string | number, plusMs: number) => new Date((typeof base === 'string' ? Date.parse(base) : base) + plusMs).toISOString();
const clockAt = (instant: string) => ({ now: () => instant });

const draftBody = (accountId: string, publishAt: string, overrides: Record<string, unknown> = {}) => ({
  accountId,
  publishAt,
  title: '医保电子凭证办理指南',
  body: '一、打开微信搜索“医保电子凭证”。\n二、按提示完成实名认证，即可在定点医院和药店扫码就医购药。',
  category: 'service',
  ...overrides,
});

async function setup(platform = 'wechat') {
  const dept = await makeDepartment(REGION);
  const account = await makeAccount(dept, { platform });
  return { dept, account, editor: editorOf(dept), head: approver(dept, '科长'), leader: approver(dept, '主任') };
}

async function createDraft(editor: Caller, accountId: string, publishAt: string, overrides: Record<string, unknown> = {}) {
  const res = await call(editor, 'POST', '/scheduled-posts', draftBody(accountId, publishAt, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as ScheduledPost;
}

/** Draft → submit → section head → leader, through the API. */
async function approvedPost(s: Awaited<ReturnType<typeof setup>>, publishAt: string) {
  const draft = await createDraft(s.editor, s.account.id, publishAt);
  const submitted = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: draft.version });
  const one = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: submitted.body.version });
  const two = await call(s.leader, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: one.body.version });
  expect(two.body.status, JSON.stringify(two.body)).toBe('approved');
  return two.body as ScheduledPost;
}

async function stored(id: string): Promise<ScheduledPost> {
  const post = await deps.stores.scheduledPosts.get(id);
  if (!post) throw new Error(`no post ${id}`);
  return post;
}

/** A platform connector that counts publish calls per post and answers as scripted. */
class FakeConnector implements Connector {
  readonly name = 'wechat' as const;
  readonly calls = new Map<string, number>();
  constructor(private readonly answer: (postId: string, call: number) => PublishResult | Error = (id) => published(id)) {}

  async publish(input: PublishInput): Promise<PublishResult> {
    const n = (this.calls.get(input.post.id) ?? 0) + 1;
    this.calls.set(input.post.id, n);
    await new Promise((r) => setTimeout(r, Math.random() * 5)); // let racing dispatchers interleave
    const result = this.answer(input.post.id, n);
    if (result instanceof Error) throw result;
    return result;
  }

  callsFor(ids: readonly string[]): number {
    return ids.reduce((sum, id) => sum + (this.calls.get(id) ?? 0), 0);
  }
}

const published = (postId: string): PublishResult => ({ status: 'published', platformPostId: `wx-${postId}`, url: `https://mp.weixin.qq.com/s/${postId}` });
const withCredentials = { get: async () => ({ appId: 'wx-test', appSecret: 'not-a-real-secret' }) };

function dispatcher(now: string, connector: Connector, vault: DispatchDeps['vault'] = withCredentials): DispatchDeps {
  const connectors: ConnectorSet = { manual: new ManualConnector(), byPlatform: { wechat: connector } };
  return { ...deps, clock: clockAt(now), connectors, vault };
}

describe('the review chain (三审)', () => {
  it('goes draft → in_review → approved by section head then leader, answering the whole post each time', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), 3 * HOUR);
    const draft = await createDraft(s.editor, s.account.id, publishAt);
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      accountId: s.account.id,
      departmentId: s.dept.id,
      regionCode: REGION,
      publishAt,
      reviewSteps: ['approver', 'approver'],
      checks: [],
      round: 0,
    });
    expect(typeof draft.id).toBe('string');

    const submitted = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ id: draft.id, status: 'in_review', version: 2, round: 1, title: draft.title, body: draft.body });

    const first = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', note: '内容准确', version: 2 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: draft.id, status: 'in_review', version: 3, title: draft.title });
    expect(first.body.decisions).toEqual([expect.objectContaining({ round: 1, step: 0, decision: 'approve', by: { sub: s.head.sub, name: '科长' }, note: '内容准确' })]);

    const second = await call(s.leader, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 3 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: draft.id, status: 'approved', version: 4, publishAt, body: draft.body });
    expect(second.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'approve', 'approve']);

    const read = await call(office(), 'GET', `/scheduled-posts/${draft.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(second.body);

    // Every write left an audit entry (written in the same transaction as the post).
    const audit = await call(office(), 'GET', `/audit-log?entity=scheduled_post:${draft.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(
      ['scheduled_post.approve', 'scheduled_post.approve', 'scheduled_post.create', 'scheduled_post.submit'],
    );
  });

  it('refuses self-approval with 403 self_approval', async () => {
    const s = await setup();
    const both: Caller = { sub: `both-${s.dept.id}`, roles: ['editor', 'approver'], region: REGION, department: s.dept.id, name: '陈双岗' };
    const draft = await createDraft(both, s.account.id, at(Date.now(), 3 * HOUR));
    await call(both, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    const res = await call(both, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 2 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('self_approval');
    expect((await stored(draft.id)).status).toBe('in_review');
  });

  it('refuses the same approver on two steps with 403', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    const first = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 2 });
    expect(first.status).toBe(200);
    const again = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 3 });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('repeat_reviewer');
    expect(await stored(draft.id)).toMatchObject({ status: 'in_review', version: 3 });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    const edited = await call(s.editor, 'PATCH', `/scheduled-posts/${draft.id}`, { title: '医保电子凭证申领指南', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', version: 2, title: '医保电子凭证申领指南' });
    const stale = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', version: 2 });
    // If-Match works as well as a body version.
    const viaHeader = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, {}, { 'if-match': '"2"' });
    expect(viaHeader.body).toMatchObject({ status: 'in_review', version: 3 });
  });

  it('refuses an If-Match that is no version with 400 at If-Match, as the registry does, and changes nothing', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    const res = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, {}, { 'if-match': '"abc"' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'If-Match', code: 'invalid_format' })]);
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('sends a rejected post back as `rejected` with the note; an edit makes it a draft, a new round restarts the chain', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    const noNote = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'reject', version: 2 });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.issues).toEqual([expect.objectContaining({ path: 'note' })]);

    const rejected = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'reject', note: '请补充办理地址', version: 2 });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', version: 3 });
    expect(rejected.body.decisions.at(-1)).toMatchObject({ decision: 'reject', step: 0, note: '请补充办理地址', by: { sub: s.head.sub } });
    expect(rejected.body.history.at(-1)).toMatchObject({ action: 'reject', from: 'in_review', to: 'rejected', note: '请补充办理地址' });

    const edited = await call(s.editor, 'PATCH', `/scheduled-posts/${draft.id}`, { body: `${draft.body}\n办理地址：县行政服务中心一楼。`, version: 3 });
    expect(edited.body).toMatchObject({ status: 'draft', version: 4 });
    const resubmitted = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 4 });
    expect(resubmitted.body).toMatchObject({ status: 'in_review', round: 2 });
    // The same section head may approve in the new round.
    const approved = await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 5 });
    expect(approved.status).toBe(200);
  });

  it('blocks submission of a draft with an ID-card number (severe finding) with 422', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR), { body: '获奖群众王某，身份证号 11010519491231002X，请到县民政局领取。' });
    expect(draft.checks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'personal_data', severity: 'severe' })]));
    const res = await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('content_blocked');
  });

  it('stores ordinary findings (off-mission terms, a mobile number) as warnings that do not block submission', async () => {
    const s = await setup();
    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR), {
      title: '转发抽奖送手机',
      body: '关注本号并转发，抽奖送手机，联系人 13812345678。',
      category: 'other',
    });
    expect(draft.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'off_mission', severity: 'ordinary' }),
        expect.objectContaining({ kind: 'personal_data', severity: 'ordinary' }),
      ]),
    );
    expect(draft.checks.every((c) => c.severity === 'ordinary')).toBe(true);
    expect((await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 })).status).toBe(200);
  });

  it('refuses a publish time in the past (422) and hides posts from other departments (404)', async () => {
    const s = await setup();
    const past = await call(s.editor, 'POST', '/scheduled-posts', draftBody(s.account.id, at(Date.now(), -MINUTE)));
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('publish_at_past');

    const draft = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    const other = await makeDepartment(REGION);
    expect((await call(editorOf(other), 'GET', `/scheduled-posts/${draft.id}`)).status).toBe(404);
    expect((await call(approver(other, '外单位'), 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 })).status).toBe(404);
    expect((await call(office('330100'), 'GET', `/scheduled-posts/${draft.id}`)).status).toBe(200);
    expect((await call(office('330102'), 'GET', `/scheduled-posts/${draft.id}`)).status).toBe(404);
    // An office sees it but does not draft.
    expect((await call(office(), 'POST', '/scheduled-posts', draftBody(s.account.id, at(Date.now(), HOUR)))).status).toBe(403);
  });

  it('lists the reviewers’ inbox by status over a region, and a department’s posts', async () => {
    const s = await setup();
    const a = await createDraft(s.editor, s.account.id, at(Date.now(), 3 * HOUR));
    const b = await createDraft(s.editor, s.account.id, at(Date.now(), 4 * HOUR));
    await call(s.editor, 'POST', `/scheduled-posts/${a.id}/submit`, { version: 1 });

    const inbox = await call(office(), 'GET', `/scheduled-posts?status=in_review&region=${REGION}&limit=500`);
    expect(inbox.status).toBe(200);
    const inboxIds = inbox.body.items.map((p: ScheduledPost) => p.id);
    expect(inboxIds).toContain(a.id);
    expect(inboxIds).not.toContain(b.id);
    expect(inbox.body.items.find((p: ScheduledPost) => p.id === a.id)).toMatchObject({ status: 'in_review', title: a.title, body: a.body });

    const mine = await call(s.editor, 'GET', '/scheduled-posts');
    expect(mine.body.items.map((p: ScheduledPost) => p.id)).toEqual([b.id, a.id]); // latest publish time first
    const drafts = await call(s.head, 'GET', `/scheduled-posts?department=${s.dept.id}&status=draft`);
    expect(drafts.body.items.map((p: ScheduledPost) => p.id)).toEqual([b.id]);
    expect((await call(office(), 'GET', '/scheduled-posts')).status).toBe(400);
  });
});

describe('expiry', () => {
  it('expires a post that is not fully approved when its publish time passes (dispatcher tick)', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), 2 * HOUR);
    const draft = await createDraft(s.editor, s.account.id, publishAt);
    await call(s.editor, 'POST', `/scheduled-posts/${draft.id}/submit`, { version: 1 });
    await call(s.head, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 2 });
    const stillDraft = await createDraft(s.editor, s.account.id, publishAt);

    const connector = new FakeConnector();
    // One minute before: nothing happens.
    await runDispatch({}, dispatcher(at(publishAt, -MINUTE), connector));
    expect((await stored(draft.id)).status).toBe('in_review');
    // At publishAt exactly: expired, never published.
    const report = await runDispatch({}, dispatcher(publishAt, connector));
    expect(report.expired).toBeGreaterThanOrEqual(2);
    const expired = await call(s.editor, 'GET', `/scheduled-posts/${draft.id}`);
    expect(expired.body).toMatchObject({ status: 'expired', version: 4 });
    expect(expired.body.history.at(-1)).toMatchObject({ action: 'expire', from: 'in_review', to: 'expired', by: { sub: 'system' } });
    expect((await stored(stillDraft.id)).status).toBe('expired');
    expect(connector.callsFor([draft.id, stillDraft.id])).toBe(0);

    const late = await call(s.leader, 'POST', `/scheduled-posts/${draft.id}/decisions`, { decision: 'approve', version: 4 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('illegal_transition');
  });
});

describe('the dispatcher', () => {
  it('publishes each of 200 due posts exactly once when two dispatchers race', async () => {
    const depts = await Promise.all([0, 1].map(() => makeDepartment(REGION)));
    const accounts = await Promise.all(depts.flatMap((d) => [makeAccount(d), makeAccount(d)].map(async (a) => ({ dept: d, account: await a }))));
    const t0 = new Date().toISOString();
    const publishAt = at(t0, 30 * MINUTE);
    // Seeded through the domain functions and the repository (800 HTTP calls would only slow the test down).
    const posts = await mapLimit(Array.from({ length: 200 }, (_, i) => i), 16, async (i) => {
      const { dept, account } = accounts[i % accounts.length]!;
      const editor = principal({ ...editorOf(dept), name: '编辑' });
      let post = createScheduledPost(
        { accountId: account.id, publishAt, title: `服务指南 ${i}`, body: `第 ${i} 条：社保卡线上办理步骤。`, category: 'service' },
        { id: deps.ids.next(), now: t0, actor: editor, account: { id: account.id, regionCode: REGION, departmentId: dept.id, status: 'active' } },
      );
      post = submitScheduledPost(post, { version: post.version }, editor, t0);
      post = decideScheduledPost(post, { decision: 'approve', version: post.version }, principal(approver(dept, '科长')), t0);
      post = decideScheduledPost(post, { decision: 'approve', version: post.version }, principal(approver(dept, '主任')), t0);
      expect(post.status).toBe('approved');
      await deps.stores.scheduledPosts.create(post, auditEntry(editor, 'scheduled_post.create', { type: 'scheduled_post', id: post.id }, post, null, null, t0, deps.ids.next()), nextActionAt(post));
      return post;
    });
    const ids = posts.map((p) => p.id);

    const connector = new FakeConnector();
    const now = at(t0, HOUR);
    const [a, b] = await Promise.all([runDispatch({}, { ...dispatcher(now, connector), concurrency: 8 }), runDispatch({}, { ...dispatcher(now, connector), concurrency: 8 })]);
    expect(a.errors, JSON.stringify(a.errors)).toEqual([]);
    expect(b.errors, JSON.stringify(b.errors)).toEqual([]);
    // Both saw every post due; for each, one took it and the other lost the conditional write.
    expect(a.started + b.started).toBeGreaterThanOrEqual(200);
    expect(a.lost + b.lost).toBeGreaterThanOrEqual(200);

    for (const id of ids) expect(connector.calls.get(id), id).toBe(1);
    expect(connector.callsFor(ids)).toBe(200);
    const after = await mapLimit(ids, 16, stored);
    expect(after.filter((p) => p.status === 'published')).toHaveLength(200);
    expect(after[0]).toMatchObject({ platformPostId: `wx-${ids[0]}`, attempts: 1 });

    // A third tick finds nothing left to publish.
    await runDispatch({}, dispatcher(at(now, MINUTE), connector));
    expect(connector.callsFor(ids)).toBe(200);
    // Each publication is an activity post of its account, once.
    const total = await Promise.all(accounts.map(async ({ account }) => (await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount as number));
    expect(total.reduce((x, y) => x + y, 0)).toBe(200);
  });

  it('retries a connector that fails twice, then publishes once', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), HOUR);
    const post = await approvedPost(s, publishAt);
    const busy = new ConnectorError('retryable', 'wechat', '-1', '系统繁忙，请稍后再试');
    const connector = new FakeConnector((id, n) => (n <= 2 ? busy : published(id)));

    const t1 = at(publishAt, MINUTE);
    await runDispatch({}, dispatcher(t1, connector));
    const first = await stored(post.id);
    expect(first).toMatchObject({ status: 'approved', attempts: 1, nextAttemptAt: at(t1, MINUTE), lastError: { kind: 'retryable', code: '-1', attempt: 1 } });

    await runDispatch({}, dispatcher(at(t1, 30_000), connector)); // not due yet: backoff holds
    expect(connector.calls.get(post.id)).toBe(1);

    const t2 = at(t1, 5 * MINUTE);
    await runDispatch({}, dispatcher(t2, connector));
    expect(await stored(post.id)).toMatchObject({ status: 'approved', attempts: 2, nextAttemptAt: at(t2, 2 * MINUTE) });

    const t3 = at(t2, 10 * MINUTE);
    await runDispatch({}, dispatcher(t3, connector));
    await runDispatch({}, dispatcher(at(t3, 10 * MINUTE), connector));
    expect(connector.calls.get(post.id)).toBe(3);
    const done = await call(s.editor, 'GET', `/scheduled-posts/${post.id}`);
    expect(done.body).toMatchObject({ status: 'published', attempts: 3, platformPostId: `wx-${post.id}`, platformUrl: `https://mp.weixin.qq.com/s/${post.id}` });
    expect(done.body.lastError).toBeUndefined();
    const activity = await call(s.editor, 'GET', `/accounts/${s.account.id}/posts`);
    expect(activity.body.items.filter((p: { externalId: string }) => p.externalId === `wx-${post.id}`)).toHaveLength(1);
  });

  it('gives up after the attempt limit: `failed`, with the last error kept', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), HOUR);
    const post = await approvedPost(s, publishAt);
    const connector = new FakeConnector(() => new ConnectorError('retryable', 'wechat', '45009', '接口调用超过当日限额'));
    for (let k = 0; k < 7; k++) await runDispatch({}, dispatcher(at(publishAt, k * HOUR + MINUTE), connector));
    expect(connector.calls.get(post.id)).toBe(5);
    const failed = await call(s.editor, 'GET', `/scheduled-posts/${post.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', attempts: 5, lastError: { kind: 'retryable', code: '45009', message: '接口调用超过当日限额', attempt: 5 } });
    expect(failed.body.history.at(-1)).toMatchObject({ action: 'failed', to: 'failed' });

    // The editor may retry (attempts restart); it is due at once.
    const retried = await call(s.editor, 'POST', `/scheduled-posts/${post.id}/retry`, { version: failed.body.version });
    expect(retried.body).toMatchObject({ status: 'approved', attempts: 0, lastError: { code: '45009' } });
  });

  it('never publishes twice after a timeout: the post waits in needs_confirmation', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), HOUR);
    const post = await approvedPost(s, publishAt);
    const connector = new FakeConnector((id, n) => (n === 1 ? new ConnectorError('timeout', 'wechat', 'timeout', '平台响应超时，发布结果未知') : published(id)));
    await runDispatch({}, dispatcher(at(publishAt, MINUTE), connector));
    expect(await stored(post.id)).toMatchObject({ status: 'needs_confirmation', confirmation: { reason: 'timeout', autoCheck: false }, lastError: { kind: 'timeout' } });
    for (const k of [1, 2, 24]) await runDispatch({}, dispatcher(at(publishAt, k * HOUR), connector));
    expect(connector.calls.get(post.id)).toBe(1);
    expect((await stored(post.id)).status).toBe('needs_confirmation');

    // A person checked: not there. Back in the queue, due now.
    const current = await stored(post.id);
    const notThere = await call(s.editor, 'POST', `/scheduled-posts/${post.id}/confirm-not-published`, { version: current.version });
    expect(notThere.body).toMatchObject({ status: 'approved' });
  });

  it('recovers a post left in `publishing` by a dispatcher that died: needs_confirmation, not a second publish', async () => {
    const s = await setup();
    const publishAt = at(Date.now(), HOUR);
    const post = await approvedPost(s, publishAt);
    const hang = new FakeConnector(() => new Error('the process died here'));
    // Simulate the crash: take the post (publishing) and never settle it.
    const { startPublishing } = await import('../../shared/scheduling');
    const taken = startPublishing(post, at(publishAt, MINUTE));
    await deps.stores.scheduledPosts.replace(post, taken, auditEntry(principal(s.editor), 'scheduled_post.dispatch', { type: 'scheduled_post', id: post.id }, post, null, null, taken.updatedAt, deps.ids.next()), nextActionAt(taken));
    await runDispatch({}, dispatcher(at(publishAt, 5 * MINUTE), hang));
    expect((await stored(post.id)).status).toBe('publishing');
    await runDispatch({}, dispatcher(at(publishAt, 20 * MINUTE), hang));
    expect(await stored(post.id)).toMatchObject({ status: 'needs_confirmation', confirmation: { reason: 'interrupted' } });
    expect(hang.calls.get(post.id)).toBeUndefined();
  });

  it('manual path: needs_confirmation with a task, then /confirm with the URL publishes it and records an activity post', async () => {
    const s = await setup('douyin');
    const publishAt = at(Date.now(), HOUR);
    const post = await approvedPost(s, publishAt);
    // No platform connector for Douyin: the real manual connector takes it (no credentials needed).
    const manualOnly: DispatchDeps = { ...deps, clock: clockAt(at(publishAt, MINUTE)), connectors: { manual: new ManualConnector(), byPlatform: {} }, vault: { get: async () => undefined } };
    await runDispatch({}, manualOnly);
    const waiting = await call(s.editor, 'GET', `/scheduled-posts/${post.id}`);
    expect(waiting.body).toMatchObject({ status: 'needs_confirmation', confirmation: { reason: 'manual', autoCheck: false, taskId: `govmedia-${post.id}` } });
    // Further ticks leave it alone.
    await runDispatch({}, { ...manualOnly, clock: clockAt(at(publishAt, HOUR)) });
    expect((await stored(post.id)).version).toBe(waiting.body.version);

    const url = 'https://www.douyin.com/video/7300000000000000001';
    const bad = await call(s.editor, 'POST', `/scheduled-posts/${post.id}/confirm`, { url: 'not a url', version: waiting.body.version });
    expect(bad.status).toBe(400);
    const confirmed = await call(s.head, 'POST', `/scheduled-posts/${post.id}/confirm`, { url, version: waiting.body.version });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: post.id, status: 'published', platformUrl: url, version: waiting.body.version + 1 });
    expect(confirmed.body.confirmation).toBeUndefined();

    const activity = await call(s.editor, 'GET', `/accounts/${s.account.id}/posts`);
    expect(activity.status).toBe(200);
    expect(activity.body.items).toEqual([expect.objectContaining({ externalId: `govmedia-${post.id}`, url, title: post.title, text: post.body })]);
    expect((await call(s.editor, 'GET', `/accounts/${s.account.id}`)).body.postCount).toBe(1);
  });
});

describe('GET /calendar', () => {
  const beijingDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

  it('warns about an account about to go stale with suggested slots; scheduling them removes the warning', async () => {
    const s = await setup();
    const lastPost = at(Date.now(), -10 * 24 * HOUR);
    await call(office(), 'POST', `/accounts/${s.account.id}/posts`, {
      posts: [{ externalId: 'last', publishedAt: lastPost, title: '社保卡办理指南', text: '社保卡线上申领步骤：登录浙里办，选择社保卡申领，按提示上传照片。' }],
    });
    const from = beijingDate(Date.now());
    const to = beijingDate(Date.now() + 13 * 24 * HOUR);

    const before = await call(s.editor, 'GET', `/calendar?department=${s.dept.id}&from=${from}&to=${to}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ department: s.dept.id, from, to, posts: [] });
    expect(Array.isArray(before.body.published)).toBe(true);
    const gap = before.body.warnings.find((w: { type: string; accountId: string }) => w.type === 'no_update_gap' && w.accountId === s.account.id);
    expect(gap, JSON.stringify(before.body.warnings)).toBeDefined();
    expect(gap.suggestedSlots.length).toBeGreaterThan(0);
    expect(gap.lastPostOn).toBe(beijingDate(Date.parse(lastPost)));

    for (const slot of gap.suggestedSlots as string[]) await createDraft(s.editor, s.account.id, slot);

    const after = await call(s.editor, 'GET', `/calendar?department=${s.dept.id}&from=${from}&to=${to}`);
    expect(after.status).toBe(200);
    expect(after.body.warnings.filter((w: { type: string; accountId: string }) => w.type === 'no_update_gap' && w.accountId === s.account.id)).toEqual([]);
    expect(after.body.posts.map((p: ScheduledPost) => p.publishAt)).toEqual(gap.suggestedSlots);
  });

  it('is 404 for another department and 400 for a bad range', async () => {
    const s = await setup();
    const other = await makeDepartment(REGION);
    expect((await call(editorOf(other), 'GET', `/calendar?department=${s.dept.id}&from=2026-11-01&to=2026-11-30`)).status).toBe(404);
    const bad = await call(s.editor, 'GET', `/calendar?department=${s.dept.id}&from=2026-11-30&to=2026-11-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('to');
  });
});

describe('platform credentials', () => {
  const secret = 'S3cr3t-app-secret-value-0123456789';

  it('are stored by an office, never returned or audited, and drive the fetch job', async () => {
    const s = await setup();
    const editorTry = await call(s.editor, 'PUT', `/accounts/${s.account.id}/credentials`, { appId: 'wx1234567890', appSecret: secret });
    expect(editorTry.status).toBe(403);
    expect((await call(office(), 'GET', `/accounts/${s.account.id}/credentials`)).body).toEqual({ configured: false, platform: 'wechat' });

    const missing = await call(office(), 'PUT', `/accounts/${s.account.id}/credentials`, { appId: 'wx1234567890', apSecret: secret });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).not.toContain(secret);

    const put = await call(office(), 'PUT', `/accounts/${s.account.id}/credentials`, { appId: 'wx1234567890', appSecret: secret, thumbMediaId: 'media-1' });
    expect(put.status).toBe(204);
    const status = await call(s.editor, 'GET', `/accounts/${s.account.id}/credentials`);
    expect(status.body).toEqual({ configured: true, platform: 'wechat' });
    expect(await deps.vault.get(s.account.id)).toEqual({ appId: 'wx1234567890', appSecret: secret, thumbMediaId: 'media-1' });
    const audit = await call(office(), 'GET', `/audit-log?entity=account:${s.account.id}`);
    expect(audit.body.items.some((e: { action: string }) => e.action === 'account.credentials.set')).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(secret);

    // The daily fetch: posts and followers through the connector, idempotent on re-run.
    const recent: RecentActivity = {
      posts: [
        { externalId: 'wx-a1', publishedAt: at(Date.now(), -2 * 24 * HOUR), title: '医保缴费提醒', text: '2027年度城乡居民医保缴费开始，可在浙里办线上缴纳。' },
        { externalId: 'wx-a2', publishedAt: at(Date.now(), -24 * HOUR), text: '县政务服务中心周六正常开放。' },
      ],
      followers: 12345,
    };
    const fetching: Connector = { name: 'wechat', publish: async () => published('x'), fetchRecent: async () => recent };
    const fetchDeps = { ...deps, connectors: { manual: new ManualConnector(), byPlatform: { wechat: fetching } } };
    const first = await runFetch({ platform: 'wechat' }, fetchDeps);
    expect(first.failed).toEqual([]);
    expect(first.accepted).toBeGreaterThanOrEqual(2);
    await runFetch({ platform: 'wechat' }, fetchDeps);
    const account = (await call(office(), 'GET', `/accounts/${s.account.id}`)).body;
    expect(account.postCount).toBe(2);
    const metrics = await call(office(), 'GET', `/accounts/${s.account.id}/metrics`);
    expect(metrics.body.items[0]).toMatchObject({ followers: 12345 });
  });

  it('can be revoked by an office: the secret leaves the vault and the fetch job skips the account', async () => {
    const s = await setup();
    await call(office(), 'PUT', `/accounts/${s.account.id}/credentials`, { appId: 'wx1234567890', appSecret: secret });
    expect((await call(s.editor, 'DELETE', `/accounts/${s.account.id}/credentials`)).status).toBe(403);
    expect((await call(office(), 'DELETE', `/accounts/${s.account.id}/credentials`)).status).toBe(204);
    expect((await call(office(), 'GET', `/accounts/${s.account.id}/credentials`)).body).toEqual({ configured: false, platform: 'wechat' });
    expect(await deps.vault.get(s.account.id)).toBeUndefined();
    expect(await deps.stores.credentials.accountIds('wechat')).not.toContain(s.account.id);
    expect((await call(office(), 'DELETE', `/accounts/${s.account.id}/credentials`)).status).toBe(404);
  });

  it('are refused for a platform without a connector (422)', async () => {
    const s = await setup('douyin');
    const res = await call(office(), 'PUT', `/accounts/${s.account.id}/credentials`, { token: 'x1234567' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('no_connector');
  });
});
