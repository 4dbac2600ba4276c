import type { Principal } from '../auth/principal';
import { getVisibleAccount, type AccountStore } from '../registry/registry';
import type { Account } from '../registry/schemas';

/**
 * The daily link check (functions/jobs/link-check.ts): every service link and the registered
 * URL of every operating account, fetched through the SSRF guard (shared/links/guard.ts). What
 * is decided here, without I/O: what a probe's answer means (ok, broken, inconclusive; a "soft
 * 404" by status and title), which links are checked, and which broken service links become
 * the `service_links` deduction's evidence (the metric snapshot's brokenServiceLinks).
 */

export type LinkKind = 'service' | 'account';

/** What the probe saw at the end of the redirect chain (or where it stopped). */
export interface ProbeOutcome {
  /** The final HTTP status, when an answer came. */
  status?: number;
  /** The page's <title>, when the final answer was HTML read by GET. */
  title?: string;
  /** Where the chain ended. */
  finalUrl?: string;
  /** Redirect hops followed. */
  redirects: number;
  /** Why no usable answer came: a guard refusal (loopback, private, …), timeout, tls_error, dns_error, redirect_loop, too_many_redirects, … */
  error?: { code: string; message: string };
}

export type LinkVerdict = 'ok' | 'broken' | 'inconclusive';

export interface LinkResult {
  kind: LinkKind;
  url: string;
  label?: string;
  verdict: LinkVerdict;
  status?: number;
  finalUrl?: string;
  redirects: number;
  /** In words, Chinese first: why the link is broken or could not be judged. */
  error?: { code: string; message: string };
  checkedAt: string;
}

export interface AccountLinkCheck {
  accountId: string;
  regionCode: string;
  departmentId: string;
  checkedAt: string;
  results: LinkResult[];
}

export interface LinkCheckStore {
  get(accountId: string): Promise<AccountLinkCheck | undefined>;
  put(check: AccountLinkCheck): Promise<void>;
}

/** Titles of pages that answer 200 but say the page is gone (a "soft 404"). */
const SOFT_404_TITLE = /^\s*404(?![0-9])|404\s*[-–:：]?\s*(not\s*found|error|错误|页面)|(error|错误)\s*[-–:：]?\s*404(?![0-9])|not\s*found|page\s+(does\s+not|doesn't)\s+exist|页面不存在|页面未找到|找不到(该|此|您要的)?页面|页面(已)?(被)?删除|无法找到(该|此)?页面|访问的页面不存在|内容不存在|文章不存在|信息不存在|页面走丢|错误页面/i;

export function isSoft404(status: number | undefined, title: string | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300 && !!title && SOFT_404_TITLE.test(title.trim());
}

/** Answers that say nothing about the link itself: asked to slow down. */
const INCONCLUSIVE_STATUS = new Set([429]);
const INCONCLUSIVE_ERRORS = new Set(['rate_limited']);

const STATUS_WORDS: Record<number, string> = {
  400: '请求无效',
  401: '需要登录',
  403: '禁止访问',
  404: '页面不存在',
  410: '页面已删除',
  500: '服务器内部错误',
  502: '网关错误',
  503: '服务暂不可用',
  504: '网关超时',
};

/** What the probe's outcome means for the link, in words. */
export function judge(outcome: ProbeOutcome): { verdict: LinkVerdict; error?: { code: string; message: string } } {
  if (outcome.error) return { verdict: INCONCLUSIVE_ERRORS.has(outcome.error.code) ? 'inconclusive' : 'broken', error: outcome.error };
  const status = outcome.status;
  if (status === undefined) return { verdict: 'broken', error: { code: 'no_answer', message: '没有应答 (no answer)' } };
  if (INCONCLUSIVE_STATUS.has(status)) return { verdict: 'inconclusive', error: { code: `http_${status}`, message: `对方限制访问频率（HTTP ${status}），明日再查 (rate limited)` } };
  if (status >= 400) return { verdict: 'broken', error: { code: `http_${status}`, message: `${STATUS_WORDS[status] ?? '访问出错'}（HTTP ${status}）` } };
  if (status >= 300) return { verdict: 'broken', error: { code: 'redirect_without_location', message: `跳转缺少目标地址（HTTP ${status}）` } };
  if (isSoft404(status, outcome.title)) {
    return { verdict: 'broken', error: { code: 'soft_404', message: `页面显示“${(outcome.title ?? '').trim().slice(0, 60)}”，内容已不存在 (soft 404)` } };
  }
  return { verdict: 'ok' };
}

export function resultOf(link: { kind: LinkKind; url: string; label?: string }, outcome: ProbeOutcome, checkedAt: string): LinkResult {
  const { verdict, error } = judge(outcome);
  return {
    kind: link.kind,
    url: link.url,
    ...(link.label ? { label: link.label } : {}),
    verdict,
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.finalUrl && outcome.finalUrl !== link.url ? { finalUrl: outcome.finalUrl } : {}),
    redirects: outcome.redirects,
    ...(error ? { error } : {}),
    checkedAt,
  };
}

/** The links of an operating account the job checks: its service links, then its registered URL (each URL once). */
export function linksOf(account: Pick<Account, 'url' | 'serviceLinks' | 'status'>): { kind: LinkKind; url: string; label?: string }[] {
  if (account.status === 'closed') return [];
  const seen = new Set<string>();
  const out: { kind: LinkKind; url: string; label?: string }[] = [];
  for (const l of account.serviceLinks ?? []) {
    if (seen.has(l.url)) continue;
    seen.add(l.url);
    out.push({ kind: 'service', url: l.url, label: l.label });
  }
  if (account.url && !seen.has(account.url)) out.push({ kind: 'account', url: account.url });
  return out;
}

/**
 * The `service_links` evidence: the service links found broken. An inconclusive answer keeps
 * what the previous check said of that link (a rate limit neither breaks nor mends it).
 */
export function brokenServiceLinks(results: readonly LinkResult[], previous?: readonly string[]): string[] {
  const before = new Set(previous ?? []);
  const broken = results.filter((r) => r.kind === 'service' && (r.verdict === 'broken' || (r.verdict === 'inconclusive' && before.has(r.url)))).map((r) => r.url);
  return [...new Set(broken)].sort();
}

export function sameSet(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const x = [...new Set(a ?? [])].sort();
  return x.length === b.length && x.every((u, i) => u === b[i]);
}

export interface LinkViewPorts {
  accounts: AccountStore;
  linkChecks: LinkCheckStore;
}

/** GET /accounts/{id}/links: the last check of the account's links (null before the first). */
export async function accountLinkCheck(accountId: string, actor: Principal, ports: LinkViewPorts): Promise<{ accountId: string; checkedAt: string | null; results: LinkResult[]; broken: number }> {
  const account = await getVisibleAccount(accountId, actor, ports);
  const check = await ports.linkChecks.get(account.id);
  const results = check?.results ?? [];
  return { accountId: account.id, checkedAt: check?.checkedAt ?? null, results, broken: results.filter((r) => r.verdict === 'broken').length };
}
