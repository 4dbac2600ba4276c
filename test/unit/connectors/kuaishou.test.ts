import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KUAISHOU_PATHS, KuaishouConnector } from '../../../functions/connectors/kuaishou';
import type { ConnectorAccount } from '../../../functions/connectors/types';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from './fake-platform';
import { MemoryVault } from './memory-vault';

/**
 * 快手开放平台 as its public documentation and SDKs describe it (open.kuaishou.com):
 * GET token calls with app_id / app_secret answering `{result: 1, access_token, expires_in,
 * refresh_token, refresh_token_expires_in, open_id, scopes}`; `/openapi/photo/list` and
 * `/openapi/user_info` with app_id and access_token; a failure is `{result: <code>, error_msg}`.
 */
class KuaishouPlatform {
  readonly appId = 'ks6803200000';
  readonly appSecret = 'ks-secret-abcdef012345';
  issued = 0;
  readonly valid = new Set<string>();
  readonly expired = new Set<string>();
  readonly refreshTokens = new Set<string>();
  photos: unknown[] = [];
  readonly next = new Map<string, Reply[]>();

  inject(path: string, ...replies: Reply[]): void {
    this.next.set(path, [...(this.next.get(path) ?? []), ...replies]);
  }

  private issue(): Reply {
    const n = ++this.issued;
    this.valid.add(`ks-at-${n}`);
    this.refreshTokens.add(`ks-rt-${n}`);
    return { json: { result: 1, access_token: `ks-at-${n}`, expires_in: 172_800, refresh_token: `ks-rt-${n}`, refresh_token_expires_in: 15_552_000, open_id: 'ks-open-1', scopes: ['user_info', 'user_video_info'] } };
  }

  handle = (req: RecordedRequest): Reply => {
    const queued = this.next.get(req.path);
    if (queued?.length) return queued.shift()!;
    const q = Object.fromEntries(req.query);
    if (q.app_id !== this.appId) return { json: { result: 100200100, error_msg: 'app_id 无效' } };
    if (req.path === KUAISHOU_PATHS.token) {
      if (q.app_secret !== this.appSecret || q.grant_type !== 'authorization_code' || q.code !== 'good-code') return { json: { result: 100200100, error_msg: 'invalid code' } };
      return this.issue();
    }
    if (req.path === KUAISHOU_PATHS.refresh) {
      if (q.grant_type !== 'refresh_token' || !this.refreshTokens.has(q.refresh_token ?? '')) return { json: { result: 100200102, error_msg: 'refresh_token expired' } };
      return this.issue();
    }
    const token = q.access_token ?? '';
    if (this.expired.has(token)) return { json: { result: 100200101, error_msg: 'access_token expired' } };
    if (!this.valid.has(token)) return { json: { result: 100200101, error_msg: 'access_token invalid' } };
    if (req.path === KUAISHOU_PATHS.userInfo) return { json: { result: 1, user_info: { name: '某县发布', sex: 'M', fan: 8800, follow: 12, head: '', bigHead: '', city: '' } } };
    if (req.path === KUAISHOU_PATHS.photoList) {
      const start = Number(q.cursor ?? 0);
      const count = Number(q.count ?? 20);
      const page = this.photos.slice(start, start + count);
      const end = start + page.length;
      return { json: { result: 1, video_list: page, ...(end < this.photos.length ? { cursor: String(end) } : {}) } };
    }
    return { status: 404, text: 'not found' };
  };
}

const T0 = Date.parse('2026-12-02T00:00:00Z');
const account: ConnectorAccount = { id: 'acc-ks', platform: 'kuaishou', handle: 'ks-gov', name: '某县发布快手号' };
let server: FakePlatform;
let platform: KuaishouPlatform;
let vault: MemoryVault;

const connector = () => new KuaishouConnector({ vault, baseUrl: server.url, timeoutMs: 2000, app: { clientKey: platform.appId, clientSecret: platform.appSecret }, now: () => T0 });
const photo = (id: string, at: string, extra: object = {}) => ({ photo_id: id, caption: `作品 ${id}`, cover: '', play_url: '', create_time: Date.parse(at), like_count: 1, comment_count: 0, view_count: 9, pending: false, ...extra });

