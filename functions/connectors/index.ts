import type { Platform } from '../../shared/registry/schemas';
import type { AttemptOutcome, CheckFinding } from '../../shared/scheduling';
import { ConnectorError } from './errors';
import type { Connector, FindPublishedInput, PublishInput } from './types';

export * from './types';
export { ConnectorError, type ConnectorErrorKind } from './errors';
export { ManualConnector, manualInstructions, type ManualTask, type ManualTaskSink } from './manual';
export { WeChatConnector, type WeChatOptions } from './wechat';
export { WeiboConnector, composeStatus, type WeiboOptions } from './weibo';
export { DouyinConnector, type DouyinOptions } from './douyin';
export { KuaishouConnector, type KuaishouOptions } from './kuaishou';
export { BilibiliConnector, type BilibiliOptions } from './bilibili';
export { OAuthTokensSchema, tokensToCredentials, type OAuthApp } from './oauth';
export {
  LocalCredentialVault,
  SecretsManagerCredentialVault,
  redact,
  redactText,
  type CredentialVault,
  type Credentials,
  type LocalVaultOptions,
  type SecretsManagerLike,
  type SecretsManagerVaultOptions,
} from './credentials';

/** The platform connectors available, plus the manual fallback. */
export interface ConnectorSet {
  manual: Connector;
  byPlatform: Partial<Record<Platform, Connector>>;
}

/** The platform's connector when there is one and the account has credentials; otherwise the manual one. */
export function pickConnector(platform: Platform, hasCredentials: boolean, connectors: ConnectorSet): Connector {
  const connector = connectors.byPlatform[platform];
  return connector && hasCredentials ? connector : connectors.manual;
}

/** Can the dispatcher look up an uncertain publish through this connector? (settleAttempt's canCheck) */
export function canCheck(connector: Connector): boolean {
  return typeof connector.findPublished === 'function';
}

/**
 * connector.publish as data for settleAttempt. A ConnectorError becomes its PublishError;
 * anything else (a bug in our code mid-publish) counts as an unknown outcome, so the post
 * is checked rather than published again.
 */
export async function attemptPublish(connector: Connector, input: PublishInput): Promise<AttemptOutcome> {
  try {
    const result = await connector.publish(input);
    switch (result.status) {
      case 'published':
        return { status: 'published', platformPostId: result.platformPostId, ...(result.url ? { url: result.url } : {}) };
      case 'processing':
        return { status: 'processing', ref: result.ref };
      case 'pending_manual':
        return { status: 'pending_manual', taskId: result.taskId };
    }
  } catch (err) {
    if (err instanceof ConnectorError) return { status: 'error', error: err.toPublishError() };
    return { status: 'error', error: { kind: 'timeout', code: 'internal_error', message: '发布过程中出现内部错误，结果未知，需核查' } };
  }
}

/** connector.findPublished as data for resolveCheck; a failing lookup is 'check_error' (ask again later). */
export async function checkPublished(connector: Connector, input: FindPublishedInput): Promise<CheckFinding> {
  if (!connector.findPublished) return { state: 'not_found', conclusive: false };
  try {
    return await connector.findPublished(input);
  } catch (err) {
    const error =
      err instanceof ConnectorError
        ? err.toPublishError()
        : { kind: 'retryable' as const, code: 'internal_error', message: '核查发布结果时出现内部错误' };
    return { state: 'check_error', error };
  }
}
