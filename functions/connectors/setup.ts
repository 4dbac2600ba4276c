import { join, resolve } from 'node:path';
import { LocalCredentialVault, SecretsManagerCredentialVault, type CredentialVault } from './credentials';
import type { ConnectorSet } from './index';
import { BilibiliConnector } from './bilibili';
import { DouyinConnector } from './douyin';
import { KuaishouConnector } from './kuaishou';
import { ManualConnector } from './manual';
import { readPlatformSettings, type PlatformConfig, type PlatformSettings } from './platform-config';
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

/**
 * The API's and the web app's public URLs, the platforms' API roots (each defaults to the real
 * platform; a setting so tests and a proxy can point elsewhere) and the apps registered on the
 * OAuth platforms, read once at module load (functions/connectors/platform-config.ts names the
 * settings); a half-configured app stops the process here. Deployed, an app secret is still a
 * Secrets Manager ARN here: functions/wiring/vault.ts reads it in the functions that hold the
 * vault (credentials, fetch), so the API bundle carries no Secrets Manager client. Without an
 * app, that platform's accounts cannot be authorised (the start route answers 422
 * oauth_not_configured) and stay on manual ingest.
 */
export const platformSettings: PlatformSettings = readPlatformSettings(process.env);

export function createVault(cfg: { secretPrefix?: string; dataDir: string } = connectorConfig): CredentialVault {
  if (cfg.secretPrefix) return new SecretsManagerCredentialVault({ prefix: cfg.secretPrefix });
  return new LocalCredentialVault({ keyFile: join(cfg.dataDir, 'credentials.key'), dataFile: join(cfg.dataDir, 'credentials.json') });
}

/** The connectors, built once per process so WeChat's token cache is shared by every publish of a container. */
export function createConnectors(vault: CredentialVault, cfg: PlatformConfig): ConnectorSet {
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
