import { beforeAll, describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { DEMO_REGION, DEMO_USERS, buildPlan } from '../../functions/local/seed';
import { beijingDate } from '../../shared/time';
import { demoUsers, seedIfEmpty } from '../../functions/local/seed-runner';
import { call, type Caller } from '../support/api';

const deps = localDeps();

/** The demo county as `npm start` seeds it: the supervision loop has something to show every demo user. */
let users: Caller[] = [];

beforeAll(async () => {
  await seedIfEmpty(deps, true);
  users = (await demoUsers(deps)).map((u) => ({ sub: u.sub, name: u.name, roles: u.roles, region: u.region, ...(u.department ? { department: u.department } : {}) }));
}, 240_000);

describe('the demo supervision loop', () => {
  it('has one issued rectification with open, responded, verified and overdue items', async () => {
    const office = users.find((u) => u.sub === 'demo-office')!;
    const list = await call(office, 'GET', `/rectifications?region=${DEMO_REGION}`);
    expect(list.body.items).toHaveLength(1);
    const notice = await call(office, 'GET', `/rectifications/${list.body.items[0].id}`);
    const statuses = new Set(notice.body.items.map((i: { status: string }) => i.status));
    for (const s of ['open', 'responded', 'verified', 'overdue']) expect(statuses, s).toContain(s);
  });

  it.each(DEMO_USERS.filter((u) => !u.roles.includes('admin')).map((u) => [u.sub]))('%s has unread notifications', async (sub) => {
    const user = users.find((u) => u.sub === sub)!;
    const res = await call(user, 'GET', '/notifications?unread=true');
    expect(res.body.unread).toBeGreaterThan(0);
  });
});

/**
 * Where each demo account's data comes from (docs/connectors.md, "The demo"). Locally there is no
 * platform to fetch from and no demo account has credentials, so none claims fetched data: the
 * platforms the product can connect say "not connected yet", Toutiao and apps say there is no
 * official API, and every seeded post and metric snapshot was pushed by the account's department.
 */
describe('the demo accounts\' data sources', () => {
  const EXPECTED: Record<string, string> = {
    wechat: 'not_connected',
    weibo: 'not_connected',
    douyin: 'not_connected',
    kuaishou: 'not_connected',
    bilibili: 'not_connected',
    toutiao: 'no_official_api',
    miniprogram: 'no_official_api',
    app: 'no_official_api',
    other: 'no_official_api',
  };
  const seeded = [...new Set(buildPlan(beijingDate(deps.clock.now())).accounts.map((a) => a.input.platform))].sort();

  it('seeds accounts of WeChat, Weibo, Douyin, Kuaishou, Bilibili, Toutiao, mini-programs and apps', () => {
    expect(seeded).toEqual(['app', 'bilibili', 'douyin', 'kuaishou', 'miniprogram', 'toutiao', 'wechat', 'weibo']);
  });

  it.each(seeded.map((p) => [p]))('a %s account shows its honest manual state: the reason, no fetch claimed, no next attempt', async (platform) => {
    const office = users.find((u) => u.sub === 'demo-office')!;
    const list = await call(office, 'GET', `/accounts?region=${DEMO_REGION}&platform=${platform}&limit=5`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const account of list.body.items as { id: string }[]) {
      const view = await call(office, 'GET', `/accounts/${account.id}/connector`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ platform, mode: 'manual', manualReason: { code: EXPECTED[platform] }, credentials: 'none', lastSuccessAt: null, lastError: null, nextAttemptAt: null });
      expect(view.body.dataAsOf).toBeUndefined();
    }
  });

  it.each(seeded.map((p) => [p]))('the posts and metrics of a %s account were pushed by its department, none fetched from the platform', async (platform) => {
    const office = users.find((u) => u.sub === 'demo-office')!;
    const [account] = (await call(office, 'GET', `/accounts?region=${DEMO_REGION}&platform=${platform}&limit=1`)).body.items as { id: string; departmentId: string }[];
    const departments = (await call(office, 'GET', `/departments?region=${DEMO_REGION}&limit=100`)).body.items as { id: string; name: string }[];
    const department = departments.find((d) => d.id === account!.departmentId)!;
    const log = await call(office, 'GET', `/audit-log?entity=account:${account!.id}&limit=100`);
    expect(log.status).toBe(200);
    const pushes = (log.body.items as { action: string; actor: { sub: string; name: string } }[]).filter((e) => e.action === 'posts.ingest' || e.action === 'metrics.record');
    expect(pushes.length).toBeGreaterThan(0);
    for (const e of pushes) expect(e.actor).toEqual({ sub: 'seed', name: `${department.name}（演示数据）` });
  });
});
