import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { credentialsRouteSet } from './route-sets';
import { credentialsDeps } from '../wiring/credentials';

/** PUT/GET /api/v1/accounts/{id}/credentials: stores platform credentials in the vault, never returns them. */
export const handler = handle(createApp(credentialsDeps(), credentialsRouteSet()));
