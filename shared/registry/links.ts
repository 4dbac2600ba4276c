import { handleIssue } from './handle';
import type { Platform } from './schemas';

/**
 * Account links as citizens paste them (public verification, docs/api-notes.md "Public
 * verification"): one normal form for the registry's URL index, and the link forms that name an
 * account on its platform.
 */

const MAX_URL_LENGTH = 500;

/** `weibo.com/<x>` paths that are not an account's name. */
const WEIBO_RESERVED = new Set(['u', 'n', 'p', 'profile', 'detail', 'status', 'ttarticle', 'tv', 'hot', 'search', 'login', 'signup', 'newlogin', 'set', 'at', 'messages', 'fav', 'like', 'home', 'a', 'l', 'sorry']);

/** Parses what a citizen pasted; a link without a scheme is read as https. Undefined when it is no http(s) URL. */
export function parseLink(raw: string): URL | undefined {
  const text = raw.trim();
  if (!text || text.length > MAX_URL_LENGTH || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname.includes('.') || url.username || url.password) return undefined;
  return url;
}

const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');

/**
 * The normal form of an account URL: no scheme (http and https are one), host in lower case
 * without `www.`, no default port, no trailing slash, no fragment, query parameters sorted; a
 * WeChat profile link keeps only its `__biz` (the account's id; `scene`, `action` vary per share).
 */
export function normaliseUrl(raw: string): string | undefined {
  const url = parseLink(raw);
  if (!url) return undefined;
  const host = hostOf(url);
  const port = url.port ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  let params = [...url.searchParams.entries()];
  if (host === 'mp.weixin.qq.com' && path === '/mp/profile_ext') params = params.filter(([k]) => k === '__biz');
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

/** What a link tells about the account behind it. */
export type LinkMeaning =
  | { kind: 'account'; platform: Platform; handle: string }
  /** A link to something (an article, a WeChat profile) that does not name the account's handle. */
  | { kind: 'unnamed'; hint: 'wechat_article' | 'wechat_profile' | 'short_link' }
  | { kind: 'unknown' };

const segmentsOf = (url: URL) =>
  url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });

const account = (platform: Platform, handle: string | undefined): LinkMeaning =>
  handle && !handleIssue(handle) ? { kind: 'account', platform, handle } : { kind: 'unknown' };

/**
 * The account a link names, for the forms whose path carries the handle:
 * `weibo.com/u/<uid>`, `weibo.com/<name>` (and `/<name>/<post>`), `m.weibo.cn/u/<uid>` and
 * `m.weibo.cn/profile/<uid>`, `douyin.com/user/<id>`, `space.bilibili.com/<mid>`. WeChat links
 * (`mp.weixin.qq.com/s/…` articles, `/mp/profile_ext?__biz=…` profiles) and short links
 * (`v.douyin.com`, `t.cn`, `b23.tv`) do not name the handle: only a URL stored in the registry
 * matches them.
 */
export function accountOfLink(raw: string): LinkMeaning {
  const url = parseLink(raw);
  if (!url) return { kind: 'unknown' };
  const host = hostOf(url);
  const seg = segmentsOf(url);
  switch (host) {
    case 'weibo.com':
    case 'weibo.cn':
      if (seg[0] === 'u' || seg[0] === 'profile') return account('weibo', seg[1]);
      if (seg[0] && !WEIBO_RESERVED.has(seg[0].toLowerCase())) return account('weibo', seg[0]);
      return { kind: 'unknown' };
    case 'm.weibo.cn':
      if (seg[0] === 'u' || seg[0] === 'profile') return account('weibo', seg[1]);
      return { kind: 'unknown' };
    case 'douyin.com':
    case 'iesdouyin.com':
      if (seg[0] === 'user' || (seg[0] === 'share' && seg[1] === 'user')) return account('douyin', seg[0] === 'user' ? seg[1] : seg[2]);
      return { kind: 'unknown' };
    case 'space.bilibili.com':
      return /^\d{1,20}$/.test(seg[0] ?? '') ? account('bilibili', seg[0]) : { kind: 'unknown' };
    case 'mp.weixin.qq.com':
      if (seg[0] === 's') return { kind: 'unnamed', hint: 'wechat_article' };
      if (seg[0] === 'mp' && seg[1] === 'profile_ext' && url.searchParams.get('__biz')) return { kind: 'unnamed', hint: 'wechat_profile' };
      return { kind: 'unknown' };
    case 'v.douyin.com':
    case 't.cn':
    case 'b23.tv':
      return { kind: 'unnamed', hint: 'short_link' };
    default:
      return { kind: 'unknown' };
  }
}
