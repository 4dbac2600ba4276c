import { describe, expect, it } from 'vitest';
import { brokenServiceLinks, isSoft404, judge, linksOf, type LinkResult } from '../../../shared/links/check';
import { carriedForward } from '../../../shared/links/snapshot';

/** What a probe's answer means for a link, and which links become evidence (shared/links/check.ts). */

describe('a soft 404: status 2xx and a title saying the page is gone', () => {
  it.each([
    [200, '404 页面不存在', true],
    [200, '页面不存在', true],
    [200, 'Page Not Found', true],
    [200, '抱歉，您访问的页面不存在', true],
    [200, '错误页面', true],
    [200, '社保查询 - 县人社局', false],
    [200, '2024 年第 404 号公告', false],
    [200, undefined, false],
    [404, '页面不存在', false],
  ])('%s “%s” → %s', (status, title, soft) => {
    expect(isSoft404(status, title)).toBe(soft);
  });
});

describe('judge', () => {
  it.each([
    [{ status: 200, redirects: 0 }, 'ok', undefined],
    [{ status: 204, redirects: 1 }, 'ok', undefined],
    [{ status: 404, redirects: 0 }, 'broken', 'http_404'],
    [{ status: 503, redirects: 0 }, 'broken', 'http_503'],
    [{ status: 429, redirects: 0 }, 'inconclusive', 'http_429'],
    [{ status: 200, title: '页面不存在', redirects: 0 }, 'broken', 'soft_404'],
    [{ redirects: 0, error: { code: 'tls_error', message: '证书有误' } }, 'broken', 'tls_error'],
    [{ redirects: 0, error: { code: 'loopback', message: '本机' } }, 'broken', 'loopback'],
    [{ redirects: 0 }, 'broken', 'no_answer'],
  ] as const)('%j → %s %s', (outcome, verdict, code) => {
    const j = judge(outcome);
    expect(j.verdict).toBe(verdict);
    expect(j.error?.code).toBe(code);
  });
});

describe('which links are checked', () => {
  it('service links, then the account URL, each URL once; a closed account none', () => {
    const serviceLinks = [
      { label: '社保', url: 'https://a.gov.cn/sb' },
      { label: '社保（重复）', url: 'https://a.gov.cn/sb' },
    ];
    expect(linksOf({ status: 'active', url: 'https://a.gov.cn/', serviceLinks })).toEqual([
      { kind: 'service', url: 'https://a.gov.cn/sb', label: '社保' },
      { kind: 'account', url: 'https://a.gov.cn/' },
    ]);
    expect(linksOf({ status: 'closed', url: 'https://a.gov.cn/', serviceLinks })).toEqual([]);
  });
});

describe('the service_links evidence', () => {
  const r = (url: string, verdict: LinkResult['verdict'], kind: LinkResult['kind'] = 'service'): LinkResult => ({ kind, url, verdict, redirects: 0, checkedAt: '2026-12-01T00:00:00.000Z' });

  it('broken service links only, sorted; the account URL never deducts', () => {
    expect(brokenServiceLinks([r('https://b/', 'broken'), r('https://a/', 'broken'), r('https://c/', 'ok'), r('https://acc/', 'broken', 'account')])).toEqual(['https://a/', 'https://b/']);
  });

  it('an inconclusive answer keeps what the last check said of that link', () => {
    expect(brokenServiceLinks([r('https://a/', 'inconclusive'), r('https://b/', 'inconclusive')], ['https://a/'])).toEqual(['https://a/']);
  });
});

describe('carriedForward', () => {
  it('keeps the figures another job measured, ageing an unanswered message with the clock', () => {
    expect(carriedForward({ at: '2026-12-01T00:00:00.000Z', followers: 5, oldestUnansweredDays: 3, brokenServiceLinks: ['https://a/'] }, '2026-12-03T12:00:00.000Z')).toEqual({
      followers: 5,
      oldestUnansweredDays: 5,
      brokenServiceLinks: ['https://a/'],
    });
  });

  it('a zero stays zero, and nothing is invented without a snapshot', () => {
    expect(carriedForward({ at: '2026-12-01T00:00:00.000Z', oldestUnansweredDays: 0 }, '2026-12-09T00:00:00.000Z')).toEqual({ oldestUnansweredDays: 0 });
    expect(carriedForward(undefined, '2026-12-09T00:00:00.000Z')).toEqual({});
  });
});
