import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { baseDeps } from '../wiring/deps';
import { assessmentPortsOf } from '../wiring/ports';
import { gradeBatch } from './grade-chunk';

/** The grading function: one SQS batch of chunks, with ReportBatchItemFailures (infra/constructs/grading.ts). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return gradeBatch(event, assessmentPortsOf(baseDeps()));
}
