import type { Router } from './routers';
import { channelRoutes } from './routes/channels';
import { credentialRoutes } from './routes/credentials';
import { oauthStartRoutes } from './routes/oauth';

/**
 * Platform credentials: their own Lambda when deployed, the only API function allowed to
 * write secrets (and the only one carrying the Secrets Manager client); part of the one app locally.
 * Group-robot channels (webhook URLs, the 钉钉 secret) are secrets too and live here.
 */
export const credentialRouters: Router[] = [credentialRoutes, channelRoutes, oauthStartRoutes];
