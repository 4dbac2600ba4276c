import type { AnnualExport, AnnualExportStore } from '../../shared/reports/service';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/**
 * Exports of the annual report (data-model pattern Y1): one item per region and year,
 * `ANNUAL#<regionCode>#<year>` / `E`, holding the first export; each later one adds to `exports`
 * and sets `lastAt`. Read by the January reminder (exported: no reminder).
 */
export class AnnualReportRepository implements AnnualExportStore {
  constructor(private readonly table: Table) {}

  async record(e: AnnualExport): Promise<boolean> {
    const key = keys.annualReportExport(e.regionCode, e.year);
    if (await this.table.putIfAbsent({ ...key, ...e, exports: 1, lastAt: e.at })) return true;
    await this.table.update(key, 'SET #n = #n + :one, #l = :at', { '#n': 'exports', '#l': 'lastAt' }, { ':one': 1, ':at': e.at });
    return false;
  }

  async first(regionCode: string, year: number): Promise<AnnualExport | undefined> {
    const item = await this.table.get(keys.annualReportExport(regionCode, year));
    if (!item) return undefined;
    const { exports: _n, lastAt: _l, ...first } = fromItem<AnnualExport & { exports: number; lastAt: string }>(item);
    return first;
  }
}
