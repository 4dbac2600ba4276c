import type { Closure, ClosureStatus } from '../../shared/closure/closure';
import type { ClosureStore, ClosureWrite } from '../../shared/closure/service';
import { Conflict, StaleVersion } from '../../shared/errors';
import { fromItem, keys } from './keys';
import { rosterChanges, stepActions, writeStep, type StepAction } from './step-write';
import { filterOf, TransactionCancelled, type Table, type TransactItem } from './table';

/** TransactWriteItems takes at most 100 actions. */
const MAX_TRANSACTION_ACTIONS = 100;

export class ClosureRepository implements ClosureStore {
  constructor(private readonly table: Table) {}

  private toItem(c: Closure) {
    return {
      ...keys.closure(c.id),
      ...keys.closureRegionIndex(c.regionCode, c.departmentId, c.requestedAt, c.id),
      ...keys.closureAccountIndex(c.accountId, c.requestedAt, c.id),
      ...c,
    };
  }

  async get(id: string): Promise<Closure | undefined> {
    const item = await this.table.get(keys.closure(id));
    return item ? fromItem<Closure>(item) : undefined;
  }

  /**
   * Closure, account status and audit entries in one transaction. The closure's version
   * condition is what makes N concurrent decisions on one version yield one transition.
   */
  write(w: ClosureWrite): Promise<void> {
    return writeStep(this.table, this.toItem(w.after), w, () =>
      w.before
        ? new Conflict('account_status_changed', '账号状态已被他人修改，请刷新后重试')
        : new Conflict('closure_exists', '该账号已有进行中的关停申请或不处于正常运行状态 (account is not active)'),
    );
  }

  /**
   * New closures in one transaction: all are written or none. Each is its versioned Put,
   * its account's status change (conditional on `active`) and its audit entries; the
   * caller keeps the total within DynamoDB's 100 actions per transaction.
   */
  async createAll(ws: ClosureWrite[]): Promise<void> {
    const items: TransactItem[] = [];
    const owners: StepAction[] = [];
    for (const w of ws) {
      if (w.before) throw new Error('createAll writes new closures only');
      const step = stepActions(this.table, this.toItem(w.after), w);
      items.push(...step.items);
      owners.push(...step.actions);
    }
    if (items.length > MAX_TRANSACTION_ACTIONS) {
      throw new Error(`createAll: ${items.length} actions exceed one transaction (${MAX_TRANSACTION_ACTIONS})`);
    }
    if (!items.length) return;
    // The rosters of the accounts' units ride along when they fit; a plan that fills the transaction
    // has them written right after it (they then only lag the closures' status by that moment).
    const rosters = rosterChanges(this.table, ws);
    const inline = items.length + rosters.length <= MAX_TRANSACTION_ACTIONS;
    try {
      await this.table.transactRetryingConflicts(inline ? [...items, ...rosters] : items);
      if (!inline) for (const roster of rosters) await this.table.transactRetryingConflicts([roster]);
    } catch (err) {
      if (!(err instanceof TransactionCancelled)) throw err;
      const failed = owners.filter((_, i) => err.failedAt(i));
      if (failed.includes('account')) {
        throw new Conflict('closure_exists', '该账号已有进行中的关停申请或不处于正常运行状态 (account is not active)');
      }
      if (failed.includes('record')) throw new StaleVersion();
      // Another transaction was changing one of the accounts at that moment; nothing of this one was written.
      if (err.reasons.includes('TransactionConflict')) throw new Conflict('account_status_changed', '账号状态已被他人修改，请刷新后重试 (account status changed meanwhile)');
      throw err;
    }
  }

  async list(
    scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
    status: ClosureStatus | undefined,
    limit: number,
    cursor?: string,
  ) {
    const q = 'departmentId' in scope ? keys.closuresInDepartment(scope.regionCode, scope.departmentId) : keys.closuresInRegion(scope.regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter: filterOf([{ attribute: 'status', value: status }]),
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<Closure>(i)), cursor: page.cursor };
  }

  /** Closures of one account, oldest first (the account page). */
  async ofAccount(accountId: string): Promise<Closure[]> {
    const items = await this.table.all({ index: 'gsi2', partition: { name: 'gsi2pk', value: keys.closuresOfAccount(accountId).gsi2pk } });
    return items.map((i) => fromItem<Closure>(i));
  }
}
