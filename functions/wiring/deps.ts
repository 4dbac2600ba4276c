import type { Logger } from '@aws-lambda-powertools/logger';
import { classifyPost } from '../../shared/content';
import type { ActivityPorts } from '../../shared/activity/ingest';
import type { InspectionJobs } from '../../shared/assessment/jobs';
import type { DevTokenRequest } from '../../shared/auth/principal-schema';
import type { AttachmentStore } from '../../shared/closure/attachments';
import type { Clock, IdGenerator } from '../../shared/clock-and-ids';
import type { TokenVerifier } from '../auth/verifier';
import { devClock, systemClock, type DevClock } from '../clock';
import { config } from '../config';
import type { ConnectorSet, CredentialVault } from '../connectors';
import { logger } from '../logger';
import { createStores, type Stores } from '../store';
import { createDynamoClients } from '../store/client';
import { idGenerator } from '../store/ids';

/**
 * What a function needs: the one dependency type of every function kind (docs/architecture.md
 * "Wiring"). The first five every function has; the optional parts only the kinds that use
 * them (functions/wiring/{api,spreadsheets,credentials,jobs,local}.ts say which). `Needs<…>`
 * names a kind's guaranteed parts.
 */
export interface Deps {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The content checker used at ingest. */
  classify?: ActivityPorts['classify'];
  /** The bearer-token verifier: the HTTP functions only (never a job). */
  verifier?: TokenVerifier;
  /** Present only in local mode: mounts POST /api/v1/dev/token. */
  devIssuer?: { issue(req: DevTokenRequest): Promise<string> };
  /** Local mode only: the demo users the sign-in page offers (GET /api/v1/dev/users). */
  devUsers?: () => Promise<unknown[]>;
  /** Local mode only: the settable clock behind `clock` (PUT/DELETE /api/v1/dev/clock). */
  devClock?: DevClock;
  /** Local mode only: the scheduled jobs, run at once by POST /api/v1/dev/jobs/{name}. */
  devJobs?: Record<string, () => Promise<unknown>>;
  /** Platform credentials per account (Secrets Manager deployed, an encrypted file locally): the credentials function and the jobs. */
  vault?: CredentialVault;
  /** The publish connectors (the dispatcher and the fetch job; fakes in tests). */
  connectors?: ConnectorSet;
  /** Where closure attachments' bytes live (S3 deployed, a directory locally): the spreadsheet function. */
  attachments?: AttachmentStore;
  /** The engine of inspection and what-if jobs (issue 13): the SQS queue deployed (the API function), the worker pool locally. */
  inspectionJobs?: InspectionJobs;
}

/** Deps with the given optional parts present, e.g. `Needs<'verifier'>` for an HTTP function. */
export type Needs<K extends keyof Deps> = Deps & Required<Pick<Deps, K>>;

/** Built on first call, then the same value for the life of the process (one client per container). */
export function memo<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Where the store is: the table, and the DynamoDB endpoint (DynamoDB Local) if not AWS's own. */
export interface StoreLocation {
  endpoint?: string;
  region: string;
  tableName: string;
}

const configuredStore: StoreLocation = { endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, tableName: config.TABLE_NAME };

/**
 * The parts every function kind has: the DynamoDB clients and repositories, the clock, ids,
 * logger and content checker. No verifier, vault, connectors or S3 here: the kinds that need
 * them add them. `store` points the repositories at another table or endpoint (tests of store faults).
 */
export function buildBaseDeps(store: StoreLocation = configuredStore): Deps {
  const { doc } = createDynamoClients({ endpoint: store.endpoint, region: store.region });
  // DynamoDB Local (an endpoint) writes bulk posts faster in transactions than with BatchWriteItem (decision 30).
  const stores = createStores(doc, store.tableName, config.cursorKey, { bulkWrites: store.endpoint ? 'transaction' : 'batch' });
  const base = { stores, clock: systemClock, ids: idGenerator, logger, classify: classifyPost };
  if (config.auth.GOVMEDIA_AUTH !== 'dev') return base;
  // Local mode: one settable clock for every rule and job of this process (API.md dev clock).
  const clock = devClock();
  return { ...base, clock, devClock: clock };
}

/** This process's base parts, from config. */
export const baseDeps = memo(() => buildBaseDeps());
