/**
 * The activity summary is kept on ingest (issue 13, decision 33): after posts and metrics arrive
 * through the API, the account's grade from its summary equals the grade from its posts; a
 * re-sent post changes nothing; an account whose summary is missing (data from before it
 * existed) grades the same and gets its summary built.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AssessmentContext, assessAccount } from '../../shared/assessment/inputs';
import { NATIONAL } from '../../shared/profiles/builtin';
import { keys } from '../../functions/store/keys';
import { activityPortsOf, assessmentPortsOf } from '../../functions/wiring/domain-ports';
import { backfillActivity, recordMetricsBatch } from '../../shared/activity/ingest';
import { backfillSummary } from '../../shared/activity/summary';
import { localDeps } from '../../functions/wiring/local';
import { call, makeAccount, makeDepartment, office } from '../support/api';

const deps = localDeps();
const CHECK = '2026-11-20';
const TEXTS = [
  { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，咨询电话 12333。' },
  { title: '县领导调研', text: '县领导到乡镇调研农业生产工作。' },
  { title: '明星演唱会', text: '某明星演唱会门票开抢，粉丝应援打榜。' },
  { title: '政策解读', text: '中华人民共和国国务院发布新规，解读如下。' },
];
const postsOn = (prefix: string, daysBefore: number[]) =>
  daysBefore.map((d, i) => {
    const day = new Date(Date.parse(`${CHECK}T10:00:00+08:00`) - d * 86_400_000).toISOString();
    return { externalId: `${prefix}${i}`, publishedAt: day, ...TEXTS[i % TEXTS.length]! };
  });

/** The grade computed from the account's posts alone (no summary store). */
async function gradeFromPosts(accountId: string) {
  const ports = { ...assessmentPortsOf(deps), summaries: undefined };
  const account = (await ports.accounts.get(accountId))!;
  return (await assessAccount(account, CHECK, NATIONAL, new AssessmentContext(ports))).grade;
}

const gradeOf = async (accountId: string) => (await call(office(), 'GET', `/accounts/${accountId}/grade?at=${CHECK}&profile=national`)).body;
const summaryOf = (accountId: string) => deps.stores.activitySummaries.get(accountId);

