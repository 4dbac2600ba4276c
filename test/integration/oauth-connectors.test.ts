import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allRouteSet } from '../../functions/api/route-sets';
import { createApp } from '../../functions/api/app';
import { DOUYIN_PATHS } from '../../functions/connectors/douyin';
import { createConnectors, platformSettings } from '../../functions/connectors/setup';
import { platformConfig } from '../../functions/wiring/vault';
import { BILIBILI_PATHS } from '../../functions/connectors/bilibili';
import { devClock } from '../../functions/clock';
import { devJobsOf } from '../../functions/local/jobs';
import { localDeps } from '../../functions/wiring/local';
import { accountBody, callerOf, makeDepartment, type Caller } from '../support/api';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from '../unit/connectors/fake-platform';

/**
 * The OAuth authorisation of a Douyin account end to end, the fetch job over it (refresh
 * before expiry, health, a lost authorisation notifying the department), Bilibili's public
 * data, and Toutiao's honest manual state — through the API, over DynamoDB Local, with the
 * production connectors pointed at local servers that answer as the platforms document.
 */

const APP = { clientKey: 'tt-integration', clientSecret: 'tt-integration-secret' };
let douyin: FakePlatform;
let bilibili: FakePlatform;
const issued = new Set<string>();
const refreshable = new Set<string>();
let tokenNo = 0;
const T0 = '2026-12-02T02:00:00.000Z';
const day = (n: number) => new Date(Date.parse(T0) + n * 86_400_000).toISOString();

function douyinReply(req: RecordedRequest): Reply {
  const issue = (): Reply => {
    const n = ++tokenNo;
    issued.add(`act.${n}`);
    refreshable.add(`rft.${n}`);
    return { json: { data: { access_token: `act.${n}`, expires_in: 1_296_000, open_id: 'open-1', refresh_token: `rft.${n}`, refresh_expires_in: 2_592_000, scope: 'user_info', error_code: 0, description: '' }, message: 'success' } };
  };
  if (req.path === DOUYIN_PATHS.token) return req.body?.code === 'good-code' && req.body.client_secret === APP.clientSecret ? issue() : { json: { data: { error_code: 10007, description: '授权码过期' }, message: 'error' } };
  if (req.path === DOUYIN_PATHS.refresh) return refreshable.has(req.body?.refresh_token) ? issue() : { json: { data: { error_code: 10010, description: 'refresh_token 已过期' }, message: 'error' } };
  if (!issued.has(String(req.headers['access-token']))) return { json: { data: { error_code: 2190002, description: 'access_token无效' }, extra: { error_code: 2190002 } } };
  if (req.path === DOUYIN_PATHS.fans) return { json: { data: { result_list: [{ date: '2026-12-01', total_fans: 321 }], error_code: 0 }, extra: { error_code: 0 } } };
  if (req.path === DOUYIN_PATHS.comments) {
    const list = req.query.get('item_id') === 'dy-video-1' ? [{ comment_id: 'c-1', comment_user_id: 'citizen-1', content: '请问几点开始供暖？', create_time: Date.parse(T0) / 1000 - 86_400 * 4, digg_count: 0, reply_comment_total: 0, top: false }] : [];
    return { json: { data: { list, cursor: list.length, has_more: false, error_code: 0, description: '' }, extra: { error_code: 0 } } };
  }
  if (req.path === DOUYIN_PATHS.videoList) {
    return { json: { data: { list: [{ item_id: 'dy-video-1', title: '冬季供暖服务指南', create_time: Date.parse(T0) / 1000 - 3600, share_url: 'https://www.iesdouyin.com/share/video/1/' }], cursor: 1, has_more: false, error_code: 0 }, extra: { error_code: 0 } } };
  }
  return { status: 404, text: 'not found' };
}

function bilibiliReply(req: RecordedRequest): Reply {
  if (req.path === BILIBILI_PATHS.nav) return { json: { code: -101, message: '账号未登录', data: { wbi_img: { img_url: 'https://i0.hdslb.com/bfs/wbi/7cd084941338484aae1ad9425b84077c.png', sub_url: 'https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png' } } } };
  if (req.path === BILIBILI_PATHS.videos) {
    if (!req.query.get('w_rid')) return { json: { code: -352, message: '风控校验失败' } };
    return { json: { code: 0, data: { list: { vlist: [{ aid: 11, bvid: 'BV1integr', title: '政策解读', description: '解读', created: Date.parse(T0) / 1000 - 7200, copyright: '1' }] }, page: { pn: 1, ps: 30, count: 1 } } } };
  }
  if (req.path === BILIBILI_PATHS.followers) return { json: { code: 0, data: { follower: 77 } } };
  if (req.path === BILIBILI_PATHS.replies) return { json: { code: 0, data: { replies: [{ rpid: 1, mid: 5, ctime: Date.parse(T0) / 1000 - 86_400 * 4, up_action: { reply: false } }] } } };
  return { status: 404, text: 'not found' };
}

