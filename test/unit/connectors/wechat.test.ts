import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../functions/connectors/errors';
import type { Credentials, CredentialVault } from '../../../functions/connectors/credentials';
import type { ConnectorAccount, PublishInput } from '../../../functions/connectors/types';
import { WeChatConnector, stripHtml, toHtml } from '../../../functions/connectors/wechat';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from './fake-platform';

/**
 * The WeChat official-account API as its public documentation describes it
 * (developers.weixin.qq.com/doc/offiaccount): access token, draft box, free publish,
 * publish records, user list. Errors are `{errcode, errmsg}` with HTTP 200.
 */
class WeChatPlatform {
  readonly appId = 'wx1234567890abcdef';
  readonly secret = 'app-secret-0123456789abcdef';
  issued = 0;
  readonly valid = new Set<string>();
  readonly expired = new Set<string>();
  readonly drafts = new Map<string, unknown>();
  readonly publishes = new Map<string, string>();
  publishStatus = 0;
  followers = 1234;
  articles: unknown[] = [];
  /** One-off replies per path, used before the normal behaviour. */
  readonly next = new Map<string, Reply[]>();

  inject(path: string, ...replies: Reply[]): void {
    this.next.set(path, [...(this.next.get(path) ?? []), ...replies]);
  }

  handle = (req: RecordedRequest): Reply => {
    const queued = this.next.get(req.path);
    if (queued && queued.length > 0) return queued.shift()!;
    if (req.path === '/cgi-bin/token') {
      if (req.method !== 'GET' || req.query.get('grant_type') !== 'client_credential') return { json: { errcode: 40002, errmsg: 'invalid grant_type' } };
      if (req.query.get('appid') !== this.appId) return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      if (req.query.get('secret') !== this.secret) return { json: { errcode: 40125, errmsg: `invalid appsecret ${req.query.get('secret')}` } };
      const token = `ACCESS_TOKEN_${++this.issued}`;
      this.valid.add(token);
      return { json: { access_token: token, expires_in: 7200 } };
    }
    const token = req.query.get('access_token') ?? '';
    if (this.expired.has(token)) return { json: { errcode: 42001, errmsg: 'access_token expired' } };
    if (!this.valid.has(token)) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
    switch (req.path) {
      case '/cgi-bin/draft/add': {
        const a = req.body?.articles?.[0];
        if (!a?.title || !a?.content || !a?.thumb_media_id) return { json: { errcode: 40007, errmsg: 'invalid media_id' } };
        const mediaId = `MEDIA_ID_${this.drafts.size + 1}`;
        this.drafts.set(mediaId, a);
        return { json: { media_id: mediaId } };
      }
      case '/cgi-bin/freepublish/submit': {
        if (!this.drafts.has(req.body?.media_id)) return { json: { errcode: 40007, errmsg: 'invalid media_id' } };
        const publishId = `10000000${this.publishes.size + 1}`;
        this.publishes.set(publishId, req.body.media_id);
        return { json: { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: 2247483673 } };
      }
      case '/cgi-bin/freepublish/get': {
        const id = String(req.body?.publish_id);
        if (!this.publishes.has(id)) return { json: { errcode: 48005, errmsg: 'invalid publish_id' } };
        if (this.publishStatus === 0) {
          return {
            json: {
              publish_id: id,
              publish_status: 0,
              article_id: 'ARTICLE_ID_1',
              article_detail: { count: 1, item: [{ idx: 1, article_url: 'https://mp.weixin.qq.com/s/ARTICLE_1' }] },
              fail_idx: [],
            },
          };
        }
        return { json: { publish_id: id, publish_status: this.publishStatus, fail_idx: this.publishStatus === 1 ? [] : [1] } };
      }
      case '/cgi-bin/freepublish/batchget': {
        const { offset = 0, count = 20 } = req.body ?? {};
        const item = this.articles.slice(offset, offset + count);
        return { json: { total_count: this.articles.length, item_count: item.length, item } };
      }
      case '/cgi-bin/user/get':
        return { json: { total: this.followers, count: 2, data: { openid: ['OPENID1', 'OPENID2'] }, next_openid: 'OPENID2' } };
      default:
        return { status: 404, text: 'not found' };
    }
  };
}

