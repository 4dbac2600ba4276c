import type { OAuthApp } from './oauth';

/**
 * The connectors' settings (issue 16), read from the environment once at module load by
 * functions/connectors/setup.ts. Parsing is pure (this module); only the deployed app secrets
 * are read from Secrets Manager, once, before the first request (`resolvePlatformConfig`).
 *
 * - `GOVMEDIA_API_URL`: where the platforms reach the API from outside (the OAuth callback,
 *   `<api>/api/v1/oauth/<platform>/callback`, the redirect URI registered on the platform).
 *   Deployed: the stack's HTTP API endpoint.
 * - `GOVMEDIA_WEB_URL`: the web app the operator returns to after the callback
 *   (`<web>/accounts/<id>?oauth=…`). Deployed: the stack's CloudFront origin (or custom domain).
 * - `GOVMEDIA_PUBLIC_URL`: one origin serving both (npm start, or a tunnel to it); the default of
 *   either URL above. Without any of the three, both are `http://localhost:<PORT or 8787>`.
 * - `GOVMEDIA_DOUYIN_CLIENT_KEY` with `GOVMEDIA_DOUYIN_CLIENT_SECRET` (locally) or
 *   `GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN` (deployed: a Secrets Manager secret whose string is the
 *   client secret); `GOVMEDIA_DOUYIN_COMMENTS=1` when the app holds 评论管理 (item.comment).
 * - `GOVMEDIA_KUAISHOU_APP_ID` with `GOVMEDIA_KUAISHOU_APP_SECRET` or `GOVMEDIA_KUAISHOU_APP_SECRET_ARN`.
 * - `GOVMEDIA_<PLATFORM>_BASE_URL`: a platform's API root (tests, a proxy); default the real one.
 *
 * A platform's app is all or nothing: an id without its secret (or a secret without its id, or
 * both a secret and its ARN) stops the process with a message naming the settings, instead of
 * answering `oauth_not_configured` at the first authorisation.
 */

export type Env = Record<string, string | undefined>;

/** Where an app's secret comes from: the value itself (locally) or the Secrets Manager secret holding it (deployed). */
export type SecretSource = { value: string } | { secretArn: string };

export interface OAuthAppSettings {
  clientKey: string;
  clientSecret: SecretSource;
}

interface Urls {
  /** The API's public base URL (no trailing slash): the OAuth callback. */
  apiUrl: string;
  /** The web app's URL (no trailing slash): the account page the operator returns to. */
  webUrl: string;
}

interface Platforms<App> {
  douyin: { baseUrl: string | undefined; app?: App; comments?: true };
  kuaishou: { baseUrl: string | undefined; app?: App };
  bilibili: { baseUrl: string | undefined };
  wechat: { baseUrl: string | undefined };
  weibo: { baseUrl: string | undefined };
}

/** The settings as read, app secrets possibly still in Secrets Manager. */
export type PlatformSettings = Urls & Platforms<OAuthAppSettings>;
/** The settings the connectors are built from: every app secret at hand. */
export type PlatformConfig = Urls & Platforms<OAuthApp>;

