import * as v from 'valibot';
import { redactText } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import type { HttpResponse } from './http';
import { after, OAuthConnector, type OAuthApp, type OAuthConnectorOptions } from './oauth';
import type { Connector, ConnectorAccount, OAuthTokens, RecentActivity, RecentPost } from './types';

/**
 * Kuaishou (快手开放平台) connector, over the account operator's OAuth authorisation:
 *   GET https://open.kuaishou.com/oauth2/connect?app_id=&scope=&response_type=code&redirect_uri=&state=   (the operator's page)
 *   GET /oauth2/access_token?app_id=&app_secret=&code=&grant_type=authorization_code
 *   GET /oauth2/refresh_token?app_id=&app_secret=&refresh_token=&grant_type=refresh_token
 *   GET /openapi/photo/list?app_id=&access_token=&cursor=&count=     the account's works (photo = video)
 *   GET /openapi/user_info?app_id=&access_token=                      `user_info.fan`: followers
 * Answers carry `result` (1 = success) and, on failure, `error_msg`. Publishing needs the
 * video file (start_upload, upload, publish): text posts stay with the manual connector.
 */

export const KUAISHOU_PATHS = {
  authorize: '/oauth2/connect',
  token: '/oauth2/access_token',
  refresh: '/oauth2/refresh_token',
  photoList: '/openapi/photo/list',
  userInfo: '/openapi/user_info',
} as const;

export const KUAISHOU_SCOPE = 'user_info,user_video_info';

/**
 * `result` codes. 1 is documented as success; the failure codes below are the ones the
 * public SDKs and examples name, not confirmed against the live error table (docs/connectors.md):
 * each is one entry here.
 */
export const KUAISHOU_RESULTS = {
  success: 1,
  /** access_token expired or invalid: refresh and retry once. */
  tokenExpired: new Set([100200101, 100200104]),
  /** refresh_token expired or authorisation revoked: authorise again. */
  reauthorise: new Set([100200102, 100200105]),
  /** The app or the operator lacks the scope. */
  permission: new Set([100200103, 100200111]),
  /** Frequency or quota limits, server busy. */
  retryable: new Set([100200106, 100200107, 100200500, 1002001000]),
} as const;

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const Num = v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d+$/))]), v.transform(Number));
const Result = v.looseObject({ result: v.optional(Num), error_msg: v.optional(v.string()), error: v.optional(v.string()) });
const TokenResponse = v.looseObject({
  access_token: NonEmpty,
  expires_in: Num,
  refresh_token: NonEmpty,
  refresh_token_expires_in: Num,
  open_id: NonEmpty,
  scopes: v.optional(v.array(v.string())),
});
const Photo = v.looseObject({
  photo_id: NonEmpty,
  caption: v.optional(v.string()),
  /** Epoch milliseconds. */
  create_time: v.number(),
  play_url: v.optional(v.string()),
  pending: v.optional(v.boolean()),
});
const PhotoList = v.looseObject({ video_list: v.array(Photo), cursor: v.optional(v.nullable(v.string())) });
const UserInfo = v.looseObject({ user_info: v.looseObject({ fan: Num }) });

export interface KuaishouOptions extends OAuthConnectorOptions {
  /** Public page of a work, for the post's URL (default https://www.kuaishou.com/short-video/). */
  webBaseUrl?: string;
}

export class KuaishouConnector extends OAuthConnector implements Connector {
  readonly name = 'kuaishou' as const;

  constructor(private readonly settings: KuaishouOptions) {
    super(settings, { platform: 'kuaishou', label: '快手', defaultBaseUrl: 'https://open.kuaishou.com', authorizePath: KUAISHOU_PATHS.authorize, appSettings: 'app_id、app_secret' });
  }

