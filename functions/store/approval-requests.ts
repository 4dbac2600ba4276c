import { Conflict, StaleVersion } from '../../shared/errors';
import type { ApprovalKind, ApprovalRequest } from '../../shared/approvals/requests';
import type { ApprovalRequestStore, RequestWrite } from '../../shared/approvals/service';
import type { ApprovalOutcome } from '../../shared/approvals/tiers';
import { accountStatusChange } from './account-status';
import { fromItem, keys } from './keys';
import { filterOf, TransactionCancelled, type Table, type TransactItem } from './table';

/** The stored item of a request; also used by the account repository when a registration opens one. */
export function approvalRequestItem(r: ApprovalRequest): Record<string, unknown> {
  return { ...keys.approvalRequest(r.id), ...keys.approvalRequestIndex(r.regionCode, r.departmentId, r.requestedAt, r.id), ...r };
}

export class ApprovalRequestRepository implements ApprovalRequestStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const item = await this.table.get(keys.approvalRequest(id));
    return item ? fromItem<ApprovalRequest>(item) : undefined;
  }

  /** Request, account effect and audit entries in one transaction, conditional on the request's version. */
  async write(w: RequestWrite): Promise<void> {
    const items: TransactItem[] = [this.table.versionedPut(approvalRequestItem(w.after), w.before?.version ?? null)];
    const changesAccount = Boolean(w.effect.accountStatus || w.effect.duplicateException);
    if (changesAccount) {
      items.push(
        accountStatusChange(
          this.table,
          w.effect.accountId,
          { ...(w.effect.accountStatus ? { status: w.effect.accountStatus } : {}), ...(w.effect.duplicateException ? { duplicateException: true as const } : {}) },
          w.effect.expectedStatus,
          w.after.updatedAt,
        ),
      );
    }
    items.push(...w.audit.map((a) => this.table.auditPut(a)));
    try {
      await this.table.transact(items);
    } catch (err) {
      if (!(err instanceof TransactionCancelled)) throw err;
      if (err.failedAt(0)) throw new StaleVersion();
      if (changesAccount && err.failedAt(1)) throw new Conflict('account_status_changed', '账号状态已被他人修改，请刷新后重试');
      throw err;
    }
  }

  async list(
    scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
    filter: { status?: ApprovalOutcome; kind?: ApprovalKind },
    limit: number,
    cursor?: string,
  ) {
    const q = 'departmentId' in scope ? keys.approvalRequestsInDepartment(scope.regionCode, scope.departmentId) : keys.approvalRequestsInRegion(scope.regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter: filterOf([
        { attribute: 'status', value: filter.status },
        { attribute: 'kind', value: filter.kind },
      ]),
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<ApprovalRequest>(i)), cursor: page.cursor };
  }
}
