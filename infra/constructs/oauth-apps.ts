import { Policy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Settings } from '../settings';

/**
 * The apps registered on the OAuth platforms (抖音开放平台, 快手开放平台; issue 16), as the
 * functions that use them see them (functions/connectors/platform-config.ts): the app ids in
 * plain, each app secret as the ARN of the Secrets Manager secret the operator put it in. The
 * secret value never enters the template or a function's environment: the credentials function
 * (authorisation start and callback) and the fetch job (refresh, fetch) read it once per
 * container, each with GetSecretValue on exactly those secrets, in a policy of its own.
 */
export class OAuthApps extends Construct {
  /** The environment of a function that uses the apps (empty when none is configured). */
  readonly environment: Record<string, string>;
  /** The secrets' ARNs (exact, with their suffix), the only ones a grant below names. */
  readonly secretArns: string[];

  constructor(scope: Construct, id: string, props: { settings: Pick<Settings, 'douyin' | 'kuaishou'> }) {
    super(scope, id);
    const { douyin, kuaishou } = props.settings;
    this.environment = {
      ...(douyin
        ? {
            GOVMEDIA_DOUYIN_CLIENT_KEY: douyin.clientKey,
            GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: douyin.clientSecretArn,
            ...(douyin.comments ? { GOVMEDIA_DOUYIN_COMMENTS: '1' } : {}),
          }
        : {}),
      ...(kuaishou ? { GOVMEDIA_KUAISHOU_APP_ID: kuaishou.appId, GOVMEDIA_KUAISHOU_APP_SECRET_ARN: kuaishou.appSecretArn } : {}),
    };
    this.secretArns = [...(douyin ? [douyin.clientSecretArn] : []), ...(kuaishou ? [kuaishou.appSecretArn] : [])];
  }

  /**
   * Lets `role` read the app secrets and nothing else (GetSecretValue on their exact ARNs), and
   * hands `fn` the settings. Nothing when no app is configured.
   */
  grantUse(scope: Construct, id: string, fn: { addEnvironment(key: string, value: string): unknown }, role: IRole): Policy | undefined {
    for (const [k, v] of Object.entries(this.environment)) fn.addEnvironment(k, v);
    if (this.secretArns.length === 0) return undefined;
    const policy = new Policy(scope, id, {
      statements: [new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [...this.secretArns] })],
    });
    policy.attachToRole(role);
    return policy;
  }
}
