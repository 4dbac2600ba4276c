import { classifyPost } from '../../shared/content';
import { cachingVerifier, cognitoVerifier, devVerifier } from '../auth/verifier';
import { config } from '../config';
import { logger } from '../logger';
import { createStores } from '../store';
import { createDynamoClients } from '../store/client';
import { idGenerator } from '../store/ids';
import { devClock, systemClock } from '../clock';
import type { AppDeps } from './context';

/**
 * The composition root of the main API function: every client and repository, created
 * once per process from config. No platform connectors or credential vault here: those
 * (and the Secrets Manager client) are added in deps.ts for the functions that use them.
 */
function buildCoreDeps(): AppDeps {
  const { doc } = createDynamoClients({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
  const stores = createStores(doc, config.TABLE_NAME);
  const base = { stores, clock: systemClock, ids: idGenerator, logger, classify: classifyPost };
  if (config.auth.GOVMEDIA_AUTH === 'dev') {
    const dev = devVerifier(config.auth.GOVMEDIA_DEV_SIGNING_KEY);
    // Local mode: one settable clock for every rule and job of this process (API.md dev clock).
    const clock = devClock();
    return { ...base, clock, devClock: clock, verifier: cachingVerifier(dev), devIssuer: dev };
  }
  return { ...base, verifier: cachingVerifier(cognitoVerifier(config.auth.COGNITO_USER_POOL_ID, config.auth.COGNITO_CLIENT_ID)) };
}

export const coreDeps = buildCoreDeps();
