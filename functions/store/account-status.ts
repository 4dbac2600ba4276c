import type { Account } from '../../shared/registry/schemas';
import { keys } from './keys';
import type { Table, TransactItem } from './table';

/**
 * The account's side of a workflow outcome (closure step, opening, exception), written in
 * the workflow's transaction: only if the account is still in the status the step was
 * decided on; bumps the version so an edit based on the old state is refused.
 */
export function accountStatusChange(
  table: Table,
  accountId: string,
  change: { status?: Account['status']; duplicateException?: true },
  expectedStatus: Account['status'],
  now: string,
): TransactItem {
  const names: Record<string, string> = { '#s': 'status', '#u': 'updatedAt', '#v': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedStatus, ':now': now, ':one': 1 };
  const sets = ['#u = :now'];
  if (change.status) {
    sets.push('#s = :s');
    values[':s'] = change.status;
  }
  if (change.duplicateException) {
    sets.push('#dx = :dx');
    names['#dx'] = 'duplicateException';
    values[':dx'] = true;
  }
  return {
    Update: {
      TableName: table.name,
      Key: keys.account(accountId),
      UpdateExpression: `SET ${sets.join(', ')} ADD #v :one`,
      ConditionExpression: 'attribute_exists(pk) AND #s = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
