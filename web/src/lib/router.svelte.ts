/** A tiny hash router: `#/accounts/abc?tab=posts` → { path: '/accounts/abc', params: {id}, query }. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', qs = ''] = raw.split('?');
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(qs) };
}

export const route = $state<Route>(parse(typeof location !== 'undefined' ? location.hash : ''));

let listening = false;
export function startRouter(): () => void {
  if (listening) return () => {};
  listening = true;
  const update = () => {
    const next = parse(location.hash);
    route.path = next.path;
    route.query = next.query;
  };
  update();
  window.addEventListener('hashchange', update);
  return () => {
    listening = false;
    window.removeEventListener('hashchange', update);
  };
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) qs.set(k, v);
  const s = qs.toString();
  const hash = `#${path}${s ? `?${s}` : ''}`;
  if (location.hash !== hash) location.hash = hash;
  else {
    const next = parse(hash);
    route.path = next.path;
    route.query = next.query;
  }
}

/** Matches `/accounts/:id` against a path; returns params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = s[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
}

export const href = (path: string) => `#${path}`;
