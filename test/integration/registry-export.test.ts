import { beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, daysBetween } from '../../shared/time';
import { localDeps } from '../../functions/wiring/local';
import { app, call, editorOf, makeAccount, makeDepartment, office, tokenFor, type Caller } from '../support/api';

/**
 * Issue 15: 「12 shown, 155 exported」 — GET /accounts/export lists exactly what GET /accounts
 * lists for the same filters, and with columns=full carries status, flags, grade, last post and
 * 未更新天数.
 */
const region = '330195';
const deps = localDeps();

async function exported(caller: Caller, qs: string): Promise<{ status: number; rows: string[][] }> {
  const res = await app.request(`/api/v1/accounts/export?${qs}`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, '');
  // No cell of these accounts holds a comma or a quote, so a plain split reads the CSV.
  return { status: res.status, rows: text.split('\r\n').filter(Boolean).map((l) => l.split(',')) };
}

const listed = async (caller: Caller, qs: string) =>
  ((await call(caller, 'GET', `/accounts?${qs}&limit=500`)).body.items as { handle: string }[]).map((a) => a.handle).sort();

describe('GET /accounts/export honours the list filters', () => {
  let dept: { id: string; regionCode: string; name: string };
  let other: { id: string; regionCode: string; name: string };
  let rs: Awaited<ReturnType<typeof makeAccount>>;
  beforeAll(async () => {
    dept = await makeDepartment(region, '县人力社保局');
    other = await makeDepartment(region, '县文广旅体局');
    rs = await makeAccount(dept, { platform: 'weibo', name: '淳安人社' });
    await makeAccount(dept, { platform: 'wechat', name: '淳安人社服务' });
    await makeAccount(other, { platform: 'weibo', name: '淳安文旅' });
    const tenDaysAgo = new Date(Date.parse(deps.clock.now()) - 10 * 86_400_000).toISOString();
    const posted = await call(office(region), 'POST', `/accounts/${rs.id}/posts`, { posts: [{ externalId: 'p1', publishedAt: tenDaysAgo, text: '医保参保缴费指南' }] });
    expect(posted.status).toBe(200);
  });

  it.each([
    ['region only', ''],
    ['platform', 'platform=weibo'],
    ['platform and search', 'platform=weibo&q=人社'],
    ['department', 'department=DEPT'],
    ['status', 'status=active'],
    ['flag', 'flag=duplicate'],
  ])('exports the same accounts as GET /accounts: %s', async (_, raw) => {
    const qs = `region=${region}${raw ? `&${raw.replace('DEPT', dept.id)}` : ''}`;
    const want = await listed(office(region), qs);
    const got = await exported(office(region), `${qs}&format=csv`);
    expect(got.status).toBe(200);
    expect(got.rows.slice(1).map((r) => r[1]!).sort()).toEqual(want);
  });

  it('narrows to what the screen shows: 3 accounts in the region, 1 exported for 微博 + 「人社」', async () => {
    expect((await exported(office(region), `region=${region}`)).rows).toHaveLength(4);
    expect((await exported(office(region), `region=${region}&platform=weibo&q=${encodeURIComponent('人社')}`)).rows.slice(1).map((r) => r[1])).toEqual([rs.handle]);
  });

  it('with columns=full adds 状态, 标记, 最近评分, 最近发布 and 未更新天数 after the template columns', async () => {
    const { rows } = await exported(office(region), `region=${region}&platform=weibo&q=${encodeURIComponent('人社')}&columns=full`);
    const [header, row] = rows as [string[], string[]];
    expect(header.slice(-5)).toEqual(['状态', '标记', '最近评分', '最近发布', '未更新天数']);
    const cell = (name: string) => row[header.indexOf(name)];
    const account = (await call(office(region), 'GET', `/accounts/${rs.id}`)).body;
    expect(cell('状态')).toBe('正常');
    expect(cell('最近发布')).toBe(beijingDate(account.lastPostAt));
    expect(cell('未更新天数')).toBe(String(daysBetween(beijingDate(account.lastPostAt), beijingDate(deps.clock.now()))));
    expect(Number(cell('未更新天数'))).toBeGreaterThanOrEqual(9);
  });

  it('keeps the template columns by default, so an export still imports', async () => {
    const { rows } = await exported(office(region), `region=${region}`);
    expect(rows[0]).not.toContain('状态');
    expect(rows[0]).toHaveLength(15);
  });

  it('gives an editor their own department only, whatever the filters', async () => {
    const { rows } = await exported(editorOf(other), 'platform=weibo&columns=full');
    expect(rows.slice(1).map((r) => r[2])).toEqual(['淳安文旅']);
  });

  it('refuses an unknown flag or columns value at its parameter', async () => {
    for (const qs of ['flag=nope', 'columns=all']) {
      const res = await call(office(region), 'GET', `/accounts/export?${qs}`);
      expect(res.status, qs).toBe(400);
    }
  });
});