class MemoryVault implements CredentialVault {
  readonly store = new Map<string, Credentials>();
  async get(id: string) {
    return this.store.get(id);
  }
  async put(id: string, c: Credentials) {
    this.store.set(id, c);
  }
  async remove(id: string) {
    this.store.delete(id);
  }
}

const account: ConnectorAccount = { id: 'acc-1', platform: 'wechat', handle: 'gh_abc', name: '某区政务发布' };
const input: PublishInput = {
  account,
  post: { id: 'sp-1', title: '医保电子凭证办理指南', body: '第一步：打开微信。\n第二步：搜索“医保电子凭证”。' },
  idempotencyKey: 'govmedia-sp-1',
};

let platform: WeChatPlatform;
let server: FakePlatform;
let vault: MemoryVault;
let clock: number;

function connector(timeoutMs = 2000): WeChatConnector {
  return new WeChatConnector({ vault, baseUrl: server.url, timeoutMs, now: () => clock });
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a ConnectorError');
}

beforeEach(async () => {
  platform = new WeChatPlatform();
  server = await startFakePlatform(platform.handle);
  vault = new MemoryVault();
  await vault.put('acc-1', { appId: platform.appId, appSecret: platform.secret, thumbMediaId: 'THUMB_MEDIA_ID' });
  clock = Date.parse('2026-11-26T00:00:00Z');
});

afterEach(async () => {
  await server.close();
});

