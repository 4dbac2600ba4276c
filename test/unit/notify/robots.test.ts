import { describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../shared/notify/channels';
import { dingtalkSign, sendToRobot, signedDingtalkUrl } from '../../../functions/notify/robots';

describe('the 钉钉 signature', () => {
  it('is base64(HmacSHA256(secret, timestamp + "\\n" + secret)) as the robot documentation computes it', () => {
    // Computed independently with Python's hmac/hashlib/base64, as in the documentation's example.
    expect(dingtalkSign(1700000000000, 'SECtestsecret0123456789')).toBe('zrLWzK97t62y5CpqN8Ok9UIdPvX+jL1PNoW8nKT5a9k=');
  });

  it('travels URL-encoded beside the timestamp, after the access token', () => {
    const url = new URL(signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc12345', 'SECtestsecret0123456789', 1700000000000));
    expect(url.search).toBe('?access_token=abc12345&timestamp=1700000000000&sign=zrLWzK97t62y5CpqN8Ok9UIdPvX%2BjL1PNoW8nKT5a9k%3D');
  });
});

describe('sending checks the allow-list again', () => {
  it('a webhook whose host is no longer allowed fails permanently without any request', async () => {
    let requests = 0;
    const outcome = await sendToRobot(
      { kind: 'wecom', webhookUrl: 'http://127.0.0.1:4010/cgi-bin/webhook/send?key=abcdefgh12' },
      { title: 't', markdown: 'm' },
      { allowList: parseAllowList(undefined), timeoutMs: 1000, fetch: (async () => (requests++, new Response('{}'))) as typeof fetch },
    );
    expect(outcome.kind).toBe('permanent');
    expect(requests).toBe(0);
    expect(JSON.stringify(outcome)).not.toContain('abcdefgh12');
  });
});
