import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Data } from './data';
import { GovMediaFunction } from './function';

/** Receives of a chunk before it goes to the dead-letter queue; the grading function marks the job failed on the last one. */
export const GRADING_MAX_RECEIVES = 3;
/** One invocation grades at most this many chunks (100 accounts each). */
export const GRADING_BATCH_SIZE = 5;
/** A chunk of 100 accounts grades in a second or two on one vCPU; five of them, with room for a slow table. */
export const GRADING_TIMEOUT = Duration.minutes(3);
/** Lambda's advice for an SQS event source: the visibility timeout at least six times the function's timeout. */
export const GRADING_VISIBILITY = Duration.minutes(18);
/** Chunks graded at once across the account: enough for a province in minutes, few enough to leave the table's capacity to the API. */
export const GRADING_CONCURRENCY = 20;

export interface GradingProps {
  readonly entry: string;
  readonly data: Data;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly tracing: boolean;
}

/**
 * Inspections and what-ifs as jobs, deployed (issue 13, decision 35): the API function puts one
 * message per chunk of 100 accounts on the grading queue; the grading function consumes it
 * (SQS event source, batch item failures reported, so only the failed chunks come back after the
 * visibility timeout). After GRADING_MAX_RECEIVES receives a chunk moves to the dead-letter queue
 * (the job is marked failed on that last receive), where an alarm sees it.
 */
export class Grading extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: GovMediaFunction;

  constructor(scope: Construct, id: string, props: GradingProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: GRADING_VISIBILITY,
      // A job not graded within a day is stalled long since (STALL_MS, 30 minutes): nobody waits for it.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: GRADING_MAX_RECEIVES },
      removalPolicy: props.removalPolicy,
    });

    this.function = new GovMediaFunction(this, 'Function', {
      entry: props.entry,
      description: 'GovMedia: grades the chunks of inspection and what-if jobs (SQS, 100 accounts per chunk)',
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'govmedia-grading', GRADING_MAX_RECEIVES: String(GRADING_MAX_RECEIVES) },
      memorySize: 1769, // one full vCPU: grading is CPU-bound
      timeout: GRADING_TIMEOUT,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      tracing: props.tracing,
    });
    // Reads accounts, posts, metrics and profiles; writes results, the chunk item and the header's progress.
    props.data.grant(this.function.role, 'api');
    this.function.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: GRADING_BATCH_SIZE, reportBatchItemFailures: true, maxConcurrency: GRADING_CONCURRENCY }),
    );
  }

  /** The one SQS permission of a function that starts jobs: sending to this queue (never receiving or deleting). */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'GradingQueueSend', actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
  }
}
