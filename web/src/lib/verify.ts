import type { VerifyAnswer } from '../../../shared/registry/verify';
import { getConfig } from './config';

export type { PublicAccount, VerifyAnswer, VerifyHint } from '../../../shared/registry/verify';

export type VerifyQuery = { url: string } | { platform: string; handle: string };

/** Why a lookup gave no answer: too many lookups (seconds to wait, when the server said), a refused query, the network. */
export type VerifyFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'invalid'; messages: string[] }
  | { kind: 'network' }
  | { kind: 'server'; status: number };

export class VerifyError extends Error {
  constructor(readonly failure: VerifyFailure) {
    super(failure.kind);
    this.name = 'VerifyError';
  }
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * GET /api/v1/public/verify (API.md "Public verification") on the public verification origin
 * (its CloudFront distribution when deployed): no token, never the signed-in user's.
 */
export async function verifyAccount(q: VerifyQuery, signal?: AbortSignal): Promise<VerifyAnswer> {
  const params = new URLSearchParams('url' in q ? { url: q.url } : { platform: q.platform, handle: q.handle });
  let res: Response;
  try {
    res = await fetch(`${getConfig().publicApiBase ?? ''}/api/v1/public/verify?${params.toString()}`, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new VerifyError({ kind: 'network' });
  }
  if (res.ok) return (await res.json()) as VerifyAnswer;
  if (res.status === 429) throw new VerifyError({ kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds(res.headers.get('Retry-After')) });
  if (res.status === 400) {
    let messages: string[] = [];
    try {
      const body = (await res.json()) as { error?: { message?: string; issues?: { message: string }[] } };
      messages = body.error?.issues?.map((i) => i.message) ?? (body.error?.message ? [body.error.message] : []);
    } catch {
      /* not JSON */
    }
    throw new VerifyError({ kind: 'invalid', messages });
  }
  throw new VerifyError({ kind: 'server', status: res.status });
}
