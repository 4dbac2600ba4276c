import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';
import type { Table } from './table';

export interface StoredResponse {
  status: number;
  /** The response text, or base64 of its gzip when `encoding` is 'gzip'. */
  body: string;
  encoding?: 'gzip';
  contentType: string;
  requestHash: string;
}

const TTL_SECONDS = 24 * 3600;

/**
 * Idempotency-Key records: claimed before the handler runs (so two racing
 * requests with one key never both run), completed with the response after.
 */
export class IdempotencyRepository {
  constructor(private readonly table: Table) {}

  /** 'claimed' if this request may run; otherwise the existing record. */
  async claim(caller: string, key: string, requestHash: string, now: Date): Promise<{ state: 'claimed' } | { state: 'in_progress' | 'done'; record: Record<string, unknown> }> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...keys.idempotency(caller, key), state: 'in_progress', requestHash, expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        }),
      );
      return { state: 'claimed' };
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      const record = (await this.table.get(keys.idempotency(caller, key)))!;
      return { state: record.state === 'done' ? 'done' : 'in_progress', record };
    }
  }

  async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.idempotency(caller, key),
        UpdateExpression: 'SET #s = :done, #r = :r',
        ExpressionAttributeNames: { '#s': 'state', '#r': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':r': response },
      }),
    );
  }

  /** A failed request releases its key so the client can retry it. */
  async release(caller: string, key: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.idempotency(caller, key),
        UpdateExpression: 'SET expiresAt = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  }
}
