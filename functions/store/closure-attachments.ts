import type { AuditEntry } from '../../shared/audit/audit';
import type { AttachmentRecordStore, ClosureAttachment } from '../../shared/closure/attachments';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** Attachment records of a closure, in the closure's partition; the bytes are in the AttachmentStore. */
export class ClosureAttachmentRepository implements AttachmentRecordStore {
  constructor(private readonly table: Table) {}

  async add(a: ClosureAttachment, audit: AuditEntry): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.closureAttachment(a.closureId, a.id), ...a }, 'attribute_not_exists(pk)'), this.table.auditPut(audit)]);
  }

  async list(closureId: string): Promise<ClosureAttachment[]> {
    const q = keys.closureAttachments(closureId);
    const items = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return items.map((i) => fromItem<ClosureAttachment>(i));
  }

  async get(closureId: string, id: string): Promise<ClosureAttachment | undefined> {
    const item = await this.table.get(keys.closureAttachment(closureId, id));
    return item ? fromItem<ClosureAttachment>(item) : undefined;
  }
}
