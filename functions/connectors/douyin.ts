import * as v from 'valibot';
import { redactText } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import type { HttpResponse } from './http';
import { after, OAuthConnector, type OAuthApp, type OAuthConnectorOptions } from './oauth';
import type { Connector, ConnectorAccount, Interactions, OAuthTokens, RecentActivity, RecentPost } from './types';

/**
 * Douyin (抖音开放平台) connector, over the account operator's OAuth authorisation:
 *   GET  https://open.douyin.com/platform/oauth/connect/?client_key=&response_type=code&scope=&redirect_uri=&state=   (the operator's page)
 *   POST /oauth/access_token/    form client_key, client_secret, code, grant_type=authorization_code
 *   POST /oauth/refresh_token/   form client_key, grant_type=refresh_token, refresh_token
 *   GET  PATHS.videoList         ?open_id=&cursor=&count=   header access-token   the account's videos
 *   GET  /data/external/user/fans/?open_id=&date_type=7    header access-token   follower totals per day
 *   GET  /item/comment/list/, /item/comment/reply/list/  ?open_id=&item_id=&(comment_id=)&cursor=&count=   the comments and replies
 *        (scope item.comment; only with the `comments` option, when the app holds the 评论管理 permission)
 * Answers are `{data: {..., error_code, description}, extra?: {error_code, description, sub_error_code}}`.
 * Publishing a video needs the video file (upload, then create): our posts are text, so
 * publishing stays with the manual connector (docs/connectors.md).
 */

/** Each path is one constant: where the platform's documentation could not be confirmed, only this line changes. */
export const DOUYIN_PATHS = {
  authorize: '/platform/oauth/connect/',
  token: '/oauth/access_token/',
  refresh: '/oauth/refresh_token/',
  /** The "查询授权账号视频列表" path of the current OpenAPI (the older one was /video/list/). Not confirmed against the live docs. */
  videoList: '/api/douyin/v1/video/video_list/',
  fans: '/data/external/user/fans/',
  /** 互动评论 › 视频评论管理 › 评论列表 (scope item.comment): the comments on one of the authorised account's videos. */
  comments: '/item/comment/list/',
  /** 互动评论 › 视频评论管理 › 评论回复列表 (scope item.comment): the replies under one comment. */
  commentReplies: '/item/comment/reply/list/',
} as const;

/** What the operator is asked to grant: profile, the video list, the fans data. */
export const DOUYIN_SCOPE = 'user_info,video.list.bind,data.external.user';
/** Asked for as well when the app has 抖音开放平台's 评论管理 permission (`comments` option): the comment figures. */
export const DOUYIN_COMMENT_SCOPE = 'item.comment';

/** Access token expired: refresh and retry once. */
const TOKEN_EXPIRED = new Set([2190008, 28001008]);
/** Access or refresh token invalid, revoked, expired; the app or the user lacks the scope. */
const AUTH_CODES = new Set([2190002, 2190004, 2100007, 2100009, 10008, 10010, 28001003, 28001012, 28001014, 28001015, 28001016, 28001018, 28001019, 28001045, 28001046]);
/** The app or the operator did not grant this scope (only the data that needs it is dropped). */
const SCOPE_MISSING = new Set(['2190004', '2100007', '28001012', '28001018']);
/** Busy, network, quota and frequency limits. */
const RETRYABLE_CODES = new Set([2100004, 2190001, 28001005, 28001006, 28001052, 28003017, 28003018]);
/** "refresh_token 已过期": the operator must authorise again. */
const REFRESH_EXPIRED = new Set([10010]);

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const Seconds = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number));
const Code = v.optional(v.pipe(v.union([v.number(), v.string()]), v.transform(Number)));
const Status = v.looseObject({ error_code: Code, description: v.optional(v.string()) });
const Envelope = v.looseObject({ data: v.optional(v.looseObject({ error_code: Code, description: v.optional(v.string()) })), extra: v.optional(Status), err_no: Code, err_msg: v.optional(v.string()) });
const TokenData = v.looseObject({
  access_token: NonEmpty,
  expires_in: Seconds,
  open_id: NonEmpty,
  refresh_token: NonEmpty,
  refresh_expires_in: Seconds,
  scope: v.optional(v.string()),
});
const Video = v.looseObject({
  item_id: NonEmpty,
  title: v.optional(v.string()),
  create_time: v.number(),
  share_url: v.optional(v.string()),
  is_reviewed: v.optional(v.boolean()),
  video_status: v.optional(v.number()),
});
const VideoListData = v.looseObject({ list: v.optional(v.nullable(v.array(Video))), cursor: v.optional(v.number()), has_more: v.optional(v.boolean()) });
const FansData = v.looseObject({ result_list: v.optional(v.nullable(v.array(v.looseObject({ date: v.string(), total_fans: v.number() })))) });
const Comment = v.looseObject({
  comment_id: NonEmpty,
  comment_user_id: v.optional(v.string()),
  /** Epoch seconds. */
  create_time: v.number(),
  reply_comment_total: v.optional(v.number()),
});
const CommentListData = v.looseObject({ list: v.optional(v.nullable(v.array(Comment))), cursor: v.optional(v.number()), has_more: v.optional(v.boolean()) });

