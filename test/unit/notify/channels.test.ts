import { describe, expect, it } from 'vitest';
import { channelKey, checkWebhookUrl, parseAllowList, parseChannelKey } from '../../../shared/notify/channels';

const DEFAULT = parseAllowList(undefined);
const WITH_LOCAL = parseAllowList('qyapi.weixin.qq.com,oapi.dingtalk.com,127.0.0.1,[::1]:8443');

describe('the webhook allow-list', () => {
  it('defaults to the two robot hosts', () => {
    expect(DEFAULT).toEqual([{ host: 'qyapi.weixin.qq.com' }, { host: 'oapi.dingtalk.com' }]);
  });

  it.each([
    ['host entries, trimmed and lower-cased', ' QYAPI.weixin.qq.com , 127.0.0.1 ', [{ host: 'qyapi.weixin.qq.com' }, { host: '127.0.0.1' }]],
    ['host:port entries', 'robots.example.gov.cn:8443', [{ host: 'robots.example.gov.cn', port: 8443 }]],
    ['an IPv6 loopback with a port', '[::1]:9000', [{ host: '[::1]', port: 9000 }]],
  ])('reads %s', (_, text, hosts) => {
    expect(parseAllowList(text)).toEqual(hosts);
  });

  it.each(['https://qyapi.weixin.qq.com', 'qyapi.weixin.qq.com/cgi-bin', 'host:99999', 'a b'])('refuses the entry %j, naming it', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(/GOVMEDIA_WEBHOOK_HOSTS/);
  });
});

describe('checking a webhook URL', () => {
  it.each([
    ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', DEFAULT, 'qyapi.weixin.qq.com'],
    ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789', DEFAULT, 'oapi.dingtalk.com'],
    ['wecom', 'http://127.0.0.1:4010/cgi-bin/webhook/send?key=abcdefgh12', WITH_LOCAL, '127.0.0.1:4010'],
    ['wecom', 'http://[::1]:8443/cgi-bin/webhook/send?key=abcdefgh12', WITH_LOCAL, '[::1]:8443'],
  ] as const)('accepts a %s robot at %s', (kind, url, allow, host) => {
    expect(checkWebhookUrl(kind, url, allow)).toEqual({ ok: true, host });
  });

  it.each([
    ['a host not listed', 'wecom', 'https://hooks.example.com/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'webhook_host_not_allowed'],
    ['a listed host as a suffix', 'wecom', 'https://qyapi.weixin.qq.com.example.com/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'webhook_host_not_allowed'],
    ['a subdomain of a listed host', 'wecom', 'https://x.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'webhook_host_not_allowed'],
    ['loopback when it is not listed', 'wecom', 'http://127.0.0.1:4010/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'webhook_host_not_allowed'],
    ['a listed host on another port than its entry', 'wecom', 'http://[::1]:9/cgi-bin/webhook/send?key=abcdefgh12', WITH_LOCAL, 'webhook_host_not_allowed'],
    ['http to a robot host', 'dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=abcdefgh12', DEFAULT, 'webhook_insecure'],
    ['the other robot’s path', 'wecom', 'https://qyapi.weixin.qq.com/robot/send?key=abcdefgh12', DEFAULT, 'invalid_input'],
    ['no token', 'dingtalk', 'https://oapi.dingtalk.com/robot/send', DEFAULT, 'invalid_input'],
    ['extra parameters', 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12&debug=1', DEFAULT, 'invalid_input'],
    ['user info', 'wecom', 'https://u:p@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'invalid_input'],
    ['another scheme', 'wecom', 'ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12', DEFAULT, 'invalid_input'],
  ] as const)('refuses %s', (_, kind, url, allow, code) => {
    const check = checkWebhookUrl(kind, url, allow);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.code).toBe(code);
      expect(check.message).not.toContain('abcdefgh12');
    }
  });
});

describe('channel keys', () => {
  it.each([
    [{ type: 'department' as const, id: '01abc' }, 'wecom' as const, 'd:01abc:wecom'],
    [{ type: 'region' as const, id: '330127' }, 'dingtalk' as const, 'r:330127:dingtalk'],
  ])('%j %s is %s, and reads back', (owner, kind, key) => {
    expect(channelKey(owner, kind)).toBe(key);
    expect(parseChannelKey(key)).toEqual({ owner, kind });
  });
});