/**
 * The dev clock runs on at the real pace from the instant it is set; here its real time stands
 * still, so every instant the product derives from the clock (expiries, fetch times, ages) is exact.
 */
const clock = devClock(() => Date.parse('2026-11-20T00:00:00.000Z'));
const deps = { ...localDeps(), clock, devClock: clock };
let call: ReturnType<typeof callerOf>;

beforeAll(async () => {
  douyin = await startFakePlatform(douyinReply);
  bilibili = await startFakePlatform(bilibiliReply);
  const connectors = createConnectors(deps.vault, { ...platformConfig, douyin: { baseUrl: douyin.url, app: APP, comments: true }, bilibili: { baseUrl: bilibili.url } });
  const withConnectors = { ...deps, connectors };
  call = callerOf(createApp({ ...withConnectors, devJobs: devJobsOf(withConnectors) }, allRouteSet()));
});

afterAll(async () => {
  await douyin.close();
  await bilibili.close();
});

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

async function setClock(now: string) {
  expect((await call(null, 'PUT', '/dev/clock', { now })).status).toBe(200);
}

async function setup(platform: string) {
  const dept = await makeDepartment();
  const office: Caller = { sub: `office-${dept.id}`, roles: ['office'], region: dept.regionCode };
  const editor: Caller = { sub: `editor-${dept.id}`, name: '编辑甲', roles: ['editor'], region: dept.regionCode, department: dept.id };
  const created = await call(office, 'POST', '/accounts', accountBody(dept.id, { platform }));
  expect(created.status).toBe(201);
  return { dept, office, editor, account: created.body as { id: string } };
}

async function authorize(editor: Caller, accountId: string): Promise<string> {
  const started = await call(editor, 'POST', `/accounts/${accountId}/oauth/start`);
  expect(started.status).toBe(200);
  return new URL(started.body.authorizeUrl).searchParams.get('state')!;
}

describe('OAuth authorisation of a Douyin account', () => {
  it('start answers the platform page with our client key, callback and a signed state', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const started = await call(editor, 'POST', `/accounts/${account.id}/oauth/start`);
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${douyin.url}/platform/oauth/connect/`);
    expect(url.searchParams.get('client_key')).toBe(APP.clientKey);
    expect(url.searchParams.get('redirect_uri')).toBe(`${platformSettings.apiUrl}/api/v1/oauth/douyin/callback`);
    expect(started.body.expiresAt).toBe('2026-12-02T02:15:00.000Z');
  });

  it('a reviewer of the region may not start it', async () => {
    const { dept, account } = await setup('douyin');
    const r = await call({ sub: 'rev', roles: ['reviewer'], region: dept.regionCode }, 'POST', `/accounts/${account.id}/oauth/start`);
    expect(r.status).toBe(403);
  });

  it('the callback refuses a tampered state without a token and stores nothing', async () => {
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    const tampered = `${state.slice(0, 10)}${state[10] === 'A' ? 'B' : 'A'}${state.slice(11)}`;
    const r = await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(tampered)}`);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('oauth_state_invalid');
    expect(await deps.vault.get(account.id)).toBeUndefined();
  });

  it('the callback refuses a good state presented on another platform callback, or after it expired', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = encodeURIComponent(await authorize(editor, account.id));
    expect((await call(null, 'GET', `/oauth/kuaishou/callback?code=good-code&state=${state}`)).status).toBe(403);
    await setClock('2026-12-02T02:16:00.000Z');
    expect((await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${state}`)).body.error.code).toBe('oauth_state_invalid');
  });

  it('a good state stores the tokens in the vault and sends the operator back to the account page', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    const r = await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(state)}`);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`${platformSettings.webUrl}/accounts/${account.id}?oauth=authorized`);
    expect(await deps.vault.get(account.id)).toMatchObject({ openId: 'open-1', expiresAt: '2026-12-17T02:00:00.000Z' });
    const status = await call(editor, 'GET', `/accounts/${account.id}/credentials`);
    expect(status.body).toMatchObject({ configured: true, status: 'ok', via: 'oauth', authorizedUntil: '2027-01-01T02:00:00.000Z' });
    expect(JSON.stringify(status.body)).not.toContain('act.');
  });

  it('a code the platform refuses sends the operator back with oauth=failed', async () => {
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    const r = await call(null, 'GET', `/oauth/douyin/callback?code=stale&state=${encodeURIComponent(state)}`);
    expect(r.headers.get('location')).toBe(`${platformSettings.webUrl}/accounts/${account.id}?oauth=failed&code=10007`);
  });

  it('tokens are not typed in for Douyin: PUT credentials is 422 oauth_required', async () => {
    const { office, account } = await setup('douyin');
    const r = await call(office, 'PUT', `/accounts/${account.id}/credentials`, { accessToken: 'x' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('oauth_required');
  });
});

