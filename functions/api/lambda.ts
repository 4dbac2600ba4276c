import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { deps } from './deps';

/** API Gateway HTTP API (payload v2) entry. Config and clients load once per container. */
export const handler = handle(createApp(deps));
