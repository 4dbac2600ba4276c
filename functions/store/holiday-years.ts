import type { AuditEntry } from '../../shared/audit/audit';
import type { HolidayYearStore, StoredHolidayYear } from '../../shared/time/holidays';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** The holiday years an admin entered (`HOLYEAR` / `<year>`): a handful of items, read whole by the calendar port. */
export class HolidayYearRepository implements HolidayYearStore {
  constructor(private readonly table: Table) {}

  async get(year: number): Promise<StoredHolidayYear | undefined> {
    const item = await this.table.get(keys.holidayYear(year));
    return item ? fromItem<StoredHolidayYear>(item) : undefined;
  }

  async all(): Promise<StoredHolidayYear[]> {
    const items = await this.table.all({ partition: { name: 'pk', value: keys.holidayYears().pk } });
    return items.map((i) => fromItem<StoredHolidayYear>(i));
  }

  async put(entry: StoredHolidayYear, audit: AuditEntry): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.holidayYear(entry.year), ...entry }), this.table.auditPut(audit)]);
  }
}
