import * as v from 'valibot';
import { WeiboCredentials } from '../../shared/connectors/credential-fields';
import type { CredentialVault } from './credentials';
import { redactText } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import { send, type HttpResponse, type HttpSettings } from './http';
import type {
  Connector,
  ConnectorAccount,
  ConnectorPost,
  FindPublishedInput,
  FindResult,
  HttpConnectorOptions,
  Interactions,
  PublishInput,
  PublishResult,
  RecentActivity,
  RecentPost,
} from './types';

/**
 * Weibo (新浪微博) connector, over the open platform's v2 API with the account's
 * OAuth2 access token:
 *   POST /2/statuses/share.json          publish (the text must contain a link under the app's safe domain)
 *   GET  /2/statuses/user_timeline.json  recent posts of the token's user (also the lookup after a timeout)
 *   GET  /2/users/show.json              followers_count
 *   GET  /2/comments/to_me.json          comments others made on the user's statuses (the interaction figures)
 *   GET  /2/comments/by_me.json          the user's own comments; `reply_comment` names the comment answered
 * Errors come back as {"error_code", "error", "request"} (often with HTTP 400/403).
 */

export const WEIBO_COMMENT_PATHS = { toMe: '/2/comments/to_me.json', byMe: '/2/comments/by_me.json' } as const;
const WeiboComment = v.looseObject({
  idstr: v.string(),
  created_at: v.string(),
  user: v.optional(v.looseObject({ idstr: v.optional(v.string()) })),
  reply_comment: v.optional(v.looseObject({ idstr: v.string() })),
});
const CommentsResponse = v.looseObject({ comments: v.array(WeiboComment) });

export interface WeiboOptions extends HttpConnectorOptions {
  vault: CredentialVault;
  /** Where a status is shown (default https://m.weibo.cn; the URL is `${webBaseUrl}/status/${idstr}`). */
  webBaseUrl?: string;
  /** Timeline pages of 100 fetchRecent reads at most (default 5). */
  maxPages?: number;
}

/** Token expired, invalid, revoked or rejected; app key missing or not permitted: a person must re-authorise. */
const AUTH_CODES = new Set(['21301', '21314', '21315', '21316', '21317', '21319', '21327', '21332', '10006', '10014']);
/** Rate limits (IP, user, user per API), posting too fast, service busy or unavailable. */
const RETRYABLE_CODES = new Set(['10001', '10002', '10003', '10009', '10022', '10023', '10024', '20016']);
/** Server-side errors after which a publish may or may not have happened. */
const AMBIGUOUS_ON_PUBLISH = new Set(['10001', '10003']);
/** "Repeat content": the same text was posted recently by this user. */
const DUPLICATE_CODE = '20019';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue May 31 17:46:55 +0800 2011" → epoch ms (NaN when it is not that format). */
export function parseWeiboDate(s: string): number {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(s.trim());
  if (!m) return Number.NaN;
  const month = MONTHS.indexOf(m[1]!);
  if (month < 0) return Number.NaN;
  const [, , day, hh, mm, ss, sign, oh, om, year] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offset;
}

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const WeiboStatus = v.object({
  idstr: NonEmpty,
  created_at: v.pipe(v.string(), v.check((s) => !Number.isNaN(parseWeiboDate(s)), 'created_at')),
  text: v.string(),
  retweeted_status: v.optional(v.unknown()),
  user: v.optional(v.object({ followers_count: v.optional(v.number()) })),
});
type WeiboStatus = v.InferOutput<typeof WeiboStatus>;
const ErrorBody = v.object({ error_code: v.union([v.number(), v.string()]), error: v.optional(v.string()) });
const TimelineResponse = v.object({ statuses: v.array(WeiboStatus) });
const UserShowResponse = v.object({ followers_count: v.number() });

/** The status text for a post: 【title】body, plus the share link when the text has no link. */
export function composeStatus(post: Pick<ConnectorPost, 'title' | 'body'>, shareUrl?: string): string {
  const title = post.title.trim();
  let text = `${title ? `【${title}】` : ''}${post.body.trim()}`;
  if (shareUrl && !/https?:\/\//i.test(text)) text = `${text} ${shareUrl}`;
  return text;
}

/** Text as compared after Weibo has shortened links (t.cn) and folded a long text ("…全文"). */
function normalize(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, '')
    .replace(/(\.\.\.|…)?\s*全文\s*$/, '')
    .replace(/\s+/g, '');
}

function sameText(ours: string, theirs: string): boolean {
  const a = normalize(ours);
  const b = normalize(theirs);
  return a === b || (b.length >= 20 && a.startsWith(b));
}

