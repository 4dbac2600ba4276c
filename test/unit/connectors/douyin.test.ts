import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOUYIN_PATHS, DouyinConnector, type DouyinOptions } from '../../../functions/connectors/douyin';
import { ConnectorError } from '../../../functions/connectors/errors';
import type { ConnectorAccount } from '../../../functions/connectors/types';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from './fake-platform';
import { MemoryVault } from './memory-vault';

/**
 * 抖音开放平台 as its public documentation describes it (developer.open-douyin.com):
 * form-encoded token calls answering `{data: {access_token, expires_in, open_id,
 * refresh_token, refresh_expires_in, scope, error_code: 0, description}, message}`;
 * reads with the `access-token` header answering `{data: {...}, extra: {error_code,
 * description}}`; errors such as 2190008 (access_token 过期), 10010 (refresh_token 过期),
 * 28003018 (请求频率过高), 28001012 (用户未授权该 OpenAPI). The comment reads (互动评论 › 视频评论管理,
 * scope item.comment) take `open_id`, `item_id` (and `comment_id` for replies), `cursor`, `count` and
 * answer `{data: {list: [{comment_id, comment_user_id, content, create_time, digg_count,
 * reply_comment_total, top}], cursor, has_more, error_code: 0}, extra}`.
 */
class DouyinPlatform {
  readonly clientKey = 'tt10abcdef';
  readonly clientSecret = 'client-secret-0123456789';
  issued = 0;
  readonly valid = new Set<string>();
  readonly expired = new Set<string>();
  refreshTokens = new Set<string>(['rft.initial']);
  videos: unknown[] = [];
  fans = [
    { date: '2026-11-30', total_fans: 1200, new_fans: 3 },
    { date: '2026-12-01', total_fans: 1210, new_fans: 10 },
  ];
  readonly next = new Map<string, Reply[]>();
  /** Comments per video (item_id) and replies per comment (comment_id). */
  readonly comments = new Map<string, unknown[]>();
  readonly replies = new Map<string, unknown[]>();
  /** Whether the operator granted item.comment (else the comment reads answer 28001012). */
  commentsGranted = true;

  inject(path: string, ...replies: Reply[]): void {
    this.next.set(path, [...(this.next.get(path) ?? []), ...replies]);
  }

  private issue(): Reply {
    const token = `act.${++this.issued}`;
    const refresh = `rft.${this.issued}`;
    this.valid.add(token);
    this.refreshTokens.add(refresh);
    return { json: { data: { access_token: token, expires_in: 1_296_000, open_id: 'open-id-1', refresh_token: refresh, refresh_expires_in: 2_592_000, scope: 'user_info,video.list.bind', error_code: 0, description: '' }, message: 'success' } };
  }

