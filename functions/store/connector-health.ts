import type { ConnectorHealth, ConnectorHealthStore } from '../../shared/connectors/health';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** What the fetch job last did for an account (shared/connectors/health.ts): one item beside the account. */
export class ConnectorHealthRepository implements ConnectorHealthStore {
  constructor(private readonly table: Table) {}

  async get(accountId: string): Promise<ConnectorHealth | undefined> {
    const item = await this.table.get(keys.connectorHealth(accountId), false);
    return item ? fromItem<ConnectorHealth>(item) : undefined;
  }

  async put(health: ConnectorHealth): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.connectorHealth(health.accountId), ...health })]);
  }
}
