import type { AuditEntry } from '../../shared/audit/audit';
import type { CredentialMarker, CredentialMarkerStore } from '../../shared/connectors/credentials';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/**
 * "This account has platform credentials in the vault" (patterns 18–19): the secret itself is
 * only in the vault. gsi1 lists the accounts of one platform that have credentials, which
 * the daily fetch job walks.
 */
export class CredentialMarkerRepository implements CredentialMarkerStore {
  constructor(private readonly table: Table) {}

  async get(accountId: string): Promise<CredentialMarker | undefined> {
    const item = await this.table.get(keys.credentialMarker(accountId));
    return item ? fromItem<CredentialMarker>(item) : undefined;
  }

  async put(marker: CredentialMarker, audit: AuditEntry): Promise<void> {
    await this.table.transact([
      // Only live credentials carry the index key, so the fetch job never picks a revoked one, nor an
      // authorisation the platform refused (it waits for the operator to authorise again).
      this.table.put({ ...keys.credentialMarker(marker.accountId), ...(marker.revokedAt || marker.lostAt ? {} : keys.credentialMarkerIndex(marker.platform, marker.accountId)), ...marker }),
      this.table.auditPut(audit),
    ]);
  }

  /** Ids of the accounts with credentials for `platform`. */
  async accountIds(platform: string): Promise<string[]> {
    const items = await this.table.all({ index: 'gsi1', partition: { name: 'gsi1pk', value: keys.accountsWithCredentials(platform).gsi1pk } });
    return items.map((i) => String(i.accountId));
  }
}
