import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { openApiDocument } from '../openapi';

/** Mounted at /openapi.json: the OpenAPI document (functions/api/openapi.ts), in the spreadsheet function with its schema converter. */
export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => c.json(openApiDocument()));
