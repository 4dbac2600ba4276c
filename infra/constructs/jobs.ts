import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow, type IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantCredentials } from './credentials';
import type { Data, TableAccess } from './data';
import { GovMediaFunction } from './function';

/**
 * Invokes one function, and only that one: the scheduler role gets
 * lambda:InvokeFunction on the function's exact ARN (the stock LambdaInvoke
 * target also grants `<arn>:*`, every version and alias).
 */
class InvokeFunction extends ScheduleTargetBase implements IScheduleTarget {
  constructor(
    private readonly fn: IFunction,
    props: ScheduleTargetBaseProps,
  ) {
    super(props, fn.functionArn);
  }

  protected addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }));
  }
}

export interface JobSpec {
  /** Construct id and the name in alarms (sweep, dispatch, fetch). */
  readonly name: 'Sweep' | 'Dispatch' | 'Fetch' | 'Notify' | 'LinkCheck';
  readonly entry: string;
  readonly description: string;
  readonly schedule: ScheduleExpression;
  readonly access: TableAccess;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Delivery retries by the scheduler, and how long a missed tick stays worth delivering. */
  readonly scheduleRetries: number;
  readonly scheduleMaxAge: Duration;
  /** Retries by Lambda when the function itself fails (asynchronous invocation). */
  readonly functionRetries: number;
  readonly functionMaxAge: Duration;
  /** Reads per-account platform credentials from Secrets Manager. */
  readonly readsCredentials: boolean;
  /** Narrows that read to the secrets whose names continue the stage prefix with this (the notify job: `channel-`). */
  readonly credentialsScope?: string;
  /** Settings of this job only, beside the stack's common environment. */
  readonly environment?: Record<string, string>;
  /**
   * Split the run into N parallel Scan segments: one schedule per segment, each
   * sending `{segment, totalSegments}` (functions/jobs/sweep.ts). Without it the
   * schedule sends `{}`.
   */
  readonly segments?: number;
}

export interface JobProps {
  readonly spec: JobSpec;
  readonly data: Data;
  readonly environment: Record<string, string>;
  readonly credentialsSecretPrefix: string;
  readonly tracing: boolean;
  readonly reservedConcurrency?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Private subnets with a fixed egress IP, for the jobs that call platform APIs. */
  readonly network?: { vpc: IVpc; securityGroup: ISecurityGroup };
}

/**
 * A scheduled job: EventBridge Scheduler schedule(s) invoking one function,
 * and one dead-letter queue that collects both kinds of failure: a tick the
 * scheduler could not deliver, and a run that still failed after Lambda's
 * own retries. An alarm on the queue's depth tells the operator.
 */
export class Job extends Construct {
  readonly function: GovMediaFunction;
  readonly deadLetterQueue: Queue;
  readonly schedules: Schedule[] = [];

  constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id);
    const { spec } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });

    this.function = new GovMediaFunction(this, 'Function', {
      entry: spec.entry,
      description: spec.description,
      environment: { ...props.environment, ...spec.environment, POWERTOOLS_SERVICE_NAME: `govmedia-${spec.name.toLowerCase()}` },
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      tracing: props.tracing,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrency: props.reservedConcurrency } : {}),
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: spec.functionRetries,
      maxEventAge: spec.functionMaxAge,
      ...(props.network && spec.readsCredentials ? { network: props.network } : {}),
    });
    props.data.grant(this.function.role, spec.access);

    if (spec.readsCredentials) grantCredentials(this, 'CredentialsPolicy', this.function.role, `${props.credentialsSecretPrefix}${spec.credentialsScope ?? ''}`, 'read');

    // All schedules of a job share its function, its dead-letter queue and one
    // scheduler role (the target role is keyed by the function ARN).
    const segments = spec.segments ?? 1;
    for (let segment = 0; segment < segments; segment++) {
      const input = spec.segments ? { segment, totalSegments: segments } : {};
      this.schedules.push(
        new Schedule(this, segments === 1 ? 'Schedule' : `Schedule${segment}`, {
          description: segments === 1 ? spec.description : `${spec.description} [segment ${segment + 1}/${segments}]`,
          schedule: spec.schedule,
          timeWindow: TimeWindow.off(),
          target: new InvokeFunction(this.function.fn, {
            input: ScheduleTargetInput.fromObject(input),
            deadLetterQueue: this.deadLetterQueue,
            retryAttempts: spec.scheduleRetries,
            maxEventAge: spec.scheduleMaxAge,
          }),
        }),
      );
    }
  }
}
