import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_RATE_LIMIT } from '../../functions/api/middleware/rate-limit';
import {
  EDGE_FILTER_CODE,
  GovMediaEdgeStack,
  PUBLIC_VERIFY_PATH,
  PUBLIC_VERIFY_WAF_RATE,
  PublicVerify,
  WAF_RATE_LIMITED_BODY,
} from '../../infra/constructs/public-verify';
import { REPO_ROOT } from '../../infra/constructs/function';
import { acknowledge, addNagChecks } from '../../infra/nag';

/**
 * Public verification deployed (infra/constructs/public-verify.ts, docs/decisions.md "Public
 * verification at the edge"). The construct is synthesized in a small stack of its own (an HTTP
 * API, a function, a log bucket), so this file needs neither bundling nor the whole GovMedia stack.
 */

type Json = Record<string, any>;
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/govmedia-edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Synth {
  json: Json;
  template: Template;
  notes: string[];
  /** Unacknowledged cdk-nag findings on the construct's resources. */
  findings: string[];
}

function synth(region: string, webAclArn?: string): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'govmedia-verify-'));
  dirs.push(outdir);
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Verify', { env: { account: '111122223333', region } });
  const httpApi = new HttpApi(stack, 'HttpApi', { createDefaultStage: true });
  const handler = new LambdaFunction(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
  const logBucket = new Bucket(stack, 'Logs');
  new PublicVerify(stack, 'PublicVerify', { httpApi, handler, logBucket, stage: 'dev', ...(webAclArn ? { webAclArn } : {}) });
  // The scaffolding stands in for the real API, function and log bucket, whose findings stack.test.ts covers.
  const scaffolding = 'scaffolding of this test only: the real HTTP API stage, API function and log bucket are built and checked in infra/stack.ts';
  acknowledge(httpApi.defaultStage!, 'AwsSolutions-APIG1', scaffolding);
  acknowledge(handler, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', scaffolding);
  acknowledge(handler, 'AwsSolutions-L1', scaffolding);
  acknowledge(logBucket, 'AwsSolutions-S1', scaffolding);
  acknowledge(logBucket, 'AwsSolutions-S10', scaffolding);
  addNagChecks(app);
  // Throws on any unacknowledged cdk-nag finding or CloudFormation schema error.
  app.synth();
  const json = JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf8')) as Json;
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: { ruleName: string; violatingResources?: { constructPath?: string }[] }[] }[];
  };
  const findings = report.pluginReports
    .flatMap((p) => p.violations ?? [])
    .flatMap((v) => (v.violatingResources ?? []).map((r) => `${v.ruleName} ${r.constructPath ?? '?'}`))
    .filter((f) => f.includes('/PublicVerify/') || f.includes('public'));
  const notes = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:info').map((m) => `info: ${String(m.data)}`));

  return { json, template: Template.fromJSON(json), notes, findings };
}