export interface DouyinOptions extends OAuthConnectorOptions {
  /** Where the operator's authorisation page is (default https://open.douyin.com). */
  authorizeBaseUrl?: string;
  /** Pages of 20 videos fetchRecent reads at most (default 5). */
  maxPages?: number;
  /**
   * The app has 抖音开放平台's 评论管理 permission (scope item.comment, applied for by the
   * deployment): the operator is asked for it too, and fetchRecent reads the comment figures.
   * Off by default: asking for a scope the app was not granted fails the authorisation.
   */
  comments?: boolean;
  /** Newest videos whose comments are read (default 10). */
  commentVideos?: number;
  /** Reply-list calls one fetch makes at most (default 50); a comment with replies beyond it is left out of the figures, not guessed. */
  maxReplyLookups?: number;
}

export class DouyinConnector extends OAuthConnector implements Connector {
  readonly name = 'douyin' as const;

  constructor(private readonly settings: DouyinOptions) {
    super(settings, { platform: 'douyin', label: '抖音', defaultBaseUrl: 'https://open.douyin.com', authorizePath: DOUYIN_PATHS.authorize, appSettings: 'client_key、client_secret' });
  }

  async fetchRecent(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity> {
    const sinceMs = Date.parse(since);
    const posts: RecentPost[] = [];
    const maxPages = this.options.maxPages ?? 5;
    let cursor = 0;
    for (let page = 0; page < maxPages; page++) {
      const data = await this.authorised(account, (t) => ({ method: 'GET', path: DOUYIN_PATHS.videoList, query: { open_id: t.openId, cursor, count: 20 }, headers: { 'access-token': t.accessToken } }), VideoListData, now);
      let older = false;
      for (const video of data.list ?? []) {
        const at = video.create_time * 1000;
        if (at < sinceMs) {
          older = true;
          continue;
        }
        posts.push({
          externalId: video.item_id,
          publishedAt: new Date(at).toISOString(),
          text: (video.title ?? '').slice(0, 50_000),
          ...(video.share_url && /^https?:\/\//.test(video.share_url) ? { url: video.share_url } : {}),
        });
      }
      if (older || !data.has_more || data.cursor === undefined || (data.list ?? []).length === 0) break;
      cursor = data.cursor;
    }
    let followers: number | undefined;
    try {
      const fans = await this.authorised(account, (t) => ({ method: 'GET', path: DOUYIN_PATHS.fans, query: { open_id: t.openId, date_type: 7 }, headers: { 'access-token': t.accessToken } }), FansData, now);
      const latest = [...(fans.result_list ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
      followers = latest?.total_fans;
    } catch (err) {
      // Without the data.external.user scope the videos are still worth having.
      if (!(err instanceof ConnectorError && (err.kind === 'permanent' || SCOPE_MISSING.has(err.code)))) throw err;
    }
    const interactions = this.settings.comments ? await this.interactions(account, posts.slice(0, this.settings.commentVideos ?? 10), now) : undefined;
    return { posts, ...(followers !== undefined ? { followers } : {}), ...(interactions ? { interactions } : {}) };
  }

  /**
   * Comments on the newest videos (the first page of 50 of each): received = comments by others,
   * answered = those under which the account itself replied (a reply whose comment_user_id is
   * the account's open_id, read from the reply list only for comments that have replies), oldest
   * unanswered in whole days from `now`. A comment whose replies were not read (over the lookup
   * budget) is left out of both counts rather than guessed. Without the item.comment scope
   * (the operator did not grant it, the app lost it) there are no figures, and the videos and
   * followers still count; a rate limit or a lost authorisation fails the fetch as elsewhere.
   */
  private async interactions(account: ConnectorAccount, videos: RecentPost[], now?: string): Promise<Interactions | undefined> {
    if (videos.length === 0) return undefined;
    const nowMs = now ? Date.parse(now) : (this.options.now ?? Date.now)();
    let budget = this.settings.maxReplyLookups ?? 50;
    let received = 0;
    let answered = 0;
    let oldest: number | undefined;
    try {
      for (const { externalId } of videos) {
        let openId = '';
        const data = await this.authorised(
          account,
          (t) => {
            openId = t.openId;
            return { method: 'GET', path: DOUYIN_PATHS.comments, query: { open_id: t.openId, item_id: externalId, cursor: 0, count: 50 }, headers: { 'access-token': t.accessToken } };
          },
          CommentListData,
          now,
        );
        for (const c of data.list ?? []) {
          if (c.comment_user_id && c.comment_user_id === openId) continue;
          let replied = false;
          if ((c.reply_comment_total ?? 0) > 0) {
            if (budget <= 0) continue;
            budget--;
            const replies = await this.authorised(
              account,
              (t) => ({ method: 'GET', path: DOUYIN_PATHS.commentReplies, query: { open_id: t.openId, item_id: externalId, comment_id: c.comment_id, cursor: 0, count: 50 }, headers: { 'access-token': t.accessToken } }),
              CommentListData,
              now,
            );
            replied = (replies.list ?? []).some((r) => r.comment_user_id === openId);
          }
          received++;
          if (replied) answered++;
          else oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, c.create_time * 1000);
        }
      }
    } catch (err) {
      if (err instanceof ConnectorError && (err.kind === 'permanent' || SCOPE_MISSING.has(err.code))) return undefined;
      throw err;
    }
    return { messagesReceived: received, messagesAnswered: answered, oldestUnansweredDays: oldest === undefined ? 0 : Math.max(0, Math.floor((nowMs - oldest) / 86_400_000)) };
  }

  // ------------------------------------------------------------ the platform's spelling

  protected authorizeQuery(app: OAuthApp, state: string, redirectUri: string): Record<string, string> {
    const scope = this.settings.comments ? `${DOUYIN_SCOPE},${DOUYIN_COMMENT_SCOPE}` : DOUYIN_SCOPE;
    return { client_key: app.clientKey, response_type: 'code', scope, redirect_uri: redirectUri, state };
  }

  protected async exchangeCode(app: OAuthApp, code: string, now: string): Promise<OAuthTokens> {
    const res = await this.tokenCall({ method: 'POST', path: DOUYIN_PATHS.token, form: { client_key: app.clientKey, client_secret: app.clientSecret, code, grant_type: 'authorization_code' } });
    return tokensOf(this.parse(res, TokenData, DOUYIN_PATHS.token, [app.clientSecret, code]), now);
  }

  protected async refreshTokens(app: OAuthApp, tokens: OAuthTokens, now: string): Promise<OAuthTokens> {
    const res = await this.tokenCall({ method: 'POST', path: DOUYIN_PATHS.refresh, form: { client_key: app.clientKey, grant_type: 'refresh_token', refresh_token: tokens.refreshToken } });
    return tokensOf(this.parse(res, TokenData, DOUYIN_PATHS.refresh, [tokens.refreshToken, tokens.accessToken]), now);
  }

  protected tokenExpired(res: HttpResponse): boolean {
    const code = errorCode(res);
    return code !== undefined && TOKEN_EXPIRED.has(code);
  }

  protected parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, path: string, secrets: string[]): v.InferOutput<S> {
    const code = errorCode(res);
    if (code !== undefined && code !== 0) {
      const env = v.safeParse(Envelope, res.body);
      const description = env.success ? (env.output.data?.description || env.output.extra?.description || env.output.err_msg || '') : '';
      throw douyinError(code, redactText(description, secrets), res.retryAfterMs);
    }
    if (res.status !== 200) {
      const kind: ConnectorErrorKind = res.status >= 500 || res.status === 429 ? 'retryable' : res.status === 401 || res.status === 403 ? 'auth' : 'permanent';
      throw new ConnectorError(kind, 'douyin', `http_${res.status}`, `抖音接口 ${path} 返回 HTTP ${res.status}`, res.retryAfterMs);
    }
    const body = res.body as { data?: unknown } | undefined;
    const parsed = v.safeParse(schema, body?.data);
    if (!parsed.success) throw new ConnectorError('retryable', 'douyin', 'bad_response', `抖音接口 ${path} 的应答无法识别`);
    return parsed.output;
  }
}

function tokensOf(d: v.InferOutput<typeof TokenData>, now: string): OAuthTokens {
  return {
    accessToken: d.access_token,
    refreshToken: d.refresh_token,
    openId: d.open_id,
    expiresAt: after(now, d.expires_in),
    refreshExpiresAt: after(now, d.refresh_expires_in),
    ...(d.scope ? { scope: d.scope } : {}),
  };
}

/** The first non-zero error code of the answer (data.error_code, extra.error_code or err_no). */
function errorCode(res: HttpResponse): number | undefined {
  const env = v.safeParse(Envelope, res.body);
  if (!env.success) return undefined;
  const codes = [env.output.data?.error_code, env.output.extra?.error_code, env.output.err_no].filter((c): c is number => typeof c === 'number' && !Number.isNaN(c));
  return codes.find((c) => c !== 0) ?? codes[0];
}

function douyinError(code: number, description: string, retryAfterMs?: number): ConnectorError {
  const message = `抖音接口错误 ${code}${description ? `：${description}` : ''}`;
  if (REFRESH_EXPIRED.has(code)) return new ConnectorError('auth', 'douyin', 'authorization_expired', `${message}（授权已过期，请账号运营者重新授权）`);
  if (TOKEN_EXPIRED.has(code) || AUTH_CODES.has(code)) return new ConnectorError('auth', 'douyin', String(code), `${message}（授权无效、已过期或权限不足，请重新授权）`);
  if (RETRYABLE_CODES.has(code)) return new ConnectorError('retryable', 'douyin', String(code), message, retryAfterMs ?? 60_000);
  return new ConnectorError('permanent', 'douyin', String(code), message);
}
