import type { Router } from './routers';
import { credentialRoutes } from './routes/credentials';

/**
 * Platform credentials: their own Lambda when deployed, the only API function allowed to
 * write secrets (and the only one carrying the Secrets Manager client); part of the one app locally.
 */
export const credentialRouters: Router[] = [credentialRoutes];
