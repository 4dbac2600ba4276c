import type { Closure, ClosureStatus } from '../../shared/closure/closure';
import type { ClosureStore, ClosureWrite } from '../../shared/closure/service';
import { Conflict, StaleVersion } from '../../shared/errors';
import { accountStatusChange } from './account-status';
import { fromItem, keys } from './keys';
import { filterOf, TransactionCancelled, type Table, type TransactItem } from './table';

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
  async write(w: ClosureWrite): Promise<void> {
    const items: TransactItem[] = [this.table.versionedPut(this.toItem(w.after), w.before?.version ?? null)];
    const statusChanges = w.account.status !== w.account.expectedStatus;
    if (statusChanges) items.push(accountStatusChange(this.table, w.account.id, { status: w.account.status }, w.account.expectedStatus, w.after.updatedAt));
    items.push(...w.audit.map((a) => this.table.auditPut(a)));
    try {
      await this.table.transact(items);
    } catch (err) {
      if (!(err instanceof TransactionCancelled)) throw err;
      if (err.failedAt(0)) throw new StaleVersion();
      if (statusChanges && err.failedAt(1)) {
        throw new Conflict(
          w.before ? 'account_status_changed' : 'closure_exists',
          w.before ? '账号状态已被他人修改，请刷新后重试' : '该账号已有进行中的关停申请或不处于正常运行状态 (account is not active)',
        );
      }
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
