import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Credentials, CredentialVault } from '../../../functions/connectors/credentials';
import { ConnectorError } from '../../../functions/connectors/errors';
import type { ConnectorAccount, PublishInput } from '../../../functions/connectors/types';
import { WeiboConnector, composeStatus, parseWeiboDate } from '../../../functions/connectors/weibo';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from './fake-platform';

/**
 * The Weibo open platform v2 API as documented (open.weibo.com/wiki): statuses/share,
 * statuses/user_timeline, users/show. Errors are {"request", "error_code", "error"},
 * usually with HTTP 400 or 403. Weibo shortens links in a status to t.cn.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function weiboDate(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800 ${d.getUTCFullYear()}`;
}

const T0 = Date.parse('2026-11-26T00:00:00Z');

class WeiboPlatform {
  readonly token = '2.00abcdefTOKEN123456';
  statuses: { idstr: string; id: number; created_at: string; text: string; retweeted_status?: unknown; user: { followers_count: number } }[] = [];
  followers = 5678;
  /** comments/to_me and comments/by_me; undefined: the app lacks the comment scope (the API answers 10014). */
  comments: { toMe: unknown[]; byMe: unknown[] } | undefined;
  readonly next = new Map<string, Reply[]>();

  inject(path: string, ...replies: Reply[]): void {
    this.next.set(path, [...(this.next.get(path) ?? []), ...replies]);
  }

  private error(req: RecordedRequest, status: number, code: number, error: string): Reply {
    return { status, json: { request: req.path, error_code: code, error } };
  }

  handle = (req: RecordedRequest): Reply => {
    const queued = this.next.get(req.path);
    if (queued && queued.length > 0) return queued.shift()!;
    const token = req.method === 'POST' ? req.body?.access_token : req.query.get('access_token');
    if (token !== this.token) return this.error(req, 403, 21332, 'invalid_access_token');
    switch (req.path) {
      case '/2/statuses/share.json': {
        const text: string = req.body.status ?? '';
        if (!/https?:\/\//.test(text)) return this.error(req, 400, 10017, 'parameter (status)\'s value invalid, expect (must contain a safe url), but get (...)');
        const shortened = text.replace(/https?:\/\/\S+/g, 'http://t.cn/A6xyzAB');
        if (this.statuses.some((s) => s.text === shortened)) return this.error(req, 400, 20019, 'repeat content!');
        const idstr = `51000000000${String(this.statuses.length + 1).padStart(5, '0')}`;
        const status = { idstr, id: Number(idstr), created_at: weiboDate(T0 + 5000), text: shortened, user: { followers_count: this.followers } };
        this.statuses.unshift(status);
        return { json: status };
      }
      case '/2/statuses/user_timeline.json': {
        const count = Number(req.query.get('count') ?? 20);
        const page = Number(req.query.get('page') ?? 1);
        return { json: { statuses: this.statuses.slice((page - 1) * count, page * count), total_number: this.statuses.length } };
      }
      case '/2/comments/to_me.json':
      case '/2/comments/by_me.json':
        if (!this.comments) return this.error(req, 403, 10014, 'Permission denied, need a high level appkey');
        return { json: { comments: req.path.includes('to_me') ? this.comments.toMe : this.comments.byMe, total_number: 0 } };
      case '/2/users/show.json':
        return { json: { id: 1234567890, idstr: '1234567890', screen_name: '某区发布', followers_count: this.followers } };
      default:
        return this.error(req, 404, 10020, 'Request api not found!');
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

const account: ConnectorAccount = { id: 'acc-2', platform: 'weibo', handle: 'xx_fabu', name: '某区发布' };
const input: PublishInput = {
  account,
  post: { id: 'sp-2', title: '今冬供暖时间', body: '本区集中供暖将于11月15日开始。' },
  idempotencyKey: 'govmedia-sp-2',
};

let platform: WeiboPlatform;
let server: FakePlatform;
let vault: MemoryVault;

function connector(timeoutMs = 2000): WeiboConnector {
  return new WeiboConnector({ vault, baseUrl: server.url, timeoutMs, now: () => T0 + 60_000 });
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
  platform = new WeiboPlatform();
  server = await startFakePlatform(platform.handle);
  vault = new MemoryVault();
  await vault.put('acc-2', { accessToken: platform.token, uid: '1234567890', shareUrl: 'https://www.example.gov.cn/heating' });
});

afterEach(async () => {
  await server.close();
});

describe('Weibo publish (statuses/share)', () => {
  it('posts the text with the access token and the share link, and returns the status id and URL', async () => {
    const result = await connector().publish(input);
    expect(result).toEqual({ status: 'published', platformPostId: '5100000000000001', url: 'https://m.weibo.cn/status/5100000000000001' });
    const [req] = server.calls('/2/statuses/share.json');
    expect(req!.method).toBe('POST');
    expect(req!.body).toEqual({ access_token: platform.token, status: '【今冬供暖时间】本区集中供暖将于11月15日开始。 https://www.example.gov.cn/heating' });
  });

  it('does not add the share link when the text already has one', () => {
    expect(composeStatus({ title: '', body: '详见 https://a.gov.cn/x' }, 'https://b.gov.cn')).toBe('详见 https://a.gov.cn/x');
  });

  it.each([
    [21327, 'expired_token'],
    [21332, 'invalid_access_token'],
  ])('error %i (%s) is an auth failure asking to re-authorise', async (code, error) => {
    platform.inject('/2/statuses/share.json', { status: 403, json: { request: '/2/statuses/share.json', error_code: code, error } });
    const err = await failure(connector().publish(input));
    expect(err).toMatchObject({ kind: 'auth', code: String(code), platform: 'weibo' });
    expect(err.message).toMatch(/重新授权/);
    expect(err.message).not.toContain(platform.token);
  });

  it('a token the platform does not know is an auth failure', async () => {
    await vault.put('acc-2', { accessToken: 'revoked-token-value' });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'auth', code: '21332' });
  });

  it.each([
    [10022, 'IP requests out of rate limit'],
    [10023, 'User requests out of rate limit'],
    [10024, 'User requests for (statuses/share) out of rate limit'],
  ])('rate limit %i (%s) is retryable', async (code, error) => {
    platform.inject('/2/statuses/share.json', { status: 403, json: { request: '/2/statuses/share.json', error_code: String(code), error } });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'retryable', code: String(code) });
  });

  it('a rate limit with Retry-After carries the wait', async () => {
    platform.inject('/2/statuses/share.json', { status: 403, headers: { 'retry-after': '120' }, json: { error_code: 10023, error: 'User requests out of rate limit' } });
    expect((await failure(connector().publish(input))).toPublishError()).toMatchObject({ kind: 'retryable', retryAfterMs: 120_000 });
  });

  it('20019 (repeat content) after an earlier attempt that did go out returns that post, not a second one', async () => {
    await connector().publish(input); // the first attempt went out, but say its answer was lost
    const again = await connector().publish(input);
    expect(again).toEqual({ status: 'published', platformPostId: '5100000000000001', url: 'https://m.weibo.cn/status/5100000000000001' });
    expect(platform.statuses).toHaveLength(1);
  });

  it('20019 when the earlier post cannot be found is permanent, saying it was not posted again', async () => {
    platform.inject('/2/statuses/share.json', { status: 400, json: { request: '/2/statuses/share.json', error_code: 20019, error: 'repeat content!' } });
    const err = await failure(connector().publish(input));
    expect(err).toMatchObject({ kind: 'permanent', code: '20019' });
    expect(err.message).toMatch(/未再次发布/);
  });

  it('a text refused by the platform (10017, no safe link) is permanent', async () => {
    await vault.put('acc-2', { accessToken: platform.token });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'permanent', code: '10017' });
  });

  it('no answer is a timeout: the status may be out', async () => {
    platform.inject('/2/statuses/share.json', 'hang');
    expect(await failure(connector(200).publish(input))).toMatchObject({ kind: 'timeout', code: 'timeout' });
  });

  it('a 502 without a Weibo error body is a timeout (outcome unknown)', async () => {
    platform.inject('/2/statuses/share.json', { status: 502, text: '<html>Bad Gateway</html>' });
    expect(await failure(connector().publish(input))).toMatchObject({ kind: 'timeout', code: 'http_502' });
  });

  it('a server that is not there is retryable (nothing was sent)', async () => {
    const url = server.url;
    await server.close();
    const c = new WeiboConnector({ vault, baseUrl: url, timeoutMs: 2000 });
    expect(await failure(c.publish(input))).toMatchObject({ kind: 'retryable', code: 'network' });
    server = await startFakePlatform(platform.handle); // for afterEach
  });
});