function setting(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function invalid(problem: string): Error {
  return new Error(`GovMedia configuration is invalid: ${problem}`);
}

function origin(env: Env, name: string, fallback: string): string {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`${name} must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${name} must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  if (url.search || url.hash) throw invalid(`${name} must be a base URL without query or fragment, got ${JSON.stringify(raw)}`);
  return raw.replace(/\/+$/, '');
}

function oauthApp(env: Env, label: string, idName: string, secretName: string): OAuthAppSettings | undefined {
  const id = setting(env, idName);
  const value = setting(env, secretName);
  const arn = setting(env, `${secretName}_ARN`);
  if (value !== undefined && arn !== undefined) throw invalid(`${secretName} and ${secretName}_ARN are both set: give the ${label} app secret one way only`);
  if (arn !== undefined && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(arn)) throw invalid(`${secretName}_ARN must be a Secrets Manager secret ARN, got ${JSON.stringify(arn)}`);
  const secret: SecretSource | undefined = value !== undefined ? { value } : arn !== undefined ? { secretArn: arn } : undefined;
  if (id === undefined && secret === undefined) return undefined;
  if (id === undefined) throw invalid(`the ${label} app is half-configured: ${value !== undefined ? secretName : `${secretName}_ARN`} is set but ${idName} is not (set both, or neither to keep ${label} accounts on manual ingest)`);
  if (secret === undefined) throw invalid(`the ${label} app is half-configured: ${idName} is set but neither ${secretName} nor ${secretName}_ARN is (set both, or neither to keep ${label} accounts on manual ingest)`);
  return { clientKey: id, clientSecret: secret };
}

function flag(env: Env, name: string): boolean {
  const v = setting(env, name);
  if (v === undefined || v === '0') return false;
  if (v === '1') return true;
  throw invalid(`${name} must be 1 or 0, got ${JSON.stringify(v)}`);
}

/** The connectors' settings from an environment (pure; throws a message naming the setting when one is wrong). */
export function readPlatformSettings(env: Env): PlatformSettings {
  const local = origin(env, 'GOVMEDIA_PUBLIC_URL', `http://localhost:${setting(env, 'PORT') ?? 8787}`);
  const douyinApp = oauthApp(env, 'Douyin', 'GOVMEDIA_DOUYIN_CLIENT_KEY', 'GOVMEDIA_DOUYIN_CLIENT_SECRET');
  const kuaishouApp = oauthApp(env, 'Kuaishou', 'GOVMEDIA_KUAISHOU_APP_ID', 'GOVMEDIA_KUAISHOU_APP_SECRET');
  return {
    apiUrl: origin(env, 'GOVMEDIA_API_URL', local),
    webUrl: origin(env, 'GOVMEDIA_WEB_URL', local),
    douyin: {
      baseUrl: setting(env, 'GOVMEDIA_DOUYIN_BASE_URL'),
      ...(douyinApp ? { app: douyinApp } : {}),
      // The app holds 抖音开放平台's 评论管理 permission (item.comment): ask for it and read the comment figures.
      ...(flag(env, 'GOVMEDIA_DOUYIN_COMMENTS') ? { comments: true as const } : {}),
    },
    kuaishou: { baseUrl: setting(env, 'GOVMEDIA_KUAISHOU_BASE_URL'), ...(kuaishouApp ? { app: kuaishouApp } : {}) },
    bilibili: { baseUrl: setting(env, 'GOVMEDIA_BILIBILI_BASE_URL') },
    wechat: { baseUrl: setting(env, 'GOVMEDIA_WECHAT_BASE_URL') },
    weibo: { baseUrl: setting(env, 'GOVMEDIA_WEIBO_BASE_URL') },
  };
}

/**
 * The settings with every app secret in hand: a secret given by ARN is read through `readSecret`
 * (Secrets Manager deployed). A read that fails, or a secret that is empty, stops the process
 * with a message naming the secret.
 */
export async function resolvePlatformConfig(settings: PlatformSettings, readSecret: (arn: string) => Promise<string>): Promise<PlatformConfig> {
  const resolve = async (label: string, app: OAuthAppSettings | undefined): Promise<OAuthApp | undefined> => {
    if (!app) return undefined;
    if ('value' in app.clientSecret) return { clientKey: app.clientKey, clientSecret: app.clientSecret.value };
    const arn = app.clientSecret.secretArn;
    let secret: string;
    try {
      secret = (await readSecret(arn)).trim();
    } catch (err) {
      throw invalid(`the ${label} app secret could not be read from ${arn}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!secret) throw invalid(`the ${label} app secret ${arn} is empty: put the platform's app secret in it as a plain string (docs/connectors.md)`);
    return { clientKey: app.clientKey, clientSecret: secret };
  };
  const [douyinApp, kuaishouApp] = await Promise.all([resolve('Douyin', settings.douyin.app), resolve('Kuaishou', settings.kuaishou.app)]);
  const { app: _d, ...douyin } = settings.douyin;
  const { app: _k, ...kuaishou } = settings.kuaishou;
  return {
    ...settings,
    douyin: { ...douyin, ...(douyinApp ? { app: douyinApp } : {}) },
    kuaishou: { ...kuaishou, ...(kuaishouApp ? { app: kuaishouApp } : {}) },
  };
}
