import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedIds, expectNagClean } from './support/expect-nag-clean';
import { fakeWebDist, logicalIdAt, PROD_CONTEXT, resources, synthesize, type Json, removeTempDirs, type Synthesized } from './support/synth';

/**
 * The production stack with a custom domain, a geo allow-list, a web ACL,
 * required MFA, a fixed egress IP for the platform-facing jobs and a sweep in
 * four parallel segments. Bundling is skipped here (stack.test.ts checks the bundles);
 * the template must still carry the real runtime and handler.
 */
let s: Synthesized;
beforeAll(() => {
  s = synthesize(
    {
      ...PROD_CONTEXT,
      webDist: fakeWebDist(),
      allowedCountries: 'CN,HK,MO',
      webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/govmedia/0123abcd',
      mfa: 'required',
      staticEgress: true,
      sweepSegments: 4,
    },
    { skipBundling: true },
  );
});
afterAll(removeTempDirs);


const WEB = `https://${PROD_CONTEXT.domain}`;

describe('production stack', () => {
  it('synthesizes without a dependency cycle and with termination protection', () => {
    expect(s.synthError).toBeUndefined();
    expect(s.stack.terminationProtection).toBe(true);
    expect(s.stack.stackName).toBe('GovMedia-prod');
  });

  it('functions keep runtime, architecture and handler with bundling skipped', () => {
    const ours = resources(s.json, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime !== 'python3.13');
    expect(ours).toHaveLength(9);
    for (const [id, f] of ours) expect(f.Properties, id).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
  });

  it('retains every data-bearing and audit resource', () => {
    for (const type of ['AWS::Logs::LogGroup', 'AWS::Cognito::UserPool', 'AWS::DynamoDB::GlobalTable', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::SQS::Queue']) {
      const rs = resources(s.json, type);
      expect(rs.length, type).toBeGreaterThan(0);
      for (const [id, r] of rs) expect(r.DeletionPolicy, `${type} ${id}`).toBe('Retain');
    }
    for (const [id, lg] of resources(s.json, 'AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays, id).toBe(365);
  });

  it('enforces Cognito threat protection, deletion protection and MFA', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      DeletionProtection: 'ACTIVE',
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'BLOCK', Notify: false } } },
    });
  });

  it('serves the custom domain over TLS 1.2+ (SNI), geo-restricted, behind the web ACL', () => {
    const [[, dist]] = resources(s.json, 'AWS::CloudFront::Distribution') as [[string, Json]];
    const c = dist.Properties.DistributionConfig as Json;
    expect(c.Aliases).toEqual([PROD_CONTEXT.domain]);
    expect(c.ViewerCertificate).toEqual({ AcmCertificateArn: PROD_CONTEXT.certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(c.Restrictions).toEqual({ GeoRestriction: { Locations: ['CN', 'HK', 'MO'], RestrictionType: 'whitelist' } });
    expect(c.WebACLId).toMatch(/global\/webacl\/govmedia/);
  });

  it('sign-in callbacks and CORS name the custom domain; the CSP names the exact API origin', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: [`${WEB}/auth/callback`], LogoutURLs: [`${WEB}/`] });
    const [[, api]] = resources(s.json, 'AWS::ApiGatewayV2::Api') as [[string, Json]];
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([WEB]);
    const apiId = logicalIdAt(s, 'Api/HttpApi', 'AWS::ApiGatewayV2::Api');
    const webPolicies = resources(s.json, 'AWS::CloudFront::ResponseHeadersPolicy').filter(([, p]) => String(p.Metadata?.['aws:cdk:path']).includes('/Web/'));
    expect(webPolicies).toHaveLength(2);
    // The /verify page calls the public verification distribution by its exact name too.
    const verifyId = logicalIdAt(s, 'PublicVerify/Distribution', 'AWS::CloudFront::Distribution');
    for (const [, p] of webPolicies) {
      expect(JSON.stringify(p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy)).toContain(JSON.stringify({ 'Fn::GetAtt': [verifyId, 'DomainName'] }).slice(1, -1));
      const csp = JSON.stringify(p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
      expect(csp).toContain(JSON.stringify({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }).slice(1, -1));
      expect(csp).not.toContain('*.execute-api');
    }
  });

  it('runs the sweep as one schedule per scan segment, all at 02:00 Asia/Shanghai, with the same dead-letter queue', () => {
    const sweep = logicalIdAt(s, 'Sweep/Function/Fn', 'AWS::Lambda::Function');
    const mine = resources(s.json, 'AWS::Scheduler::Schedule').filter(([, r]) => r.Properties.Target.Arn['Fn::GetAtt'][0] === sweep);
    expect(mine.map(([, r]) => JSON.parse(r.Properties.Target.Input))).toEqual([0, 1, 2, 3].map((segment) => ({ segment, totalSegments: 4 })));
    for (const [, r] of mine) {
      expect(r.Properties).toMatchObject({ ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' });
      expect(r.Properties.Target.DeadLetterConfig).toEqual(mine[0]![1].Properties.Target.DeadLetterConfig);
    }
  });

  it('runs one instance of each job (per sweep segment) at a time, and the API, spreadsheet and credentials functions without reserved concurrency', () => {
    for (const [job, reserved] of [['Sweep', 4], ['Dispatch', 1], ['Fetch', 1], ['Notify', 1], ['LinkCheck', 1]] as const) {
      const fn = s.json.Resources[logicalIdAt(s, `${job}/Function/Fn`, 'AWS::Lambda::Function')];
      expect(fn.Properties.ReservedConcurrentExecutions, job).toBe(reserved);
      expect(fn.Properties.Environment.Variables).toMatchObject({ GOVMEDIA_STAGE: 'prod', LOG_LEVEL: 'INFO', CREDENTIALS_SECRET_PREFIX: 'govmedia/prod/accounts/' });
    }
    const api = s.json.Resources[logicalIdAt(s, 'ApiFunction/Fn', 'AWS::Lambda::Function')];
    expect(api.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(api.Properties.Environment.Variables).toMatchObject({ GOVMEDIA_AUTH: 'cognito', GOVMEDIA_STAGE: 'prod' });
    expect(api.Properties.Environment.Variables.GOVMEDIA_DEV_SIGNING_KEY).toBeUndefined();
    const sheets = s.json.Resources[logicalIdAt(s, 'SpreadsheetFunction/Fn', 'AWS::Lambda::Function')];
    expect(sheets.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(sheets.Properties.Environment.Variables).toMatchObject({ GOVMEDIA_AUTH: 'cognito', GOVMEDIA_STAGE: 'prod', LOG_LEVEL: 'INFO', POWERTOOLS_SERVICE_NAME: 'govmedia-spreadsheets' });
    expect(sheets.Properties.Environment.Variables.GOVMEDIA_DEV_SIGNING_KEY).toBeUndefined();
    expect(sheets.Properties.Environment.Variables.CREDENTIALS_SECRET_PREFIX).toBeUndefined();
    expect(api.Properties.Environment.Variables.CREDENTIALS_SECRET_PREFIX).toBeUndefined();
    const creds = s.json.Resources[logicalIdAt(s, 'CredentialsFunction/Fn', 'AWS::Lambda::Function')];
    expect(creds.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(creds.Properties.Environment.Variables).toMatchObject({
      GOVMEDIA_AUTH: 'cognito',
      GOVMEDIA_STAGE: 'prod',
      LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'govmedia-credentials',
      CREDENTIALS_SECRET_PREFIX: 'govmedia/prod/accounts/',
    });
    expect(creds.Properties.Environment.Variables.GOVMEDIA_DEV_SIGNING_KEY).toBeUndefined();
  });

  it('gives the dispatcher, the fetcher and the notify job a fixed egress IP; the API, the spreadsheet and credentials functions and the sweep stay outside the VPC', () => {
    const vpcOf = (path: string) => s.json.Resources[logicalIdAt(s, path, 'AWS::Lambda::Function')].Properties.VpcConfig as Json | undefined;
    const [[sg, group]] = resources(s.json, 'AWS::EC2::SecurityGroup') as [[string, Json]];
    for (const job of ['Dispatch', 'Fetch', 'Notify']) {
      expect(vpcOf(`${job}/Function/Fn`)?.SecurityGroupIds, job).toEqual([{ 'Fn::GetAtt': [sg, 'GroupId'] }]);
    }
    expect(vpcOf('Sweep/Function/Fn')).toBeUndefined();
    expect(vpcOf('LinkCheck/Function/Fn')).toBeUndefined();
    expect(vpcOf('ApiFunction/Fn')).toBeUndefined();
    expect(vpcOf('SpreadsheetFunction/Fn')).toBeUndefined();
    expect(vpcOf('CredentialsFunction/Fn')).toBeUndefined();
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    expect(group.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })]);
    expect(resources(s.json, 'AWS::EC2::NatGateway')).toHaveLength(1);
    expect(s.json.Outputs.EgressIp.Value['Fn::GetAtt'][1]).toBe('PublicIp');
    s.template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 's3' });
    s.template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
  });

  it('mails alarms to the admin', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: PROD_CONTEXT.adminEmail });
  });
});

describe('cdk-nag (prod)', () => {
  it('reports nothing unacknowledged', () => {
    expectNagClean(s);
  });

  it('needs no acknowledgement for TLS, geo restriction, WAF or MFA once they are configured', () => {
    const ids = acknowledgedIds(s);
    for (const rule of ['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-COG2']) {
      expect(ids.filter((i) => i.endsWith(` ${rule}`) && !(i.startsWith('PublicVerify/') && rule === 'AwsSolutions-CFR4')), rule).toEqual([]);
    }
    // Public verification answers on its *.cloudfront.net name (no custom domain of its own).
    expect(ids.filter((i) => i.startsWith('PublicVerify/'))).toEqual(['PublicVerify/Distribution AwsSolutions-CFR4']);
    expect(ids).toContain('Dispatch/Function/NetworkPolicy AwsSolutions-IAM5[Resource::*]');
    expect(ids).toContain('Fetch/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/prod/accounts/*]');
    expect(ids).toContain('CredentialsFunction/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/prod/accounts/*]');
    expect(ids.filter((i) => i.startsWith('ApiFunction/CredentialsPolicy'))).toEqual([]);
  });
});
