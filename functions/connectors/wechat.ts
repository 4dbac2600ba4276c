import * as v from 'valibot';
import { WeChatCredentials } from '../../shared/connectors/credential-fields';
import type { CredentialVault } from './credentials';
import { redactText } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import { send, type HttpRequest, type HttpResponse, type HttpSettings } from './http';
import type {
  Connector,
  ConnectorAccount,
  FindPublishedInput,
  FindResult,
  HttpConnectorOptions,
  PublishInput,
  PublishResult,
  RecentActivity,
  RecentPost,
} from './types';

/**
 * WeChat official account (微信公众号) connector, over the public API:
 *   GET  /cgi-bin/token?grant_type=client_credential&appid=&secret=   access token (cached until expires_in)
 *   POST /cgi-bin/draft/add?access_token=                              the article as a draft → media_id
 *   POST /cgi-bin/freepublish/submit?access_token=                     publish the draft → publish_id
 *   POST /cgi-bin/freepublish/get?access_token=                        publish status and article URL
 *   POST /cgi-bin/freepublish/batchget?access_token=                   published articles (recent activity)
 *   GET  /cgi-bin/user/get?access_token=                               follower total
 * A call answered with 40001 / 40014 / 42001 (token invalid or expired) drops the cached
 * token, fetches a new one and is retried once.
 */

export interface WeChatOptions extends HttpConnectorOptions {
  vault: CredentialVault;
  /** Refresh a cached token this long before it expires (default 5 minutes, at most half its life). */
  tokenMarginMs?: number;
  /** Pages of 20 articles fetchRecent reads at most (default 5). */
  maxPages?: number;
}

/** errcodes that mean "this token is no good": refresh and retry once. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/** errcodes that need a person to fix the account's setup (credentials, IP allow-list, permissions). */
const AUTH_ERRCODES = new Set([40001, 40014, 42001, 40013, 40125, 40164, 41001, 41002, 41004, 48001, 50001, 50002, 61004]);
/** errcodes worth retrying later: system busy, quota and frequency limits. */
const RETRYABLE_ERRCODES = new Map<number, number | undefined>([
  [-1, undefined],
  [45009, undefined], // daily quota reached
  [45011, 60_000], // per-minute frequency limit
  [45033, 60_000],
]);

const PUBLISH_STATUS: Record<number, { kind: ConnectorErrorKind; message: string }> = {
  2: { kind: 'permanent', message: '原创声明失败' },
  3: { kind: 'retryable', message: '常规失败' },
  4: { kind: 'permanent', message: '平台审核不通过' },
  5: { kind: 'permanent', message: '发布成功后被删除' },
  6: { kind: 'permanent', message: '发布成功后被系统封禁' },
};

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const IdLike = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const ErrorFields = v.object({ errcode: v.optional(v.number()), errmsg: v.optional(v.string()) });
const TokenResponse = v.object({ access_token: NonEmpty, expires_in: v.pipe(v.number(), v.minValue(1)) });
const DraftAddResponse = v.object({ media_id: NonEmpty });
const SubmitResponse = v.object({ publish_id: IdLike });
const StatusResponse = v.object({
  publish_id: IdLike,
  publish_status: v.number(),
  article_id: v.optional(v.string()),
  article_detail: v.optional(v.object({ count: v.number(), item: v.array(v.object({ idx: v.number(), article_url: v.string() })) })),
  fail_idx: v.optional(v.array(v.number())),
});
const NewsItem = v.object({
  title: v.string(),
  url: v.optional(v.string()),
  digest: v.optional(v.string()),
  content: v.optional(v.string()),
  is_deleted: v.optional(v.boolean()),
});
const BatchGetResponse = v.object({
  total_count: v.number(),
  item_count: v.number(),
  item: v.array(
    v.object({
      article_id: v.string(),
      content: v.object({ news_item: v.array(NewsItem) }),
      update_time: v.number(),
    }),
  ),
});
const UserGetResponse = v.object({ total: v.number() });

/** prepare: nothing published yet; commit: the publishing call itself (its failures may be ambiguous); read: no side effects. */
type Phase = 'read' | 'prepare' | 'commit';

