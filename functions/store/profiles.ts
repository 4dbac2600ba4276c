import type { AuditEntry } from '../../shared/audit/audit';
import { Conflict } from '../../shared/errors';
import type { ProfileStore, RegionProfileAssignment, StoredProfile } from '../../shared/profiles/catalog';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Table } from './table';

export class ProfileRepository implements ProfileStore {
  constructor(private readonly table: Table) {}

  async versions(name: string): Promise<StoredProfile[]> {
    const items = await this.table.all({ partition: { name: 'pk', value: keys.profileVersions(name).pk } });
    return items.map((i) => fromItem<StoredProfile>(i));
  }

  async all(): Promise<StoredProfile[]> {
    const items = await this.table.all({ index: 'gsi1', partition: { name: 'gsi1pk', value: keys.allProfiles().gsi1pk } });
    return items.map((i) => fromItem<StoredProfile>(i));
  }

  async add(entry: StoredProfile, audit: AuditEntry): Promise<void> {
    const { name, version } = entry.profile;
    try {
      await this.table.transact([
        this.table.put({ ...keys.profile(name, version), ...keys.profileIndex(name, version), ...entry }, 'attribute_not_exists(pk)'),
        this.table.auditPut(audit),
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(0)) {
        throw new Conflict('profile_version_exists', `规则配置 ${name} v${version} 已存在（已有版本不可修改）`, { name, version });
      }
      throw err;
    }
  }

  async assignment(regionCode: string): Promise<RegionProfileAssignment | undefined> {
    const item = await this.table.get(keys.regionProfile(regionCode));
    return item ? fromItem<RegionProfileAssignment>(item) : undefined;
  }

  /** The assignments of several regions in one BatchGetItem, in the order asked (undefined: none). */
  async assignments(regionCodes: readonly string[]): Promise<(RegionProfileAssignment | undefined)[]> {
    const items = await this.table.getMany(regionCodes.map((code) => keys.regionProfile(code)));
    const byRegion = new Map(items.map((i) => fromItem<RegionProfileAssignment>(i)).map((a) => [a.regionCode, a]));
    return regionCodes.map((code) => byRegion.get(code));
  }

  async assign(assignment: RegionProfileAssignment, audit: AuditEntry): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.regionProfile(assignment.regionCode), ...assignment }), this.table.auditPut(audit)]);
  }
}
