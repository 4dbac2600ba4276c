import type { AccountLinkCheck, LinkCheckStore } from '../../shared/links/check';
import { fromItem, keys } from './keys';
import type { Table } from './table';

/** The last link check of an account (shared/links/check.ts): one item beside the account, replaced by each run. */
export class LinkCheckRepository implements LinkCheckStore {
  constructor(private readonly table: Table) {}

  async get(accountId: string): Promise<AccountLinkCheck | undefined> {
    const item = await this.table.get(keys.linkCheck(accountId), false);
    return item ? fromItem<AccountLinkCheck>(item) : undefined;
  }

  async put(check: AccountLinkCheck): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.linkCheck(check.accountId), ...check })]);
  }
}
