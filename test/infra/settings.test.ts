import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings';

const ctx = (values: Record<string, unknown>) => ({ tryGetContext: (k: string) => values[k] });
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const DOUYIN_SECRET = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/prod/oauth/douyin-AbC123';
const KUAISHOU_SECRET = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/prod/oauth/kuaishou-XyZ789';

describe('deployment settings (CDK context)', () => {
  it('defaults to a dev stage in ap-east-1 with optional TOTP MFA, the Plus plan and tracing', () => {
    expect(readSettings(ctx({}))).toEqual({
      stage: 'dev',
      region: 'ap-east-1',
      allowedCountries: [],
      mfa: 'optional',
      cognitoPlan: 'plus',
      tracing: true,
      reserveJobConcurrency: false,
      staticEgress: false,
      sweepSegments: 8,
      webDist: 'web/dist',
      apiRateLimit: 20,
      apiBurstLimit: 40,
    });
  });

  it('reads every parameter, including lists given on the command line', () => {
    const s = readSettings(
      ctx({
        stage: 'prod',
        region: 'ap-southeast-1',
        domain: 'GovMedia.Example.gov.cn',
        certificateArn: CERT,
        adminEmail: 'ops@example.gov.cn',
        allowedCountries: 'cn, hk,MO',
        webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/govmedia/1234',
        mfa: 'required',
        tracing: 'false',
        sweepSegments: '4',
        apiRateLimit: '50',
      }),
    );
    expect(s).toMatchObject({
      stage: 'prod',
      region: 'ap-southeast-1',
      domain: 'govmedia.example.gov.cn',
      adminEmail: 'ops@example.gov.cn',
      allowedCountries: ['CN', 'HK', 'MO'],
      mfa: 'required',
      tracing: false,
      reserveJobConcurrency: true,
      sweepSegments: 4,
      apiRateLimit: 50,
      apiBurstLimit: 200,
    });
  });

  it('refuses prod without a custom domain and certificate (TLS 1.2+ and stable callback URLs)', () => {
    expect(() => readSettings(ctx({ stage: 'prod' }))).toThrow(/stage=prod needs -c domain/);
  });

  it('refuses what would fail at deploy time or weaken the stack', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ stage: 'staging' }, /stage must be dev or prod/],
      [{ region: 'mars-1' }, /not an AWS region/],
      [{ domain: 'https://x.example.com' }, /bare host name/],
      [{ domain: 'x.example.com' }, /needs certificateArn/],
      [{ domain: 'x.example.com', certificateArn: CERT.replace('us-east-1', 'ap-east-1') }, /us-east-1/],
      [{ certificateArn: CERT }, /without domain/],
      [{ adminEmail: 'not-an-email' }, /not an email/],
      [{ allowedCountries: 'CHN' }, /alpha-2/],
      [{ webAclArn: 'arn:aws:wafv2:ap-east-1:111122223333:regional/webacl/x/1' }, /scope CLOUDFRONT/],
      [{ authDomainPrefix: 'my-cognito-login' }, /without aws\/amazon\/cognito/],
      [{ mfa: 'sms' }, /mfa must be/],
      [{ cognitoPlan: 'lite' }, /cognitoPlan must be/],
      [{ tracing: 'yes' }, /true or false/],
      [{ apiRateLimit: '0' }, /integer in/],
      [{ sweepSegments: '0' }, /integer in/],
      [{ sweepSegments: '101' }, /integer in/],
      [{ sweepSegments: '2.5' }, /integer in/],
    ];
    for (const [values, message] of bad) expect(() => readSettings(ctx(values)), JSON.stringify(values)).toThrow(message);
  });

  describe('the OAuth apps (issue 16)', () => {
    it('are absent by default: Douyin and Kuaishou accounts stay on manual ingest', () => {
      const s = readSettings(ctx({}));
      expect(s.douyin).toBeUndefined();
      expect(s.kuaishou).toBeUndefined();
    });

    it('take each app\'s id in plain and the complete ARN of the secret holding its secret', () => {
      const s = readSettings(
        ctx({ douyinClientKey: 'awk123', douyinClientSecretArn: DOUYIN_SECRET, douyinComments: 'true', kuaishouAppId: 'ks456', kuaishouAppSecretArn: KUAISHOU_SECRET }),
      );
      expect(s.douyin).toEqual({ clientKey: 'awk123', clientSecretArn: DOUYIN_SECRET, comments: true });
      expect(s.kuaishou).toEqual({ appId: 'ks456', appSecretArn: KUAISHOU_SECRET });
      expect(readSettings(ctx({ douyinClientKey: 'awk123', douyinClientSecretArn: DOUYIN_SECRET })).douyin?.comments).toBe(false);
    });

    it('refuse a half-configured app, a partial or foreign ARN, and comments without the Douyin app', () => {
      const bad: [Record<string, unknown>, RegExp][] = [
        [{ douyinClientKey: 'awk123' }, /Douyin app is half-configured: context douyinClientKey is set but douyinClientSecretArn is not/],
        [{ douyinClientSecretArn: DOUYIN_SECRET }, /Douyin app is half-configured: context douyinClientSecretArn is set but douyinClientKey is not/],
        [{ kuaishouAppId: 'ks456' }, /Kuaishou app is half-configured: context kuaishouAppId is set but kuaishouAppSecretArn is not/],
        [{ kuaishouAppSecretArn: KUAISHOU_SECRET }, /Kuaishou app is half-configured/],
        [{ douyinClientKey: 'awk123', douyinClientSecretArn: 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/prod/oauth/douyin' }, /complete ARN of a Secrets Manager secret/],
        [{ douyinClientKey: 'awk123', douyinClientSecretArn: 'arn:aws:ssm:ap-east-1:111122223333:parameter/douyin-AbC123' }, /complete ARN of a Secrets Manager secret/],
        [{ douyinClientKey: 'aw k', douyinClientSecretArn: DOUYIN_SECRET }, /douyinClientKey must be the platform's app id/],
        [{ douyinComments: 'true' }, /douyinComments needs the Douyin app/],
      ];
      for (const [values, message] of bad) expect(() => readSettings(ctx(values)), JSON.stringify(values)).toThrow(message);
    });
  });
});
