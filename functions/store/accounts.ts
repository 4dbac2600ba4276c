import type { AuditEntry } from '../../shared/audit/audit';
import { Conflict, StaleVersion } from '../../shared/errors';
import type { AccountStore } from '../../shared/registry/registry';
import { PLATFORM_NAMES_ZH, type Account, type AccountQuery, type Platform } from '../../shared/registry/schemas';
import { normaliseUrl } from '../../shared/registry/links';
import type { UnitPeer } from '../../shared/assessment/refresh';
import { settleAll } from '../../shared/util/concurrency';
import { fromItem, keys } from './keys';
import { approvalRequestItem } from './approval-requests';
import type { ApprovalRequest } from '../../shared/approvals/requests';
import { rosterChanged, UnitRosters } from './unit-roster';
import { filterOf, TransactionCancelled, type Page, type Table, type TransactItem } from './table';

/** Fields a person (or the closure workflow) changes under version control. */
const PERSON_FIELDS = [
  'platform', 'handle', 'name', 'departmentId', 'regionCode', 'url', 'verifiedSubject', 'purpose', 'interactionEnabled',
  'contacts', 'serviceLinks', 'openedAt', 'operator', 'status', 'updatedAt', 'lastValidatedAt', 'version', 'closedAt',
  'fakeEngagementConfirmed', 'filingPendingSince', 'filedAt', 'filingNumber', 'appFeatures',
] as const;
type DerivedField = 'flags' | 'lastPostAt' | 'postCount' | 'latestGrade';

/** How long an import's handle reservation lives if the import dies before committing (TTL then removes it). */
const RESERVATION_SECONDS = 15 * 60;
/** TransactWriteItems takes 100 actions: 100 guards per reservation, 33 accounts (3 actions each) per commit. */
const RESERVE_CHUNK = 100;
const COMMIT_CHUNK = 33;
/** Transactions of one import in flight at once. */
const IMPORT_CONCURRENCY = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The guard is keyed on the handle's identity, so a taken guard means the same handle or a look-alike of
 * it on this platform. The message names the platform and the caller's own handle, never the other account.
 */
const handleTaken = (a: Pick<Account, 'platform' | 'handle'>) =>
  new Conflict(
    'handle_taken',
    `该平台账号已登记：${PLATFORM_NAMES_ZH[a.platform] ?? a.platform}（${a.platform}）上已有与“${a.handle}”相同或形近易混淆的账号 (a ${a.platform} account with this handle or a look-alike of it is already registered)`,
    { platform: a.platform, handle: a.handle },
  );

export class AccountRepository implements AccountStore {
  /** The units' rosters, written in the same transaction as the accounts they list. */
  readonly rosters: UnitRosters;

  constructor(private readonly table: Table) {
    this.rosters = new UnitRosters(table);
  }

