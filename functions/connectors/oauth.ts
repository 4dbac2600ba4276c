import * as v from 'valibot';
import type { CredentialVault } from './credentials';
import { ConnectorError } from './errors';
import { send, type HttpRequest, type HttpResponse, type HttpSettings } from './http';
import { ManualConnector } from './manual';
import type { ConnectorAccount, HttpConnectorOptions, OAuthClient, OAuthTokens, PublishInput, PublishResult } from './types';

/**
 * What the OAuth connectors (Douyin, Kuaishou) share: the tokens' shape in the vault and
 * "refresh before expiry". The app's own key and secret (client_key / app_id) are settings
 * of the deployment, never stored per account; the vault holds only the operator's tokens.
 */

const NonEmpty = v.pipe(v.string(), v.minLength(1));
const Instant = v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), 'instant'));

export const OAuthTokensSchema = v.object({
  accessToken: NonEmpty,
  refreshToken: NonEmpty,
  openId: NonEmpty,
  expiresAt: Instant,
  refreshExpiresAt: Instant,
  scope: v.optional(v.string()),
});

/** The app registered on the platform (env settings, read once at module load in setup.ts). */
export interface OAuthApp {
  clientKey: string;
  clientSecret: string;
}

export function tokensToCredentials(t: OAuthTokens): Record<string, string> {
  return {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    openId: t.openId,
    expiresAt: t.expiresAt,
    refreshExpiresAt: t.refreshExpiresAt,
    ...(t.scope ? { scope: t.scope } : {}),
  };
}

export async function storedTokens(vault: CredentialVault, account: ConnectorAccount, platform: string, label: string): Promise<OAuthTokens> {
  const parsed = v.safeParse(OAuthTokensSchema, await vault.get(account.id));
  if (!parsed.success) {
    throw new ConnectorError('auth', platform, 'no_credentials', `账号“${account.name}”尚未完成${label}授权，请在账号页发起授权`);
  }
  return parsed.output;
}

