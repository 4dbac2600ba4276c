import type { StepWrite } from '../../shared/approvals/step-write';
import { StaleVersion } from '../../shared/errors';
import { keys } from './keys';
import { UnitRosters, type RosterStatusChange } from './unit-roster';
import { TransactionCancelled, type Table, type TransactItem } from './table';

type Versioned = { version: number; updatedAt: string };

/**
 * The one transaction shape of a workflow step (ClosureRepository, ApprovalRequestRepository):
 * the record's versioned Put, the account's side of the step if it has one, the audit entries.
 */

/** What each action of a step's transaction writes, in order (to tell which one a cancellation names). */
export type StepAction = 'record' | 'account' | 'audit';

/** The actions of one step, and what each writes. */
export function stepActions<T extends Versioned>(table: Table, item: Record<string, unknown>, w: StepWrite<T>): { items: TransactItem[]; actions: StepAction[] } {
  const items: TransactItem[] = [table.versionedPut(item, w.before?.version ?? null)];
  const actions: StepAction[] = ['record'];
  if (w.account.accountStatus || w.account.duplicateException) {
    items.push(accountChange(table, w));
    actions.push('account');
  }

  for (const a of w.audit) {
    items.push(table.auditPut(a));
    actions.push('audit');
  }
  return { items, actions };
}

/**
 * Writes one step. The record's version moved meanwhile → StaleVersion (so of N concurrent
 * decisions on one version exactly one lands); the account left `expectedStatus` →
 * `accountMoved()`, the repository's own Conflict.
 */
export async function writeStep<T extends Versioned>(table: Table, item: Record<string, unknown>, w: StepWrite<T>, accountMoved: () => Error): Promise<void> {
  const { items, actions } = stepActions(table, item, w);
  // Last, so the actions above keep their positions.
  items.push(...rosterChanges(table, [w]));
  try {
    await table.transactRetryingConflicts(items);
  } catch (err) {
    if (!(err instanceof TransactionCancelled)) throw err;
    if (err.failedAt(0)) throw new StaleVersion();
    if (actions[1] === 'account' && err.failedAt(1)) throw accountMoved();
    throw err;
  }
}

/** The roster entries the steps change (the account's status, a granted exception): one action per unit. */
export function rosterChanges(table: Table, ws: readonly StepWrite<unknown>[]): TransactItem[] {
  const byUnit = new Map<string, { unit: StepWrite<unknown>['account']; changes: RosterStatusChange[] }>();
  for (const { account } of ws) {
    if (!account.accountStatus && !account.duplicateException) continue;
    const key = `${account.regionCode}|${account.departmentId}`;
    const entry = byUnit.get(key) ?? { unit: account, changes: [] };
    entry.changes.push({ id: account.id, status: account.accountStatus, duplicateException: Boolean(account.duplicateException) });
    byUnit.set(key, entry);
  }
  const rosters = new UnitRosters(table);
  return [...byUnit.values()].map(({ unit, changes }) => rosters.status(unit, changes));
}

/**
 * The account's side of a step, written in the step's transaction: only if the account is
 * still in the status the step was decided on; bumps its version so an edit based on the
 * old state is refused.
 */
function accountChange<T extends Versioned>(table: Table, w: StepWrite<T>): TransactItem {
  const names: Record<string, string> = { '#s': 'status', '#u': 'updatedAt', '#v': 'version' };
  const values: Record<string, unknown> = { ':expected': w.account.expectedStatus, ':now': w.after.updatedAt, ':one': 1 };
  const sets = ['#u = :now'];
  if (w.account.accountStatus) {
    sets.push('#s = :s');
    values[':s'] = w.account.accountStatus;
  }
  if (w.account.duplicateException) {
    sets.push('#dx = :dx');
    names['#dx'] = 'duplicateException';
    values[':dx'] = true;
  }
  return {
    Update: {
      TableName: table.name,
      Key: keys.account(w.account.id),
      UpdateExpression: `SET ${sets.join(', ')} ADD #v :one`,
      ConditionExpression: 'attribute_exists(pk) AND #s = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