  handle = (req: RecordedRequest): Reply => {
    const queued = this.next.get(req.path);
    if (queued?.length) return queued.shift()!;
    if (req.path === DOUYIN_PATHS.token) {
      if (req.method !== 'POST' || req.body?.grant_type !== 'authorization_code') return { json: { data: { error_code: 10002, description: '参数错误' }, message: 'error' } };
      if (req.body.client_key !== this.clientKey || req.body.client_secret !== this.clientSecret) return { json: { data: { error_code: 10013, description: 'client_key 或 client_secret 错误' }, message: 'error' } };
      if (req.body.code !== 'good-code') return { json: { data: { error_code: 10007, description: '授权码过期' }, message: 'error' } };
      return this.issue();
    }
    if (req.path === DOUYIN_PATHS.refresh) {
      if (req.body?.grant_type !== 'refresh_token' || req.body.client_key !== this.clientKey) return { json: { data: { error_code: 10002, description: '参数错误' }, message: 'error' } };
      if (!this.refreshTokens.has(req.body.refresh_token)) return { json: { data: { error_code: 10010, description: 'refresh_token 已过期' }, message: 'error' } };
      return this.issue();
    }
    if (req.path === DOUYIN_PATHS.videoList || req.path === DOUYIN_PATHS.fans || req.path === DOUYIN_PATHS.comments || req.path === DOUYIN_PATHS.commentReplies) {
      const token = String(req.headers['access-token'] ?? '');
      if (this.expired.has(token)) return { json: { data: { error_code: 2190008, description: 'access_token过期,请刷新或重新授权' }, extra: { error_code: 2190008, description: 'access_token过期,请刷新或重新授权' } } };
      if (!this.valid.has(token)) return { json: { data: { error_code: 2190002, description: 'access_token无效' }, extra: { error_code: 2190002, description: 'access_token无效' } } };
      if (req.query.get('open_id') !== 'open-id-1') return { json: { data: { error_code: 28001015, description: 'access_token 和 openId 不匹配' }, extra: { error_code: 28001015 } } };
      if (req.path === DOUYIN_PATHS.fans) return { json: { data: { result_list: this.fans, error_code: 0, description: '' }, extra: { error_code: 0, description: '' } } };
      if (req.path === DOUYIN_PATHS.comments || req.path === DOUYIN_PATHS.commentReplies) {
        if (!this.commentsGranted) return { json: { data: { error_code: 28001012, description: '用户未授权该OpenAPI' }, extra: { error_code: 28001012 } } };
        const itemId = req.query.get('item_id');
        const commentId = req.query.get('comment_id');
        if (!itemId || (req.path === DOUYIN_PATHS.commentReplies && !commentId)) return { json: { data: { error_code: 2100005, description: 'Parameter error' }, extra: { error_code: 2100005 } } };
        const all = (req.path === DOUYIN_PATHS.comments ? this.comments.get(itemId) : this.replies.get(commentId!)) ?? [];
        const cursor = Number(req.query.get('cursor') ?? 0);
        const list = all.slice(cursor, cursor + Number(req.query.get('count') ?? 10));
        return { json: { data: { list, cursor: cursor + list.length, has_more: cursor + list.length < all.length, error_code: 0, description: '' }, extra: { error_code: 0, description: '' } } };
      }
      const cursor = Number(req.query.get('cursor') ?? 0);
      const count = Number(req.query.get('count') ?? 10);
      const list = this.videos.slice(cursor, cursor + count);
      return { json: { data: { list, cursor: cursor + list.length, has_more: cursor + list.length < this.videos.length, error_code: 0, description: '' }, extra: { error_code: 0, description: '' } } };
    }
    return { status: 404, text: 'not found' };
  };
}

const T0 = Date.parse('2026-12-02T00:00:00Z');
const account: ConnectorAccount = { id: 'acc-dy', platform: 'douyin', handle: 'dy-gov', name: '某县发布抖音号' };

let server: FakePlatform;
let platform: DouyinPlatform;
let vault: MemoryVault;

function connector(extra: Partial<DouyinOptions> = {}): DouyinConnector {
  return new DouyinConnector({ vault, baseUrl: server.url, timeoutMs: 2000, app: { clientKey: platform.clientKey, clientSecret: platform.clientSecret }, now: () => T0, ...extra });
}

beforeEach(async () => {
  platform = new DouyinPlatform();
  server = await startFakePlatform(platform.handle);
  vault = new MemoryVault();
});

afterEach(async () => {
  await server.close();
});

async function authorised(): Promise<void> {
  const tokens = await connector().oauth.exchange('good-code', 'https://govmedia.example/cb', new Date(T0).toISOString());
  await vault.put(account.id, { ...tokens });
}

const video = (id: string, at: string, extra: object = {}) => ({
  item_id: id,
  title: `视频 ${id} #政务`,
  create_time: Date.parse(at) / 1000,
  share_url: `https://www.iesdouyin.com/share/video/${id}/`,
  is_top: false,
  is_reviewed: true,
  statistics: { comment_count: 2, digg_count: 5, play_count: 0, share_count: 0, forward_count: 0, download_count: 0 },
  ...extra,
});

