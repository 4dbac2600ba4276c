import { describe, expect, it, vi } from 'vitest';
import { authorizeUrl, challengeFor, completeSignIn, logoutUrl } from './pkce';

const config = { apiBase: '', cognitoDomain: 'https://gov.auth.cn-north-1.amazoncognito.com', clientId: 'client123', redirectUri: 'https://admin.example.gov.cn/' };

describe('PKCE sign-in', () => {
  it('derives the S256 challenge: base64url(sha256(verifier)) without padding', async () => {
    // printf %s <verifier> | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '='
    expect(await challengeFor('dBjftJeZ4CVP-mJ92K9S4BJfNQCQZdqD7UKgVg3KGhQ')).toBe('F17QBxhTb9zGH8pzdsywrR_XHtnXk_qLkBnOEjF3OeA');
  });

  it('redirects with a challenge and exchanges the code with the stored verifier', async () => {
    sessionStorage.clear();
    const url = new URL(await authorizeUrl(config));
    expect(url.origin + url.pathname).toBe('https://gov.auth.cn-north-1.amazoncognito.com/oauth2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('client123');
    const state = url.searchParams.get('state')!;
    const verifier = sessionStorage.getItem('govmedia.pkce.verifier')!;
    expect(url.searchParams.get('code_challenge')).toBe(await challengeFor(verifier));

    const fetchFn = vi.fn(async () => new Response(JSON.stringify({ id_token: 'id.tok.en', access_token: 'a' }), { status: 200 }));
    const token = await completeSignIn(config, new URL(`https://admin.example.gov.cn/?code=abc&state=${state}`), sessionStorage, fetchFn as unknown as typeof fetch);
    expect(token).toBe('id.tok.en');
    const [endpoint, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(endpoint).toBe('https://gov.auth.cn-north-1.amazoncognito.com/oauth2/token');
    const body = new URLSearchParams(String(init.body));
    expect(body.get('grant_type')).toBe('authorization_code');
    expect(body.get('code')).toBe('abc');
    expect(body.get('code_verifier')).toBe(verifier);
    expect(sessionStorage.getItem('govmedia.pkce.verifier')).toBeNull();
  });

  it('refuses a callback whose state does not match', async () => {
    sessionStorage.clear();
    await authorizeUrl(config);
    await expect(completeSignIn(config, new URL('https://admin.example.gov.cn/?code=abc&state=forged'), sessionStorage, vi.fn())).rejects.toThrow(/state/);
  });

  it('signs out to the app root, not to the callback', () => {
    const url = new URL(logoutUrl({ ...config, redirectUri: 'https://admin.example.gov.cn/auth/callback' }));
    expect(url.origin + url.pathname).toBe('https://gov.auth.cn-north-1.amazoncognito.com/logout');
    expect(url.searchParams.get('client_id')).toBe('client123');
    expect(url.searchParams.get('logout_uri')).toBe('https://admin.example.gov.cn/');
    expect(new URL(logoutUrl(config)).searchParams.get('logout_uri')).toBe('https://admin.example.gov.cn/');
  });
});
