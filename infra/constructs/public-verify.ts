import { Annotations, CfnOutput, Duration, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginSslPolicy,
  GeoRestriction,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * Public verification, deployed (API.md "Public verification", docs/decisions.md "Public
 * verification at the edge"): its own API route without the JWT authorizer, its own CloudFront
 * distribution caching answers for a minute, and a WAF rate rule in front of it.
 */

/** The one path the distribution serves (functions/api/routes/public.ts under /api/v1). */
export const PUBLIC_VERIFY_PATH = '/api/v1/public/verify';
/** The query parameters the route reads: the whole cache key, and all that reaches the origin. */
export const PUBLIC_VERIFY_QUERY = ['url', 'platform', 'handle'] as const;
/** How long CloudFront keeps an answer: the route's `Cache-Control: max-age` (PUBLIC_MAX_AGE_SECONDS), at most. */
export const PUBLIC_VERIFY_TTL = Duration.seconds(60);
/**
 * The WAF rule: requests per client IP to /api/v1/public/ in a sliding window, counted at the edge
 * (cache hits included). 150 in 5 minutes is the API's per-client limit (30 a minute,
 * functions/api/middleware/rate-limit.ts) kept over five minutes; beyond it 429 with Retry-After.
 */
export const PUBLIC_VERIFY_WAF_RATE = { limit: 150, windowSeconds: 300 } as const;

/** The 429 body the WAF answers, in the API's error shape (docs/api-notes.md "Errors"). */
export const WAF_RATE_LIMITED_BODY = JSON.stringify({
  error: {
    code: 'rate_limited',
    message: `查询过于频繁，请 ${PUBLIC_VERIFY_WAF_RATE.windowSeconds / 60} 分钟后再试 (too many requests, retry after ${PUBLIC_VERIFY_WAF_RATE.windowSeconds} s)`,
  },
});

/** Viewer-request function: anything but GET/HEAD of the verification path ends at the edge with 404. */
export const EDGE_FILTER_CODE = `function handler(event) {
  var r = event.request;
  if (r.uri === '${PUBLIC_VERIFY_PATH}' && (r.method === 'GET' || r.method === 'HEAD')) return r;
  return { statusCode: 404, statusDescription: 'Not Found' };
}`;

/**
 * A WAFv2 web ACL (scope CLOUDFRONT, so it exists only in us-east-1) with the rate rule on the
 * public path. Other paths pass, so the same ACL may also be attached to the web distribution.
 */
export class PublicVerifyWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { metricPrefix: string }) {
    super(scope, id);
    const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.metricPrefix}${name}` });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'GovMedia per-client rate limit on public verification /api/v1/public/',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('PublicVerify'),
      customResponseBodies: { rateLimited: { contentType: 'APPLICATION_JSON', content: WAF_RATE_LIMITED_BODY } },
      rules: [
        {
          name: 'PublicVerifyRatePerIp',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: PUBLIC_VERIFY_WAF_RATE.limit,
              evaluationWindowSec: PUBLIC_VERIFY_WAF_RATE.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/v1/public/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rateLimited',
                responseHeaders: [
                  { name: 'Retry-After', value: String(PUBLIC_VERIFY_WAF_RATE.windowSeconds) },
                  // The /verify page reads the answer from another origin (the web app's).
                  { name: 'Access-Control-Allow-Origin', value: '*' },
                  { name: 'Access-Control-Expose-Headers', value: 'Retry-After' },
                  { name: 'Cache-Control', value: 'no-store' },
                ],
              },
            },
          },
          visibilityConfig: visibility('PublicVerifyRate'),
        },
      ],
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}

export interface PublicVerifyProps {
  readonly httpApi: HttpApi;
  /** The API function (it serves GET /public/verify with the rest of the JSON routes). */
  readonly handler: IFunction;
  readonly logBucket: IBucket;
  readonly stage: string;
  /**
   * A CLOUDFRONT-scope web ACL made elsewhere (`-c webAclArn`, e.g. the `GovMediaEdge-<stage>`
   * stack of infra/edge.ts), used when this stack is not in us-east-1 and so cannot hold one.
   */
  readonly webAclArn?: string;
  /** The web distribution's geo allow-list (`-c allowedCountries`), applied here too when given. */
  readonly allowedCountries?: string[];
}

/**
 * `GET /api/v1/public/verify` without the JWT authorizer, behind a CloudFront distribution of its
 * own: cache key = the three query parameters only (no header, no cookie; the Authorization header
 * never reaches the origin), at most a minute, errors of the origin not kept; HTTPS only; every
 * other path 404 at the edge; a WAF rate rule (in this stack when it is in us-east-1, else the
 * given ACL).
 */
export class PublicVerify extends Construct {
  readonly distribution: Distribution;
  readonly cachePolicy: CachePolicy;
  /** `https://host` the /verify page and citizens call. */
  readonly origin: string;
  /** The ACL made in this stack (us-east-1 only). */
  readonly webAcl?: PublicVerifyWebAcl;

  constructor(scope: Construct, id: string, props: PublicVerifyProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // More specific than /api/v1/{proxy+}, so API Gateway sends it here without the authorizer.
    const [route] = props.httpApi.addRoutes({
      path: PUBLIC_VERIFY_PATH,
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('PublicVerifyIntegration', props.handler),
      authorizer: new HttpNoneAuthorizer(),
    });
    acknowledge(
      route!,
      'AwsSolutions-APIG4',
      'GET /api/v1/public/verify is the public verification of API.md (no token by contract): it answers only the listed public fields of an account, is rate-limited per client in the function and by the WAF rule of its CloudFront distribution.',
    );

    this.cachePolicy = new CachePolicy(this, 'CachePolicy', {
      comment: 'GovMedia public verification: keyed on url, platform and handle only; one minute',
      defaultTtl: PUBLIC_VERIFY_TTL,
      minTtl: Duration.seconds(0),
      maxTtl: PUBLIC_VERIFY_TTL,
      queryStringBehavior: CacheQueryStringBehavior.allowList(...PUBLIC_VERIFY_QUERY),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'GovMedia public verification: CORS for any page (public answers, no credentials), security headers',
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowHeaders: ['accept'],
        accessControlExposeHeaders: ['Retry-After'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.hours(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const filter = new EdgeFunction(this, 'PathFilter', {
      comment: 'GovMedia: only GET/HEAD /api/v1/public/verify reaches the API',
      code: FunctionCode.fromInline(EDGE_FILTER_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    const inUsEast1 = !Token.isUnresolved(stack.region) && stack.region === 'us-east-1';
    if (inUsEast1) this.webAcl = new PublicVerifyWebAcl(this, 'Waf', { metricPrefix: `GovMedia${props.stage}` });
    const webAclId = this.webAcl?.arn ?? props.webAclArn;

    // The API's host from its id: the distribution then depends on the API resource only, not its stage or routes.
    const apiHost = `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `GovMedia public verification (${props.stage})`,
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: this.cachePolicy,
        // No origin request policy: only the cache key (the three parameters) and CloudFront's own
        // X-Forwarded-For (the client the function's limit counts) go to the API.
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: filter, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // A failing API is asked again at once (CloudFront would keep a 5xx for 10 s). 429 is not
      // among the statuses CloudFront caches, so one client's limit never answers another.
      errorResponses: [500, 502, 503, 504].map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront-verify/',
      ...(webAclId ? { webAclId } : {}),
      ...(props.allowedCountries?.length ? { geoRestriction: GeoRestriction.allowlist(...props.allowedCountries) } : {}),
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The verification distribution answers on its *.cloudfront.net name, whose certificate and security policy CloudFront fixes; it serves public JSON answers only, HTTPS only (no redirect), and reaches the API over TLS 1.2.',
    );
    if (!props.allowedCountries?.length) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR1',
        'Public verification is for anyone who meets a government account, in China or abroad (BRIEF capability 12); its answers are public registry fields, so there is no geo restriction unless -c allowedCountries sets one for both distributions.',
      );
    }
    if (!webAclId) {
      Annotations.of(this).addInfo(
        'Public verification has no WAF rate rule: a CLOUDFRONT web ACL can only be created in us-east-1. Deploy infra/edge.ts (GovMediaEdge-<stage>, us-east-1) and pass its WebAclArn as -c webAclArn=... (docs/deployment.md).',
      );
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'Outside us-east-1 the stack cannot hold the CLOUDFRONT-scope web ACL; until -c webAclArn names the one of infra/edge.ts (a synth warning says so), the function\'s per-client limit and the one-minute cache bound the load.',
      );
    }
  }
}

/**
 * The us-east-1 companion stack (infra/edge.ts): only the web ACL with the public verification rate
 * rule, for stacks deployed elsewhere (the default region is ap-east-1). Its output goes to the main
 * stack as `-c webAclArn=...`, which attaches it to both distributions.
 */
export class GovMediaEdgeStack extends Stack {
  readonly webAcl: PublicVerifyWebAcl;

  constructor(scope: Construct, id: string, props: StackProps & { stage: string }) {
    super(scope, id, props);
    if (!Token.isUnresolved(this.region) && this.region !== 'us-east-1') throw new Error(`${id}: a CLOUDFRONT web ACL must be created in us-east-1, not ${this.region}`);
    this.webAcl = new PublicVerifyWebAcl(this, 'PublicVerifyWaf', { metricPrefix: `GovMedia${props.stage}` });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.arn, description: 'Pass to the GovMedia stack as -c webAclArn=...' });
  }
}