type Phase = 'read' | 'commit';

export class WeiboConnector implements Connector {
  readonly name = 'weibo' as const;
  private readonly http: HttpSettings;
  private readonly webBaseUrl: string;
  private readonly now: () => number;

  constructor(private readonly options: WeiboOptions) {
    this.http = {
      platform: 'weibo',
      baseUrl: options.baseUrl ?? 'https://api.weibo.com',
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    this.webBaseUrl = (options.webBaseUrl ?? 'https://m.weibo.cn').replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const creds = await this.credentials(input.account);
    const text = composeStatus(input.post, creds.shareUrl);
    const res = await send(this.http, { method: 'POST', path: '/2/statuses/share.json', form: { access_token: creds.accessToken, status: text } });
    try {
      const status = this.parse(res, WeiboStatus, 'commit', '/2/statuses/share.json', creds);
      return { status: 'published', platformPostId: status.idstr, url: this.statusUrl(status) };
    } catch (err) {
      if (!(err instanceof ConnectorError && err.code === DUPLICATE_CODE)) throw err;
      // The same text is already on the account (an earlier attempt whose answer was lost, or
      // a person posted it): take that post as this one if it can be found, never post it again.
      const found = await this.lookup(creds, text, this.now() - 24 * 3_600_000).catch(() => undefined);
      if (found) return { status: 'published', platformPostId: found.idstr, url: this.statusUrl(found) };
      throw new ConnectorError('permanent', 'weibo', DUPLICATE_CODE, '微博提示内容重复：近期已发布过相同内容，未再次发布；如确已发布，请填写链接确认');
    }
  }

  /** Looks for the same text in the account's latest statuses. A miss is not conclusive (Weibo may hold a post for review). */
  async findPublished(input: FindPublishedInput): Promise<FindResult> {
    const creds = await this.credentials(input.account);
    const found = await this.lookup(creds, composeStatus(input.post, creds.shareUrl), Date.parse(input.since) - 5 * 60_000);
    if (found) return { state: 'published', platformPostId: found.idstr, url: this.statusUrl(found) };
    return { state: 'not_found', conclusive: false };
  }

  async fetchRecent(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity> {
    const creds = await this.credentials(account);
    const sinceMs = Date.parse(since);
    const posts: RecentPost[] = [];
    let followersFromTimeline: number | undefined;
    const maxPages = this.options.maxPages ?? 5;
    for (let page = 1; page <= maxPages; page++) {
      const statuses = await this.timeline(creds, 100, page);
      followersFromTimeline ??= statuses[0]?.user?.followers_count;
      let older = false;
      for (const s of statuses) {
        const at = parseWeiboDate(s.created_at);
        if (at < sinceMs) {
          older = true;
          continue;
        }
        posts.push({
          externalId: s.idstr,
          publishedAt: new Date(at).toISOString(),
          text: s.text.slice(0, 50_000),
          url: this.statusUrl(s),
          ...(s.retweeted_status !== undefined ? { isRepost: true } : {}),
        });
      }
      if (statuses.length < 100 || older) break;
    }
    let followers = followersFromTimeline;
    if (creds.uid) {
      try {
        const res = await send(this.http, { method: 'GET', path: '/2/users/show.json', query: { access_token: creds.accessToken, uid: creds.uid } });
        followers = this.parse(res, UserShowResponse, 'read', '/2/users/show.json', creds).followers_count;
      } catch (err) {
        if (!(err instanceof ConnectorError && err.kind === 'permanent')) throw err;
      }
    }
    const interactions = await this.interactions(creds, sinceMs, now ? Date.parse(now) : (this.options.now ?? Date.now)());
    return { posts, ...(followers !== undefined ? { followers } : {}), ...(interactions ? { interactions } : {}) };
  }

  /**
   * Comments received since `sinceMs` (comments/to_me, first page of 50, others' only) and which
   * of them the account answered (a comment of its own in comments/by_me whose `reply_comment`
   * is that comment); the oldest unanswered in whole days. An app without the comment scope
   * (10014 and other permission codes) gives no figures rather than failing the fetch.
   */
  private async interactions(creds: WeiboCredentials, sinceMs: number, nowMs: number): Promise<Interactions | undefined> {
    let received: v.InferOutput<typeof WeiboComment>[];
    let mine: v.InferOutput<typeof WeiboComment>[];
    try {
      const query = { access_token: creds.accessToken, count: 50, page: 1 };
      received = this.parse(await send(this.http, { method: 'GET', path: WEIBO_COMMENT_PATHS.toMe, query }), CommentsResponse, 'read', WEIBO_COMMENT_PATHS.toMe, creds).comments;
      mine = this.parse(await send(this.http, { method: 'GET', path: WEIBO_COMMENT_PATHS.byMe, query }), CommentsResponse, 'read', WEIBO_COMMENT_PATHS.byMe, creds).comments;
    } catch (err) {
      if (err instanceof ConnectorError && (err.kind === 'permanent' || (err.kind === 'auth' && err.code === '10014'))) return undefined;
      throw err;
    }
    const answered = new Set(mine.map((c) => c.reply_comment?.idstr).filter((id): id is string => !!id));
    const others = received.filter((c) => parseWeiboDate(c.created_at) >= sinceMs && (!creds.uid || c.user?.idstr !== creds.uid));
    let oldest: number | undefined;
    let count = 0;
    for (const c of others) {
      if (answered.has(c.idstr)) count++;
      else oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, parseWeiboDate(c.created_at));
    }
    return { messagesReceived: others.length, messagesAnswered: count, oldestUnansweredDays: oldest === undefined ? 0 : Math.max(0, Math.floor((nowMs - oldest) / 86_400_000)) };
  }

  // ------------------------------------------------------------ internals

  private async credentials(account: ConnectorAccount): Promise<WeiboCredentials> {
    const parsed = v.safeParse(WeiboCredentials, await this.options.vault.get(account.id));
    if (!parsed.success) {
      throw new ConnectorError('auth', 'weibo', 'no_credentials', `账号“${account.name}”未配置微博授权（access token），请先完成授权`);
    }
    return parsed.output;
  }

  private statusUrl(status: Pick<WeiboStatus, 'idstr'>): string {
    return `${this.webBaseUrl}/status/${status.idstr}`;
  }

  private async timeline(creds: WeiboCredentials, count: number, page: number): Promise<WeiboStatus[]> {
    const res = await send(this.http, {
      method: 'GET',
      path: '/2/statuses/user_timeline.json',
      query: { access_token: creds.accessToken, count, page, ...(creds.uid ? { uid: creds.uid } : {}) },
    });
    return this.parse(res, TimelineResponse, 'read', '/2/statuses/user_timeline.json', creds).statuses;
  }

  private async lookup(creds: WeiboCredentials, text: string, sinceMs: number): Promise<WeiboStatus | undefined> {
    const statuses = await this.timeline(creds, 20, 1);
    return statuses.find((s) => parseWeiboDate(s.created_at) >= sinceMs && sameText(text, s.text));
  }

  private parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, phase: Phase, path: string, creds: WeiboCredentials): v.InferOutput<S> {
    const publishing = phase === 'commit';
    const err = v.safeParse(ErrorBody, res.body);
    if (err.success) {
      const code = String(err.output.error_code);
      const message = `微博接口错误 ${code}${err.output.error ? `：${redactText(err.output.error, [creds.accessToken])}` : ''}`;
      let kind: ConnectorErrorKind = 'permanent';
      if (AUTH_CODES.has(code)) kind = 'auth';
      else if (publishing && AMBIGUOUS_ON_PUBLISH.has(code)) kind = 'timeout';
      else if (RETRYABLE_CODES.has(code)) kind = 'retryable';
      const note = kind === 'auth' ? '（微博授权已过期或无效，请重新授权）' : kind === 'timeout' ? '（发布结果未知）' : '';
      throw new ConnectorError(kind, 'weibo', code, `${message}${note}`, res.retryAfterMs);
    }
    if (res.status !== 200) {
      if (publishing && res.status >= 500) {
        throw new ConnectorError('timeout', 'weibo', `http_${res.status}`, `微博接口 ${path} 返回 HTTP ${res.status}，发布结果未知`);
      }
      const kind: ConnectorErrorKind = res.status >= 500 || res.status === 429 ? 'retryable' : res.status === 401 ? 'auth' : 'permanent';
      throw new ConnectorError(kind, 'weibo', `http_${res.status}`, `微博接口 ${path} 返回 HTTP ${res.status}`, res.retryAfterMs);
    }
    const parsed = v.safeParse(schema, res.body);
    if (!parsed.success) {
      throw new ConnectorError(
        publishing ? 'timeout' : 'retryable',
        'weibo',
        'bad_response',
        publishing ? `微博接口 ${path} 的应答无法识别，发布结果未知` : `微博接口 ${path} 的应答无法识别`,
      );
    }
    return parsed.output;
  }
}
