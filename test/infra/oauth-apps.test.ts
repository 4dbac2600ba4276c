import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedIds, expectNagClean } from './support/expect-nag-clean';
import { logicalIdAt, missingWebDist, removeTempDirs, resources, synthesize, type Json, type Synthesized } from './support/synth';

/**
 * The OAuth apps deployed (issue 16): the app ids as plain settings, each app secret as the ARN of
 * the Secrets Manager secret the operator put it in, handed to the credentials function (start and
 * callback) and the fetch job (refresh, fetch) only, each reading exactly those secrets; the
 * callback on the stack's own API and the return page on its own web distribution.
 */

const DOUYIN_SECRET = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/dev/oauth/douyin-AbC123';
const KUAISHOU_SECRET = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/dev/oauth/kuaishou-XyZ789';
const APPS = { douyinClientKey: 'awk123', douyinClientSecretArn: DOUYIN_SECRET, douyinComments: 'true', kuaishouAppId: 'ks456', kuaishouAppSecretArn: KUAISHOU_SECRET };

const FUNCTIONS = {
  api: 'ApiFunction',
  spreadsheets: 'SpreadsheetFunction',
  credentials: 'CredentialsFunction',
  sweep: 'Sweep/Function',
  dispatch: 'Dispatch/Function',
  fetch: 'Fetch/Function',
  notify: 'Notify/Function',
  grading: 'Grading/Function',
  linkCheck: 'LinkCheck/Function',
} as const;
type Fn = keyof typeof FUNCTIONS;
const OAUTH_SETTINGS = /^GOVMEDIA_(DOUYIN|KUAISHOU)_/;

let withApps: Synthesized;
let without: Synthesized;
beforeAll(() => {
  const opts = { skipBundling: true, cloudFormationValidation: false } as const;
  withApps = synthesize({ webDist: missingWebDist(), ...APPS }, opts);
  without = synthesize({ webDist: missingWebDist() }, opts);
});
afterAll(removeTempDirs);

const envOf = (s: Synthesized, k: Fn): Json => s.json.Resources[logicalIdAt(s, `${FUNCTIONS[k]}/Fn`, 'AWS::Lambda::Function')].Properties.Environment.Variables;
const roleOf = (s: Synthesized, k: Fn): string => logicalIdAt(s, `${FUNCTIONS[k]}/Role`, 'AWS::IAM::Role');

/** Every Allow statement of the template, with the roles its policy is attached to. */
function statements(s: Synthesized): { roles: string[]; statement: Json }[] {
  const out: { roles: string[]; statement: Json }[] = [];
  for (const [, p] of resources(s.json, 'AWS::IAM::Policy')) {
    for (const st of [].concat(p.Properties.PolicyDocument.Statement)) out.push({ roles: (p.Properties.Roles ?? []).map((r: Json) => r.Ref), statement: st });
  }
  return out;
}
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** The statements of a role that name an app secret. */
const appSecretStatements = (s: Synthesized, k: Fn) =>
  statements(s).filter((x) => x.roles.includes(roleOf(s, k)) && list(x.statement.Resource).some((r) => r === DOUYIN_SECRET || r === KUAISHOU_SECRET));

