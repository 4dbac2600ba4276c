import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkAddresses, checkUrl, type GuardPolicy } from '../../shared/links/guard';
import type { ProbeOutcome } from '../../shared/links/check';

/**
 * One link, fetched through the SSRF guard (shared/links/guard.ts): the URL is checked before
 * anything; the host name is resolved by our own lookup, which refuses the connection unless
 * every address it resolved to passes, and hands the socket exactly those addresses (no second
 * resolution for DNS rebinding to slip into); every redirect hop goes through both again.
 * HEAD first; GET when HEAD is refused or to read an HTML page's title (soft 404). Redirects
 * are followed up to `maxRedirects`, a hop seen twice ends as redirect_loop.
 */

export interface ProbeSettings {
  policy: GuardPolicy;
  /** Per request, connect to last byte read (default 10 s). */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Bytes of an HTML page read for its title (default 64 KiB). */
  maxBodyBytes?: number;
  /** The resolver (tests: a fake one); default the system's. */
  resolve?: (host: string) => Promise<string[]>;
}

class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const systemResolve = (host: string) =>
  new Promise<string[]>((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))));

/** The guarded lookup the socket uses: resolve, check every address, answer only checked ones. */
function guardedLookup(url: URL, settings: ProbeSettings): LookupFunction {
  return (hostname, options, callback) => {
    const resolve = settings.resolve ?? systemResolve;
    resolve(hostname).then(
      (addresses) => {
        const verdict = checkAddresses(url, addresses, settings.policy);
        if (!verdict.ok) return callback(new Refused(verdict.code, verdict.message), '', 4);
        const family = (a: string) => (a.includes(':') ? 6 : 4);
        const wanted = addresses.filter((a) => !options.family || family(a) === options.family);
        if (wanted.length === 0) return callback(new Refused('no_address', '域名没有可用地址 (no usable address)'), '', 4);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted.map((a) => ({ address: a, family: family(a) })));
        return callback(null, wanted[0]!, family(wanted[0]!));
      },
      (err: NodeJS.ErrnoException) => callback(new Refused('dns_error', `域名无法解析（${err.code ?? 'DNS'}）(the host name does not resolve)`), '', 4),
    );
  };
}

interface Answer {
  status: number;
  location?: string;
  contentType?: string;
  body?: string;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/i;

function words(err: unknown): { code: string; message: string } {
  if (err instanceof Refused) return { code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'timeout') return { code: 'timeout', message: '访问超时 (timed out)' };
  if (TLS_CODES.test(code)) return { code: 'tls_error', message: `证书或加密连接有误（${code}），浏览器会提示不安全 (TLS error)` };
  if (code === 'ECONNREFUSED') return { code: 'connection_refused', message: '服务器拒绝连接 (connection refused)' };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { code: 'connection_reset', message: '连接被服务器中断 (connection reset)' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'dns_error', message: '域名无法解析 (the host name does not resolve)' };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { code: 'unreachable', message: '服务器无法到达 (host unreachable)' };
  return { code: 'network_error', message: `网络错误（${code || (e?.message ?? '').slice(0, 60)}）` };
}

/** One request, no redirect following; resolves with the status (and the HTML body's head for GET). */
function once(url: URL, method: 'HEAD' | 'GET', settings: ProbeSettings): Promise<Answer> {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const maxBody = settings.maxBodyBytes ?? 64 * 1024;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const req = send(
      url,
      {
        method,
        lookup: guardedLookup(url, settings),
        headers: { 'user-agent': 'Mozilla/5.0 (compatible; GovMedia link check)', accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'identity' },
        // No connection reuse: every hop resolves and is checked afresh.
        agent: false,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
        const contentType = res.headers['content-type'];
        const html = method === 'GET' && status >= 200 && status < 300 && (!contentType || /html/i.test(contentType));
        if (!html) {
          res.resume();
          return done(() => resolve({ status, ...(location ? { location } : {}), ...(contentType ? { contentType } : {}) }));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => done(() => resolve({ status, ...(contentType ? { contentType } : {}), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          size += c.length;
          if (size >= maxBody) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', (e) => done(() => reject(e)));
      },
    );
    const timer = setTimeout(() => {
      done(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => done(() => reject(e)));
    req.end();
  });
}

/** The <title> of an HTML page's head, whitespace collapsed. */
export function titleOf(html: string | undefined): string | undefined {
  const m = html?.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
  if (!m) return undefined;
  const t = m[1]!
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  return t || undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** HEAD answers that say only "not by HEAD": ask again with GET. */
const HEAD_REFUSED = new Set([400, 403, 405, 406, 500, 501, 502, 503]);

export async function probe(raw: string, settings: ProbeSettings): Promise<ProbeOutcome> {
  const maxRedirects = settings.maxRedirects ?? 5;
  const seen = new Set<string>();
  let current = raw;
  for (let redirects = 0; ; redirects++) {
    const checked = checkUrl(current, settings.policy);
    if (!checked.ok) return { redirects, finalUrl: current, error: { code: checked.code, message: checked.message } };
    const url = checked.url;
    seen.add(url.href);
    let answer: Answer;
    try {
      answer = await once(url, 'HEAD', settings);
      if (HEAD_REFUSED.has(answer.status) || (answer.status >= 200 && answer.status < 300 && (!answer.contentType || /html/i.test(answer.contentType)))) {
        answer = await once(url, 'GET', settings);
      }
    } catch (err) {
      const w = words(err);
      // A server that drops HEAD may still answer GET; a refusal, a timeout or a TLS error would only repeat.
      if (w.code === 'connection_reset' || w.code === 'network_error') {
        try {
          answer = await once(url, 'GET', settings);
        } catch (again) {
          return { redirects, finalUrl: url.href, error: words(again) };
        }
      } else {
        return { redirects, finalUrl: url.href, error: w };
      }
    }
    if (REDIRECTS.has(answer.status) && answer.location) {
      let next: URL;
      try {
        next = new URL(answer.location, url);
      } catch {
        return { redirects, finalUrl: url.href, status: answer.status, error: { code: 'bad_redirect', message: '跳转目标地址无效 (bad redirect target)' } };
      }
      if (seen.has(next.href)) return { redirects: redirects + 1, finalUrl: next.href, error: { code: 'redirect_loop', message: '跳转形成循环，页面无法打开 (redirect loop)' } };
      if (redirects + 1 > maxRedirects) return { redirects: redirects + 1, finalUrl: next.href, error: { code: 'too_many_redirects', message: `跳转超过 ${maxRedirects} 次 (too many redirects)` } };
      current = next.href;
      continue;
    }
    const title = titleOf(answer.body);
    return { redirects, finalUrl: url.href, status: answer.status, ...(title ? { title } : {}) };
  }
}
