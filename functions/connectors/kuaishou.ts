import * as v from 'valibot';
import type { CredentialVault } from './credentials';
import { redactText } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import { send, type HttpRequest, type HttpResponse, type HttpSettings } from './http';
import { ManualConnector } from './manual';
import { after, refreshIfDue, storedTokens, tokensToCredentials, type OAuthApp } from './oauth';
import type {
  Connector,
  ConnectorAccount,
  HttpConnectorOptions,
  OAuthClient,
  OAuthTokens,
  PublishInput,
  PublishResult,
  RecentActivity,
  RecentPost,
} from './types';

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

export interface KuaishouOptions extends HttpConnectorOptions {
  vault: CredentialVault;
  app?: OAuthApp;
  authorizeBaseUrl?: string;
  maxPages?: number;
  /** Public page of a work, for the post's URL (default https://www.kuaishou.com/short-video/). */
  webBaseUrl?: string;
}

export class KuaishouConnector implements Connector {
  readonly name = 'kuaishou' as const;
  readonly oauth: OAuthClient;
  private readonly http: HttpSettings;
  private readonly manual = new ManualConnector();

  constructor(private readonly options: KuaishouOptions) {
    this.http = {
      platform: 'kuaishou',
      baseUrl: options.baseUrl ?? 'https://open.kuaishou.com',
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    const authorizeBase = (options.authorizeBaseUrl ?? this.http.baseUrl).replace(/\/+$/, '');
    this.oauth = {
      configured: options.app !== undefined,
      authorizeUrl: ({ state, redirectUri }) => {
        const url = new URL(authorizeBase + KUAISHOU_PATHS.authorize);
        url.searchParams.set('app_id', this.app().clientKey);
        url.searchParams.set('scope', KUAISHOU_SCOPE);
        url.searchParams.set('response_type', 'code');
        url.searchParams.set('redirect_uri', redirectUri);
        url.searchParams.set('state', state);
        return url.toString();
      },
      exchange: async (code, _redirectUri, now) => {
        const app = this.app();
        const res = await this.token({ method: 'GET', path: KUAISHOU_PATHS.token, query: { app_id: app.clientKey, app_secret: app.clientSecret, code, grant_type: 'authorization_code' } });
        return tokensOf(this.parse(res, TokenResponse, KUAISHOU_PATHS.token, [app.clientSecret, code]), now);
      },
      refresh: async (tokens, now) => {
        const app = this.app();
        const res = await this.token({ method: 'GET', path: KUAISHOU_PATHS.refresh, query: { app_id: app.clientKey, app_secret: app.clientSecret, refresh_token: tokens.refreshToken, grant_type: 'refresh_token' } });
        return tokensOf(this.parse(res, TokenResponse, KUAISHOU_PATHS.refresh, [app.clientSecret, tokens.refreshToken]), now);
      },
    };
  }

  publish(input: PublishInput): Promise<PublishResult> {
    return this.manual.publish(input);
  }

  refreshAuthorization(account: ConnectorAccount, now: string, marginMs: number) {
    return refreshIfDue(this.oauth, this.options.vault, account, 'kuaishou', '快手', now, marginMs);
  }

  async fetchRecent(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity> {
    const sinceMs = Date.parse(since);
    const posts: RecentPost[] = [];
    const web = (this.options.webBaseUrl ?? 'https://www.kuaishou.com/short-video/').replace(/\/?$/, '/');
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

  // ------------------------------------------------------------ internals

  private app(): OAuthApp {
    if (!this.options.app) throw new ConnectorError('auth', 'kuaishou', 'no_app', '未配置快手开放平台应用（app_id、app_secret），无法授权');
    return this.options.app;
  }

  private async token(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await send(this.http, req);
    } catch (err) {
      throw err instanceof ConnectorError && err.kind === 'timeout' ? err.as('retryable') : err;
    }
  }

  private async authorised<S extends v.GenericSchema>(account: ConnectorAccount, req: (t: OAuthTokens) => HttpRequest, schema: S, now?: string): Promise<v.InferOutput<S>> {
    let tokens = await storedTokens(this.options.vault, account, 'kuaishou', '快手');
    for (let attempt = 0; ; attempt++) {
      const r = req(tokens);
      const res = await send(this.http, r);
      const result = resultOf(res);
      if (result !== undefined && KUAISHOU_RESULTS.tokenExpired.has(result) && attempt === 0) {
        tokens = await this.oauth.refresh(tokens, now ?? new Date((this.options.now ?? Date.now)()).toISOString());
        await this.options.vault.put(account.id, tokensToCredentials(tokens));
        continue;
      }
      return this.parse(res, schema, r.path, [tokens.accessToken, tokens.refreshToken]);
    }
  }

  private parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, path: string, secrets: string[]): v.InferOutput<S> {
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