describe('Douyin OAuth', () => {
  it('sends the operator to the platform page with our client_key, scopes, redirect and state', () => {
    const url = new URL(connector().oauth.authorizeUrl({ state: 'signed-state', redirectUri: 'https://govmedia.example/api/v1/oauth/douyin/callback' }));
    expect(url.pathname).toBe('/platform/oauth/connect/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: platform.clientKey,
      response_type: 'code',
      scope: 'user_info,video.list.bind,data.external.user',
      redirect_uri: 'https://govmedia.example/api/v1/oauth/douyin/callback',
      state: 'signed-state',
    });
  });

  it('exchanges the code (a form, not JSON) for tokens that expire as the answer says', async () => {
    const tokens = await connector().oauth.exchange('good-code', 'https://govmedia.example/cb', '2026-12-02T00:00:00.000Z');
    expect(tokens).toEqual({ accessToken: 'act.1', refreshToken: 'rft.1', openId: 'open-id-1', expiresAt: '2026-12-17T00:00:00.000Z', refreshExpiresAt: '2027-01-01T00:00:00.000Z', scope: 'user_info,video.list.bind' });
    expect(server.calls(DOUYIN_PATHS.token)[0]!.raw).toContain('grant_type=authorization_code');
  });

  it('refuses an expired code as a permanent error that names no secret', async () => {
    const err = await connector().oauth.exchange('stale-code', 'https://govmedia.example/cb', '2026-12-02T00:00:00.000Z').catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ kind: 'permanent', code: '10007' });
    expect(err.message).not.toContain(platform.clientSecret);
  });

  it('refreshes the stored tokens when they expire within the margin, and not before', async () => {
    await authorised();
    const c = connector();
    expect(await c.refreshAuthorization(account, '2026-12-10T00:00:00.000Z', 2 * 86_400_000)).toEqual({ refreshed: false, expiresAt: '2026-12-17T00:00:00.000Z' });
    const r = await c.refreshAuthorization(account, '2026-12-15T12:00:00.000Z', 2 * 86_400_000);
    expect(r.refreshed).toBe(true);
    expect(vault.entries.get(account.id)).toMatchObject({ accessToken: 'act.2', refreshToken: 'rft.2' });
  });

  it('reports a refresh token the platform no longer knows (10010) as authorization_expired', async () => {
    await authorised();
    platform.refreshTokens.clear();
    const err = await connector().refreshAuthorization(account, '2026-12-16T12:00:00.000Z', 2 * 86_400_000).catch((e) => e);
    expect(err).toMatchObject({ kind: 'auth', code: 'authorization_expired' });
  });

  it('does not try to refresh with a refresh token past its own expiry', async () => {
    await authorised();
    const err = await connector().refreshAuthorization(account, '2027-01-02T00:00:00.000Z', 2 * 86_400_000).catch((e) => e);
    expect(err).toMatchObject({ kind: 'auth', code: 'authorization_expired' });
    expect(server.calls(DOUYIN_PATHS.refresh)).toHaveLength(0);
  });
});