describe('WeChat access token', () => {
  it('fetches it with grant_type=client_credential, the appid and the secret', async () => {
    await connector().publish(input);
    const [req] = server.calls('/cgi-bin/token');
    expect(req!.method).toBe('GET');
    expect(Object.fromEntries(req!.query)).toEqual({ grant_type: 'client_credential', appid: platform.appId, secret: platform.secret });
  });

  it('uses the token on every call and caches it until it expires', async () => {
    const c = connector();
    await c.publish(input);
    await c.publish(input);
    expect(server.calls('/cgi-bin/token')).toHaveLength(1);
    const others = server.requests.filter((r) => r.path !== '/cgi-bin/token');
    expect(new Set(others.map((r) => r.query.get('access_token')))).toEqual(new Set(['ACCESS_TOKEN_1']));
  });

  it('fetches a new token shortly before expires_in runs out', async () => {
    const c = connector();
    await c.publish(input);
    clock += (7200 - 299) * 1000; // inside the 5-minute margin
    await c.publish(input);
    expect(server.calls('/cgi-bin/token')).toHaveLength(2);
  });

  it('concurrent calls share one token request', async () => {
    const c = connector();
    await Promise.all([c.publish(input), c.publish(input), c.publish(input)]);
    expect(server.calls('/cgi-bin/token')).toHaveLength(1);
  });

  it.each([40001, 42001])('errcode %i drops the token, fetches a new one and retries the call once', async (errcode) => {
    const c = connector();
    await c.publish(input);
    if (errcode === 42001) platform.expired.add('ACCESS_TOKEN_1');
    else platform.valid.delete('ACCESS_TOKEN_1'); // e.g. another process took a new token
    const result = await c.publish(input);
    expect(result.status).toBe('published');
    expect(server.calls('/cgi-bin/token')).toHaveLength(2);
    const drafts = server.calls('/cgi-bin/draft/add');
    expect(drafts.map((r) => r.query.get('access_token'))).toEqual(['ACCESS_TOKEN_1', 'ACCESS_TOKEN_1', 'ACCESS_TOKEN_2']);
  });

  it('retries only once: a second token error is an auth failure', async () => {
    platform.inject('/cgi-bin/draft/add', { json: { errcode: 40001, errmsg: 'invalid credential' } }, { json: { errcode: 40001, errmsg: 'invalid credential' } });
    const err = await failure(connector().publish(input));
    expect(err).toMatchObject({ kind: 'auth', code: '40001', platform: 'wechat' });
    expect(server.calls('/cgi-bin/draft/add')).toHaveLength(2);
  });

  it('a wrong secret is an auth failure whose message never contains the secret', async () => {
    await vault.put('acc-1', { appId: platform.appId, appSecret: 'wrong-secret-value', thumbMediaId: 'T' });
    const err = await failure(connector().publish(input));
    expect(err).toMatchObject({ kind: 'auth', code: '40125' });
    expect(err.message).not.toContain('wrong-secret-value');
  });

  it('an account without credentials is an auth failure (no_credentials)', async () => {
    await vault.remove('acc-1');
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'auth', code: 'no_credentials' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('WeChat publish (draft/add → freepublish/submit → freepublish/get)', () => {
  it('creates the draft, publishes it and returns the article id and URL', async () => {
    const result = await connector().publish(input);
    expect(result).toEqual({ status: 'published', platformPostId: 'ARTICLE_ID_1', url: 'https://mp.weixin.qq.com/s/ARTICLE_1' });
    const [draft] = server.calls('/cgi-bin/draft/add');
    expect(draft!.method).toBe('POST');
    expect(draft!.body.articles).toEqual([
      {
        title: '医保电子凭证办理指南',
        content: '<p>第一步：打开微信。</p><p>第二步：搜索“医保电子凭证”。</p>',
        thumb_media_id: 'THUMB_MEDIA_ID',
        need_open_comment: 0,
        only_fans_can_comment: 0,
      },
    ]);
    expect(server.calls('/cgi-bin/freepublish/submit')[0]!.body).toEqual({ media_id: 'MEDIA_ID_1' });
    expect(server.calls('/cgi-bin/freepublish/get')[0]!.body).toEqual({ publish_id: '100000001' });
  });

  it('a publish still in progress (publish_status 1) is returned as processing with the publish_id', async () => {
    platform.publishStatus = 1;
    expect(await connector().publish(input)).toEqual({ status: 'processing', ref: '100000001' });
  });

  it('a publish refused by the platform review (publish_status 4) is a permanent failure', async () => {
    platform.publishStatus = 4;
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'permanent', code: 'publish_status_4' });
  });

  it('errcode 45009 (API quota reached) is retryable', async () => {
    platform.inject('/cgi-bin/freepublish/submit', { json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } });
    const err = await failure(connector().publish(input));
    expect(err).toMatchObject({ kind: 'retryable', code: '45009' });
    expect(err.toPublishError()).toMatchObject({ kind: 'retryable', code: '45009' });
  });

  it('errcode -1 (system busy) is retryable', async () => {
    platform.inject('/cgi-bin/draft/add', { json: { errcode: -1, errmsg: 'system error' } });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'retryable', code: '-1' });
  });

  it('a content error (45003 title too long) is permanent', async () => {
    platform.inject('/cgi-bin/draft/add', { json: { errcode: 45003, errmsg: 'title size out of limit' } });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'permanent', code: '45003' });
  });

  it('an account without a cover material cannot publish (permanent no_cover)', async () => {
    await vault.put('acc-1', { appId: platform.appId, appSecret: platform.secret });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'permanent', code: 'no_cover' });
  });

  it('no answer to freepublish/submit is a timeout: the post may be out', async () => {
    platform.inject('/cgi-bin/freepublish/submit', 'hang');
    const err = await failure(connector(200).publish(input));
    expect(err).toMatchObject({ kind: 'timeout', code: 'timeout' });
  });

  it('a connection dropped after sending freepublish/submit is a timeout too', async () => {
    platform.inject('/cgi-bin/freepublish/submit', 'reset');
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'timeout', code: 'connection_lost' });
  });

  it('a server error answering freepublish/submit is a timeout (outcome unknown)', async () => {
    platform.inject('/cgi-bin/freepublish/submit', { status: 502, text: 'Bad Gateway' });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'timeout', code: 'http_502' });
  });

  it('no answer to draft/add is retryable: nothing was published yet', async () => {
    platform.inject('/cgi-bin/draft/add', 'hang');
    expect(await failure(connector(200).publish(input))).toMatchObject({ kind: 'retryable', code: 'timeout' });
    expect(server.calls('/cgi-bin/freepublish/submit')).toHaveLength(0);
  });

  it('no answer to the status query after a successful submit returns processing, not an error', async () => {
    platform.inject('/cgi-bin/freepublish/get', 'hang');
    expect(await connector(200).publish(input)).toEqual({ status: 'processing', ref: '100000001' });
  });

  it('an answer that does not match the documented shape is refused (valibot)', async () => {
    platform.inject('/cgi-bin/draft/add', { json: { media: 'x' } });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'retryable', code: 'bad_response' });
  });
});

