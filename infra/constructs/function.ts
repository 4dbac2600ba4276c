import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type ISecurityGroup, type IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/** The repository root (infra/constructs/ is two levels down). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * An ESM bundle that includes the AWS SDK needs `require` for the SDK's
 * CommonJS internals, or it fails at import with
 * "Dynamic require of node:https is not supported" (ARCHITECTURE.md).
 */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface GovMediaFunctionProps {
  /** Entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Log retention; prod keeps a year (the Cybersecurity Law asks for at least six months of logs). */
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly tracing: boolean;
  readonly reservedConcurrency?: number;
  /** Failed asynchronous invocations (after retries) land here. */
  readonly deadLetterQueue?: IQueue;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
  /** Run inside these private subnets (for a fixed egress IP). */
  readonly network?: { vpc: IVpc; securityGroup: ISecurityGroup };
}

/**
 * One Lambda function the GovMedia way: nodejs22.x on arm64, an ESM bundle
 * for node20 built by the local esbuild (never Docker), minified with
 * source maps, the SDK bundled (the version in package-lock.json, not
 * whatever the runtime carries), its own log group with a retention, and
 * its own role that starts with nothing but writing to that log group
 * (no AWSLambdaBasicExecutionRole, which would allow any log group).
 */
export class GovMediaFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GovMediaFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `GovMedia ${id}: runtime role (least privilege, see infra/constructs)`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        ...props.environment,
        // Stack traces point at the TypeScript source, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      ...(props.retryAttempts !== undefined ? { retryAttempts: props.retryAttempts } : {}),
      ...(props.maxEventAge ? { maxEventAge: props.maxEventAge } : {}),
      ...(props.network
        ? { vpc: props.network.vpc, vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [props.network.securityGroup] }
        : {}),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        bundleAwsSDK: true,
        externalModules: [],
        forceDockerBundling: false,
        tsconfig: join(REPO_ROOT, 'tsconfig.json'),
      },
    });

    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime fixed by the architecture decision (ARCHITECTURE.md): one ESM bundle targeting node20 runs locally on Node 20 and on Lambda, and the performance budgets are measured against it. ' +
        'It is a supported Lambda runtime on an LTS line; moving to a newer runtime is a deliberate, tested change, not a side effect of upgrading aws-cdk-lib.',
    );

    if (props.tracing) {
      // Tracing is switched on at the function resource and its permission kept in a
      // policy of its own, so the one unavoidable `Resource: *` is acknowledged on
      // that policy alone and cannot hide a wildcard anywhere else in the role.
      (this.fn.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
      const xray = new Policy(this, 'XRayPolicy', {
        statements: [new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
      });
      xray.attachToRole(this.role);
      this.fn.node.addDependency(xray);
      acknowledge(
        xray,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions (AWS service authorization reference), so Resource must be "*"; the policy grants only these two write-only telemetry actions.',
      );
    }

    if (props.network) {
      // What AWSLambdaVPCAccessExecutionRole would grant, without attaching a managed policy.
      // Lambda checks these when the function is created, hence the explicit dependency.
      const eni = new Policy(this, 'NetworkPolicy', {
        statements: [
          new PolicyStatement({
            actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
            resources: ['*'],
          }),
        ],
      });
      eni.attachToRole(this.role);
      this.fn.node.addDependency(eni);
      acknowledge(
        eni,
        'AwsSolutions-IAM5[Resource::*]',
        'The network-interface actions Lambda needs to attach a function to private subnets (the same set as the AWS managed AWSLambdaVPCAccessExecutionRole); the Describe actions support no resource-level permissions and Lambda manages the interfaces itself. Present only with -c staticEgress=true.',
      );
    }
  }
}
