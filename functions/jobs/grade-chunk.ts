import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as v from 'valibot';
import { failGradingJob, runGradingChunk, type GradingChunk, type GradingJobPorts } from '../../shared/assessment/jobs';
import { logger } from '../logger';

/** The queue's redrive policy sends a message to the dead-letter queue after this many receives (infra/constructs/grading.ts); the handler is functions/jobs/grade-chunk-handler.ts. */
export const MAX_RECEIVES = 3;

/** A grading queue message: one chunk of a job (functions/jobs/grading-queue.ts). */
export const ChunkMessage = v.object({
  kind: v.picklist(['inspection', 'what-if']),
  jobId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  accountIds: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))), v.minLength(1), v.maxLength(1000)),
});

export interface GradingBatchOptions {
  maxReceives?: number;
  /** What grades one chunk (runGradingChunk; tests give another). */
  run?: (chunk: GradingChunk, ports: GradingJobPorts) => Promise<unknown>;
}

/**
 * Grades the chunks of one SQS batch, one after another. A chunk that throws is reported as a
 * batch item failure, so SQS delivers it again after the visibility timeout; on its last receive
 * (ApproximateReceiveCount ≥ maxReceives) the job is first marked `failed` with the reason, and
 * the message still goes on to the dead-letter queue, where the alarm sees it.
 */
export async function gradeBatch(event: SQSEvent, ports: GradingJobPorts, options: GradingBatchOptions = {}): Promise<SQSBatchResponse> {
  const { maxReceives = MAX_RECEIVES, run = runGradingChunk } = options;
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const chunk = parseChunk(record);
    if (!chunk) {
      // Not a chunk: nothing to grade or to fail; to the dead-letter queue for a look.
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await run(chunk, ports);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const receives = Number(record.attributes.ApproximateReceiveCount ?? '1');
      const last = receives >= maxReceives;
      logger.warn('grading chunk failed', { kind: chunk.kind, jobId: chunk.jobId, chunk: chunk.index, receives, last, reason });
      if (last) {
        await failGradingJob(chunk, reason, receives, ports).catch((e: unknown) => logger.error('could not mark the job failed', { jobId: chunk.jobId, error: e as Error }));
      }
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function parseChunk(record: SQSRecord): GradingChunk | undefined {
  try {
    const parsed = v.safeParse(ChunkMessage, JSON.parse(record.body));
    if (parsed.success) return parsed.output;
  } catch {
    // fall through
  }
  logger.error('grading queue: a message that is not a chunk', { messageId: record.messageId });
  return undefined;
}