describe('WeChat lookup after an uncertain publish', () => {
  it('with a publish_id asks freepublish/get', async () => {
    const c = connector();
    await c.publish({ ...input }); // creates publish 100000001
    const found = await c.findPublished({ ...input, since: '2026-11-26T00:00:00Z', ref: '100000001' });
    expect(found).toEqual({ state: 'published', platformPostId: 'ARTICLE_ID_1', url: 'https://mp.weixin.qq.com/s/ARTICLE_1' });
  });

  it('without one finds the article by its exact title among the latest publish records', async () => {
    platform.articles = [
      { article_id: 'A2', update_time: clock / 1000 + 60, content: { news_item: [{ title: '医保电子凭证办理指南', url: 'https://mp.weixin.qq.com/s/A2', is_deleted: false }] } },
    ];
    const found = await connector().findPublished({ ...input, since: new Date(clock).toISOString() });
    expect(found).toEqual({ state: 'published', platformPostId: 'A2', url: 'https://mp.weixin.qq.com/s/A2' });
    expect(server.calls('/cgi-bin/freepublish/batchget')[0]!.body).toEqual({ offset: 0, count: 20, no_content: 1 });
  });

  it('a miss is not conclusive (publishing is asynchronous)', async () => {
    expect(await connector().findPublished({ ...input, since: new Date(clock).toISOString() })).toEqual({ state: 'not_found', conclusive: false });
  });
});

describe('WeChat recent activity', () => {
  it('reads published articles since a time and the follower total', async () => {
    const t = Math.floor(clock / 1000);
    platform.articles = [
      { article_id: 'A3', update_time: t - 3600, content: { news_item: [{ title: '新政解读', url: 'https://mp.weixin.qq.com/s/A3', content: '<p>一、适用范围</p><p>二、办理流程</p>' }] } },
      { article_id: 'A1', update_time: t - 30 * 86_400, content: { news_item: [{ title: '旧文', url: 'https://mp.weixin.qq.com/s/A1', content: '<p>旧</p>' }] } },
    ];
    const recent = await connector().fetchRecent(account, new Date(clock - 7 * 86_400_000).toISOString());
    expect(recent).toEqual({
      posts: [{ externalId: 'A3', publishedAt: new Date((t - 3600) * 1000).toISOString(), title: '新政解读', text: '一、适用范围\n二、办理流程', url: 'https://mp.weixin.qq.com/s/A3' }],
      followers: 1234,
    });
    expect(server.calls('/cgi-bin/user/get')).toHaveLength(1);
  });

  it('a read that gets no answer is a timeout', async () => {
    platform.inject('/cgi-bin/freepublish/batchget', 'hang');
    expect(await failure(connector(200).fetchRecent(account, new Date(clock).toISOString()))).toMatchObject({ kind: 'timeout' });
  });
});

describe('WeChat HTML', () => {
  it('escapes text into paragraphs and strips it back', () => {
    const html = toHtml('a < b & "c"\n\n第二段');
    expect(html).toBe('<p>a &lt; b &amp; &quot;c&quot;</p><p>第二段</p>');
    expect(stripHtml(html)).toBe('a < b & "c"\n第二段');
  });
});
