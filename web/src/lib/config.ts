/** Deployment settings from the optional /config.js (window.GOVMEDIA_CONFIG); defaults: same origin, dev sign-in. */
export interface AppConfig {
  /** Origin of the HTTP API, without /api/v1. Empty = same origin. */
  apiBase: string;
  /** Cognito hosted UI domain, e.g. https://x.auth.region.amazoncognito.com. Empty = local dev sign-in. */
  cognitoDomain: string;
  clientId: string;
  redirectUri: string;
  /** Origin of public verification (its CloudFront distribution, infra/constructs/public-verify.ts). Empty = apiBase. */
  publicApiBase?: string;
}

declare global {
  interface Window {
    GOVMEDIA_CONFIG?: Partial<AppConfig>;
  }
}

export function getConfig(): AppConfig {
  const raw = (typeof window !== 'undefined' && window.GOVMEDIA_CONFIG) || {};
  const origin = typeof location !== 'undefined' ? location.origin : '';
  return {
    apiBase: (raw.apiBase ?? '').replace(/\/+$/, ''),
    cognitoDomain: (raw.cognitoDomain ?? '').replace(/\/+$/, ''),
    clientId: raw.clientId ?? '',
    redirectUri: raw.redirectUri ?? `${origin}/`,
    publicApiBase: (raw.publicApiBase ?? raw.apiBase ?? '').replace(/\/+$/, ''),
  };
}

export const usesCognito = (c: AppConfig = getConfig()) => Boolean(c.cognitoDomain && c.clientId);
