import { describe, expect, it } from 'vitest';
import type { ScheduledPost } from '../../shared/scheduling';
import { call, editorOf, makeAccount, makeDepartment, type Caller } from '../support/api';

/**
 * Issue 15 over HTTP: a draft with off-mission warnings is submitted and reviewed with the
 * acknowledgement recorded; a severe wording error is 422 content_blocked; `{version}` alone
 * (API.md) still submits; each round's text is in the history.
 */
const REGION = '330127';
const approver = (dept: { id: string; regionCode: string }, who: string): Caller => ({ sub: `${who}-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: who });
const inADay = () => new Date(Date.now() + 24 * 3_600_000).toISOString();

async function setup() {
  const dept = await makeDepartment(REGION);
  const account = await makeAccount(dept, { platform: 'wechat' });
  return { dept, account, editor: editorOf(dept), head: approver(dept, '科长') };
}

async function draft(editor: Caller, accountId: string, body: string): Promise<ScheduledPost> {
  const res = await call(editor, 'POST', '/scheduled-posts', { accountId, publishAt: inADay(), title: '周末活动', body, category: 'news' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as ScheduledPost;
}

const LOTTERY = '转发抽奖赢大奖，限时优惠抢购，扫码下载游戏领红包，关注点赞参与抽奖！';

describe('scheduled posts with checker findings', () => {
  it('stores off-mission findings in words, with the subclass apart', async () => {
    const s = await setup();
    const d = await draft(s.editor, s.account.id, LOTTERY);
    const offMission = d.checks.filter((c) => c.kind === 'off_mission');
    expect(offMission.length).toBeGreaterThan(0);
    for (const f of offMission) {
      expect(f.category).toBeTruthy();
      expect(f.message).not.toContain(`（${f.category}）`);
    }
  });

  it('records the editor\'s and the reviewer\'s acknowledgement of the warnings', async () => {
    const s = await setup();
    const d = await draft(s.editor, s.account.id, LOTTERY);
    const sub = await call(s.editor, 'POST', `/scheduled-posts/${d.id}/submit`, { version: d.version, acknowledgeFindings: true });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    const submitted = sub.body as ScheduledPost;
    expect(submitted.history.at(-1)).toMatchObject({ action: 'submit', acknowledgedFindings: d.checks.length, content: { body: LOTTERY } });
    const dec = await call(s.head, 'POST', `/scheduled-posts/${d.id}/decisions`, { decision: 'approve', version: submitted.version, acknowledgeFindings: true });
    expect(dec.status, JSON.stringify(dec.body)).toBe(200);
    expect((dec.body as ScheduledPost).decisions.at(-1)).toMatchObject({ acknowledgedFindings: d.checks.length });
  });

  it('still submits with API.md\'s {version} alone', async () => {
    const s = await setup();
    const d = await draft(s.editor, s.account.id, '一、打开微信搜索“医保电子凭证”。二、按提示完成实名认证。');
    const sub = await call(s.editor, 'POST', `/scheduled-posts/${d.id}/submit`, { version: d.version });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.status).toBe('in_review');
  });

  it('refuses a draft with a severe wording error: 422 content_blocked', async () => {
    const s = await setup();
    const d = await draft(s.editor, s.account.id, '台湾总统今日发表讲话，我局将做好相关服务工作。');
    expect(d.checks.some((c) => c.severity === 'severe'), JSON.stringify(d.checks)).toBe(true);
    const sub = await call(s.editor, 'POST', `/scheduled-posts/${d.id}/submit`, { version: d.version, acknowledgeFindings: true });
    expect(sub.status).toBe(422);
    expect(sub.body.error.code).toBe('content_blocked');
  });
});
