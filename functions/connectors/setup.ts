import { join, resolve } from 'node:path';
import { LocalCredentialVault, SecretsManagerCredentialVault, type CredentialVault } from './credentials';
import type { ConnectorSet } from './index';
import { ManualConnector } from './manual';
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

export function createVault(cfg: { secretPrefix?: string; dataDir: string } = connectorConfig): CredentialVault {
  if (cfg.secretPrefix) return new SecretsManagerCredentialVault({ prefix: cfg.secretPrefix });
  return new LocalCredentialVault({ keyFile: join(cfg.dataDir, 'credentials.key'), dataFile: join(cfg.dataDir, 'credentials.json') });
}

/** The connectors, built once per process so WeChat's token cache is shared by every publish of a container. */
export function createConnectors(vault: CredentialVault): ConnectorSet {
  return {
    manual: new ManualConnector(),
    byPlatform: { wechat: new WeChatConnector({ vault }), weibo: new WeiboConnector({ vault }) },
  };
}