const of = (json: Json, type: string): [string, Json][] => Object.entries(json.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
const distributionConfig = (s: Synth): Json => {
  const [[, dist], ...rest] = of(s.json, 'AWS::CloudFront::Distribution') as [[string, Json]];
  expect(rest).toEqual([]);
  return dist.Properties.DistributionConfig as Json;
};

const hk = synth('ap-east-1');
const hkWithAcl = synth('ap-east-1', WEB_ACL_ARN);
const virginia = synth('us-east-1');

describe('the API route', () => {
  it('GET /api/v1/public/verify has no authorizer and invokes the API function', () => {
    const [[, route]] = of(hk.json, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey === `GET ${PUBLIC_VERIFY_PATH}`) as [[string, Json]];
    expect(route.Properties.AuthorizationType).toBe('NONE');
    expect(route.Properties.AuthorizerId).toBeUndefined();
    const integration = hk.json.Resources[route.Properties.Target['Fn::Join'][1][1].Ref].Properties as Json;
    expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    const [[fnId]] = of(hk.json, 'AWS::Lambda::Function') as [[string, Json]];
    expect(integration.IntegrationUri['Fn::GetAtt'][0]).toBe(fnId);
  });
});

describe('the CloudFront distribution', () => {
  it('has the API as its only origin, over HTTPS with TLS 1.2', () => {
    const c = distributionConfig(hk);
    const [apiId] = of(hk.json, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(c.Origins).toHaveLength(1);
    expect(c.Origins[0].CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(c.Origins[0].DomainName)).toContain(apiId);
    expect(JSON.stringify(c.Origins[0].DomainName)).toContain('execute-api');
  });

  it('caches for at most a minute, keyed on url, platform and handle only (no header, no cookie)', () => {
    const [[policyId, policy]] = of(hk.json, 'AWS::CloudFront::CachePolicy') as [[string, Json]];
    const config = policy.Properties.CachePolicyConfig as Json;
    expect(config).toMatchObject({ DefaultTTL: 60, MaxTTL: 60, MinTTL: 0 });
    const key = config.ParametersInCacheKeyAndForwardedToOrigin as Json;
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe('whitelist');
    expect([...key.QueryStringsConfig.QueryStrings].sort()).toEqual(['handle', 'platform', 'url']);
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'none' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(distributionConfig(hk).DefaultCacheBehavior.CachePolicyId).toEqual({ Ref: policyId });
  });

  it('never forwards the Authorization header (no origin request policy; the cache key has no headers)', () => {
    const behavior = distributionConfig(hk).DefaultCacheBehavior as Json;
    expect(behavior.OriginRequestPolicyId).toBeUndefined();
    expect(of(hk.json, 'AWS::CloudFront::OriginRequestPolicy')).toEqual([]);
    expect(JSON.stringify(of(hk.json, 'AWS::CloudFront::CachePolicy')).toLowerCase()).not.toContain('authorization');
  });

  it('takes only GET and HEAD over HTTPS, compressed, and does not keep the API\'s 5xx answers', () => {
    const c = distributionConfig(hk);
    expect(c.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'https-only', AllowedMethods: ['GET', 'HEAD'], Compress: true });
    expect(c.CacheBehaviors).toBeUndefined();
    expect(c.CustomErrorResponses).toEqual([500, 502, 503, 504].map((ErrorCode) => ({ ErrorCode, ErrorCachingMinTTL: 0 })));
    expect(c.Logging).toMatchObject({ Prefix: 'cloudfront-verify/' });
  });

  it('lets any page read the answers and Retry-After (CORS without credentials) and sends the security headers', () => {
    const [[headersId, headers]] = of(hk.json, 'AWS::CloudFront::ResponseHeadersPolicy') as [[string, Json]];
    const config = headers.Properties.ResponseHeadersPolicyConfig as Json;
    expect(config.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlExposeHeaders: { Items: ['Retry-After'] },
      AccessControlAllowCredentials: false,
      OriginOverride: true,
    });
    expect(config.SecurityHeadersConfig).toMatchObject({ ContentTypeOptions: { Override: true }, FrameOptions: { FrameOption: 'DENY' }, ReferrerPolicy: { ReferrerPolicy: 'no-referrer' } });
    expect(distributionConfig(hk).DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
  });

  it('runs the path filter on every viewer request', () => {
    const [[fnId]] = of(hk.json, 'AWS::CloudFront::Function') as [[string, Json]];
    expect(distributionConfig(hk).DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
  });
});

describe('the path filter (CloudFront Function)', () => {
  const handler = new Function(`${EDGE_FILTER_CODE}; return handler;`)() as (e: Json) => Json;
  const request = (method: string, uri: string) => ({ request: { method, uri, querystring: {}, headers: {} } });

  it.each([
    ['GET', PUBLIC_VERIFY_PATH],
    ['HEAD', PUBLIC_VERIFY_PATH],
  ])('lets %s %s through unchanged', (method, uri) => {
    const event = request(method, uri);
    expect(handler(event)).toBe(event.request);
  });

  it.each([
    ['GET', '/api/v1/accounts'],
    ['GET', '/health'],
    ['GET', '/api/v1/public/verify/'],
    ['GET', '/api/v1/public'],
    ['POST', PUBLIC_VERIFY_PATH],
    ['DELETE', PUBLIC_VERIFY_PATH],
  ])('answers %s %s with 404 at the edge', (method, uri) => {
    expect(handler(request(method, uri))).toEqual({ statusCode: 404, statusDescription: 'Not Found' });
  });

  it('is the code the template carries', () => {
    const [[, fn]] = of(hk.json, 'AWS::CloudFront::Function') as [[string, Json]];
    expect(fn.Properties.FunctionCode).toBe(EDGE_FILTER_CODE);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  });
});

describe('the WAF rate rule', () => {
  it('in us-east-1 the stack holds a CLOUDFRONT web ACL and attaches it to the distribution', () => {
    const [[aclId, acl]] = of(virginia.json, 'AWS::WAFv2::WebACL') as [[string, Json]];
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(distributionConfig(virginia).WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('counts requests per client IP to /api/v1/public/ and answers 429 with Retry-After and a Chinese message beyond the limit', () => {
    const [[, acl]] = of(virginia.json, 'AWS::WAFv2::WebACL') as [[string, Json]];
    const [rule, ...others] = acl.Properties.Rules as Json[];
    expect(others).toEqual([]);
    expect(rule!.Statement.RateBasedStatement).toEqual({
      Limit: PUBLIC_VERIFY_WAF_RATE.limit,
      EvaluationWindowSec: PUBLIC_VERIFY_WAF_RATE.windowSeconds,
      AggregateKeyType: 'IP',
      ScopeDownStatement: {
        ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/v1/public/', TextTransformations: [{ Priority: 0, Type: 'NONE' }] },
      },
    });
    const response = rule!.Action.Block.CustomResponse as Json;
    expect(response.ResponseCode).toBe(429);
    expect(response.ResponseHeaders).toEqual(expect.arrayContaining([{ Name: 'Retry-After', Value: String(PUBLIC_VERIFY_WAF_RATE.windowSeconds) }, { Name: 'Access-Control-Allow-Origin', Value: '*' }]));
    const body = acl.Properties.CustomResponseBodies[response.CustomResponseBodyKey] as Json;
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^查询过于频繁/) } });
    expect(body.Content).toBe(WAF_RATE_LIMITED_BODY);
  });

  it('allows on average no more than the function\'s per-client limit', () => {
    const perMinute = PUBLIC_VERIFY_WAF_RATE.limit / (PUBLIC_VERIFY_WAF_RATE.windowSeconds / 60);
    expect(perMinute).toBeLessThanOrEqual(PUBLIC_RATE_LIMIT.limit * (60 / PUBLIC_RATE_LIMIT.windowSeconds));
  });

  it('outside us-east-1 attaches the web ACL named by -c webAclArn', () => {
    expect(of(hkWithAcl.json, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(distributionConfig(hkWithAcl).WebACLId).toBe(WEB_ACL_ARN);
  });

  it('outside us-east-1 without one, the synth output says how to add it', () => {
    expect(of(hk.json, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(distributionConfig(hk).WebACLId).toBeUndefined();
    expect(hk.notes.some((n) => n.startsWith('info: Public verification has no WAF rate rule') && n.includes('infra/edge.ts'))).toBe(true);
  });

  it('the edge stack (infra/edge.ts) holds the same web ACL in us-east-1 and outputs its ARN; elsewhere it refuses', () => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const edge = new GovMediaEdgeStack(app, 'Edge', { env: { region: 'us-east-1' }, stage: 'prod' });
    const t = Template.fromStack(edge);
    t.resourceCountIs('AWS::WAFv2::WebACL', 1);
    t.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    t.hasOutput('WebAclArn', {});
    expect(() => new GovMediaEdgeStack(new App(), 'Edge', { env: { region: 'ap-east-1' }, stage: 'prod' })).toThrow(/us-east-1/);
  });
});

describe('cdk-nag', () => {
  it.each([
    ['ap-east-1 without a web ACL', hk],
    ['ap-east-1 with -c webAclArn', hkWithAcl],
    ['us-east-1', virginia],
  ])('leaves no finding on the construct (%s)', (_, s) => {
    expect(s.findings).toEqual([]);
  });
});