/** `now + seconds` as an ISO instant. */
export function after(now: string, seconds: number): string {
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

/**
 * Refreshes the stored tokens when the access token expires within `marginMs` of `now`.
 * A refresh token that has itself expired cannot be used: that is `auth`
 * (`authorization_expired`), and the operator must authorise again.
 */
export async function refreshIfDue(
  client: OAuthClient,
  vault: CredentialVault,
  account: ConnectorAccount,
  platform: string,
  label: string,
  now: string,
  marginMs: number,
): Promise<{ refreshed: boolean; expiresAt: string }> {
  const tokens = await storedTokens(vault, account, platform, label);
  const nowMs = Date.parse(now);
  if (Date.parse(tokens.expiresAt) - nowMs > marginMs) return { refreshed: false, expiresAt: tokens.expiresAt };
  if (Date.parse(tokens.refreshExpiresAt) <= nowMs) {
    throw new ConnectorError('auth', platform, 'authorization_expired', `${label}授权已过期（refresh token 已失效），请账号运营者重新授权`);
  }
  const fresh = await client.refresh(tokens, now);
  await vault.put(account.id, tokensToCredentials(fresh));
  return { refreshed: true, expiresAt: fresh.expiresAt };
}

/** Settings of an OAuth connector (Douyin, Kuaishou). */
export interface OAuthConnectorOptions extends HttpConnectorOptions {
  vault: CredentialVault;
  /** The app registered on the platform; without it the connector cannot authorise or refresh. */
  app?: OAuthApp;
  /** Where the operator's authorisation page is (default: the API root). */
  authorizeBaseUrl?: string;
  /** Pages fetchRecent reads at most (default 5). */
  maxPages?: number;
}

/** What tells one OAuth platform from another, for the shared base below. */
export interface OAuthPlatformSpec {
  platform: 'douyin' | 'kuaishou';
  /** The platform's name in messages (抖音, 快手). */
  label: string;
  defaultBaseUrl: string;
  authorizePath: string;
  /** The app's settings, named as the platform names them, for the "not configured" message. */
  appSettings: string;
}

/**
 * The twin of DouyinConnector and KuaishouConnector: the HTTP settings, the OAuth client
 * (authorisation page, code exchange, refresh), "refresh before expiry", one read with the
 * account's token that refreshes an expired token and retries once, token calls whose timeout
 * is retryable (they publish nothing), and publishing through the manual connector (both
 * platforms publish videos; our posts are text). A subclass says how its platform spells
 * these calls and reads its answers.
 */
export abstract class OAuthConnector {
  readonly oauth: OAuthClient;
  protected readonly http: HttpSettings;
  private readonly manual = new ManualConnector();

  protected constructor(
    protected readonly options: OAuthConnectorOptions,
    private readonly spec: OAuthPlatformSpec,
  ) {
    this.http = {
      platform: spec.platform,
      baseUrl: options.baseUrl ?? spec.defaultBaseUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
    const authorizeBase = (options.authorizeBaseUrl ?? this.http.baseUrl).replace(/\/+$/, '');
    this.oauth = {
      configured: options.app !== undefined,
      authorizeUrl: ({ state, redirectUri }) => {
        const url = new URL(authorizeBase + spec.authorizePath);
        for (const [k, val] of Object.entries(this.authorizeQuery(this.app(), state, redirectUri))) url.searchParams.set(k, val);
        return url.toString();
      },
      exchange: (code, _redirectUri, now) => this.exchangeCode(this.app(), code, now),
      refresh: (tokens, now) => this.refreshTokens(this.app(), tokens, now),
    };
  }

  /** The authorisation page's query, in the platform's order. */
  protected abstract authorizeQuery(app: OAuthApp, state: string, redirectUri: string): Record<string, string>;
  /** The code → tokens call (through `tokenCall`). */
  protected abstract exchangeCode(app: OAuthApp, code: string, now: string): Promise<OAuthTokens>;
  /** The refresh call (through `tokenCall`). */
  protected abstract refreshTokens(app: OAuthApp, tokens: OAuthTokens, now: string): Promise<OAuthTokens>;
  /** Whether an answer says the access token expired (refresh and retry once). */
  protected abstract tokenExpired(res: HttpResponse): boolean;
  /** The answer's payload under `schema`, or the platform's error as a ConnectorError. */
  protected abstract parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, path: string, secrets: string[]): v.InferOutput<S>;

  /** Both platforms publish videos (upload, then create); a text post is published by a person. */
  publish(input: PublishInput): Promise<PublishResult> {
    return this.manual.publish(input);
  }

  refreshAuthorization(account: ConnectorAccount, now: string, marginMs: number) {
    return refreshIfDue(this.oauth, this.options.vault, account, this.spec.platform, this.spec.label, now, marginMs);
  }

  protected app(): OAuthApp {
    if (!this.options.app) {
      throw new ConnectorError('auth', this.spec.platform, 'no_app', `未配置${this.spec.label}开放平台应用（${this.spec.appSettings}），无法授权`);
    }
    return this.options.app;
  }

  /** A token call (exchange, refresh): it has no effect on any post, so a timeout is worth retrying. */
  protected async tokenCall(req: HttpRequest): Promise<HttpResponse> {
    try {
      return await send(this.http, req);
    } catch (err) {
      throw err instanceof ConnectorError && err.kind === 'timeout' ? err.as('retryable') : err;
    }
  }

  /** One read with the account's token; an expired token is refreshed (and stored) and the call retried once. */
  protected async authorised<S extends v.GenericSchema>(account: ConnectorAccount, req: (t: OAuthTokens) => HttpRequest, schema: S, now?: string): Promise<v.InferOutput<S>> {
    let tokens = await storedTokens(this.options.vault, account, this.spec.platform, this.spec.label);
    for (let attempt = 0; ; attempt++) {
      const r = req(tokens);
      const res = await send(this.http, r);
      if (attempt === 0 && this.tokenExpired(res)) {
        tokens = await this.oauth.refresh(tokens, now ?? new Date((this.options.now ?? Date.now)()).toISOString());
        await this.options.vault.put(account.id, tokensToCredentials(tokens));
        continue;
      }
      return this.parse(res, schema, r.path, [tokens.accessToken, tokens.refreshToken]);
    }
  }
}
