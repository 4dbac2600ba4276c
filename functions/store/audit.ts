import type { AuditEntry, EntityType } from '../../shared/audit/audit';
import { fromItem, keys } from './keys';
import type { Page, Table } from './table';

const AUDITED_TYPES: EntityType[] = ['account', 'department', 'closure', 'scheduled_post', 'inspection', 'approval_request', 'profile', 'import'];

export class AuditRepository {
  constructor(private readonly table: Table) {}

  /** One entity's history, newest first. */
  async ofEntity(type: string, id: string, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const page = await this.table.page({
      partition: { name: 'pk', value: keys.auditOfEntity(type, id).pk },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<AuditEntry>(i)), cursor: page.cursor };
  }

  /** One entity's history when only its id is known: every entity type, newest first. */
  async ofId(id: string, limit: number): Promise<AuditEntry[]> {
    const pages = await Promise.all(AUDITED_TYPES.map((type) => this.ofEntity(type, id, limit)));
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
      .slice(0, limit);
  }

  /** A region's trail, newest first; region prefix (and department, for department roles) as a filter. */
  async inRegion(regionPrefix: string, departmentId: string | undefined, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const names: Record<string, string> = { '#r': 'regionCode' };
    const values: Record<string, unknown> = { ':r': regionPrefix };
    let expression = 'begins_with(#r, :r)';
    if (departmentId) {
      names['#d'] = 'departmentId';
      values[':d'] = departmentId;
      expression += ' AND #d = :d';
    }
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: keys.auditInRegion(regionPrefix).gsi1pk },
      filter: { expression, names, values },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<AuditEntry>(i)), cursor: page.cursor };
  }
}
