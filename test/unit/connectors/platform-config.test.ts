import { describe, expect, it } from 'vitest';
import { readPlatformSettings, resolvePlatformConfig } from '../../../functions/connectors/platform-config';
import { accountPageUrl, oauthRedirectUri } from '../../../functions/wiring/connector-ports';

const DOUYIN_ARN = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/prod/oauth/douyin-AbCdEf';
const KUAISHOU_ARN = 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/prod/oauth/kuaishou-GhIjKl';

describe('the connectors\' settings (issue 16)', () => {
  describe('the two public URLs', () => {
    it('default both to the one local origin of npm start (PORT, else 8787)', () => {
      expect(readPlatformSettings({})).toMatchObject({ apiUrl: 'http://localhost:8787', webUrl: 'http://localhost:8787' });
      expect(readPlatformSettings({ PORT: '9000' })).toMatchObject({ apiUrl: 'http://localhost:9000', webUrl: 'http://localhost:9000' });
    });

    it('take GOVMEDIA_PUBLIC_URL for both when one origin serves API and web app', () => {
      expect(readPlatformSettings({ GOVMEDIA_PUBLIC_URL: 'https://tunnel.example.cn/' })).toMatchObject({ apiUrl: 'https://tunnel.example.cn', webUrl: 'https://tunnel.example.cn' });
    });

    it('are read apart when deployed: the callback on the API, the return page on the web app', () => {
      const s = readPlatformSettings({
        GOVMEDIA_PUBLIC_URL: 'http://localhost:8787',
        GOVMEDIA_API_URL: 'https://abc123.execute-api.ap-east-1.amazonaws.com',
        GOVMEDIA_WEB_URL: 'https://govmedia.example.gov.cn/',
      });
      expect(s.apiUrl).toBe('https://abc123.execute-api.ap-east-1.amazonaws.com');
      expect(s.webUrl).toBe('https://govmedia.example.gov.cn');
      expect(oauthRedirectUri('douyin', s.apiUrl)).toBe('https://abc123.execute-api.ap-east-1.amazonaws.com/api/v1/oauth/douyin/callback');
      expect(accountPageUrl('acc 1', { oauth: 'authorized' }, s.webUrl)).toBe('https://govmedia.example.gov.cn/accounts/acc%201?oauth=authorized');
    });

    it('refuse what is not an absolute http(s) base URL, naming the setting', () => {
      expect(() => readPlatformSettings({ GOVMEDIA_API_URL: 'abc123.execute-api.ap-east-1.amazonaws.com' })).toThrow(/GOVMEDIA_API_URL must be an absolute http\(s\) URL/);
      expect(() => readPlatformSettings({ GOVMEDIA_WEB_URL: 'ftp://govmedia.example.gov.cn' })).toThrow(/GOVMEDIA_WEB_URL must be an absolute http\(s\) URL/);
      expect(() => readPlatformSettings({ GOVMEDIA_WEB_URL: 'https://govmedia.example.gov.cn/?x=1' })).toThrow(/GOVMEDIA_WEB_URL must be a base URL without query/);
    });
  });

  describe('the OAuth apps', () => {
    it('are absent when none is set: those platforms stay on manual ingest', () => {
      const s = readPlatformSettings({});
      expect(s.douyin.app).toBeUndefined();
      expect(s.kuaishou.app).toBeUndefined();
      expect(s.douyin.comments).toBeUndefined();
    });

    it('take the id with the secret itself (locally) or with the ARN of the secret that holds it (deployed)', () => {
      const s = readPlatformSettings({
        GOVMEDIA_DOUYIN_CLIENT_KEY: 'awk123',
        GOVMEDIA_DOUYIN_CLIENT_SECRET: 'douyin-secret',
        GOVMEDIA_DOUYIN_COMMENTS: '1',
        GOVMEDIA_KUAISHOU_APP_ID: 'ks456',
        GOVMEDIA_KUAISHOU_APP_SECRET_ARN: KUAISHOU_ARN,
      });
      expect(s.douyin).toMatchObject({ app: { clientKey: 'awk123', clientSecret: { value: 'douyin-secret' } }, comments: true });
      expect(s.kuaishou.app).toEqual({ clientKey: 'ks456', clientSecret: { secretArn: KUAISHOU_ARN } });
    });

    it('stop the process when a platform is half-configured, naming what is missing', () => {
      expect(() => readPlatformSettings({ GOVMEDIA_DOUYIN_CLIENT_KEY: 'awk123' })).toThrow(
        'GovMedia configuration is invalid: the Douyin app is half-configured: GOVMEDIA_DOUYIN_CLIENT_KEY is set but neither GOVMEDIA_DOUYIN_CLIENT_SECRET nor GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN is',
      );
      expect(() => readPlatformSettings({ GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: DOUYIN_ARN })).toThrow(/Douyin app is half-configured: GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN is set but GOVMEDIA_DOUYIN_CLIENT_KEY is not/);
      expect(() => readPlatformSettings({ GOVMEDIA_KUAISHOU_APP_SECRET: 'x' })).toThrow(/Kuaishou app is half-configured: GOVMEDIA_KUAISHOU_APP_SECRET is set but GOVMEDIA_KUAISHOU_APP_ID is not/);
      expect(() => readPlatformSettings({ GOVMEDIA_KUAISHOU_APP_ID: 'ks456', GOVMEDIA_KUAISHOU_APP_SECRET: '  ' })).toThrow(/Kuaishou app is half-configured: GOVMEDIA_KUAISHOU_APP_ID is set but neither/);
    });

    it('refuse a secret given both ways, an ARN that is not a secret\'s, and a comments flag that is not 1 or 0', () => {
      expect(() => readPlatformSettings({ GOVMEDIA_DOUYIN_CLIENT_KEY: 'k', GOVMEDIA_DOUYIN_CLIENT_SECRET: 's', GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: DOUYIN_ARN })).toThrow(/both set/);
      expect(() => readPlatformSettings({ GOVMEDIA_DOUYIN_CLIENT_KEY: 'k', GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: 'govmedia/prod/oauth/douyin' })).toThrow(/GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN must be a Secrets Manager secret ARN/);
      expect(() => readPlatformSettings({ GOVMEDIA_DOUYIN_COMMENTS: 'yes' })).toThrow(/GOVMEDIA_DOUYIN_COMMENTS must be 1 or 0/);
      expect(readPlatformSettings({ GOVMEDIA_DOUYIN_COMMENTS: '0' }).douyin.comments).toBeUndefined();
    });
  });

  describe('resolving the app secrets', () => {
    const deployed = () =>
      readPlatformSettings({
        GOVMEDIA_DOUYIN_CLIENT_KEY: 'awk123',
        GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN: DOUYIN_ARN,
        GOVMEDIA_KUAISHOU_APP_ID: 'ks456',
        GOVMEDIA_KUAISHOU_APP_SECRET_ARN: KUAISHOU_ARN,
      });

    it('reads each secret given by ARN once, and keeps a secret given as a value', async () => {
      const read: string[] = [];
      const cfg = await resolvePlatformConfig(deployed(), async (arn) => (read.push(arn), arn === DOUYIN_ARN ? 'douyin-secret\n' : 'kuaishou-secret'));
      expect(read.sort()).toEqual([DOUYIN_ARN, KUAISHOU_ARN].sort());
      expect(cfg.douyin.app).toEqual({ clientKey: 'awk123', clientSecret: 'douyin-secret' });
      expect(cfg.kuaishou.app).toEqual({ clientKey: 'ks456', clientSecret: 'kuaishou-secret' });

      const local = await resolvePlatformConfig(readPlatformSettings({ GOVMEDIA_DOUYIN_CLIENT_KEY: 'k', GOVMEDIA_DOUYIN_CLIENT_SECRET: 's' }), async () => {
        throw new Error('no read expected');
      });
      expect(local.douyin.app).toEqual({ clientKey: 'k', clientSecret: 's' });
      expect(local.kuaishou.app).toBeUndefined();
    });

    it('stops the process when a secret is empty, naming it', async () => {
      await expect(resolvePlatformConfig(deployed(), async (arn) => (arn === DOUYIN_ARN ? ' \n' : 'kuaishou-secret'))).rejects.toThrow(
        `GovMedia configuration is invalid: the Douyin app secret ${DOUYIN_ARN} is empty`,
      );
    });

    it('stops the process when a secret cannot be read, naming it', async () => {
      await expect(
        resolvePlatformConfig(deployed(), async () => {
          throw new Error('AccessDeniedException');
        }),
      ).rejects.toThrow(`GovMedia configuration is invalid: the Douyin app secret could not be read from ${DOUYIN_ARN}: AccessDeniedException`);
    });
  });
});