describe('Douyin recent activity', () => {
  it('reads the videos since a time (cursor pages, access-token header) and the latest fans total', async () => {
    await authorised();
    platform.videos = [
      ...Array.from({ length: 25 }, (_, i) => video(`v${100 - i}`, new Date(T0 - i * 3_600_000).toISOString())),
      video('old', '2026-10-01T00:00:00Z'),
    ];
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts).toHaveLength(25);
    expect(recent.posts[0]).toEqual({ externalId: 'v100', publishedAt: '2026-12-02T00:00:00.000Z', text: '视频 v100 #政务', url: 'https://www.iesdouyin.com/share/video/v100/' });
    expect(recent.followers).toBe(1210);
    expect(server.calls(DOUYIN_PATHS.videoList).map((r) => r.query.get('cursor'))).toEqual(['0', '20']);
  });

  it('refreshes an expired access token (2190008) once, stores the new one and carries on', async () => {
    await authorised();
    platform.expired.add('act.1');
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts.map((p) => p.externalId)).toEqual(['v1']);
    expect(server.calls(DOUYIN_PATHS.refresh)).toHaveLength(1);
    expect(vault.entries.get(account.id)?.accessToken).toBe('act.2');
  });

  it('reports a rate limit (28003018) as retryable', async () => {
    await authorised();
    platform.inject(DOUYIN_PATHS.videoList, { json: { data: { error_code: 28003018, description: '请求频率过高' }, extra: { error_code: 28003018, description: '请求频率过高' } } });
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'retryable', code: '28003018' });
  });

  it('reports a video list the operator did not grant (28001012) as auth', async () => {
    await authorised();
    platform.inject(DOUYIN_PATHS.videoList, { json: { data: { error_code: 28001012, description: '用户未授权该OpenAPI' }, extra: { error_code: 28001012 } } });
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'auth', code: '28001012' });
  });

  it('keeps the videos when only the fans data is not granted', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.inject(DOUYIN_PATHS.fans, { json: { data: { error_code: 28001012, description: '用户未授权该OpenAPI' }, extra: { error_code: 28001012 } } });
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts).toHaveLength(1);
    expect(recent.followers).toBeUndefined();
  });

  it('asks for authorisation when the account has no tokens', async () => {
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'auth', code: 'no_credentials' });
  });
});

const comment = (id: string, by: string, at: string, replies = 0) => ({ comment_id: id, comment_user_id: by, content: `评论 ${id}`, create_time: Date.parse(at) / 1000, digg_count: 0, reply_comment_total: replies, top: false });

