import { config } from '../config';
import { cachingVerifier, cognitoVerifier, devVerifier } from '../auth/verifier';
import { logger } from '../logger';
import { createDynamoClients } from '../store/client';
import { idGenerator } from '../store/ids';
import { createStores } from '../store';
import { classifyPost } from '../../shared/content';
import { createConnectors, createVault } from '../connectors/setup';
import type { AppDeps } from './context';

/** The composition root: every client and repository, created once per process from config. */
function buildDeps(): AppDeps {
  const { doc } = createDynamoClients({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION });
  const stores = createStores(doc, config.TABLE_NAME);
  const vault = createVault();
  const base = { stores, clock: { now: () => new Date().toISOString() }, ids: idGenerator, logger, classify: classifyPost, vault, connectors: createConnectors(vault) };
  if (config.auth.GOVMEDIA_AUTH === 'dev') {
    const dev = devVerifier(config.auth.GOVMEDIA_DEV_SIGNING_KEY);
    return { ...base, verifier: cachingVerifier(dev), devIssuer: dev };
  }
  return { ...base, verifier: cachingVerifier(cognitoVerifier(config.auth.COGNITO_USER_POOL_ID, config.auth.COGNITO_CLIENT_ID)) };
}

export const deps = buildDeps();
