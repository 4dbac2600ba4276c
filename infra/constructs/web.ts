import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Annotations, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../nag';
import type { Settings } from '../settings';
import { REPO_ROOT } from './function';

export interface WebProps {
  readonly settings: Settings;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** What the SPA reads from `/config.json` at start-up (written next to index.html on deploy). */
export interface WebConfig {
  readonly stage: string;
  readonly region: string;
  readonly apiUrl: string;
  /** Origin of the public verification distribution (the /verify page calls it; infra/constructs/public-verify.ts). */
  readonly publicApiUrl?: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly authDomain: string;
  readonly redirectUri: string;
  readonly logoutUri: string;
}

/** `/config.js`, loaded by index.html before the app: the same settings in the shape web/src/lib/config.ts reads. */
export function webConfigScript(config: WebConfig): string {
  return `window.GOVMEDIA_CONFIG = ${JSON.stringify({
    apiBase: config.apiUrl,
    cognitoDomain: config.authDomain,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    ...(config.publicApiUrl ? { publicApiBase: config.publicApiUrl } : {}),
  })};\n`;
}

/**
 * Viewer-request function on the default behaviour (issue 15): the SPA's own paths (`/`,
 * `/accounts/123`, the sign-in callback `/auth/callback`) are rewritten to `/index.html`; a file
 * path is left alone, so a missing one is a 404 and never the app shell. The rule is the local
 * server's `isAssetPath` (functions/local/web-static.ts): a file extension in the last segment
 * (`/config.json`, `/config.js`, `/favicon.ico`) or under `/assets/`. After a redeploy an old
 * chunk URL then fails as a missing module and the app offers a reload (ReloadBanner.svelte).
 */
export const SPA_ROUTE_CODE = `function handler(event) {
  var r = event.request;
  if (r.uri.indexOf('/assets/') === 0) return r;
  var last = r.uri.slice(r.uri.lastIndexOf('/') + 1);
  if (/\\.[A-Za-z0-9]+$/.test(last)) return r;
  r.uri = '/index.html';
  return r;
}`;

/** `/404.html`, published beside index.html: the body of every missing file (see the error responses below). */
export const NOT_FOUND_PAGE =
  '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head>' +
  '<body><h1>404</h1><p>文件不存在。</p><p lang="en">Not found.</p></body></html>\n';

/**
 * Web hosting: a private S3 bucket behind CloudFront with origin access
 * control (the bucket policy admits only this distribution), security
 * headers on every response, the SPA's paths rewritten to index.html at the
 * edge (SPA_ROUTE_CODE), missing files 404, access logs for both the
 * distribution and the bucket into a separate log bucket.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://host` of the web app: the custom domain when given, else the CloudFront domain. */
  readonly origin: string;
  private readonly connectSources: string[] = [];
  private readonly formActions: string[] = [];
  private readonly props: WebProps;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.props = props;
    const s = props.settings;
    const prod = s.stage === 'prod';

