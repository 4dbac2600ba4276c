import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { Policy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * Per-account platform credentials live in Secrets Manager, one secret per
 * account named `<prefix><accountId>` (functions/connectors/credentials.ts).
 * Readers (the dispatcher, the fetcher) may read them; the writer (the
 * credentials function behind PUT /api/v1/accounts/{id}/credentials) may
 * create, replace and schedule the deletion of them but never read one back. Both are confined to the stage's
 * prefix, in a policy of their own so the one wildcard is acknowledged there.
 */
export const CREDENTIALS_ACCESS = {
  read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  write: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:TagResource', 'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret'],
} as const;

export function grantCredentials(scope: Construct, id: string, role: IRole, prefix: string, access: keyof typeof CREDENTIALS_ACCESS): Policy {
  const stack = Stack.of(scope);
  const policy = new Policy(scope, id, {
    statements: [
      new PolicyStatement({
        actions: [...CREDENTIALS_ACCESS[access]],
        resources: [stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${prefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    ],
  });
  policy.attachToRole(role);
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  acknowledge(
    policy,
    `AwsSolutions-IAM5[Resource::arn:${partition}:secretsmanager:${region}:<AWS::AccountId>:secret:${prefix}*]`,
    `Platform credentials are one secret per GovMedia account (${prefix}<accountId>), created at run time by an administrator, so their names are unknown at synth time. ` +
      `The wildcard is confined to this stage's prefix; this policy ${access === 'read' ? 'only reads (GetSecretValue, DescribeSecret)' : 'writes and schedules deletion (30-day recovery) but cannot read a secret back'}.`,
  );
  return policy;
}
