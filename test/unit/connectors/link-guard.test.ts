import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAddress, checkAddresses, checkUrl, parseAllowList, parseIpv6 } from '../../../shared/links/guard';

/** The link check's SSRF guard (shared/links/guard.ts): pure decisions, before and after DNS. */

describe('checkAddress refuses every internal range', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.0.1', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['fe80::1', 'link_local'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:c0a8:0101::1', 'private'],
    ['[::1]', 'loopback'],
    ['ff02::1', 'multicast'],
  ])('%s → %s', (address, code) => {
    expect(checkAddress(address)).toMatchObject({ ok: false, code });
  });

  it.each(['8.8.8.8', '1.2.3.4', '172.32.0.1', '100.128.0.1', '169.253.255.255', '2400:3200::1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(checkAddress(address)).toEqual({ ok: true });
  });

  it.each(['not-an-ip', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1::2::3', 'fe80::1%eth0'])('%s is not an address and is refused', (s) => {
    expect(checkAddress(s).ok).toBe(false);
  });
});

describe('checkUrl, before any connection', () => {
  it.each([
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://example.com/', 'scheme_not_allowed'],
    ['ftp://example.com/', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['http://user:pass@example.com/', 'credentials_in_url'],
    ['http://example.com:8080/', 'port_not_allowed'],
    ['https://example.com:22/', 'port_not_allowed'],
    ['http://localhost/', 'loopback'],
    ['http://api.localhost/', 'loopback'],
    ['http://127.0.0.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/latest/meta-data/', 'metadata'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://10.0.0.5/admin', 'private'],
    ['not a url', 'bad_url'],
  ])('%s → %s', (url, code) => {
    expect(checkUrl(url)).toMatchObject({ ok: false, code });
  });

  it.each(['https://www.gov.cn/', 'http://www.zj.gov.cn/col/col1.html', 'https://example.com:443/x', 'http://example.com:80/'])('%s passes', (url) => {
    expect(checkUrl(url).ok).toBe(true);
  });

  it('an allow-listed host:port skips the port and range checks, and only that pair', () => {
    const policy = { allow: ['127.0.0.1:4567'] };
    expect(checkUrl('http://127.0.0.1:4567/ok', policy).ok).toBe(true);
    expect(checkUrl('http://127.0.0.1:4568/ok', policy)).toMatchObject({ ok: false, code: 'port_not_allowed' });
    expect(checkUrl('http://127.0.0.1/ok', policy)).toMatchObject({ ok: false, code: 'loopback' });
  });

  it('the allow-list never admits another scheme or credentials', () => {
    const policy = { allow: ['127.0.0.1:4567'] };
    expect(checkUrl('ftp://127.0.0.1:4567/', policy).ok).toBe(false);
    expect(checkUrl('http://a:b@127.0.0.1:4567/', policy).ok).toBe(false);
  });
});

describe('checkAddresses, after DNS resolution', () => {
  const url = new URL('https://portal.example.gov.cn/');

  it('one internal address among the resolved ones is enough to refuse (no choosing the good one)', () => {
    expect(checkAddresses(url, ['203.0.113.7', '10.0.0.8'])).toMatchObject({ ok: false, code: 'private' });
    expect(checkAddresses(url, ['2400:3200::1', '::1'])).toMatchObject({ ok: false, code: 'loopback' });
  });

  it('a name that resolves to nothing is refused', () => {
    expect(checkAddresses(url, [])).toMatchObject({ ok: false, code: 'no_address' });
  });

  it('public addresses pass', () => {
    expect(checkAddresses(url, ['8.8.8.8', '2001:4860:4860::8888'])).toEqual({ ok: true });
  });
});

describe('the allow-list setting', () => {
  it('reads host:port entries separated by commas or spaces', () => {
    expect(parseAllowList('127.0.0.1:4567, LOCALHOST:80 [::1]:9000')).toEqual(['127.0.0.1:4567', 'localhost:80', '[::1]:9000']);
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it('refuses an entry that is not host:port', () => {
    expect(() => parseAllowList('127.0.0.0/8')).toThrow(/host:port/);
  });
});

describe('invariants (fast-check)', () => {
  const byte = fc.integer({ min: 0, max: 255 });

  it('every 10/8, 127/8, 169.254/16, 192.168/16, 172.16/12 and 100.64/10 address is refused, in every URL spelling', () => {
    const internal = fc.oneof(
      fc.tuple(fc.constant(10), byte, byte, byte),
      fc.tuple(fc.constant(127), byte, byte, byte),
      fc.tuple(fc.constant(169), fc.constant(254), byte, byte),
      fc.tuple(fc.constant(192), fc.constant(168), byte, byte),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), byte, byte),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), byte, byte),
    );
    fc.assert(
      fc.property(internal, fc.constantFrom('dotted', 'decimal', 'hex', 'mapped'), ([a, b, c, d], spelling) => {
        const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        const host =
          spelling === 'dotted'
            ? `${a}.${b}.${c}.${d}`
            : spelling === 'decimal'
              ? String(n)
              : spelling === 'hex'
                ? `0x${n.toString(16)}`
                : `[::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}]`;
        expect(checkAddress(`${a}.${b}.${c}.${d}`).ok).toBe(false);
        expect(checkUrl(`http://${host}/`).ok).toBe(false);
      }),
    );
  });

  it('arbitrary strings never throw, and whatever passes is http(s) on a standard port without credentials', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `http://${s}`)), (raw) => {
        const verdict = checkUrl(raw);
        if (verdict.ok) {
          expect(['http:', 'https:']).toContain(verdict.url.protocol);
          expect(verdict.url.username + verdict.url.password).toBe('');
          expect(['', '80', '443']).toContain(verdict.url.port);
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('any IPv6 address in fc00::/7 or fe80::/10 is refused', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.constantFrom(0xfc00, 0xfd00, 0xfe80), fc.array(group, { minLength: 7, maxLength: 7 }), (prefix, rest) => {
        const first = prefix === 0xfe80 ? 0xfe80 | (rest[0]! & 0x3f) : prefix | (rest[0]! & 0xff);
        const address = [first, ...rest].map((g) => g.toString(16)).join(':');
        expect(parseIpv6(address)).toHaveLength(8);
        expect(checkAddress(address).ok).toBe(false);
      }),
    );
  });
});
