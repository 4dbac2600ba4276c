import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { classifyStoreError } from './errors';

export interface ClientOptions {
  endpoint?: string;
  region: string;
  /** The SDK's attempts per call (retries included); 6 unless a test needs fewer. */
  maxAttempts?: number;
}

/**
 * Bounds on one attempt, so a dead or hung store fails fast instead of holding a request:
 * a connection must be made within 1 s and an attempt must answer within 4 s. With the
 * SDK's 6 attempts and its backoff, the worst case stays below the API functions' 25 s
 * timeout (infra/stack.ts); a refused connection fails after all retries in well under 1 s.
 */
export const STORE_TIMEOUTS = { connectionTimeoutMs: 1000, requestTimeoutMs: 4000 } as const;

/** One client per process: the SDK retries throttles and transient errors itself (maxAttempts). */
export function createDynamoClients(opts: ClientOptions) {
  const raw = new DynamoDBClient({
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 6,
    // Options for the SDK's NodeHttpHandler (it builds the handler from them).
    requestHandler: {
      connectionTimeout: STORE_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: STORE_TIMEOUTS.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  // Outermost step, so it sees the error left after the SDK's retries: an outage becomes
  // StoreUnavailable (functions/store/errors.ts); the document client shares this stack.
  raw.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        throw classifyStoreError(err);
      }
    },
    { step: 'initialize', name: 'govmediaStoreOutage', priority: 'high' },
  );
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { raw, doc };
}
export type DocClient = DynamoDBDocumentClient;
