// The warning is about SDK releases after January 2027; the lock file pins a release that supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../functions/local/dynamo-local';
import { createDynamoClients, STORE_TIMEOUTS } from '../../../functions/store/client';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { outageKindOf, StoreUnavailable, throttledCancellation } from '../../../functions/store/errors';

describe('which store errors are outages', () => {
  it.each([
    ['a refused connection', { name: 'Error', code: 'ECONNREFUSED' }, 'unreachable'],
    ['a reset socket', { name: 'Error', code: 'ECONNRESET' }, 'unreachable'],
    ['a broken pipe', { name: 'Error', code: 'EPIPE' }, 'unreachable'],
    ['an unknown host', { name: 'Error', code: 'ENOTFOUND' }, 'unreachable'],
    ["the SDK's connection or request timeout", { name: 'TimeoutError' }, 'timeout'],
    ['a socket timeout', { name: 'Error', code: 'ETIMEDOUT' }, 'timeout'],
    ['throttling after the retries', { name: 'ProvisionedThroughputExceededException', $fault: 'client' }, 'throttled'],
    ['request limit exceeded', { name: 'RequestLimitExceeded', $fault: 'client' }, 'throttled'],
    ['ThrottlingException', { name: 'ThrottlingException', $fault: 'client' }, 'throttled'],
    ["DynamoDB's InternalServerError", { name: 'InternalServerError', $fault: 'server' }, 'server_error'],
    ['ServiceUnavailable', { name: 'ServiceUnavailable', $fault: 'server' }, 'server_error'],
    ['any other 5xx answer', { name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 502 } }, 'server_error'],
  ])('%s is an outage (%s)', (_label, err, kind) => {
    expect(outageKindOf(err)).toBe(kind);
  });

  it.each([
    ['a failed condition', { name: 'ConditionalCheckFailedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }],
    ['a cancelled transaction', { name: 'TransactionCanceledException', $fault: 'client' }],
    ['a missing table', { name: 'ResourceNotFoundException', $fault: 'client' }],
    ['a validation error (a bug)', { name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } }],
    ['an aborted call', { name: 'AbortError' }],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an object', 'boom'],
  ])('%s is not an outage', (_label, err) => {
    expect(outageKindOf(err)).toBeNull();
  });

  it.each([
    ['throttling only', ['ThrottlingError', null], true],
    ['provisioned throughput exceeded', [null, 'ProvisionedThroughputExceeded'], true],
    ['a failed condition beside throttling', ['ThrottlingError', 'ConditionalCheckFailed'], false],
    ['a failed condition', ['ConditionalCheckFailed', null], false],
    ['a transaction conflict', ['TransactionConflict'], false],
  ])('a transaction cancelled for %s is an outage: %s', (_label, reasons, outage) => {
    const err = throttledCancellation(reasons, new Error('cancelled'));
    expect(err === null ? null : err.kind).toBe(outage ? 'throttled' : null);
  });

  it.each([
    ['unreachable', 5],
    ['timeout', 5],
    ['server_error', 5],
    ['throttled', 2],
  ] as const)('a %s store asks clients to retry after %i s', (kind, seconds) => {
    expect(new StoreUnavailable(kind).retryAfterSeconds).toBe(seconds);
  });
});

/** A stand-in DynamoDB endpoint (a real HTTP server) that answers every call with `answer`. */
const servers: ReturnType<typeof createServer>[] = [];
async function fakeDynamo(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => req.resume().on('end', () => answer(req, res)));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const dynamoError = (status: number, type: string, extra: object = {}) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type, ...extra }));
};

const TableName = 'govmedia-outage-test';
const docAt = (endpoint: string, maxAttempts?: number) => createDynamoClients({ endpoint, region: 'cn-north-1', maxAttempts }).doc;
const errorOf = (promise: Promise<unknown>) => promise.then(() => expect.fail('did not throw'), (err: unknown) => err);
const aGet = () => new GetCommand({ TableName, Key: { pk: 'A', sk: 'B' } });

afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

describe('the store client turns outages into StoreUnavailable', () => {
  it('a refused connection, after the retries, fast', async () => {
    const started = Date.now();
    const err = await errorOf(docAt(`http://127.0.0.1:${await freePort()}`).send(aGet()));
    expect(err).toBeInstanceOf(StoreUnavailable);
    expect(err).toMatchObject({ kind: 'unreachable', cause: { code: 'ECONNREFUSED' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("DynamoDB's InternalServerError, after the retries", async () => {
    const err = await errorOf(docAt(await fakeDynamo(dynamoError(500, 'InternalServerError'))).send(aGet()));
    expect(err).toMatchObject({ name: 'StoreUnavailable', kind: 'server_error' });
  });

  it('a store that accepts the connection but never answers, within the request timeout', async () => {
    const endpoint = await fakeDynamo(() => {});
    const started = Date.now();
    const err = await errorOf(docAt(endpoint, 1).send(aGet()));
    expect(err).toMatchObject({ name: 'StoreUnavailable', kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(STORE_TIMEOUTS.requestTimeoutMs + 1000);
  }, 15_000);

  it('but leaves a cancelled transaction to its callers (who read its reasons)', async () => {
    const endpoint = await fakeDynamo(dynamoError(400, 'TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }));
    const put = { Put: { TableName, Item: { pk: 'A', sk: 'B' }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const err = await errorOf(docAt(endpoint).send(new TransactWriteCommand({ TransactItems: [put] })));
    expect(err).toMatchObject({ name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] });
  });

  it('and a failed condition', async () => {
    const endpoint = await fakeDynamo(dynamoError(400, 'ConditionalCheckFailedException'));
    const update = new UpdateCommand({ TableName, Key: { pk: 'A', sk: 'B' }, UpdateExpression: 'SET #a = :a', ExpressionAttributeNames: { '#a': 'a' }, ExpressionAttributeValues: { ':a': 1 }, ConditionExpression: 'attribute_exists(pk)' });
    expect(await errorOf(docAt(endpoint).send(update))).toMatchObject({ name: 'ConditionalCheckFailedException' });
  });
});
