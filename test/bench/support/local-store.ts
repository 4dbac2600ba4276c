import { randomBytes } from 'node:crypto';
import { startDynamoLocal } from '../../../functions/local/dynamo-local';

/**
 * DynamoDB Local for a bench section, with the process configured for local mode against it
 * (table name, endpoint, a fresh dev signing key, quiet logs). Import the product's modules only
 * after this: configuration is read once at module load.
 */
export async function startBenchStore(tableName: string) {
  const dynamo = await startDynamoLocal();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    GOVMEDIA_AUTH: 'dev',
    GOVMEDIA_DEV_SIGNING_KEY: randomBytes(32).toString('hex'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOG_LEVEL: 'SILENT',
  });
  return dynamo;
}
