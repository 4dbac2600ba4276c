import { translateApiError, translateDomainMessage } from '../i18n/domain';
import { getConfig } from './config';
import { session, signOut } from './session.svelte';

export interface ApiIssue {
  path: string;
  message: string;
  /** The issue's code and params (shared/errors-codes.ts ISSUE_CODES), said by web/src/i18n/domain.ts. */
  code?: string;
  params?: Readonly<Record<string, string | number>>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    /** The parsed error body (some errors carry more, e.g. an import's row report). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** 404 of a route the server does not have yet (or a record not visible). */
  get notFound(): boolean {
    return this.status === 404;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  /** Raw body (file upload); sent as is with the given content type. */
  raw?: Blob | ArrayBuffer | string;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not attach the bearer token (dev sign-in). */
  anonymous?: boolean;
}

export function apiUrl(path: string, query?: Query): string {
  const base = getConfig().apiBase;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${base}/api/v1${path}${s ? `?${s}` : ''}`;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw as BodyInit;
    if (opts.contentType) headers['Content-Type'] = opts.contentType;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (!opts.anonymous && session.token) headers.Authorization = `Bearer ${session.token}`;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络 (network error)');
  }
  if (res.ok) return res;
  let code = `http_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let issues: ApiIssue[] = [];
  let data: { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined;
  try {
    data = (await res.json()) as { error?: { code?: string; message?: string; issues?: ApiIssue[] } };
    if (data?.error) {
      code = data.error.code ?? code;
      message = data.error.message ?? message;
      issues = data.error.issues ?? [];
    }
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && !opts.anonymous) signOut('expired');
  throw new ApiError(res.status, code, message, issues, data);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

/** The API's list page (shared/page.ts): the one Page<T> of the product. */
import type { Page } from '../../../shared/page';
export type { Page };

/** Follows `cursor` until the list is exhausted. `onPage` sees progress (items so far). */
export async function fetchAll<T>(path: string, query: Query = {}, onPage?: (soFar: number) => void, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await api<Page<T>>(path, { query: { ...query, cursor: cursor ?? undefined }, signal });
    all.push(...(page.items ?? []));
    onPage?.(all.length);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return all;
}

/** Downloads an authenticated file (export, report): fetch with the token, then save the blob. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await send(path, { query, headers: { Accept: '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Human message for an error in the current locale (the API's Chinese, or its English gloss / translation). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return translateApiError(err);
  if (err instanceof Error) return translateDomainMessage(err.message);
  return translateDomainMessage(String(err));
}

/** A 404 from the router itself: the endpoint is not built yet (during development) rather than a missing record. */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && (err.code !== 'not_found' || /no such route/.test(err.message));
}

/**
 * Marks a promise as handled (it is shown later by an {#await} block, which may not be mounted yet)
 * so a rejection never becomes an unhandled rejection; returns the same promise.
 */
export function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