  async fetchRecent(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity> {
    const sinceMs = Date.parse(since);
    const posts: RecentPost[] = [];
    const web = (this.settings.webBaseUrl ?? 'https://www.kuaishou.com/short-video/').replace(/\/?$/, '/');
    let cursor: string | undefined;
    for (let page = 0; page < (this.options.maxPages ?? 5); page++) {
      const list = await this.authorised(account, (t) => ({ method: 'GET', path: KUAISHOU_PATHS.photoList, query: { app_id: this.app().clientKey, access_token: t.accessToken, count: 50, ...(cursor ? { cursor } : {}) } }), PhotoList, now);
      let older = false;
      for (const p of list.video_list) {
        if (p.create_time < sinceMs) {
          older = true;
          continue;
        }
        if (p.pending) continue; // still in review: not public yet
        posts.push({ externalId: p.photo_id, publishedAt: new Date(p.create_time).toISOString(), text: (p.caption ?? '').slice(0, 50_000), url: `${web}${encodeURIComponent(p.photo_id)}` });
      }
      if (older || !list.cursor || list.video_list.length === 0) break;
      cursor = list.cursor;
    }
    let followers: number | undefined;
    try {
      followers = (await this.authorised(account, (t) => ({ method: 'GET', path: KUAISHOU_PATHS.userInfo, query: { app_id: this.app().clientKey, access_token: t.accessToken } }), UserInfo, now)).user_info.fan;
    } catch (err) {
      if (!(err instanceof ConnectorError && (err.kind === 'permanent' || err.code === 'permission_denied'))) throw err;
    }
    return { posts, ...(followers !== undefined ? { followers } : {}) };
  }

  // ------------------------------------------------------------ the platform's spelling

  protected authorizeQuery(app: OAuthApp, state: string, redirectUri: string): Record<string, string> {
    return { app_id: app.clientKey, scope: KUAISHOU_SCOPE, response_type: 'code', redirect_uri: redirectUri, state };
  }

  protected async exchangeCode(app: OAuthApp, code: string, now: string): Promise<OAuthTokens> {
    const res = await this.tokenCall({ method: 'GET', path: KUAISHOU_PATHS.token, query: { app_id: app.clientKey, app_secret: app.clientSecret, code, grant_type: 'authorization_code' } });
    return tokensOf(this.parse(res, TokenResponse, KUAISHOU_PATHS.token, [app.clientSecret, code]), now);
  }

  protected async refreshTokens(app: OAuthApp, tokens: OAuthTokens, now: string): Promise<OAuthTokens> {
    const res = await this.tokenCall({ method: 'GET', path: KUAISHOU_PATHS.refresh, query: { app_id: app.clientKey, app_secret: app.clientSecret, refresh_token: tokens.refreshToken, grant_type: 'refresh_token' } });
    return tokensOf(this.parse(res, TokenResponse, KUAISHOU_PATHS.refresh, [app.clientSecret, tokens.refreshToken]), now);
  }

  protected tokenExpired(res: HttpResponse): boolean {
    const result = resultOf(res);
    return result !== undefined && KUAISHOU_RESULTS.tokenExpired.has(result);
  }

  protected parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, path: string, secrets: string[]): v.InferOutput<S> {
    const result = resultOf(res);
    if (result !== undefined && result !== KUAISHOU_RESULTS.success) {
      const r = v.safeParse(Result, res.body);
      const msg = r.success ? (r.output.error_msg ?? r.output.error ?? '') : '';
      throw kuaishouError(result, redactText(msg, secrets), res.retryAfterMs);
    }
    if (res.status !== 200) {
      const kind: ConnectorErrorKind = res.status >= 500 || res.status === 429 ? 'retryable' : res.status === 401 ? 'auth' : 'permanent';
      throw new ConnectorError(kind, 'kuaishou', `http_${res.status}`, `快手接口 ${path} 返回 HTTP ${res.status}`, res.retryAfterMs);
    }
    const parsed = v.safeParse(schema, res.body);
    if (!parsed.success) throw new ConnectorError('retryable', 'kuaishou', 'bad_response', `快手接口 ${path} 的应答无法识别`);
    return parsed.output;
  }
}

function resultOf(res: HttpResponse): number | undefined {
  const r = v.safeParse(Result, res.body);
  return r.success ? r.output.result : undefined;
}

function tokensOf(d: v.InferOutput<typeof TokenResponse>, now: string): OAuthTokens {
  return {
    accessToken: d.access_token,
    refreshToken: d.refresh_token,
    openId: d.open_id,
    expiresAt: after(now, d.expires_in),
    refreshExpiresAt: after(now, d.refresh_token_expires_in),
    ...(d.scopes?.length ? { scope: d.scopes.join(',') } : {}),
  };
}

function kuaishouError(result: number, msg: string, retryAfterMs?: number): ConnectorError {
  const message = `快手接口错误 ${result}${msg ? `：${msg}` : ''}`;
  if (KUAISHOU_RESULTS.reauthorise.has(result)) return new ConnectorError('auth', 'kuaishou', 'authorization_expired', `${message}（授权已过期或被撤销，请账号运营者重新授权）`);
  if (KUAISHOU_RESULTS.tokenExpired.has(result)) return new ConnectorError('auth', 'kuaishou', String(result), `${message}（授权无效，请重新授权）`);
  if (KUAISHOU_RESULTS.permission.has(result)) return new ConnectorError('auth', 'kuaishou', 'permission_denied', `${message}（应用或账号未授予所需权限）`);
  if (KUAISHOU_RESULTS.retryable.has(result)) return new ConnectorError('retryable', 'kuaishou', String(result), message, retryAfterMs ?? 60_000);
  return new ConnectorError('permanent', 'kuaishou', String(result), message);
}
