import { join, resolve } from 'node:path';
import { LocalCredentialVault, SecretsManagerCredentialVault, type CredentialVault } from './credentials';
import type { ConnectorSet } from './index';
import { BilibiliConnector } from './bilibili';
import { DouyinConnector } from './douyin';
import { KuaishouConnector } from './kuaishou';
import { ManualConnector } from './manual';
import type { OAuthApp } from './oauth';
import { WeChatConnector } from './wechat';
import { WeiboConnector } from './weibo';

/**
 * Where platform credentials live, read once at module load:
 * - deployed: `CREDENTIALS_SECRET_PREFIX` (set by the stack, e.g. `govmedia/prod/accounts/`)
 *   selects AWS Secrets Manager, one secret per account under that prefix;
 * - locally (no prefix): an encrypted file vault under `GOVMEDIA_DATA_DIR` (default `.data`):
 *   `credentials.key` (32 random bytes, mode 0600, created on first use) and `credentials.json`.
 */
export const connectorConfig = {
  secretPrefix: process.env.CREDENTIALS_SECRET_PREFIX || undefined,
  dataDir: resolve(process.env.GOVMEDIA_DATA_DIR ?? '.data'),
} as const;

function app(key: string | undefined, secret: string | undefined): OAuthApp | undefined {
  return key && secret ? { clientKey: key, clientSecret: secret } : undefined;
}

/**
 * The platforms' API roots (each defaults to the real platform; a setting so tests and a
 * proxy can point elsewhere) and the apps registered on the OAuth platforms, read once at
 * module load. Without an app, that platform's accounts cannot be authorised (the start
 * route answers 422 oauth_not_configured) and stay on manual ingest.
 */
export const platformConfig = {
  /** Where the product is reached from outside: the OAuth callback and the web account page the operator returns to. */
  publicUrl: (process.env.GOVMEDIA_PUBLIC_URL || `http://localhost:${process.env.PORT || 8787}`).replace(/\/+$/, ''),
  douyin: {
    baseUrl: process.env.GOVMEDIA_DOUYIN_BASE_URL || undefined,
    app: app(process.env.GOVMEDIA_DOUYIN_CLIENT_KEY, process.env.GOVMEDIA_DOUYIN_CLIENT_SECRET),
    // The app holds 抖音开放平台's 评论管理 permission (item.comment): ask for it and read the comment figures.
    ...(process.env.GOVMEDIA_DOUYIN_COMMENTS === '1' ? { comments: true } : {}),
  },
  kuaishou: { baseUrl: process.env.GOVMEDIA_KUAISHOU_BASE_URL || undefined, app: app(process.env.GOVMEDIA_KUAISHOU_APP_ID, process.env.GOVMEDIA_KUAISHOU_APP_SECRET) },
  bilibili: { baseUrl: process.env.GOVMEDIA_BILIBILI_BASE_URL || undefined },
  wechat: { baseUrl: process.env.GOVMEDIA_WECHAT_BASE_URL || undefined },
  weibo: { baseUrl: process.env.GOVMEDIA_WEIBO_BASE_URL || undefined },
};

export function createVault(cfg: { secretPrefix?: string; dataDir: string } = connectorConfig): CredentialVault {
  if (cfg.secretPrefix) return new SecretsManagerCredentialVault({ prefix: cfg.secretPrefix });
  return new LocalCredentialVault({ keyFile: join(cfg.dataDir, 'credentials.key'), dataFile: join(cfg.dataDir, 'credentials.json') });
}

/** The connectors, built once per process so WeChat's token cache is shared by every publish of a container. */
export function createConnectors(vault: CredentialVault, cfg: typeof platformConfig = platformConfig): ConnectorSet {
  const base = (u: string | undefined) => (u ? { baseUrl: u } : {});
  return {
    manual: new ManualConnector(),
    byPlatform: {
      wechat: new WeChatConnector({ vault, ...base(cfg.wechat.baseUrl) }),
      weibo: new WeiboConnector({ vault, ...base(cfg.weibo.baseUrl) }),
      douyin: new DouyinConnector({ vault, ...base(cfg.douyin.baseUrl), ...(cfg.douyin.app ? { app: cfg.douyin.app } : {}), ...(cfg.douyin.comments ? { comments: true } : {}) }),
      kuaishou: new KuaishouConnector({ vault, ...base(cfg.kuaishou.baseUrl), ...(cfg.kuaishou.app ? { app: cfg.kuaishou.app } : {}) }),
      bilibili: new BilibiliConnector({ vault, ...base(cfg.bilibili.baseUrl) }),
    },
  };
}
