import { classifyPost } from '../../shared/content';
import { cachingVerifier, cognitoVerifier, devVerifier } from '../auth/verifier';
import { config } from '../config';
import { logger } from '../logger';
import { createStores } from '../store';
import { createDynamoClients } from '../store/client';
import { idGenerator } from '../store/ids';
import { devClock, systemClock } from '../clock';
import type { AppDeps } from './context';

/** Where the store is: the table, and the DynamoDB endpoint (DynamoDB Local) if not AWS's own. */
export interface StoreLocation {
  endpoint?: string;
  region: string;
  tableName: string;
}

const configuredStore: StoreLocation = { endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, tableName: config.TABLE_NAME };

/**
 * The composition root of the main API function: every client and repository, created
 * once per process from config. No platform connectors or credential vault here: those
 * (and the Secrets Manager client) are added in deps.ts for the functions that use them.
 * `store` points the repositories at another table or endpoint (tests of store faults).
 */
export function buildCoreDeps(store: StoreLocation = configuredStore): AppDeps {
  const { doc } = createDynamoClients({ endpoint: store.endpoint, region: store.region });
  // DynamoDB Local (an endpoint) writes bulk posts faster in transactions than with BatchWriteItem (decision 30).
  const stores = createStores(doc, store.tableName, config.cursorKey, { bulkWrites: store.endpoint ? 'transaction' : 'batch' });
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
