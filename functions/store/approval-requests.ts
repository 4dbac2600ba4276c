import { Conflict } from '../../shared/errors';
import type { ApprovalKind, ApprovalRequest } from '../../shared/approvals/requests';
import type { ApprovalRequestStore, RequestWrite } from '../../shared/approvals/service';
import type { ApprovalOutcome } from '../../shared/approvals/tiers';
import { fromItem, keys } from './keys';
import { writeStep } from './step-write';
import { filterOf, type Table } from './table';

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
  write(w: RequestWrite): Promise<void> {
    return writeStep(this.table, approvalRequestItem(w.after), w, () => new Conflict('account_status_changed', '账号状态已被他人修改，请刷新后重试'));
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
