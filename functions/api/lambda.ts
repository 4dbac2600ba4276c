import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { apiDeps } from '../wiring/api';
import { coreRouters } from './routers';

/** API Gateway HTTP API (payload v2) entry for every JSON route. Config and clients load once per container. */
export const handler = handle(createApp(apiDeps(), coreRouters));
