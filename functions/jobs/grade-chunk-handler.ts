import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { baseDeps } from '../wiring/deps';
import { assessmentPortsOf } from '../wiring/domain-ports';
import { gradeBatch, MAX_RECEIVES } from './grade-chunk';

/** The queue's maxReceiveCount, as the stack sets it (infra/constructs/grading.ts), read once. */
const MAX_RECEIVES_DEPLOYED = Number(process.env.GRADING_MAX_RECEIVES ?? MAX_RECEIVES);

/** The grading function: one SQS batch of chunks, with ReportBatchItemFailures (infra/constructs/grading.ts). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return gradeBatch(event, assessmentPortsOf(baseDeps()), { maxReceives: MAX_RECEIVES_DEPLOYED });
}