  toItem(a: Account): Record<string, unknown> {
    const normalUrl = a.url ? normaliseUrl(a.url) : undefined;
    return {
      ...keys.account(a.id),
      ...keys.accountIndex(a.regionCode, a.departmentId, a.id),
      ...keys.accountSweepIndex(a.id),
      // Public verification by link: the URL's normal form (pattern V1); absent without a URL.
      ...(normalUrl ? keys.accountUrlIndex(normalUrl, a.id) : {}),
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

  /** Many accounts by id, in batches of 100 (BatchGetItem); missing ids are left out, order is not kept. */
  async getMany(ids: readonly string[]): Promise<Account[]> {
    const items = await this.table.getMany(ids.map((id) => keys.account(id)), { concurrency: 2 });
    return items.map((i) => fromItem<Account>(i));
  }

  async create(account: Account, audit: AuditEntry, opening?: { request: ApprovalRequest; audit: AuditEntry }): Promise<void> {
    try {
      await this.table.transactRetryingConflicts([
        this.table.put(this.toItem(account), 'attribute_not_exists(pk)'),
        this.table.put({ ...keys.handleGuard(account.platform, account.handle), accountId: account.id }, 'attribute_not_exists(pk)'),
        this.table.auditPut(audit),
        ...(opening ? [this.table.put(approvalRequestItem(opening.request), 'attribute_not_exists(pk)'), this.table.auditPut(opening.audit)] : []),
        this.rosters.put(account),
      ]);
    } catch (err) {
      if (err instanceof TransactionCancelled && err.failedAt(1)) throw handleTaken(account);
      throw err;
    }
  }

  /** Version-checked replace; moves the handle guard when platform or handle changed. */
  async update(before: Account, after: Account, audit: AuditEntry, extra: TransactItem[] = []): Promise<void> {
    const items: TransactItem[] = [this.versionedPut(after, before.version), this.table.auditPut(audit), ...extra];
    const newGuard = keys.handleGuard(after.platform, after.handle);
    const handleMoved = keys.handleGuard(before.platform, before.handle).pk !== newGuard.pk;
    if (handleMoved) {
      items.push(this.table.put({ ...newGuard, accountId: after.id }, 'attribute_not_exists(pk)'));
      for (const Key of await this.ownGuards(before)) {
        items.push({
          Delete: { TableName: this.table.name, Key, ConditionExpression: 'accountId = :id', ExpressionAttributeValues: { ':id': before.id } },
        });
      }
    }
    if (rosterChanged(before, after)) {
      const moved = before.regionCode !== after.regionCode || before.departmentId !== after.departmentId;
      items.push(...(moved ? [this.rosters.remove(before)] : []), this.rosters.put(after));
    }
    try {
      await this.table.transactRetryingConflicts(items);
    } catch (err) {
      if (err instanceof TransactionCancelled) {
        if (err.failedAt(0)) throw new StaleVersion();
        if (handleMoved && err.failedAt(2 + extra.length)) throw handleTaken(after);
      }
      throw err;
    }
  }

  /**
   * The account registered under this (platform, handle) identity, by the same guard lookup as
   * registration (the identity key, then the pre-identity lower-case key); a reservation of an
   * import not yet committed finds no account. Public verification's handle lookup.
   */
  async findByHandle(platform: Platform, handle: string): Promise<Account | undefined> {
    const current = keys.handleGuard(platform, handle);
    const legacy = keys.legacyHandleGuard(platform, handle);
    for (const key of legacy.pk === current.pk ? [current] : [current, legacy]) {
      const guard = await this.table.get(key);
      if (typeof guard?.accountId !== 'string') continue;
      const account = await this.get(guard.accountId);
      if (account && account.platform === platform) return account;
    }
    return undefined;
  }

  /** Accounts whose stored URL has this normal form (gsi2, pattern V1). */
  async findByUrl(normalisedUrl: string): Promise<Account[]> {
    const items = await this.table.all({ index: 'gsi2', partition: { name: 'gsi2pk', value: keys.accountsWithUrl(normalisedUrl).gsi2pk } });
    return items.map((i) => fromItem<Account>(i));
  }

  /**
   * The guard items that hold this account's handle. For an ASCII handle that is exactly its guard key; an
   * account registered before handle identity with a non-ASCII handle may hold its guard under the old
   * lower-case key instead (docs/decisions.md, "Handle identity"), so both are looked up and only those
   * pointing at this account are returned (another account's guard is never deleted).
   */
  private async ownGuards(account: Account): Promise<{ pk: string; sk: string }[]> {
    const current = keys.handleGuard(account.platform, account.handle);
    const legacy = keys.legacyHandleGuard(account.platform, account.handle);
    if (legacy.pk === current.pk) return [current];
    const found = await Promise.all([current, legacy].map(async (key) => ((await this.table.get(key))?.accountId === account.id ? [key] : [])));
    return found.flat();
  }

  /**
   * One-off migration for accounts registered before handle identity (docs/decisions.md, "Handle
   * identity"). An ASCII handle's guard key did not change, so it is skipped; an account whose guard sits
   * under the old lower-case key gets it under its identity and the old item is removed. Two old accounts
   * that now share one identity cannot both hold it: the first keeps it, the others are reported (a person
   * resolves them by consolidation or a handle correction). Safe to run again.
   */
  async rekeyLegacyHandleGuards(): Promise<{ checked: number; rekeyed: string[]; conflicts: { accountId: string; heldBy: string }[] }> {
    const report = { checked: 0, rekeyed: [] as string[], conflicts: [] as { accountId: string; heldBy: string }[] };
    for await (const page of this.scanSegment(0, 1)) {
      for (const account of page) {
        report.checked++;
        const current = keys.handleGuard(account.platform, account.handle);
        const legacy = keys.legacyHandleGuard(account.platform, account.handle);
        if (current.pk === legacy.pk) continue;
        const held = await this.table.get(current);
        if (held && held.accountId !== account.id) {
          report.conflicts.push({ accountId: account.id, heldBy: String(held.accountId) });
          continue;
        }
        if (!held) {
          try {
            await this.table.transact([this.table.put({ ...current, accountId: account.id }, 'attribute_not_exists(pk)')]);
          } catch (err) {
            if (!(err instanceof TransactionCancelled)) throw err;
            const winner = await this.table.get(current);
            if (winner?.accountId !== account.id) {
              report.conflicts.push({ accountId: account.id, heldBy: String(winner?.accountId) });
              continue;
            }
          }
          report.rekeyed.push(account.id);
        }
        await this.table.deleteIf(legacy, 'accountId = :id', undefined, { ':id': account.id });
      }
    }
    return report;
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
    for (const field of new Set([...PERSON_FIELDS, '_search', 'gsi1sk', 'gsi2pk', 'gsi2sk'])) {
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
    const filter = filterOf([
      { attribute: 'platform', value: filters.platform },
      { attribute: 'status', value: filters.status },
      { attribute: '_flagTypes', op: 'contains', value: filters.flag },
      { attribute: '_search', op: 'contains', value: filters.q?.toLowerCase() },
    ]);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      filter,
      limit,
      cursor,
    });
    return { items: page.items.map((i) => fromItem<Account>(i)), cursor: page.cursor };
  }

  /** One segment of a parallel Scan over the sparse account index: the sweep's way through every account. */
  async *scanSegment(segment: number, totalSegments: number): AsyncGenerator<Account[]> {
    for await (const items of this.table.scanSegment('gsi3', segment, totalSegments)) yield items.map((i) => fromItem<Account>(i));
  }

  /** Every account of one department (sibling names for grading, duplicate checks). */
  async allInDepartment(regionCode: string, departmentId: string): Promise<Account[]> {
    const q = keys.accountsInDepartment(regionCode, departmentId);
    const items = await this.table.all({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
    });
    return items.map((i) => fromItem<Account>(i));
  }

  /**
   * The unit's accounts as registry-derived flags need them at a registry write (id, platform,
   * name, handle, status, duplicate exception): one item, the unit's roster (decision 38). A unit
   * without a whole roster yet is queried (a projection, not whole items: a sibling's stored
   * duplicate evidence lists the unit's other accounts) and its roster built from the answer.
   */
  async unitOf(regionCode: string, departmentId: string): Promise<UnitPeer[]> {
    const roster = await this.rosters.read(regionCode, departmentId);
    if (roster.peers) return roster.peers;
    const queried = await this.queryUnit(regionCode, departmentId);
    await this.rosters.build(regionCode, departmentId, roster.seen, queried);
    return queried;
  }

  private async queryUnit(regionCode: string, departmentId: string): Promise<UnitPeer[]> {
    const q = keys.accountsInDepartment(regionCode, departmentId);
    const items = await this.table.all({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      sortPrefix: { name: 'gsi1sk', value: q.prefix },
      projection: ['id', 'platform', 'name', 'handle', 'status', 'duplicateException'],
    });
    return items.map((i) => {
      const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...peer } = i as UnitPeer & { pk?: string; sk?: string; gsi1pk?: string; gsi1sk?: string };
      return peer;
    });
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
