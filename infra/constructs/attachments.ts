import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ATTACHMENT_OBJECT_PREFIX } from '../../functions/store/keys';
import { acknowledge } from '../nag';

export interface AttachmentsProps {
  /** Server access logs go here (the web construct's log bucket). */
  readonly logBucket: IBucket;
}

/** The two object actions the attachment routes use: upload and download, nothing else (no list, no delete). */
export const ATTACHMENT_ACTIONS = ['s3:PutObject', 's3:GetObject'] as const;

/**
 * Closure attachments (screenshots and files of stop-update notices and platform
 * cancellations, functions/attachments/s3.ts): government records, so the bucket is
 * private (Block Public Access, objects owned by the bucket), encrypted at rest (SSE-S3),
 * SSL-only, versioned, logged to the log bucket, and retained in every stage.
 */
export class Attachments extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/attachments/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets `role` put and get attachment objects (under `closures/` only), in a policy of its
   * own so the one object wildcard is acknowledged there and nowhere else.
   */
  grantReadWrite(scope: Construct, id: string, role: Role): Policy {
    const policy = new Policy(scope, id, {
      statements: [new PolicyStatement({ sid: 'ClosureAttachments', actions: [...ATTACHMENT_ACTIONS], resources: [this.bucket.arnForObjects(`${ATTACHMENT_OBJECT_PREFIX}*`)] })],
    });
    policy.attachToRole(role);
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${this.bucketLogicalId()}.Arn>/${ATTACHMENT_OBJECT_PREFIX}*]`,
      'Each attachment is its own object (closures/<closureId>/<attachmentId>, ids made at upload), so object actions need a key wildcard; ' +
        'it is limited to the closures/ prefix of this one bucket and to PutObject and GetObject (no list, no delete, no ACL or policy actions).',
    );
    return policy;
  }

  private bucketLogicalId(): string {
    return Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
  }
}
