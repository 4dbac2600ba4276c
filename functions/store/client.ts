import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  endpoint?: string;
  region: string;
}

/** One client per process: the SDK retries throttles and transient errors itself (maxAttempts). */
export function createDynamoClients(opts: ClientOptions) {
  const raw = new DynamoDBClient({
    region: opts.region,
    maxAttempts: 6,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { raw, doc };
}
export type DocClient = DynamoDBDocumentClient;
