/**
 * The SSRF guard of the link-check job (docs/decisions.md "The link check and its SSRF guard"):
 * pure decisions, no I/O. The job checks links that departments typed in, so a link must never
 * make the product reach an internal address: a URL is refused before any connection when its
 * scheme is not http(s), it carries credentials, its port is not the scheme's standard one, or
 * its host is an address literal in a refused range; a host name is resolved by the caller and
 * every resolved address must pass (checkAddresses), and each redirect hop goes through both again.
 *
 * The only way past it is the explicit allow-list (`host:port` entries, read once at config
 * load from GOVMEDIA_LINK_CHECK_ALLOW; tests point the job at a local server with it).
 */

export type GuardCode =
  | 'bad_url'
  | 'scheme_not_allowed'
  | 'credentials_in_url'
  | 'port_not_allowed'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'metadata'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'unique_local'
  | 'no_address';

export type GuardVerdict = { ok: true } | { ok: false; code: GuardCode; message: string };

export interface GuardPolicy {
  /**
   * `host:port` pairs (host lower-case; an IPv6 literal in brackets) that skip the range and
   * port checks: a test server on 127.0.0.1, an intranet portal a region really publishes.
   */
  allow: readonly string[];
}

export const NO_EXCEPTIONS: GuardPolicy = { allow: [] };

const MESSAGES: Record<GuardCode, string> = {
  bad_url: '链接格式不正确 (not a valid URL)',
  scheme_not_allowed: '只检查 http 和 https 链接 (only http and https links are checked)',
  credentials_in_url: '链接中含有用户名或密码，不予访问 (a URL with credentials is not fetched)',
  port_not_allowed: '只访问标准端口（80、443）(only the standard ports are fetched)',
  loopback: '链接指向本机地址，不予访问 (loopback address refused)',
  private: '链接指向内网地址，不予访问 (private address refused)',
  link_local: '链接指向链路本地地址，不予访问 (link-local address refused)',
  metadata: '链接指向云服务器元数据地址，不予访问 (cloud metadata address refused)',
  cgnat: '链接指向运营商内网地址，不予访问 (carrier-grade NAT address refused)',
  unspecified: '链接指向无效地址，不予访问 (unspecified address refused)',
  multicast: '链接指向组播地址，不予访问 (multicast address refused)',
  reserved: '链接指向保留地址，不予访问 (reserved address refused)',
  unique_local: '链接指向 IPv6 内网地址，不予访问 (IPv6 unique-local address refused)',
  no_address: '域名无法解析 (the host name does not resolve)',
};

const refuse = (code: GuardCode): GuardVerdict => ({ ok: false, code, message: MESSAGES[code] });
const OK: GuardVerdict = { ok: true };

