import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountOfLink, normaliseUrl } from '../../../shared/registry/links';

describe('normaliseUrl', () => {
  it.each([
    ['https://weibo.com/u/123', 'weibo.com/u/123'],
    ['http://weibo.com/u/123', 'weibo.com/u/123'],
    ['HTTPS://WWW.Weibo.COM/u/123/', 'weibo.com/u/123'],
    ['weibo.com/u/123', 'weibo.com/u/123'],
    ['https://example.gov.cn:443/a?b=2&a=1#top', 'example.gov.cn/a?a=1&b=2'],
    ['https://example.gov.cn:8443/a', 'example.gov.cn:8443/a'],
    ['https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5==&scene=124#wechat_redirect', 'mp.weixin.qq.com/mp/profile_ext?__biz=MzA5%3D%3D'],
    ['https://example.gov.cn/Path/Case', 'example.gov.cn/Path/Case'],
  ])('%s → %s', (raw, normal) => {
    expect(normaliseUrl(raw)).toBe(normal);
  });

  it.each(['', 'javascript:alert(1)', 'ftp://example.gov.cn/x', 'not a link', 'https://user:pw@example.gov.cn/', 'localhost'])('is undefined for %j', (raw) => {
    expect(normaliseUrl(raw)).toBeUndefined();
  });

  it('is idempotent, and http/https, www. and a trailing slash never change it', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const normal = normaliseUrl(url);
        if (normal === undefined) return;
        expect(normaliseUrl(normal)).toBe(normal);
        const u = new URL(url);
        const variant = `http://www.${u.host}${u.pathname}/${u.search}`;
        if (!u.host.startsWith('www.')) expect(normaliseUrl(variant)).toBe(normal);
      }),
    );
  });
});

describe('accountOfLink', () => {
  it.each([
    ['https://weibo.com/u/1234567890', { kind: 'account', platform: 'weibo', handle: '1234567890' }],
    ['https://weibo.com/chunanfabu', { kind: 'account', platform: 'weibo', handle: 'chunanfabu' }],
    ['https://weibo.com/1234567890/OxYz123', { kind: 'account', platform: 'weibo', handle: '1234567890' }],
    ['https://m.weibo.cn/profile/1234567890', { kind: 'account', platform: 'weibo', handle: '1234567890' }],
    ['https://www.douyin.com/user/MS4wLjABAAAAx?from=1', { kind: 'account', platform: 'douyin', handle: 'MS4wLjABAAAAx' }],
    ['https://space.bilibili.com/5678/dynamic', { kind: 'account', platform: 'bilibili', handle: '5678' }],
    ['https://mp.weixin.qq.com/s/AbC', { kind: 'unnamed', hint: 'wechat_article' }],
    ['https://mp.weixin.qq.com/mp/profile_ext?__biz=MzA5==', { kind: 'unnamed', hint: 'wechat_profile' }],
    ['https://b23.tv/AbC', { kind: 'unnamed', hint: 'short_link' }],
    ['https://weibo.com/detail/123', { kind: 'unknown' }],
    ['https://weibo.com/', { kind: 'unknown' }],
    ['https://space.bilibili.com/abc', { kind: 'unknown' }],
    ['https://example.gov.cn/u/1', { kind: 'unknown' }],
  ])('%s', (raw, meaning) => {
    expect(accountOfLink(raw)).toEqual(meaning);
  });
});