describe('Weibo lookup and recent activity', () => {
  it('finds an uncertain publish by its text, even after Weibo shortened the link', async () => {
    await connector().publish(input);
    const found = await connector().findPublished({ ...input, since: new Date(T0).toISOString() });
    expect(found).toEqual({ state: 'published', platformPostId: '5100000000000001', url: 'https://m.weibo.cn/status/5100000000000001' });
  });

  it('a miss is not conclusive (Weibo may hold a post for review)', async () => {
    expect(await connector().findPublished({ ...input, since: new Date(T0).toISOString() })).toEqual({ state: 'not_found', conclusive: false });
  });

  it('reads the timeline since a time, marks reposts, and takes followers from users/show', async () => {
    platform.statuses = [
      { idstr: '3', id: 3, created_at: weiboDate(T0 - 3_600_000), text: '转发：防汛提示', retweeted_status: { idstr: '9' }, user: { followers_count: 5000 } },
      { idstr: '2', id: 2, created_at: weiboDate(T0 - 2 * 86_400_000), text: '办事指南', user: { followers_count: 5000 } },
      { idstr: '1', id: 1, created_at: weiboDate(T0 - 40 * 86_400_000), text: '旧微博', user: { followers_count: 5000 } },
    ];
    const recent = await connector().fetchRecent(account, new Date(T0 - 7 * 86_400_000).toISOString());
    expect(recent).toEqual({
      posts: [
        { externalId: '3', publishedAt: new Date(T0 - 3_600_000).toISOString(), text: '转发：防汛提示', url: 'https://m.weibo.cn/status/3', isRepost: true },
        { externalId: '2', publishedAt: new Date(T0 - 2 * 86_400_000).toISOString(), text: '办事指南', url: 'https://m.weibo.cn/status/2' },
      ],
      followers: 5678,
    });
    expect(server.calls('/2/users/show.json')[0]!.query.get('uid')).toBe('1234567890');
  });

  it('counts comments received since the window and those the account answered; the oldest unanswered in days (comments/to_me, by_me)', async () => {
    platform.comments = {
      toMe: [
        { idstr: 'c1', created_at: weiboDate(T0 - 5 * 86_400_000 + 60_000), text: '请问社保怎么缴？', user: { idstr: '777' } },
        { idstr: 'c2', created_at: weiboDate(T0 - 2 * 86_400_000), text: '谢谢', user: { idstr: '778' } },
        { idstr: 'c3', created_at: weiboDate(T0 - 3_600_000), text: '几点开门？', user: { idstr: '779' } },
        { idstr: 'c0', created_at: weiboDate(T0 - 30 * 86_400_000), text: '窗口外的旧评论', user: { idstr: '780' } },
      ],
      byMe: [{ idstr: 'r1', created_at: weiboDate(T0 - 86_400_000), text: '您好，可在浙里办缴纳', user: { idstr: '1234567890' }, reply_comment: { idstr: 'c2' } }],
    };
    const recent = await connector().fetchRecent(account, new Date(T0 - 7 * 86_400_000).toISOString(), new Date(T0).toISOString());
    expect(recent.interactions).toEqual({ messagesReceived: 3, messagesAnswered: 1, oldestUnansweredDays: 4 });
  });

  it('an app without the comment scope (10014) still gets posts and followers, without interaction figures', async () => {
    platform.comments = undefined;
    const recent = await connector().fetchRecent(account, new Date(T0 - 7 * 86_400_000).toISOString());
    expect(recent.interactions).toBeUndefined();
    expect(recent.followers).toBe(5678);
  });

  it('parses Weibo’s created_at format with its offset', () => {
    expect(new Date(parseWeiboDate('Tue May 31 17:46:55 +0800 2011')).toISOString()).toBe('2011-05-31T09:46:55.000Z');
    expect(parseWeiboDate('2011-05-31')).toBeNaN();
  });

  it('a timeline answer that does not match the documented shape is refused', async () => {
    platform.inject('/2/statuses/user_timeline.json', { json: { statuses: [{ id: 1 }] } });
    expect(await failure(connector().fetchRecent(account, new Date(T0).toISOString()))).toMatchObject({ kind: 'retryable', code: 'bad_response' });
  });
});