beforeEach(async () => {
  platform = new KuaishouPlatform();
  server = await startFakePlatform(platform.handle);
  vault = new MemoryVault();
});
afterEach(async () => {
  await server.close();
});

async function authorised(): Promise<void> {
  await vault.put(account.id, { ...(await connector().oauth.exchange('good-code', 'https://govmedia.example/cb', '2026-12-02T00:00:00.000Z')) });
}

describe('Kuaishou OAuth', () => {
  it('sends the operator to the platform page with app_id, scopes, redirect and state', () => {
    const url = new URL(connector().oauth.authorizeUrl({ state: 's', redirectUri: 'https://govmedia.example/api/v1/oauth/kuaishou/callback' }));
    expect(url.pathname).toBe('/oauth2/connect');
    expect(Object.fromEntries(url.searchParams)).toEqual({ app_id: platform.appId, scope: 'user_info,user_video_info', response_type: 'code', redirect_uri: 'https://govmedia.example/api/v1/oauth/kuaishou/callback', state: 's' });
  });

  it('exchanges the code for tokens dated from the given now', async () => {
    expect(await connector().oauth.exchange('good-code', 'https://govmedia.example/cb', '2026-12-02T00:00:00.000Z')).toEqual({
      accessToken: 'ks-at-1',
      refreshToken: 'ks-rt-1',
      openId: 'ks-open-1',
      expiresAt: '2026-12-04T00:00:00.000Z',
      refreshExpiresAt: '2027-05-31T00:00:00.000Z',
      scope: 'user_info,user_video_info',
    });
  });

  it('refreshes tokens due within the margin and stores them', async () => {
    await authorised();
    expect((await connector().refreshAuthorization(account, '2026-12-03T12:00:00.000Z', 86_400_000)).refreshed).toBe(true);
    expect(vault.entries.get(account.id)?.accessToken).toBe('ks-at-2');
  });

  it('reports a refused refresh as authorization_expired', async () => {
    await authorised();
    platform.refreshTokens.clear();
    await expect(connector().refreshAuthorization(account, '2026-12-03T12:00:00.000Z', 86_400_000)).rejects.toMatchObject({ kind: 'auth', code: 'authorization_expired' });
  });
});

describe('Kuaishou recent activity', () => {
  it('reads the works since a time (cursor pages), skips those in review, and the fan count', async () => {
    await authorised();
    platform.photos = [
      ...Array.from({ length: 60 }, (_, i) => photo(`p${i}`, new Date(T0 - i * 3_600_000).toISOString())),
      photo('old', '2026-09-01T00:00:00Z'),
    ];
    platform.photos.splice(1, 1, photo('reviewing', '2026-12-01T23:00:00Z', { pending: true }));
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts).toHaveLength(59);
    expect(recent.posts[0]).toEqual({ externalId: 'p0', publishedAt: '2026-12-02T00:00:00.000Z', text: '作品 p0', url: 'https://www.kuaishou.com/short-video/p0' });
    expect(recent.posts.some((p) => p.externalId === 'reviewing')).toBe(false);
    expect(recent.followers).toBe(8800);
  });

  it('refreshes an expired access token once and retries', async () => {
    await authorised();
    platform.expired.add('ks-at-1');
    platform.photos = [photo('p1', '2026-12-01T00:00:00Z')];
    expect((await connector().fetchRecent(account, '2026-11-01T00:00:00Z')).posts).toHaveLength(1);
    expect(vault.entries.get(account.id)?.accessToken).toBe('ks-at-2');
  });

  it.each([
    [100200106, 'retryable', '100200106'],
    [100200103, 'auth', 'permission_denied'],
    [100200999, 'permanent', '100200999'],
  ])('maps result %i to %s', async (result, kind, code) => {
    await authorised();
    platform.inject(KUAISHOU_PATHS.photoList, { json: { result, error_msg: 'x' } });
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind, code });
  });

  it('hands publishing to a person (the API publishes uploaded videos only)', async () => {
    expect(await connector().publish({ account, post: { id: 'p', title: 't', body: 'b' }, idempotencyKey: 'k' })).toMatchObject({ status: 'pending_manual' });
  });
});