describe('activity summary kept on ingest', () => {
  it('a small ingest and a metric snapshot land in the summary, and the grade from it equals the grade from the posts', async () => {
    const account = await makeAccount(await makeDepartment());
    expect((await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('s', [1, 3, 20, 40, 95]) })).status).toBe(200);
    expect((await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-19T08:00:00+08:00', followers: 1200, oldestUnansweredDays: 9 })).status).toBe(201);
    const summary = await summaryOf(account.id);
    expect(Object.values(summary!.days).flatMap((d) => d.ids).sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(summary!.snapshots.map((s) => s.followers)).toEqual([1200]);
    expect(await gradeOf(account.id)).toEqual(await gradeFromPosts(account.id));
  });

  it('a bulk ingest (under the ingest lease) lands in the summary too', async () => {
    const account = await makeAccount(await makeDepartment());
    const days = Array.from({ length: 60 }, (_, i) => i % 100);
    expect((await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('b', days) })).body).toEqual({ accepted: 60, duplicates: 0 });
    const summary = await summaryOf(account.id);
    expect(Object.values(summary!.days).reduce((n, d) => n + d.ids.length, 0)).toBe(60);
    expect(await gradeOf(account.id)).toEqual(await gradeFromPosts(account.id));
  });

  it('re-sending the same posts changes nothing in the summary', async () => {
    const account = await makeAccount(await makeDepartment());
    const posts = postsOn('r', [2, 4, 6]);
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts });
    const before = await summaryOf(account.id);
    expect((await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts })).body).toEqual({ accepted: 0, duplicates: 3 });
    expect(await summaryOf(account.id)).toEqual(before);
  });

  it('an account with posts but no summary grades the same and gets its summary built on first read', async () => {
    const account = await makeAccount(await makeDepartment());
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('l', [1, 2, 30]) });
    const withSummary = await gradeOf(account.id);
    // As if the posts were stored before summaries existed.
    await deps.stores.table.doc.send(new DeleteCommand({ TableName: deps.stores.table.name, Key: keys.activitySummary(account.id) }));
    expect(await summaryOf(account.id)).toBeUndefined();
    expect(await gradeOf(account.id)).toEqual(withSummary);
    expect(Object.values((await summaryOf(account.id))!.days).flatMap((d) => d.ids).sort()).toEqual(['l0', 'l1', 'l2']);
  });

  it('a summary stored as a nested map (before summaries were one JSON string) still grades the same', async () => {
    const account = await makeAccount(await makeDepartment());
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('m', [1, 3, 20]) });
    const current = (await summaryOf(account.id))!;
    const graded = await gradeOf(account.id);
    await deps.stores.table.doc.send(new PutCommand({ TableName: deps.stores.table.name, Item: { ...current, ...keys.activitySummary(account.id) } }));
    expect(await summaryOf(account.id)).toEqual(current);
    expect(await gradeOf(account.id)).toEqual(graded);
  });

  /** As if a writer stopped after storing its activity, before its summary fold and its count on the account. */
  async function forgetSummaryAndCount(accountId: string) {
    const { doc, name } = deps.stores.table;
    await doc.send(new DeleteCommand({ TableName: name, Key: keys.activitySummary(accountId) }));
    await doc.send(new UpdateCommand({ TableName: name, Key: keys.account(accountId), UpdateExpression: 'SET postCount = :zero REMOVE lastPostAt, followers, followersAt', ExpressionAttributeValues: { ':zero': 0 } }));
  }

  it('the first summary of a bulk ingest also holds posts stored before it that no summary or count had taken in', async () => {
    const account = await makeAccount(await makeDepartment());
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('o', [5, 9, 33]) });
    await forgetSummaryAndCount(account.id);
    const bulk = postsOn('n', Array.from({ length: 40 }, (_, i) => i % 60));
    expect((await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: bulk })).body).toEqual({ accepted: 40, duplicates: 0 });
    const ids = Object.values((await summaryOf(account.id))!.days).flatMap((d) => d.ids);
    expect(ids.filter((id) => id.startsWith('o')).sort()).toEqual(['o0', 'o1', 'o2']);
    expect(ids).toHaveLength(43);
    expect(await gradeOf(account.id)).toEqual(await gradeFromPosts(account.id));
  });

  it('the first summary of a bulk ingest also holds a metric snapshot stored before it', async () => {
    const account = await makeAccount(await makeDepartment());
    expect((await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-18T08:00:00+08:00', oldestUnansweredDays: 120 })).status).toBe(201);
    await forgetSummaryAndCount(account.id);
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('q', Array.from({ length: 30 }, (_, i) => i)) });
    expect((await summaryOf(account.id))!.snapshots.map((x) => x.oldestUnansweredDays)).toEqual([120]);
    expect(await gradeOf(account.id)).toEqual(await gradeFromPosts(account.id));
  });

  it('a first bulk ingest of an untouched account folds its posts into a new summary, the same as one built from the store', async () => {
    const account = await makeAccount(await makeDepartment());
    await call(office(), 'POST', `/accounts/${account.id}/posts`, { posts: postsOn('f', Array.from({ length: 50 }, (_, i) => (i * 7) % 130)) });
    const folded = (await summaryOf(account.id))!;
    await deps.stores.table.doc.send(new DeleteCommand({ TableName: deps.stores.table.name, Key: keys.activitySummary(account.id) }));
    const built = await backfillSummary(account.id, folded.coveredFrom, { summaries: deps.stores.activitySummaries, activity: deps.stores.activity });
    expect(built).toEqual(folded);
  });

  it('several snapshots recorded at once: each stored and audited, all in the summary, the newest follower count on the account', async () => {
    const account = await makeAccount(await makeDepartment());
    const snapshots = [
      { at: '2026-11-10T08:00:00+08:00', followers: 900 },
      { at: '2026-11-19T08:00:00+08:00', followers: 1000, messagesReceived: 4, messagesAnswered: 4 },
      { at: '2026-11-15T08:00:00+08:00', followers: 950 },
    ];
    await recordMetricsBatch(account.id, snapshots, { ...office(), name: '县委宣传部' }, activityPortsOf(deps));
    const listed = (await call(office(), 'GET', `/accounts/${account.id}/metrics`)).body.items;
    expect(listed.map((m: { followers: number }) => m.followers)).toEqual([1000, 950, 900]);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.followers).toBe(1000);
    expect((await summaryOf(account.id))!.snapshots.map((x) => x.followers)).toEqual([900, 950, 1000]);
    const log = (await call(office(), 'GET', `/audit-log?entity=account:${account.id}&limit=50`)).body.items;
    expect(log.filter((e: { action: string }) => e.action === 'metrics.record').map((e: { after: { followers: number } }) => e.after.followers).sort()).toEqual([1000, 900, 950]);
  });

  it('posts and snapshots back-filled at once end as ingesting and recording them one after the other would', async () => {
    const dept = await makeDepartment();
    const [together, apart] = [await makeAccount(dept), await makeAccount(dept)];
    const posts = postsOn('w', Array.from({ length: 30 }, (_, i) => i * 3));
    const metrics = [
      { at: '2026-11-12T08:00:00+08:00', followers: 500 },
      { at: '2026-11-19T08:00:00+08:00', followers: 520, oldestUnansweredDays: 4 },
    ];
    const actor = { ...office(), name: '县委宣传部' };
    expect(await backfillActivity(together.id, { posts, metrics }, actor, activityPortsOf(deps))).toMatchObject({ accepted: 30, duplicates: 0 });
    await call(office(), 'POST', `/accounts/${apart.id}/posts`, { posts });
    for (const m of metrics) await call(office(), 'POST', `/accounts/${apart.id}/metrics`, m);
    const [a, b] = [(await summaryOf(together.id))!, (await summaryOf(apart.id))!];
    expect({ ...a, accountId: '', rev: 0 }).toEqual({ ...b, accountId: '', rev: 0 });
    const shown = async (id: string) => {
      const { postCount, lastPostAt, followers } = (await call(office(), 'GET', `/accounts/${id}`)).body;
      const actions = (await call(office(), 'GET', `/audit-log?entity=account:${id}&limit=50`)).body.items.map((e: { action: string }) => e.action).filter((x: string) => x !== 'account.create').sort();
      return { postCount, lastPostAt, followers, actions };
    };
    expect(await shown(together.id)).toEqual(await shown(apart.id));
    expect(await gradeOf(together.id)).toEqual(await gradeFromPosts(together.id));
  });

  it('a snapshot older than the follower count on the account is stored but leaves the count', async () => {
    const account = await makeAccount(await makeDepartment());
    await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-19T08:00:00+08:00', followers: 800 });
    await call(office(), 'POST', `/accounts/${account.id}/metrics`, { at: '2026-11-02T08:00:00+08:00', followers: 600 });
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.followers).toBe(800);
    expect((await call(office(), 'GET', `/accounts/${account.id}/metrics`)).body.items.map((m: { followers: number }) => m.followers)).toEqual([800, 600]);
    expect((await summaryOf(account.id))!.snapshots.map((x) => x.followers)).toEqual([600, 800]);
  });

  it('two first bulk ingests of an account at the same time both land in its summary', async () => {
    const account = await makeAccount(await makeDepartment());
    const [a, b] = [postsOn('x', Array.from({ length: 30 }, (_, i) => i)), postsOn('y', Array.from({ length: 35 }, (_, i) => i + 1))];
    const results = await Promise.all([a, b].map((posts) => call(office(), 'POST', `/accounts/${account.id}/posts`, { posts })));
    expect(results.map((r) => r.body.accepted)).toEqual([30, 35]);
    const ids = Object.values((await summaryOf(account.id))!.days).flatMap((d) => d.ids);
    expect(ids).toHaveLength(65);
    expect((await call(office(), 'GET', `/accounts/${account.id}`)).body.postCount).toBe(65);
    expect(await gradeOf(account.id)).toEqual(await gradeFromPosts(account.id));
  });
});
