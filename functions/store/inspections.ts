import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Inspection } from '../../shared/assessment/ports';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Grade } from '../../shared/grading/types';
import { fromItem, keys } from './keys';
import type { Page, Table } from './table';

type InspectionRecord = Omit<Inspection, 'results'>;

/**
 * An inspection is a header item plus one item per result, so a county's
 * hundreds of grades never approach the 400 KB item limit. Results are
 * written first; the header (with its audit entry) last, so a listed
 * inspection is always complete.
 */
export class InspectionRepository {
  constructor(private readonly table: Table) {}

  async save(inspection: Inspection, audit: AuditEntry): Promise<void> {
    const { results, ...header } = inspection;
    const items = results.map((g) => ({ ...keys.inspectionResult(inspection.id, g.accountId), ...g }));
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        const out = await this.table.doc.send(new BatchWriteCommand({ RequestItems: { [this.table.name]: pending } }));
        pending = (out.UnprocessedItems?.[this.table.name] ?? []) as typeof pending;
        if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      }
    }
    await this.table.transact([
      this.table.put({ ...keys.inspection(inspection.id), ...keys.inspectionIndex(header.regionCode, header.createdAt, header.id), ...header }, 'attribute_not_exists(pk)'),
      this.table.auditPut(audit),
    ]);
  }

  async get(id: string): Promise<Inspection | undefined> {
    const headerItem = await this.table.get(keys.inspection(id));
    if (!headerItem) return undefined;
    const q = keys.inspectionResults(id);
    const results = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return { ...fromItem<InspectionRecord>(headerItem), results: results.map((r) => fromItem<Grade>(r)) };
  }

  /** A region's inspections, newest first (headers only). */
  async listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<InspectionRecord>> {
    const q = keys.inspectionsInRegion(regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      filter: { expression: 'begins_with(#r, :r)', names: { '#r': 'regionCode' }, values: { ':r': regionPrefix } },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<InspectionRecord>(i)), cursor: page.cursor };
  }
}