    // Buckets are retained in every stage: the log bucket is audit evidence (logs must be
    // kept six months), and the web bucket holds only build output. Emptying them on stack
    // deletion would need one more Lambda with s3:DeleteObject* on both; docs/deployment.md
    // has the two commands an operator runs instead.
    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED, // log delivery (S3 server access logs, CloudFront) writes SSE-S3 only
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront standard logging delivers with an ACL grant, so ACLs stay enabled here (and only here).
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(prod ? 400 : 90), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the access-log bucket that receives the web bucket\'s server access logs and the CloudFront logs; logging it into itself would loop. It is private (Block Public Access), SSL-only, versioned and retained.',
    );

    this.bucket = new Bucket(this, 'WebBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const csp = Lazy.string({ produce: () => this.contentSecurityPolicy() });
    const securityHeaders = {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: false, override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      // The legacy XSS auditor is switched off ("0"), as current guidance advises; CSP does the job.
      xssProtection: { protection: false, override: true },
    };
    const extraHeaders = [
      { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()', override: true },
      { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
    ];
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'GovMedia: security headers; pages and config are revalidated on every load',
      securityHeadersBehavior: securityHeaders,
      customHeadersBehavior: { customHeaders: [...extraHeaders, { header: 'Cache-Control', value: 'no-cache', override: true }] },
    });
    const assetHeaders = new ResponseHeadersPolicy(this, 'AssetHeaders', {
      comment: 'GovMedia: security headers; hashed build assets are immutable',
      securityHeadersBehavior: securityHeaders,
      customHeadersBehavior: {
        customHeaders: [...extraHeaders, { header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: true }],
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
    };

    const spaRoutes = new EdgeFunction(this, 'SpaRoutes', {
      comment: "GovMedia: the web app's own paths (no file extension, not under /assets/) get /index.html",
      code: FunctionCode.fromInline(SPA_ROUTE_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `GovMedia web (${s.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...behavior,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [{ function: spaRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // No function here: everything under /assets/ is a file.
      additionalBehaviors: { '/assets/*': { ...behavior, responseHeadersPolicy: assetHeaders } },
      // A missing file is 404 with a small page, never the app shell (SpaRoutes has already sent the
      // app's own paths to index.html). With OAC, S3 answers 403 for a missing key because the
      // distribution may only s3:GetObject; granting s3:ListBucket would turn that into 404 but also
      // let the distribution's principal list every key. Least privilege instead: 403 (and 404, in
      // case) become 404 /404.html here. Not cached, so a file a redeploy adds is seen at once.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.seconds(0) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the Asia edges (Hong Kong, Japan, Singapore...) that serve users in China.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(s.domain && s.certificateArn
        ? {
            domainNames: [s.domain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', s.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      ...(s.allowedCountries.length ? { geoRestriction: GeoRestriction.allowlist(...s.allowedCountries) } : {}),
      ...(s.webAclArn ? { webAclId: s.webAclArn } : {}),
    });
    this.origin = s.domain ? `https://${s.domain}` : `https://${this.distribution.distributionDomainName}`;

    if (!s.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Non-production only: without -c domain the distribution uses the *.cloudfront.net certificate, whose security policy CloudFront fixes and cannot be raised. ' +
          'stage=prod refuses to synthesize without domain and certificateArn, and then enforces TLSv1.2_2021 with SNI.',
      );
    }
    if (!s.allowedCountries.length) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR1',
        'The distribution serves only the public, data-free application shell (HTML, JS, CSS); every record sits behind the authenticated API. ' +
          'Officials use it while travelling, so no geo block by default; -c allowedCountries=CN,HK,... turns on an allow-list.',
      );
    }
    if (!s.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'The distribution serves static, cacheable files from a private bucket and accepts only GET/HEAD, so there is no application input for a WAF to inspect; ' +
          'the API is protected by the JWT authorizer and stage throttling. A WAFv2 web ACL (scope CLOUDFRONT) can be attached with -c webAclArn=... .',
      );
    }
  }

  /** An origin the app may call (`connect-src`): the API, the sign-in domain. */
  allowConnect(origin: string): void {
    this.connectSources.push(origin);
  }

  /** An origin the app may send a form to or navigate to for sign-in (`form-action`). */
  allowFormAction(origin: string): void {
    this.formActions.push(origin);
  }

  private contentSecurityPolicy(): string {
    return [
      "default-src 'self'",
      "script-src 'self'",
      // Svelte templates and chart libraries set inline style attributes; scripts stay strictly 'self'.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src ${["'self'", ...this.connectSources].join(' ')}`,
      `form-action ${["'self'", ...this.formActions].join(' ')}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
      'upgrade-insecure-requests',
    ].join('; ');
  }

  /**
   * Publishes the built web app (web/dist by default) and its /config.json.
   * Skipped, with a note in the synth output, when the folder has no
   * index.html yet, so `cdk synth` works before the first web build.
   */
  publish(config: WebConfig): BucketDeployment | undefined {
    const dist = resolve(REPO_ROOT, this.props.settings.webDist);
    if (!existsSync(join(dist, 'index.html'))) {
      Annotations.of(this).addInfo(`web app not published: ${dist}/index.html does not exist (run npm run build:web first)`);
      return undefined;
    }
    const logs = new LogGroup(this, 'DeployLogs', { retention: this.props.logRetention, removalPolicy: this.props.logRemovalPolicy });
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'GovMedia: copies the built web app into the web bucket and invalidates CloudFront (deploy time only)',
    });
    logs.grantWrite(role);
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(dist),
        Source.jsonData('config.json', config),
        Source.data('config.js', webConfigScript(config)),
        Source.data('404.html', NOT_FOUND_PAGE),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      role,
      logGroup: logs,
    });
    this.acknowledgeDeployment(role);
    return deployment;
  }

  private acknowledgeDeployment(role: Role): void {
    const policy = role.node.tryFindChild('DefaultPolicy') as IConstruct | undefined;
    if (!policy) return;
    const why =
      'Granted by the CDK BucketDeployment construct to its deploy-time copy function: read the CDK asset zip, write and prune the web bucket. ' +
      'The wildcards are object-action families (Get*/List*/DeleteObject*/Abort*) and object keys within those two buckets only; the function runs only during a CloudFormation deployment.';
    for (const id of this.deploymentFindings()) acknowledge(policy, id, why);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Granted by the CDK BucketDeployment construct: cloudfront:CreateInvalidation and cloudfront:GetInvalidation on "*", so the copy function can refresh the distribution after a deploy. ' +
        'Only these two invalidation actions are covered (no distribution configuration change), and only during a CloudFormation deployment.',
    );
    const handler = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      acknowledge(
        handler,
        'AwsSolutions-L1',
        'This is the BucketDeployment copy function shipped inside aws-cdk-lib (a Python handler whose runtime the CDK version pins); it runs only during a CloudFormation deployment and never receives user input. ' +
          'It moves to a newer runtime when aws-cdk-lib is upgraded.',
      );
    }
  }

  /** The IAM5 findings BucketDeployment's grants produce, as cdk-nag names them. */
  private deploymentFindings(): string[] {
    const stack = Stack.of(this);
    const bucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    return [
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
    ];
  }
}
