/**
 * Deployment parameters, read once from CDK context (`-c key=value` or
 * cdk.json "context"). Everything the stack varies on is here, validated,
 * with the reason for each default. docs/deployment.md lists them.
 */
export type Stage = 'dev' | 'prod';

export interface Settings {
  /** dev | prod. prod retains data-bearing resources and tightens defaults. */
  readonly stage: Stage;
  /** The AWS region to deploy to (no lookups: synth stays offline). */
  readonly region: string;
  /** Optional custom domain of the web app (e.g. `govmedia.example.gov.cn`). */
  readonly domain?: string;
  /** ACM certificate (us-east-1) for `domain`; required with it. */
  readonly certificateArn?: string;
  /** Optional email subscribed to the alarm topic. */
  readonly adminEmail?: string;
  /** Optional ISO country codes the web distribution serves (CloudFront geo allow-list). */
  readonly allowedCountries: string[];
  /** Optional WAFv2 web ACL (scope CLOUDFRONT, us-east-1) for the distribution. */
  readonly webAclArn?: string;
  /** Cognito hosted-UI domain prefix (must be unique in the region). */
  readonly authDomainPrefix?: string;
  /** MFA at the user pool: optional (TOTP offered) or required. */
  readonly mfa: 'optional' | 'required';
  /** Cognito feature plan: plus enables threat protection (adaptive auth, compromised credentials). */
  readonly cognitoPlan: 'plus' | 'essentials';
  /** Active X-Ray tracing on the functions. */
  readonly tracing: boolean;
  /** Reserve concurrency 1 for each job function (needs an account concurrency quota above 10). */
  readonly reserveJobConcurrency: boolean;
  /** Run the dispatcher and the fetcher behind a NAT gateway with a fixed IP (WeChat IP allow-list). */
  readonly staticEgress: boolean;
  /** Parallel Scan segments of the nightly sweep (one schedule each). */
  readonly sweepSegments: number;
  /** The built web app to publish; skipped (with a note) when the folder has no index.html. */
  readonly webDist: string;
  /** HTTP API stage throttling (steady requests per second, burst). */
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
  /**
   * The app registered on 抖音开放平台 (OAuth, issue 16): its client_key in plain, its client_secret
   * in a Secrets Manager secret the operator created (complete ARN), read at run time by the
   * credentials function and the fetch job only. Absent: Douyin accounts stay on manual ingest.
   * `comments`: the app holds 评论管理 (item.comment).
   */
  readonly douyin?: { readonly clientKey: string; readonly clientSecretArn: string; readonly comments: boolean };
  /** The app registered on 快手开放平台: its app_id in plain, its app_secret in Secrets Manager (as Douyin's). */
  readonly kuaishou?: { readonly appId: string; readonly appSecretArn: string };
}

/** What a construct needs to read context: `node.tryGetContext`. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

function str(ctx: ContextSource, key: string): string | undefined {
  const v = ctx.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return String(v);
  return v.trim() || undefined;
}

function bool(ctx: ContextSource, key: string, fallback: boolean): boolean {
  const v = ctx.tryGetContext(key);
  if (v === undefined || v === null || v === '') return fallback;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new Error(`context ${key} must be true or false, got ${JSON.stringify(v)}`);
}

function int(ctx: ContextSource, key: string, fallback: number, min: number, max: number): number {
  const raw = str(ctx, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`context ${key} must be an integer in [${min}, ${max}], got ${raw}`);
  return n;
}

/** A complete Secrets Manager ARN (with the six-character suffix), so a grant can name exactly that secret. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;
const APP_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** An OAuth app: its id and the ARN of the secret holding its secret, both or neither. */
function oauthApp(ctx: ContextSource, label: string, idKey: string, arnKey: string): { id: string; arn: string } | undefined {
  const id = str(ctx, idKey);
  const arn = str(ctx, arnKey);
  if (id === undefined && arn === undefined) return undefined;
  if (id === undefined || arn === undefined) {
    throw new Error(
      `the ${label} app is half-configured: context ${id === undefined ? `${arnKey} is set but ${idKey}` : `${idKey} is set but ${arnKey}`} is not. ` +
        'Give both (the app id, and the ARN of a Secrets Manager secret holding the app secret, docs/connectors.md), or neither to keep those accounts on manual ingest',
    );
  }
  if (!APP_ID.test(id)) throw new Error(`context ${idKey} must be the platform's app id (letters, digits, - and _), got ${id}`);
  if (!SECRET_ARN.test(arn)) {
    throw new Error(`context ${arnKey} must be the complete ARN of a Secrets Manager secret (ending in its six-character suffix, so the grant names exactly it), got ${arn}`);
  }
  return { id, arn };
}

