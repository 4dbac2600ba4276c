import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/store/table-definition';

/**
 * The DynamoDB actions each kind of caller may use. There is no wildcard and
 * no DeleteItem anywhere: nothing in GovMedia is deleted (closures archive,
 * the audit trail is append-only, idempotency records expire by TTL).
 * Transactions need no action of their own: TransactWriteItems is authorised
 * by the Put/Update/ConditionCheck actions of its items, TransactGetItems by
 * GetItem. BatchWriteItem is the one action that could carry a delete
 * request; it is granted only where bulk ingestion needs it.
 */
export const TABLE_ACCESS = {
  /** The HTTP API: request-scoped reads and writes, never a Scan. */
  api: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchWriteItem'],
  /**
   * The credentials routes: read the account and the marker (GetItem), write the marker and
   * its audit entry in one transaction (two Puts). Nothing else: no Query, no Update.
   */
  credentials: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  /** The daily sweep grades every account: it may Scan. */
  sweep: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
  ],
  /** The dispatcher finds due posts by index and moves them on; PutItem only for the audit entry in the same transaction. */
  dispatch: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  /**
   * The notify job reads due deliveries by index and the channel markers, re-puts each delivery
   * conditional on its version, and keeps one channel's lease and send log with a conditional Update.
   */
  notify: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** The fetcher walks all accounts with a connector and ingests posts and metrics in bulk. */
  fetch: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
  ],
} as const satisfies Record<string, readonly `dynamodb:${string}`[]>;

export type TableAccess = keyof typeof TABLE_ACCESS;

const READ_ONLY = new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan']);

/**
 * The single table, built from functions/store/table-definition.ts so the
 * deployed table and DynamoDB Local cannot drift.
 *
 * TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: adding a replica
 * region for disaster recovery later is then a property change instead of a
 * table replacement, which matters for a table that is never deleted.
 *
 * Encryption with a customer-managed KMS key (annual rotation on): the
 * operator owns the key policy, every use shows in CloudTrail with the
 * caller, and disabling the key is a documented emergency stop for the data.
 * The AWS-managed key would give none of these; the cost is one key a month.
 */
export class Data extends Construct {
  readonly table: TableV2;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'TableKey', {
      description: 'GovMedia: encrypts the DynamoDB table (registry, posts, audit trail)',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // A retained table whose key was deleted is unreadable: the key lives as long as the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      // Government records: the table outlives any stack, in every stage.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The exact ARNs a caller may touch: the table and its named indexes (no `index/*`). */
  resourceArns(): string[] {
    return [this.table.tableArn, ...GLOBAL_INDEXES.map((g) => `${this.table.tableArn}/index/${g.indexName}`)];
  }

  /** Grants exactly the actions of `access` on the table and its indexes, and the key use DynamoDB needs for them. */
  grant(grantee: IGrantable, access: TableAccess): void {
    const actions = [...TABLE_ACCESS[access]];
    const name = `${access[0]!.toUpperCase()}${access.slice(1)}`;
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: `Table${name}`, actions, resources: this.resourceArns() }));
    const writes = actions.some((a) => !READ_ONLY.has(a));
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `TableKey${name}`,
        actions: writes
          ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo']
          : ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [this.key.keyArn],
        // Only through DynamoDB in this region: the function cannot use the key directly.
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
  }
}
