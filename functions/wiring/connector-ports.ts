import type { ConnectorHealthPorts } from '../../shared/connectors/health';
import type { LinkViewPorts } from '../../shared/links/check';
import type { ExchangeOutcome, OAuthPlatform, OAuthPorts } from '../../shared/connectors/oauth';
import type { Platform } from '../../shared/registry/schemas';
import { ConnectorError, type ConnectorSet } from '../connectors';
import { tokensToCredentials } from '../connectors/oauth';
import { HmacStateSigner } from '../connectors/oauth-state';
import { platformSettings } from '../connectors/setup';
import type { Deps } from './deps';

/**
 * The product's OAuth callback for a platform (registered as the app's redirect URI on the
 * platform), on the API's public URL: deployed the HTTP API, locally the one origin of npm start.
 */
export function oauthRedirectUri(platform: Platform, apiUrl = platformSettings.apiUrl): string {
  return `${apiUrl}/api/v1/oauth/${platform}/callback`;
}

/** The web account page the operator returns to after the callback, on the web app's URL (deployed: CloudFront). */
export function accountPageUrl(accountId: string, query: Record<string, string>, webUrl = platformSettings.webUrl): string {
  return `${webUrl}/accounts/${encodeURIComponent(accountId)}?${new URLSearchParams(query).toString()}`;
}

/**
 * The state signer, keyed from the stage's cursor key. Built on first use and reading the
 * configuration only then (a dynamic import): the routes import this module, and the CDK app
 * and its tests import the routes without any runtime configuration.
 */
let signer: Promise<HmacStateSigner> | undefined;
function stateSigner(): Promise<HmacStateSigner> {
  return (signer ??= import('../config').then(({ config }) => new HmacStateSigner(config.cursorKey)));
}

/** The connectors' OAuth sides as the domain sees them: a ConnectorError from the exchange becomes a failed outcome in words. */
export function oauthPlatformsOf(connectors: ConnectorSet | undefined, apiUrl = platformSettings.apiUrl): Partial<Record<Platform, OAuthPlatform>> {
  const out: Partial<Record<Platform, OAuthPlatform>> = {};
  for (const [platform, connector] of Object.entries(connectors?.byPlatform ?? {}) as [Platform, NonNullable<ConnectorSet['byPlatform'][Platform]>][]) {
    const client = connector.oauth;
    if (!client) continue;
    const redirectUri = oauthRedirectUri(platform, apiUrl);
    out[platform] = {
      configured: client.configured,
      authorizeUrl: (state) => client.authorizeUrl({ state, redirectUri }),
      exchange: async (code, now): Promise<ExchangeOutcome> => {
        try {
          const tokens = await client.exchange(code, redirectUri, now);
          return { ok: true, credentials: tokensToCredentials(tokens), refreshExpiresAt: tokens.refreshExpiresAt };
        } catch (err) {
          if (err instanceof ConnectorError) return { ok: false, code: err.code, message: err.message };
          throw err;
        }
      },
    };
  }
  return out;
}

/** The OAuth platforms whose app this deployment has (their tokens are never typed in: PUT credentials answers oauth_required). */
export function oauthConfiguredPlatforms(connectors: ConnectorSet | undefined): Platform[] {
  return (Object.entries(connectors?.byPlatform ?? {}) as [Platform, NonNullable<ConnectorSet['byPlatform'][Platform]>][]).filter(([, c]) => c.oauth?.configured).map(([p]) => p);
}

/** POST /accounts/{id}/oauth/start and GET /oauth/{platform}/callback: the credentials function (the vault is there). */
export async function oauthPortsOf(d: Pick<Deps, 'stores' | 'clock' | 'ids' | 'vault' | 'connectors'>, apiUrl = platformSettings.apiUrl): Promise<OAuthPorts> {
  if (!d.vault) throw new Error('credential vault not configured in this function');
  return {
    accounts: d.stores.accounts,
    credentials: d.stores.credentials,
    vault: d.vault,
    clock: d.clock,
    ids: d.ids,
    state: await stateSigner(),
    platforms: oauthPlatformsOf(d.connectors, apiUrl),
  };
}

/** GET /accounts/{id}/connector and the grade's dataAsOf: the table only. */
export function connectorHealthPortsOf({ stores, clock }: Pick<Deps, 'stores' | 'clock'>): ConnectorHealthPorts {
  return { accounts: stores.accounts, credentials: stores.credentials, health: stores.connectorHealth, clock };
}

/** GET /accounts/{id}/links: the table only. */
export function linkViewPortsOf({ stores }: Pick<Deps, 'stores'>): LinkViewPorts {
  return { accounts: stores.accounts, linkChecks: stores.linkChecks };
}
