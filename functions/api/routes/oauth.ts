import { Hono } from 'hono';
import * as v from 'valibot';
import { completeAuthorization, startAuthorization } from '../../../shared/connectors/oauth';
import { Id, PLATFORMS } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { param } from '../validation';
import { accountPageUrl, oauthPortsOf } from '../../wiring/connector-ports';

/**
 * OAuth authorisation of an account by its operator (shared/connectors/oauth.ts). Both run
 * in the credentials function deployed (the callback writes the vault).
 */

/** Mounted at /accounts. POST /accounts/{id}/oauth/start (bearer token): the platform's page to send the operator to. */
export const oauthStartRoutes = new Hono<AppEnv>().post('/:id/oauth/start', async (c) => {
  return c.json(await startAuthorization(param(c, 'id', Id), c.get('principal'), await oauthPortsOf(c.get('deps'))));
});

/**
 * Mounted at /oauth, before authentication (functions/api/app.ts). GET /oauth/{platform}/callback?code=&state= (no bearer token: the signed state authenticates
 * it). A state that is not ours or has expired is 403 oauth_state_invalid; otherwise the
 * operator's browser goes back to the web account page with `?oauth=authorized|denied|failed`.
 */
export const oauthCallbackRoutes = new Hono<AppEnv>().get('/:platform/callback', async (c) => {
  const platform = param(c, 'platform', v.picklist(PLATFORMS, '未知平台 (unknown platform)'));
  const done = await completeAuthorization(platform, c.req.query(), await oauthPortsOf(c.get('deps')));
  const query: Record<string, string> = { oauth: done.outcome, ...(done.code ? { code: done.code.slice(0, 64) } : {}) };
  c.header('cache-control', 'no-store');
  return c.redirect(accountPageUrl(done.accountId, query), 302);
});