describe('the OAuth apps, deployed (issue 16)', () => {
  it('the credentials function gets both apps: ids in plain, secrets only as their ARNs, and the comments permission', () => {
    const env = envOf(withApps, 'credentials');
    expect(env).toMatchObject({
      GOVMEDIA_DOUYIN_CLIENT_KEY: 'awk123',
      GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: DOUYIN_SECRET,
      GOVMEDIA_DOUYIN_COMMENTS: '1',
      GOVMEDIA_KUAISHOU_APP_ID: 'ks456',
      GOVMEDIA_KUAISHOU_APP_SECRET_ARN: KUAISHOU_SECRET,
    });
    // The values themselves are never settings of a deployed function.
    expect(Object.keys(env)).not.toContain('GOVMEDIA_DOUYIN_CLIENT_SECRET');
    expect(Object.keys(env)).not.toContain('GOVMEDIA_KUAISHOU_APP_SECRET');
  });

  it('the fetch job gets the same app settings (refresh before expiry, fetch, comment figures)', () => {
    const pick = (e: Json) => Object.fromEntries(Object.entries(e).filter(([k]) => OAUTH_SETTINGS.test(k)));
    expect(pick(envOf(withApps, 'fetch'))).toEqual(pick(envOf(withApps, 'credentials')));
    expect(Object.keys(pick(envOf(withApps, 'fetch')))).toHaveLength(5);
  });

  it('no other function knows the apps', () => {
    for (const k of ['api', 'spreadsheets', 'sweep', 'dispatch', 'notify', 'grading', 'linkCheck'] as const) {
      expect(Object.keys(envOf(withApps, k)).filter((n) => OAUTH_SETTINGS.test(n)), k).toEqual([]);
    }
  });

  it('the credentials function and the fetch job may read exactly the two app secrets (GetSecretValue, nothing else), in a policy of their own', () => {
    for (const k of ['credentials', 'fetch'] as const) {
      const found = appSecretStatements(withApps, k);
      expect(found, k).toHaveLength(1);
      expect(found[0]!.statement, k).toEqual({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [DOUYIN_SECRET, KUAISHOU_SECRET] });
    }
    const policies = resources(withApps.json, 'AWS::IAM::Policy').filter(([, p]) => String(p.Metadata?.['aws:cdk:path']).includes('/OAuthAppsPolicy/'));
    expect(policies.map(([, p]) => String(p.Metadata['aws:cdk:path']).replace(/^[^/]+\//, '')).sort()).toEqual(['CredentialsFunction/OAuthAppsPolicy/Resource', 'Fetch/OAuthAppsPolicy/Resource']);
  });

  it('no other role names an app secret, and the credentials function still cannot read an account\'s credentials', () => {
    for (const k of ['api', 'spreadsheets', 'sweep', 'dispatch', 'notify', 'grading', 'linkCheck'] as const) expect(appSecretStatements(withApps, k), k).toEqual([]);
    const reads = statements(withApps).filter((x) => x.roles.includes(roleOf(withApps, 'credentials')) && list(x.statement.Action).includes('secretsmanager:GetSecretValue'));
    expect(reads.flatMap((x) => list(x.statement.Resource))).toEqual([DOUYIN_SECRET, KUAISHOU_SECRET]);
  });

  it('the callback is on the stack\'s own HTTP API and the return page on its own web distribution', () => {
    const env = envOf(withApps, 'credentials');
    const api = logicalIdAt(withApps, 'Api/HttpApi', 'AWS::ApiGatewayV2::Api');
    const distribution = logicalIdAt(withApps, 'Web/Distribution', 'AWS::CloudFront::Distribution');
    expect(env.GOVMEDIA_API_URL).toEqual({ 'Fn::GetAtt': [api, 'ApiEndpoint'] });
    expect(env.GOVMEDIA_WEB_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    expect(Object.keys(env)).not.toContain('GOVMEDIA_PUBLIC_URL');
  });

  it('a custom domain is the return page\'s origin', () => {
    const prod = synthesize(
      { stage: 'prod', region: 'ap-east-1', domain: 'govmedia.example.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789', webDist: missingWebDist(), ...APPS },
      { skipBundling: true, cloudFormationValidation: false },
    );
    expect(prod.synthError, String(prod.synthError)).toBeUndefined();
    expect(envOf(prod, 'credentials').GOVMEDIA_WEB_URL).toBe('https://govmedia.example.gov.cn');
  });

  it('outputs the redirect URI to register with each app', () => {
    const outputs = withApps.json.Outputs as Json;
    expect(JSON.stringify(outputs.DouyinRedirectUri.Value)).toContain('/api/v1/oauth/douyin/callback');
    expect(JSON.stringify(outputs.KuaishouRedirectUri.Value)).toContain('/api/v1/oauth/kuaishou/callback');
  });

  it('cdk-nag stays clean, with nothing new acknowledged', () => {
    expectNagClean(withApps);
    expect(acknowledgedIds(withApps)).toEqual(acknowledgedIds(without));
  });

  it('without apps: no function knows an app, no role may read one, and the callback still knows both origins', () => {
    for (const k of Object.keys(FUNCTIONS) as Fn[]) {
      expect(Object.keys(envOf(without, k)).filter((n) => OAUTH_SETTINGS.test(n)), k).toEqual([]);
      expect(appSecretStatements(without, k), k).toEqual([]);
    }
    expect(resources(without.json, 'AWS::IAM::Policy').filter(([, p]) => String(p.Metadata?.['aws:cdk:path']).includes('/OAuthAppsPolicy/'))).toEqual([]);
    expect(Object.keys(envOf(without, 'credentials'))).toEqual(expect.arrayContaining(['GOVMEDIA_API_URL', 'GOVMEDIA_WEB_URL']));
    expect(Object.keys(without.json.Outputs as Json)).not.toContain('DouyinRedirectUri');
    expectNagClean(without);
  });
});