describe('the fetch job over an authorised Douyin account', () => {
  it('refreshes tokens before expiry, ingests the videos and records the connector health', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(state)}`);
    const before = (await deps.vault.get(account.id))!.accessToken;
    // 13 days on, the 15-day token is within the 3-day margin.
    await setClock(day(13));
    const job = await call(null, 'POST', '/dev/jobs/fetch');
    expect(job.status).toBe(200);
    expect((await deps.vault.get(account.id))!.accessToken).not.toBe(before);
    const posts = await call(editor, 'GET', `/accounts/${account.id}/posts`);
    expect(JSON.stringify(posts.body)).toContain('dy-video-1');
    const health = await call(editor, 'GET', `/accounts/${account.id}/connector`);
    expect(health.body).toMatchObject({ platform: 'douyin', mode: 'automatic', credentials: 'ok', lastSuccessAt: day(13), lastError: null, nextAttemptAt: '2026-12-15T17:00:00.000Z' });
  });

  it('feeds the comment figures (the app holds item.comment) into the metric snapshot the no_interaction veto reads', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(state)}`);
    await call(null, 'POST', '/dev/jobs/fetch');
    const metrics = await call(editor, 'GET', `/accounts/${account.id}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.items[0]).toMatchObject({ at: T0, followers: 321, messagesReceived: 1, messagesAnswered: 0, oldestUnansweredDays: 4 });
  });

  it('a revoked authorisation shows on the account, stops the job for it and notifies the department once', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(state)}`);
    const stored = (await deps.vault.get(account.id))!;
    issued.delete(stored.accessToken!);
    refreshable.delete(stored.refreshToken!);
    await setClock(day(1));
    await call(null, 'POST', '/dev/jobs/fetch');
    const health = await call(editor, 'GET', `/accounts/${account.id}/connector`);
    expect(health.body).toMatchObject({ mode: 'manual', credentials: 'expired', manualReason: { code: 'authorization_lost' }, nextAttemptAt: null });
    expect(health.body.lastError).toMatchObject({ kind: 'auth', at: day(1) });
    expect((await call(editor, 'GET', `/accounts/${account.id}/credentials`)).body).toMatchObject({ configured: false, status: 'expired' });
    await call(null, 'POST', '/dev/jobs/fetch');
    const notes = (await call(editor, 'GET', '/notifications?limit=50')).body.items.filter((n: { type: string; entity: { id: string } }) => n.type === 'connector_authorization_lost' && n.entity.id === account.id);
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain('授权已失效');
  });

  it('a grade resting on data older than two days carries dataAsOf', async () => {
    await setClock(T0);
    const { editor, account } = await setup('douyin');
    const state = await authorize(editor, account.id);
    await call(null, 'GET', `/oauth/douyin/callback?code=good-code&state=${encodeURIComponent(state)}`);
    await call(null, 'POST', '/dev/jobs/fetch');
    expect((await call(editor, 'GET', `/accounts/${account.id}/grade`)).body.dataAsOf).toBeUndefined();
    await setClock(day(3));
    expect((await call(editor, 'GET', `/accounts/${account.id}/grade`)).body.dataAsOf).toBe(T0);
  });
});

describe('Bilibili and Toutiao', () => {
  it('a Bilibili account with its space id recorded gets its public videos, followers and comment figures', async () => {
    await setClock(T0);
    const { office, editor, account } = await setup('bilibili');
    expect((await call(office, 'PUT', `/accounts/${account.id}/credentials`, { mid: '20259914' })).status).toBe(204);
    await call(null, 'POST', '/dev/jobs/fetch');
    expect(JSON.stringify((await call(editor, 'GET', `/accounts/${account.id}/posts`)).body)).toContain('BV1integr');
    const metrics = await call(editor, 'GET', `/accounts/${account.id}/metrics`);
    expect(JSON.stringify(metrics.body)).toContain('"oldestUnansweredDays":4');
    expect((await call(editor, 'GET', `/accounts/${account.id}/connector`)).body).toMatchObject({ mode: 'automatic', lastSuccessAt: T0 });
  });

  it('a Toutiao account says it has no automatic data, and why', async () => {
    const { office, editor, account } = await setup('toutiao');
    const view = await call(editor, 'GET', `/accounts/${account.id}/connector`);
    expect(view.body).toMatchObject({ platform: 'toutiao', mode: 'manual', manualReason: { code: 'no_official_api' }, nextAttemptAt: null, lastSuccessAt: null });
    expect((await call(office, 'PUT', `/accounts/${account.id}/credentials`, { accessToken: 'x' })).body.error.code).toBe('no_connector');
    expect((await call(editor, 'POST', `/accounts/${account.id}/oauth/start`)).body.error.code).toBe('no_oauth');
  });
});
