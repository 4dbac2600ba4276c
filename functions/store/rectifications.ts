import type { AuditEntry } from '../../shared/audit/audit';
import { Conflict, StaleVersion } from '../../shared/errors';
import type { Rectification, RectificationItem, RectificationStatus } from '../../shared/supervision/rectification';
import { fromItem, keys } from './keys';
import { filterOf, TransactionCancelled, type Table, type TransactItem } from './table';

/** Stay well inside TransactWriteItems' 100 actions. */
const ITEMS_PER_TRANSACTION = 90;

/**
 * A notice (header) and its items in one partition; items also indexed by department (their
 * answerers' list), open notices in a sparse index (the daily job), one guard per inspection.
 */
export class RectificationRepository {
  constructor(private readonly table: Table) {}

  private headerItem(r: Rectification, status: RectificationStatus) {
    return {
      ...keys.rectification(r.id),
      ...keys.rectificationRegionIndex(r.regionCode, r.issuedAt, r.id),
      ...(status === 'open' ? keys.rectificationOpenIndex(r.id) : {}),
      ...r,
      status,
    };
  }

  private itemItem(i: RectificationItem, issuedAt: string) {
    const { status: _shown, ...stored } = i;
    return {
      ...keys.rectificationItem(i.rectificationId, i.id),
      ...keys.rectificationItemDepartmentIndex(i.departmentId, issuedAt, i.rectificationId, i.id),
      ...stored,
      issuedAt,
    };
  }

  async existsForInspection(inspectionId: string): Promise<boolean> {
    return (await this.table.get(keys.rectificationOfInspection(inspectionId))) !== undefined;
  }

  /** The notice issued from an inspection, through the inspection's guard (the 通报 quotes its due date). */
  async forInspection(inspectionId: string): Promise<(Rectification & { status: RectificationStatus }) | undefined> {
    const guard = await this.table.get(keys.rectificationOfInspection(inspectionId));
    return typeof guard?.rectificationId === 'string' ? this.get(guard.rectificationId) : undefined;
  }

  /**
   * Items first, then the header with the inspection's guard and the audit entry in one
   * transaction: until the header exists nothing of the notice is visible (the department
   * list keeps only items whose notice exists), and a second notice for one inspection fails
   * on the guard.
   */
  async create(r: Rectification, items: readonly RectificationItem[], audit: readonly AuditEntry[]): Promise<void> {
    for (let i = 0; i < items.length; i += ITEMS_PER_TRANSACTION) {
      await this.table.transact(items.slice(i, i + ITEMS_PER_TRANSACTION).map((it) => this.table.versionedPut(this.itemItem(it, r.issuedAt), null)));
    }
    const header: TransactItem[] = [
      this.table.put({ ...keys.rectificationOfInspection(r.inspectionId), rectificationId: r.id }, 'attribute_not_exists(pk)'),
      this.table.versionedPut(this.headerItem(r, 'open'), null),
      ...audit.map((a) => this.table.auditPut(a)),
    ];
    try {
      await this.table.transact(header);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(0)) {
        throw new Conflict('rectification_exists', '该次检查已下发整改通知 (a rectification notice for this inspection exists)');
      }
      throw err;
    }
  }

  async get(id: string): Promise<(Rectification & { status: RectificationStatus }) | undefined> {
    const item = await this.table.get(keys.rectification(id));
    return item ? fromItem<Rectification & { status: RectificationStatus }>(item) : undefined;
  }

  async items(id: string): Promise<RectificationItem[]> {
    const q = keys.rectificationItems(id);
    const items = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return items.map((i) => withoutIssuedAt(fromItem<RectificationItem & { issuedAt?: string }>(i)));
  }

  async item(id: string, itemId: string): Promise<RectificationItem | undefined> {
    const item = await this.table.get(keys.rectificationItem(id, itemId));
    return item ? withoutIssuedAt(fromItem<RectificationItem & { issuedAt?: string }>(item)) : undefined;
  }

  /** The item, conditional on the version it was read at, with its audit entries. */
  async writeItem(before: RectificationItem, after: RectificationItem, issuedAt: string, audit: readonly AuditEntry[]): Promise<void> {
    try {
      await this.table.transact([this.table.versionedPut(this.itemItem(after, issuedAt), before.version), ...audit.map((a) => this.table.auditPut(a))]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(0)) throw new StaleVersion();
      throw err;
    }
  }

  /** Recorded when the items say so (the notice's status is derived, and kept for lists). */
  async setStatus(r: Rectification, status: RectificationStatus): Promise<void> {
    await this.table.transact([this.table.put(this.headerItem(r, status), 'attribute_exists(pk)')]);
  }

  async listInRegion(regionPrefix: string, status: RectificationStatus | undefined, limit: number, cursor?: string) {
    const q = keys.rectificationsInRegion(regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter: filterOf([{ attribute: 'status', value: status }]),
      newestFirst: true,
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<Rectification & { status: RectificationStatus }>(i)), cursor: page.cursor };
  }

  /** A department's items, newest notice first. */
  async itemsOfDepartment(departmentId: string, limit: number, cursor?: string) {
    const page = await this.table.page({
      index: 'gsi2',
      partition: { name: 'gsi2pk', value: keys.rectificationItemsOfDepartment(departmentId).gsi2pk },
      newestFirst: true,
      limit,
      cursor,
    });
    return { items: page.items.map((i) => withoutIssuedAt(fromItem<RectificationItem & { issuedAt?: string }>(i))), cursor: page.cursor };
  }

  /** Every notice still open (the daily job's due and overdue notices). */
  async open(): Promise<(Rectification & { status: RectificationStatus })[]> {
    const items = await this.table.all({ index: 'gsi2', partition: { name: 'gsi2pk', value: keys.rectificationsOpen().gsi2pk } });
    return items.map((i) => fromItem<Rectification & { status: RectificationStatus }>(i));
  }

  async headers(ids: readonly string[]): Promise<Map<string, Rectification & { status: RectificationStatus }>> {
    const items = await this.table.getMany(ids.map((id) => keys.rectification(id)));
    return new Map(items.map((i) => [String(i.id), fromItem<Rectification & { status: RectificationStatus }>(i)]));
  }
}

function withoutIssuedAt(i: RectificationItem & { issuedAt?: string }): RectificationItem {
  const { issuedAt: _issuedAt, ...item } = i;
  return item;
}