export class WeChatConnector implements Connector {
  readonly name = 'wechat' as const;
  private readonly http: HttpSettings;
  private readonly now: () => number;
  private readonly tokens = new Map<string, { token: string; expiresAt: number; refreshAt: number }>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: WeChatOptions) {
    this.http = {
      platform: 'wechat',
      baseUrl: options.baseUrl ?? 'https://api.weixin.qq.com',
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    this.now = options.now ?? Date.now;
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const creds = await this.credentials(input.account);
    if (!creds.thumbMediaId) {
      throw new ConnectorError('permanent', 'wechat', 'no_cover', '未配置公众号默认封面素材（thumbMediaId），无法创建图文草稿');
    }
    const article = {
      title: input.post.title,
      ...(creds.author ? { author: creds.author } : {}),
      content: toHtml(input.post.body),
      thumb_media_id: creds.thumbMediaId,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    };
    let mediaId: string;
    try {
      mediaId = (await this.api(creds, { method: 'POST', path: '/cgi-bin/draft/add', json: { articles: [article] } }, DraftAddResponse, 'prepare')).media_id;
    } catch (err) {
      // A draft that may or may not exist publishes nothing: safe to try again.
      throw err instanceof ConnectorError && err.kind === 'timeout' ? err.as('retryable', '草稿未确认创建，尚未发布') : err;
    }
    const submitted = await this.api(creds, { method: 'POST', path: '/cgi-bin/freepublish/submit', json: { media_id: mediaId } }, SubmitResponse, 'commit');
    const ref = submitted.publish_id;
    let found: FindResult;
    try {
      found = await this.publishStatus(creds, ref);
    } catch {
      return { status: 'processing', ref };
    }
    switch (found.state) {
      case 'published':
        return { status: 'published', platformPostId: found.platformPostId, ...(found.url ? { url: found.url } : {}) };
      case 'failed':
        throw new ConnectorError(found.error.kind, 'wechat', found.error.code, found.error.message);
      default:
        return { status: 'processing', ref };
    }
  }

  /**
   * With a publish_id: its status. Without (the submit timed out): the latest published
   * articles, matched by exact title and time. A miss is not conclusive (publishing is
   * asynchronous), so the dispatcher keeps asking and then leaves it to a person.
   */
  async findPublished(input: FindPublishedInput): Promise<FindResult> {
    const creds = await this.credentials(input.account);
    if (input.ref) return this.publishStatus(creds, input.ref);
    const page = await this.api(creds, { method: 'POST', path: '/cgi-bin/freepublish/batchget', json: { offset: 0, count: 20, no_content: 1 } }, BatchGetResponse, 'read');
    const since = Date.parse(input.since) - 5 * 60_000;
    const title = input.post.title.trim();
    for (const item of page.item) {
      if (item.update_time * 1000 < since) continue;
      const news = item.content.news_item.find((n) => n.title.trim() === title && !n.is_deleted);
      if (news) return { state: 'published', platformPostId: item.article_id, ...(news.url ? { url: news.url } : {}) };
    }
    return { state: 'not_found', conclusive: false };
  }

  async fetchRecent(account: ConnectorAccount, since: string): Promise<RecentActivity> {
    const creds = await this.credentials(account);
    const sinceMs = Date.parse(since);
    const posts: RecentPost[] = [];
    const maxPages = this.options.maxPages ?? 5;
    for (let pageNo = 0, offset = 0; pageNo < maxPages; pageNo++) {
      const page = await this.api(creds, { method: 'POST', path: '/cgi-bin/freepublish/batchget', json: { offset, count: 20, no_content: 0 } }, BatchGetResponse, 'read');
      let older = 0;
      for (const item of page.item) {
        const at = item.update_time * 1000;
        if (at < sinceMs) {
          older++;
          continue;
        }
        const single = item.content.news_item.length === 1;
        item.content.news_item.forEach((n, i) => {
          if (n.is_deleted) return;
          posts.push({
            // A one-article publish is known by its article_id (what publish() returns as platformPostId).
            externalId: single ? item.article_id : `${item.article_id}-${i + 1}`,
            publishedAt: new Date(at).toISOString(),
            title: n.title.slice(0, 200),
            text: (stripHtml(n.content ?? '') || n.digest || '').slice(0, 50_000),
            ...(n.url && /^https?:\/\//.test(n.url) ? { url: n.url } : {}),
          });
        });
      }
      offset += page.item.length;
      // Newest first: a page with older articles, an empty page or the end of the list stops the walk.
      if (page.item.length === 0 || older > 0 || offset >= page.total_count) break;
    }
    let followers: number | undefined;
    try {
      followers = (await this.api(creds, { method: 'GET', path: '/cgi-bin/user/get' }, UserGetResponse, 'read')).total;
    } catch (err) {
      // Unverified accounts may not call user/get (48001): posts are still worth having.
      if (!(err instanceof ConnectorError && (err.kind === 'permanent' || err.code === '48001'))) throw err;
    }
    return { posts, ...(followers !== undefined ? { followers } : {}) };
  }

  // ------------------------------------------------------------ internals

  private async credentials(account: ConnectorAccount): Promise<WeChatCredentials> {
    const stored = await this.options.vault.get(account.id);
    const parsed = v.safeParse(WeChatCredentials, stored);
    if (!parsed.success) {
      throw new ConnectorError('auth', 'wechat', 'no_credentials', `账号“${account.name}”未配置微信公众号开发者凭据（appId、appSecret）`);
    }
    return parsed.output;
  }

  private async publishStatus(creds: WeChatCredentials, ref: string): Promise<FindResult> {
    const r = await this.api(creds, { method: 'POST', path: '/cgi-bin/freepublish/get', json: { publish_id: ref } }, StatusResponse, 'read');
    if (r.publish_status === 0 && r.article_id) {
      const url = r.article_detail?.item[0]?.article_url;
      return { state: 'published', platformPostId: r.article_id, ...(url ? { url } : {}) };
    }
    const failure = PUBLISH_STATUS[r.publish_status];
    if (failure) {
      return { state: 'failed', error: { kind: failure.kind, code: `publish_status_${r.publish_status}`, message: `微信发布失败：${failure.message}` } };
    }
    return { state: 'processing', ref };
  }

  /** One API call with the account's token; a token error refreshes the token and retries once. */
  private async api<S extends v.GenericSchema>(creds: WeChatCredentials, req: HttpRequest, schema: S, phase: Phase): Promise<v.InferOutput<S>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(creds);
      const res = await send(this.http, { ...req, query: { ...req.query, access_token: token } });
      const errcode = errcodeOf(res);
      if (errcode !== undefined && TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        this.dropToken(creds.appId, token);
        continue;
      }
      return this.parse(res, schema, phase, req.path, [creds.appSecret, token]);
    }
  }

  private parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, phase: Phase, path: string, secrets: string[]): v.InferOutput<S> {
    const ambiguous = phase === 'commit';
    if (res.status !== 200) {
      if (res.status >= 500 && ambiguous) {
        throw new ConnectorError('timeout', 'wechat', `http_${res.status}`, `微信接口 ${path} 返回 HTTP ${res.status}，发布结果未知`);
      }
      const kind: ConnectorErrorKind = res.status >= 500 || res.status === 429 ? 'retryable' : 'permanent';
      throw new ConnectorError(kind, 'wechat', `http_${res.status}`, `微信接口 ${path} 返回 HTTP ${res.status}`, res.retryAfterMs);
    }
    const errs = v.safeParse(ErrorFields, res.body);
    if (errs.success && errs.output.errcode !== undefined && errs.output.errcode !== 0) {
      throw wechatError(errs.output.errcode, redactText(errs.output.errmsg ?? '', secrets));
    }
    const parsed = v.safeParse(schema, res.body);
    if (!parsed.success) {
      throw new ConnectorError(
        ambiguous ? 'timeout' : 'retryable',
        'wechat',
        'bad_response',
        ambiguous ? `微信接口 ${path} 的应答无法识别，发布结果未知` : `微信接口 ${path} 的应答无法识别`,
      );
    }
    return parsed.output;
  }

  private accessToken(creds: WeChatCredentials): Promise<string> {
    const cached = this.tokens.get(creds.appId);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.token);
    let pending = this.inflight.get(creds.appId);
    if (!pending) {
      pending = this.fetchToken(creds).finally(() => this.inflight.delete(creds.appId));
      this.inflight.set(creds.appId, pending);
    }
    return pending;
  }

  private async fetchToken(creds: WeChatCredentials): Promise<string> {
    let res: HttpResponse;
    try {
      res = await send(this.http, {
        method: 'GET',
        path: '/cgi-bin/token',
        query: { grant_type: 'client_credential', appid: creds.appId, secret: creds.appSecret },
      });
    } catch (err) {
      // Fetching a token has no side effect on any post.
      throw err instanceof ConnectorError && err.kind === 'timeout' ? err.as('retryable', '获取 access_token 超时') : err;
    }
    const body = this.parse(res, TokenResponse, 'read', '/cgi-bin/token', [creds.appSecret]);
    const lifetime = body.expires_in * 1000;
    const fetchedAt = this.now();
    const margin = Math.min(this.options.tokenMarginMs ?? 300_000, lifetime / 2);
    this.tokens.set(creds.appId, { token: body.access_token, expiresAt: fetchedAt + lifetime, refreshAt: fetchedAt + lifetime - margin });
    return body.access_token;
  }

  private dropToken(appId: string, token: string): void {
    if (this.tokens.get(appId)?.token === token) this.tokens.delete(appId);
  }
}

function errcodeOf(res: HttpResponse): number | undefined {
  const r = v.safeParse(ErrorFields, res.body);
  return r.success ? r.output.errcode : undefined;
}

function wechatError(errcode: number, errmsg: string): ConnectorError {
  const code = String(errcode);
  const message = `微信接口错误 ${errcode}${errmsg ? `：${errmsg}` : ''}`;
  if (RETRYABLE_ERRCODES.has(errcode)) return new ConnectorError('retryable', 'wechat', code, message, RETRYABLE_ERRCODES.get(errcode));
  if (AUTH_ERRCODES.has(errcode)) return new ConnectorError('auth', 'wechat', code, `${message}（请检查公众号开发者凭据、IP 白名单和接口权限）`);
  return new ConnectorError('permanent', 'wechat', code, message);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text → WeChat article HTML: one <p> per line, everything escaped. */
export function toHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => `<p>${line.replace(/[&<>"']/g, (c) => ESCAPES[c]!)}</p>`)
    .join('');
}

/** Article HTML → plain text for the content checker. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
