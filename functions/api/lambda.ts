import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { apiDeps } from '../wiring/api';
import { apiRouteSet } from './route-sets';

/** API Gateway HTTP API (payload v2) entry for every JSON route. Config and clients load once per container. */
export const handler = handle(createApp(apiDeps(), apiRouteSet()));
