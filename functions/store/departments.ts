import type { AuditEntry } from '../../shared/audit/audit';
import { Conflict } from '../../shared/errors';
import type { DepartmentStore } from '../../shared/registry/registry';
import type { Department } from '../../shared/registry/schemas';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Page, type Table } from './table';

export class DepartmentRepository implements DepartmentStore {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Department | undefined> {
    const item = await this.table.get(keys.department(id));
    return item ? fromItem<Department>(item) : undefined;
  }

  async create(dept: Department, audit: AuditEntry): Promise<void> {
    // A name guard keeps one department per name per region, so imports and the UI cannot create twins.
    const guard = { ...keys.departmentNameGuard(dept.regionCode, dept.name), departmentId: dept.id };
    try {
      await this.table.transact([
        this.table.put({ ...keys.department(dept.id), ...keys.departmentIndex(dept.regionCode, dept.id), ...dept }, 'attribute_not_exists(pk)'),
        this.table.put(guard, 'attribute_not_exists(pk)'),
        this.table.auditPut(audit),
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(1)) {
        throw new Conflict('department_exists', `本地区已有同名主办单位“${dept.name}” (department already exists)`, { name: dept.name });
      }
      throw err;
    }
  }

  /** Every department of a region prefix (consolidation, imports). */
  async listAll(regionPrefix: string): Promise<Department[]> {
    const q = keys.departmentsInRegion(regionPrefix);
    const items = await this.table.all({ index: 'gsi1', partition: { name: 'gsi1pk', value: q.gsi1pk }, sortPrefix: { name: 'gsi1sk', value: q.prefix } });
    return items.map((i) => fromItem<Department>(i));
  }

  async listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<Department>> {
    const q = keys.departmentsInRegion(regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<Department>(i)), cursor: page.cursor };
  }
}
