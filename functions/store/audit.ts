import type { AuditEntry, EntityType } from '../../shared/audit/audit';
import type { AuditStoreFilter } from '../../shared/audit/log';
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

  /**
   * A region's trail, newest first; region prefix (and department, for department roles) as a
   * filter, narrowed by `filter` (shared/audit/log.ts matchesAudit): the date range on the
   * index's sort key (`<at>#<id>`), actor, action and entity type in the filter expression.
   */
  async inRegion(regionPrefix: string, departmentId: string | undefined, limit: number, cursor?: string, filter?: AuditStoreFilter): Promise<Page<AuditEntry>> {
    const names: Record<string, string> = { '#r': 'regionCode' };
    const values: Record<string, unknown> = { ':r': regionPrefix };
    const conditions = ['begins_with(#r, :r)'];
    if (departmentId) {
      names['#d'] = 'departmentId';
      values[':d'] = departmentId;
      conditions.push('#d = :d');
    }
    if (filter?.actor) {
      Object.assign(names, { '#ac': 'actor', '#as': 'sub', '#an': 'name' });
      values[':ac'] = filter.actor;
      conditions.push('(#ac.#as = :ac OR contains(#ac.#an, :ac))');
    }
    if (filter?.action) {
      names['#act'] = 'action';
      values[':act'] = filter.action;
      conditions.push('#act = :act');
    }
    if (filter?.type) {
      Object.assign(names, { '#en': 'entity', '#et': 'type' });
      values[':et'] = filter.type;
      conditions.push('#en.#et = :et');
    }
    // `<at>#<id>` sorts by instant; an entry at `until` exactly sorts above it, so the range is [since, until).
    const sortRange = filter?.since || filter?.until ? { name: 'gsi1sk', from: filter.since ?? '0', to: filter.until ?? '9' } : undefined;
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: keys.auditInRegion(regionPrefix).gsi1pk },
      ...(sortRange ? { sortRange } : {}),
      filter: { expression: conditions.join(' AND '), names, values },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<AuditEntry>(i)), cursor: page.cursor };
  }
}