export function readSettings(ctx: ContextSource): Settings {
  const stage = str(ctx, 'stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`context stage must be dev or prod, got ${stage}`);

  const region = str(ctx, 'region') ?? 'ap-east-1';
  if (!REGION.test(region)) throw new Error(`context region is not an AWS region name: ${region}`);

  const domain = str(ctx, 'domain')?.toLowerCase();
  if (domain !== undefined && !DOMAIN.test(domain)) throw new Error(`context domain must be a bare host name (no scheme or path), got ${domain}`);
  const certificateArn = str(ctx, 'certificateArn');
  if (domain && !certificateArn) {
    throw new Error('context domain needs certificateArn: an ACM certificate in us-east-1 covering the domain, so CloudFront can serve it with TLS 1.2+');
  }
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(`context certificateArn must be an ACM certificate ARN in us-east-1 (CloudFront requirement), got ${certificateArn}`);
  }
  if (certificateArn && !domain) throw new Error('context certificateArn given without domain');
  if (stage === 'prod' && !domain) {
    throw new Error(
      'stage=prod needs -c domain=<web host> -c certificateArn=<ACM cert in us-east-1>: the default *.cloudfront.net ' +
        'certificate cannot enforce TLS 1.2+, and sign-in callback URLs must be stable (docs/deployment.md)',
    );
  }

  const adminEmail = str(ctx, 'adminEmail');
  if (adminEmail !== undefined && !EMAIL.test(adminEmail)) throw new Error(`context adminEmail is not an email address: ${adminEmail}`);

  const countriesRaw = ctx.tryGetContext('allowedCountries');
  const allowedCountries = (Array.isArray(countriesRaw) ? countriesRaw.map(String) : (str(ctx, 'allowedCountries') ?? '').split(','))
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  for (const c of allowedCountries) if (!/^[A-Z]{2}$/.test(c)) throw new Error(`context allowedCountries: ${c} is not an ISO 3166-1 alpha-2 code`);

  const webAclArn = str(ctx, 'webAclArn');
  if (webAclArn && !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/.test(webAclArn)) {
    throw new Error(`context webAclArn must be a WAFv2 web ACL with scope CLOUDFRONT (us-east-1, global/webacl/...), got ${webAclArn}`);
  }

  const authDomainPrefix = str(ctx, 'authDomainPrefix');
  if (authDomainPrefix && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix) || /aws|amazon|cognito/.test(authDomainPrefix))) {
    throw new Error(`context authDomainPrefix must be lowercase letters, digits and hyphens, without aws/amazon/cognito: ${authDomainPrefix}`);
  }

  const mfa = str(ctx, 'mfa') ?? 'optional';
  if (mfa !== 'optional' && mfa !== 'required') throw new Error(`context mfa must be optional or required, got ${mfa}`);
  const cognitoPlan = str(ctx, 'cognitoPlan') ?? 'plus';
  if (cognitoPlan !== 'plus' && cognitoPlan !== 'essentials') throw new Error(`context cognitoPlan must be plus or essentials, got ${cognitoPlan}`);

  const douyin = oauthApp(ctx, 'Douyin', 'douyinClientKey', 'douyinClientSecretArn');
  const douyinComments = bool(ctx, 'douyinComments', false);
  if (douyinComments && !douyin) throw new Error('context douyinComments needs the Douyin app (douyinClientKey and douyinClientSecretArn)');
  const kuaishou = oauthApp(ctx, 'Kuaishou', 'kuaishouAppId', 'kuaishouAppSecretArn');

  return {
    stage,
    region,
    ...(domain ? { domain } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(adminEmail ? { adminEmail } : {}),
    allowedCountries,
    ...(webAclArn ? { webAclArn } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
    mfa,
    cognitoPlan,
    tracing: bool(ctx, 'tracing', true),
    reserveJobConcurrency: bool(ctx, 'reserveJobConcurrency', stage === 'prod'),
    staticEgress: bool(ctx, 'staticEgress', false),
    sweepSegments: int(ctx, 'sweepSegments', 8, 1, 100),
    webDist: str(ctx, 'webDist') ?? 'web/dist',
    apiRateLimit: int(ctx, 'apiRateLimit', stage === 'prod' ? 100 : 20, 1, 10_000),
    apiBurstLimit: int(ctx, 'apiBurstLimit', stage === 'prod' ? 200 : 40, 1, 5_000),
    ...(douyin ? { douyin: { clientKey: douyin.id, clientSecretArn: douyin.arn, comments: douyinComments } } : {}),
    ...(kuaishou ? { kuaishou: { appId: kuaishou.id, appSecretArn: kuaishou.arn } } : {}),
  };
}
