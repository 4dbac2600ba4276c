import type { TestProject } from 'vitest/node';
// The warning is about SDK releases after January 2027; the lock file pins a release that supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { startDynamoLocal, type DynamoLocal } from '../../functions/local/dynamo-local';

let dynamo: DynamoLocal | undefined;

/** One real DynamoDB Local (in memory) for the integration project; every test file gets its own table. */
export async function setup(project: TestProject) {
  dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    baseUrl: string;
  }
}
