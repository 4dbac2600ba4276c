import type { AuditEntry } from '../../shared/audit/audit';
import { Conflict, StaleVersion } from '../../shared/errors';
import type { AccountStore } from '../../shared/registry/registry';
import type { Account, AccountQuery } from '../../shared/registry/schemas';
import { fromItem, keys } from './keys';
import { TransactionCancelled, type Page, type Table, type TransactItem } from './table';

/** Fields a person (or the closure workflow) changes under version control. */
const PERSON_FIELDS = [
  'platform', 'handle', 'name', 'departmentId', 'regionCode', 'url', 'verifiedSubject', 'purpose', 'interactionEnabled',
  'contacts', 'serviceLinks', 'openedAt', 'operator', 'status', 'updatedAt', 'lastValidatedAt', 'version', 'closedAt',
] as const;
type DerivedField = 'flags' | 'lastPostAt' | 'postCount' | 'latestGrade';

const handleTaken = (a: Pick<Account, 'platform' | 'handle'>) =>
  new Conflict('handle_taken', `该平台账号已登记：${a.platform} / ${a.handle} (platform and handle already registered)`);

export class AccountRepository implements AccountStore {
  constructor(private readonly table: Table) {}

  toItem(a: Account): Record<string, unknown> {
    return {
      ...keys.account(a.id),
      ...keys.accountIndex(a.regionCode, a.departmentId, a.id),
      ...a,
      // Lower-case text for the name/handle search filter.
      _search: `${a.name}\u0000${a.handle}`.toLowerCase(),
      // Flag types as a top-level list so the flag filter is one `contains`.
      _flagTypes: a.flags.map((f) => f.type),
    };
  }

  async get(id: string): Promise<Account | undefined> {
    const item = await this.table.get(keys.account(id));
    return item ? fromItem<Account>(item) : undefined;
  }

  async create(account: Account, audit: AuditEntry): Promise<void> {
    try {
      await this.table.transact([
        this.table.put(this.toItem(account), 'attribute_not_exists(pk)'),
        this.table.put({ ...keys.handleGuard(account.platform, account.handle), accountId: account.id }, 'attribute_not_exists(pk)'),
        this.table.auditPut(audit),
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(1)) throw handleTaken(account);
      throw err;
    }
  }

  /** Version-checked replace; moves the handle guard when platform or handle changed. */
  async update(before: Account, after: Account, audit: AuditEntry, extra: TransactItem[] = []): Promise<void> {
    const items: TransactItem[] = [this.versionedPut(after, before.version), this.table.auditPut(audit), ...extra];
    const handleMoved =
      before.platform !== after.platform || before.handle.toLowerCase() !== after.handle.toLowerCase();
    if (handleMoved) {
      items.push(this.table.put({ ...keys.handleGuard(after.platform, after.handle), accountId: after.id }, 'attribute_not_exists(pk)'));
      items.push({
        Delete: {
          TableName: this.table.name,
          Key: keys.handleGuard(before.platform, before.handle),
          ConditionExpression: 'accountId = :id',
          ExpressionAttributeValues: { ':id': before.id },
        },
      });
    }
    try {
      await this.table.transact(items);
    } catch (err) {
      if (err instanceof TransactionCancelled) {
        if (err.failedAt(0)) throw new StaleVersion();
        if (handleMoved && err.failedAt(2 + extra.length)) throw handleTaken(after);
      }
      throw err;
    }
  }

  /**
   * A version-checked update of the fields a person edits (and status). Derived fields that ingest and
   * the sweep maintain (flags, lastPostAt, postCount, latestGrade) are left alone, so neither side
   * overwrites the other.
   */
  versionedPut(account: Account, expectedVersion: number): TransactItem {
    const item = this.toItem(account);
    const sets: string[] = [];
    const removes: string[] = [];
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    let n = 0;
    for (const field of new Set([...PERSON_FIELDS, '_search', 'gsi1sk'])) {
      const alias = `#f${n++}`;
      names[alias] = field;
      if (item[field] === undefined) removes.push(alias);
      else {
        sets.push(`${alias} = :v${n}`);
        values[`:v${n}`] = item[field];
      }
    }
    return {
      Update: {
        TableName: this.table.name,
        Key: keys.account(account.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** Derived fields written by ingest and the sweep: no version bump, no conflict with a person's edit. */
  async setDerived(id: string, fields: Partial<Pick<Account, DerivedField>>): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (!entries.length) return;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = entries.map(([k, v], i) => {
      names[`#d${i}`] = k;
      values[`:d${i}`] = v;
      return `#d${i} = :d${i}`;
    });
    if (fields.flags) {
      names['#ft'] = '_flagTypes';
      values[':ft'] = fields.flags.map((f) => f.type);
      sets.push('#ft = :ft');
    }
    await this.table.update(keys.account(id), `SET ${sets.join(', ')}`, names, values, 'attribute_exists(pk)');
  }

  async list(
    scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
    filters: Pick<AccountQuery, 'platform' | 'status' | 'flag' | 'q'>,
    limit: number,
    cursor?: string,
  ): Promise<Page<Account>> {
    const q = 'departmentId' in scope ? keys.accountsInDepartment(scope.regionCode, scope.departmentId) : keys.accountsInRegion(scope.regionPrefix);
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (filters.platform) {
      conditions.push('#platform = :platform');
      names['#platform'] = 'platform';
      values[':platform'] = filters.platform;
    }
    if (filters.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filters.status;
    }
    if (filters.flag) {
      conditions.push('contains(#flags, :flag)');
      names['#flags'] = '_flagTypes';
      values[':flag'] = filters.flag;
    }
    if (filters.q) {
      conditions.push('contains(#search, :q)');
      names['#search'] = '_search';
      values[':q'] = filters.q.toLowerCase();
    }
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter: conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined,
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<Account>(i)), cursor: page.cursor };
  }

  /** Every account of a region (reports, inspections, consolidation). */
  async allInRegion(regionPrefix: string): Promise<Account[]> {
    const q = keys.accountsInRegion(regionPrefix);
    const items = await this.table.all({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
    });
    return items.map((i) => fromItem<Account>(i));
  }
}
