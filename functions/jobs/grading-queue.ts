import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { GradingChunk, InspectionJobs } from '../../shared/assessment/jobs';
import { mapLimit } from '../../shared/util/concurrency';

/** SendMessageBatch takes at most 10 messages per call. */
export const SQS_BATCH = 10;
/** Batches in flight at once: 5,000 chunks (a national sweep of 500,000 accounts) are 500 calls. */
const SEND_CONCURRENCY = 8;
/** Tries per batch for the entries SQS answers as failed (throttled, internal). */
const SEND_ATTEMPTS = 3;

/** The part of the SQS client the engine uses (a fake in tests). */
export interface QueueSender {
  send(command: SendMessageBatchCommand): Promise<{ Failed?: { Id?: string; Code?: string; Message?: string; SenderFault?: boolean }[] }>;
}

/**
 * The deployed engine of inspection and what-if jobs (issue 13, decision 35): each chunk is one
 * message on the grading queue, sent 10 per SendMessageBatch; the grading function consumes them
 * (functions/jobs/grade-chunk-handler.ts), SQS redelivers a chunk that failed and moves it to the
 * dead-letter queue after the last receive. `submit` resolves once every chunk is on the queue and
 * throws if any could not be sent (the job then ends `failed`, code `not_queued`).
 */
export function gradingQueue(queueUrl: string, client: QueueSender = new SQSClient({})): InspectionJobs {
  return {
    async submit(chunks: readonly GradingChunk[]) {
      const batches: GradingChunk[][] = [];
      for (let i = 0; i < chunks.length; i += SQS_BATCH) batches.push(chunks.slice(i, i + SQS_BATCH));
      await mapLimit(batches, SEND_CONCURRENCY, async (batch) => {
        let entries: SendMessageBatchRequestEntry[] = batch.map((chunk) => ({ Id: `c${chunk.index}`, MessageBody: JSON.stringify(messageOf(chunk)) }));
        for (let attempt = 1; entries.length; attempt++) {
          const answer = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          const failed = answer.Failed ?? [];
          if (!failed.length) return;
          const fatal = failed.find((f) => f.SenderFault);
          if (fatal || attempt >= SEND_ATTEMPTS) {
            const f = fatal ?? failed[0]!;
            throw new Error(`grading queue: ${failed.length} chunk(s) not sent (${f.Code ?? 'error'}: ${f.Message ?? ''})`);
          }
          const again = new Set(failed.map((f) => f.Id));
          entries = entries.filter((e) => again.has(e.Id));
          await new Promise((r) => setTimeout(r, 100 * 2 ** (attempt - 1)));
        }
      });
    },
  };
}

/**
 * A chunk as its message carries it: the ids, not the accounts (nor their units'). A hundred accounts are ~150 KB
 * and one SendMessageBatch carries at most 256 KB in all, so carrying them would cut each batch
 * to one message; the grading function reads the chunk's accounts instead (one BatchGetItem).
 */
function messageOf({ accounts: _accounts, units: _units, ...chunk }: GradingChunk): Omit<GradingChunk, 'accounts' | 'units'> {
  return chunk;
}
