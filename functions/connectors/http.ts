import { ConnectorError } from './errors';

/**
 * The one HTTP helper the connectors share: global fetch with an AbortController
 * timeout that also covers reading the body. It never puts a URL (which may carry
 * an access token) into an error message.
 */
export interface HttpSettings {
  platform: string;
  /** e.g. https://api.weixin.qq.com — a setting, so tests point it at a local server. */
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>;
  /** Extra request headers (Douyin's `access-token`, Bilibili's referer). */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  json: boolean;
  retryAfterMs?: number;
}

/** Network errors raised before the request left this machine: safe to retry anything. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function buildUrl(baseUrl: string, path: string, query?: HttpRequest['query']): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, val] of Object.entries(query ?? {})) if (val !== undefined) url.searchParams.set(k, String(val));
  return url.toString();
}

export async function send(settings: HttpSettings, req: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    // WeChat wants UTF-8 characters as they are, not \u escapes (JSON.stringify keeps them).
    body = JSON.stringify(req.json);
  } else if (req.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    const form = new URLSearchParams();
    for (const [k, val] of Object.entries(req.form)) if (val !== undefined) form.set(k, val);
    body = form.toString();
  }
  try {
    const res = await settings.fetch(buildUrl(settings.baseUrl, req.path, req.query), {
      method: req.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await res.text();
    let parsed: unknown = text;
    let json = false;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
        json = true;
      } catch {
        json = false;
      }
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    return { status: res.status, body: parsed, json, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  } catch (err) {
    if (controller.signal.aborted) {
      throw new ConnectorError('timeout', settings.platform, 'timeout', `${settings.platform} 接口 ${req.path} 在 ${settings.timeoutMs} ms 内未响应 (timeout)`);
    }
    const code = networkCode(err);
    if (code !== undefined && NOT_SENT.has(code)) {
      throw new ConnectorError('retryable', settings.platform, 'network', `无法连接 ${settings.platform} 接口 ${req.path}（${code}）`);
    }
    throw new ConnectorError('timeout', settings.platform, 'connection_lost', `${settings.platform} 接口 ${req.path} 连接中断（${code ?? 'unknown'}），结果未知`);
  } finally {
    clearTimeout(timer);
  }
}

function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const seconds = Number(h);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 86_400) * 1000;
  return undefined;
}
