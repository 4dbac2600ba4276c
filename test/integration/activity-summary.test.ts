/**
 * The activity summary is kept on ingest (issue 13, decision 33): after posts and metrics arrive
 * through the API, the account's grade from its summary equals the grade from its posts; a
 * re-sent post changes nothing; an account whose summary is missing (data from before it
 * existed) grades the same and gets its summary built.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AssessmentContext, assessAccount } from '../../shared/assessment/inputs';
import { NATIONAL } from '../../shared/profiles/builtin';
import { keys } from '../../functions/store/keys';
import { assessmentPortsOf } from '../../functions/wiring/domain-ports';
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
});