describe('Douyin comment figures (with the item.comment permission)', () => {
  const NOW = '2026-12-02T00:00:00.000Z';

  it('asks the operator for item.comment too', () => {
    const url = new URL(connector({ comments: true }).oauth.authorizeUrl({ state: 's', redirectUri: 'https://govmedia.example/cb' }));
    expect(url.searchParams.get('scope')).toBe('user_info,video.list.bind,data.external.user,item.comment');
  });

  it('counts others\' comments on the newest videos, those the account replied under, and the oldest unanswered age', async () => {
    await authorised();
    platform.videos = [video('v2', '2026-12-01T00:00:00Z'), video('v1', '2026-11-25T00:00:00Z')];
    platform.comments.set('v2', [
      comment('c1', 'citizen-a', '2026-11-30T12:00:00Z', 2), // answered by the account
      comment('c2', 'citizen-b', '2026-11-29T00:00:00Z', 1), // replies by others only
      comment('c3', 'open-id-1', '2026-11-29T00:00:00Z'), // the account's own comment: not a message
    ]);
    platform.comments.set('v1', [comment('c4', 'citizen-c', '2026-11-26T06:00:00Z')]); // no reply at all
    platform.replies.set('c1', [comment('r1', 'citizen-d', '2026-11-30T13:00:00Z'), comment('r2', 'open-id-1', '2026-11-30T14:00:00Z')]);
    platform.replies.set('c2', [comment('r3', 'citizen-e', '2026-11-29T01:00:00Z')]);
    const recent = await connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW);
    expect(recent.interactions).toEqual({ messagesReceived: 3, messagesAnswered: 1, oldestUnansweredDays: 5 });
    expect(recent.posts).toHaveLength(2);
    expect(recent.followers).toBe(1210);
    const listCall = server.calls(DOUYIN_PATHS.comments)[0]!;
    expect(listCall.headers['access-token']).toBe('act.1');
    expect(Object.fromEntries(listCall.query)).toEqual({ open_id: 'open-id-1', item_id: 'v2', cursor: '0', count: '50' });
    // Replies are read only under comments that have some.
    expect(server.calls(DOUYIN_PATHS.commentReplies).map((r) => r.query.get('comment_id'))).toEqual(['c1', 'c2']);
  });

  it('reports no unanswered age when every comment was answered', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.comments.set('v1', [comment('c1', 'citizen-a', '2026-11-20T00:00:00Z', 1)]);
    platform.replies.set('c1', [comment('r1', 'open-id-1', '2026-11-20T01:00:00Z')]);
    expect((await connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW)).interactions).toEqual({ messagesReceived: 1, messagesAnswered: 1, oldestUnansweredDays: 0 });
  });

  it('leaves a comment out, rather than guess, when its replies are over the lookup budget', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.comments.set('v1', [comment('c1', 'citizen-a', '2026-11-30T00:00:00Z', 1), comment('c2', 'citizen-b', '2026-11-29T00:00:00Z', 1), comment('c3', 'citizen-c', '2026-11-28T00:00:00Z')]);
    platform.replies.set('c1', [comment('r1', 'open-id-1', '2026-11-30T01:00:00Z')]);
    const recent = await connector({ comments: true, maxReplyLookups: 1 }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW);
    expect(recent.interactions).toEqual({ messagesReceived: 2, messagesAnswered: 1, oldestUnansweredDays: 4 });
    expect(server.calls(DOUYIN_PATHS.commentReplies)).toHaveLength(1);
  });

  it('keeps the videos and followers without figures when the operator did not grant item.comment (28001012)', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.commentsGranted = false;
    const recent = await connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW);
    expect(recent.posts).toHaveLength(1);
    expect(recent.followers).toBe(1210);
    expect(recent.interactions).toBeUndefined();
  });

  it('reports a rate limit on the comment list (28003018) as retryable', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.inject(DOUYIN_PATHS.comments, { json: { data: { error_code: 28003018, description: '请求频率过高' }, extra: { error_code: 28003018, description: '请求频率过高' } } });
    await expect(connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW)).rejects.toMatchObject({ kind: 'retryable', code: '28003018' });
  });

  it('reports an access token the platform no longer accepts on the reply list (2190002) as auth', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.comments.set('v1', [comment('c1', 'citizen-a', '2026-11-30T00:00:00Z', 1)]);
    platform.inject(DOUYIN_PATHS.commentReplies, { json: { data: { error_code: 2190002, description: 'access_token无效' }, extra: { error_code: 2190002 } } });
    await expect(connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW)).rejects.toMatchObject({ kind: 'auth', code: '2190002' });
  });

  it('refreshes an access token that expired mid-way (2190008) once and carries on', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.comments.set('v1', [comment('c1', 'citizen-a', '2026-11-30T00:00:00Z')]);
    platform.inject(DOUYIN_PATHS.comments, { json: { data: { error_code: 2190008, description: 'access_token过期' }, extra: { error_code: 2190008 } } });
    const recent = await connector({ comments: true }).fetchRecent(account, '2026-11-01T00:00:00Z', NOW);
    expect(recent.interactions).toEqual({ messagesReceived: 1, messagesAnswered: 0, oldestUnansweredDays: 2 });
    expect(server.calls(DOUYIN_PATHS.refresh)).toHaveLength(1);
  });

  it('without the permission (the default) asks for no comment scope and reads no comments', async () => {
    await authorised();
    platform.videos = [video('v1', '2026-12-01T00:00:00Z')];
    platform.comments.set('v1', [comment('c1', 'citizen-a', '2026-11-30T00:00:00Z')]);
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z', NOW);
    expect(recent.interactions).toBeUndefined();
    expect(server.calls(DOUYIN_PATHS.comments)).toHaveLength(0);
    expect(new URL(connector().oauth.authorizeUrl({ state: 's', redirectUri: 'https://govmedia.example/cb' })).searchParams.get('scope')).not.toContain('item.comment');
  });
});

describe('Douyin publishing', () => {
  it('hands a text post to a person (the API publishes uploaded videos only)', async () => {
    const r = await connector().publish({ account, post: { id: 'p1', title: '供暖通知', body: '正文' }, idempotencyKey: 'k1' });
    expect(r).toMatchObject({ status: 'pending_manual', taskId: 'k1' });
    expect(server.requests).toHaveLength(0);
  });
});