/** The four bytes of a dotted-quad IPv4 address (strictly a.b.c.d, decimal, no leading zeros), else undefined. */
export function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad; no zone), else undefined. */
export function parseIpv6(input: string): number[] | undefined {
  let s = input.toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes('%') || !s.includes(':')) return undefined;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes its two hex groups.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (!v4) return undefined;
    s = `${s.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (g: string) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN);
  const head = halves[0] ? halves[0].split(':').map(group) : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':').map(group) : [];
  if ([...head, ...rest].some((n) => Number.isNaN(n))) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1) return total === 8 ? head : undefined;
  if (total > 7) return undefined;
  return [...head, ...Array<number>(8 - total).fill(0), ...rest];
}

function inV4(b: number[], prefix: [number, number, number, number], bits: number): boolean {
  const value = (x: number[]) => ((x[0]! << 24) >>> 0) + (x[1]! << 16) + (x[2]! << 8) + x[3]!;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((value(b) & mask) >>> 0) === ((value(prefix) & mask) >>> 0);
}

function checkV4(b: number[]): GuardVerdict {
  if (inV4(b, [169, 254, 169, 254], 32)) return refuse('metadata');
  if (inV4(b, [0, 0, 0, 0], 8)) return refuse('unspecified');
  if (inV4(b, [127, 0, 0, 0], 8)) return refuse('loopback');
  if (inV4(b, [10, 0, 0, 0], 8) || inV4(b, [172, 16, 0, 0], 12) || inV4(b, [192, 168, 0, 0], 16)) return refuse('private');
  if (inV4(b, [169, 254, 0, 0], 16)) return refuse('link_local');
  if (inV4(b, [100, 64, 0, 0], 10)) return refuse('cgnat');
  if (inV4(b, [224, 0, 0, 0], 4)) return refuse('multicast');
  // 192.0.0/24 (IETF protocol assignments), 198.18/15 (benchmarking), 240/4 and the broadcast address.
  if (inV4(b, [192, 0, 0, 0], 24) || inV4(b, [198, 18, 0, 0], 15) || inV4(b, [240, 0, 0, 0], 4)) return refuse('reserved');
  return OK;
}

/** An IPv4 address carried inside an IPv6 one: mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16. */
function embeddedV4(g: number[]): number[] | undefined {
  const bytes = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return bytes(g[6]!, g[7]!);
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return bytes(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return bytes(g[6]!, g[7]!);
  if (g[0] === 0x2002) return bytes(g[1]!, g[2]!);
  return undefined;
}

function checkV6(g: number[]): GuardVerdict {
  if (g.every((x) => x === 0)) return refuse('unspecified');
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return refuse('loopback');
  const v4 = embeddedV4(g);
  if (v4) return checkV4(v4);
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return refuse('metadata');
  if ((g[0]! & 0xfe00) === 0xfc00) return refuse('unique_local');
  if ((g[0]! & 0xffc0) === 0xfe80) return refuse('link_local');
  // fec0::/10, the deprecated site-local range: private in effect.
  if ((g[0]! & 0xffc0) === 0xfec0) return refuse('private');
  if ((g[0]! & 0xff00) === 0xff00) return refuse('multicast');
  // 100::/64 (discard), 2001:db8::/32 (documentation).
  if ((g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) || (g[0] === 0x2001 && g[1] === 0x0db8)) return refuse('reserved');
  return OK;
}

/** Whether an address (IPv4 or IPv6, brackets allowed) may be connected to; anything that is not an address is refused. */
export function checkAddress(address: string): GuardVerdict {
  const v4 = parseIpv4(address);
  if (v4) return checkV4(v4);
  const v6 = parseIpv6(address);
  if (v6) return checkV6(v6);
  return refuse('bad_url');
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The `host:port` of a URL as the allow-list names it. */
export function hostPort(url: URL): string {
  return `${url.hostname.toLowerCase()}:${url.port || DEFAULT_PORT[url.protocol] || ''}`;
}

export function isAllowed(url: URL, policy: GuardPolicy): boolean {
  return policy.allow.includes(hostPort(url));
}

/**
 * Everything decidable from the URL alone: scheme, credentials, port, and an address literal's
 * range (decimal, octal and hex forms of IPv4 are normalised by the URL parser first).
 */
export function checkUrl(raw: string, policy: GuardPolicy = NO_EXCEPTIONS): { ok: true; url: URL } | { ok: false; code: GuardCode; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'bad_url', message: MESSAGES.bad_url };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, code: 'scheme_not_allowed', message: MESSAGES.scheme_not_allowed };
  if (url.username || url.password) return { ok: false, code: 'credentials_in_url', message: MESSAGES.credentials_in_url };
  if (!url.hostname) return { ok: false, code: 'bad_url', message: MESSAGES.bad_url };
  if (isAllowed(url, policy)) return { ok: true, url };
  if (url.port && url.port !== DEFAULT_PORT[url.protocol]) return { ok: false, code: 'port_not_allowed', message: MESSAGES.port_not_allowed };
  const host = url.hostname;
  if (parseIpv4(host) || host.startsWith('[')) {
    const verdict = checkAddress(host);
    if (!verdict.ok) return verdict;
  } else if (host === 'localhost' || host.endsWith('.localhost')) {
    return { ok: false, code: 'loopback', message: MESSAGES.loopback };
  }
  return { ok: true, url };
}

/** After resolution: every address the name resolved to must pass (one bad address is enough to refuse). */
export function checkAddresses(url: URL, addresses: readonly string[], policy: GuardPolicy = NO_EXCEPTIONS): GuardVerdict {
  if (isAllowed(url, policy)) return addresses.length ? OK : refuse('no_address');
  if (addresses.length === 0) return refuse('no_address');
  for (const a of addresses) {
    const verdict = checkAddress(a);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

/** The allow-list setting: comma- or space-separated `host:port` entries, lower-cased; anything else is a configuration error. */
export function parseAllowList(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const e of entries) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/.test(e)) throw new Error(`GOVMEDIA_LINK_CHECK_ALLOW: "${e}" is not host:port`);
  }
  return entries;
}
