import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createConnectors, createVault, platformSettings } from '../connectors/setup';
import { resolvePlatformConfig, type PlatformConfig } from '../connectors/platform-config';
import { memo } from './deps';

/** An OAuth app secret given by ARN (deployed): its string, read with the function's exact GetSecretValue grant (infra/constructs/oauth-apps.ts). */
async function readSecretString(arn: string): Promise<string> {
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  return out.SecretString ?? '';
}

/**
 * The connectors' settings with the OAuth apps' secrets in hand, read once at module load, before
 * the first request (locally the secrets are settings; deployed, Secrets Manager is read once per
 * container). Only the functions that hold the vault import this module.
 */
export const platformConfig: PlatformConfig = await resolvePlatformConfig(platformSettings, readSecretString);

/** The credential vault of this process (Secrets Manager deployed, an encrypted file locally). */
export const vaultOf = memo(() => createVault());

/** The publish connectors, over the one vault, built once so WeChat's token cache serves every publish of a container. */
export const connectorsOf = memo(() => createConnectors(vaultOf(), platformConfig));
