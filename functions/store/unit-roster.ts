import type { UnitPeer } from '../../shared/assessment/refresh';
import type { Account, AccountStatus, Platform } from '../../shared/registry/schemas';
import { keys } from './keys';
import { TransactionCancelled, type Table, type TransactItem } from './table';

/**
 * The unit's roster (pattern U1, decision 38): one item per unit (region, department) holding
 * what registry-derived flags read of each of its accounts — platform, name, handle, status and
 * a granted duplicate exception — so a registration reads one item instead of querying every
 * sibling. Every write of those fields puts the account's entry in the same transaction:
 * `p_<id>` (platform, name, handle as JSON), `s_<id>` (status), `x_<id>` (exception granted);
 * `rev` counts the writes. A write creates the item when it is missing, but only a roster marked
 * `complete` (built once from the unit's accounts as queried) is read as the whole unit: a unit
 * registered before rosters existed is queried, and its roster built then.
 */
export type RosterFields = Pick<Account, 'id' | 'platform' | 'name' | 'handle' | 'status' | 'duplicateException' | 'regionCode' | 'departmentId'>;

/** Past this size a roster is not built (DynamoDB's item limit is 400 KB): the unit is queried instead. */
const MAX_ROSTER_BYTES = 300_000;

export interface RosterStatusChange {
  id: string;
  status?: AccountStatus;
  duplicateException: boolean;
}

const entryOf = (a: Pick<Account, 'platform' | 'name' | 'handle'>) => JSON.stringify([a.platform, a.name, a.handle]);

/** Whether a change from `before` to `after` changes what the roster holds. */
export function rosterChanged(before: RosterFields, after: RosterFields): boolean {
  return (
    before.regionCode !== after.regionCode ||
    before.departmentId !== after.departmentId ||
    before.platform !== after.platform ||
    before.name !== after.name ||
    before.handle !== after.handle ||
    before.status !== after.status ||
    Boolean(before.duplicateException) !== Boolean(after.duplicateException)
  );
}

export class UnitRosters {
  constructor(private readonly table: Table) {}

  /** Puts the account's entry in its unit's roster. */
  put(a: RosterFields): TransactItem {
    const names: Record<string, string> = { '#p': `p_${a.id}`, '#s': `s_${a.id}`, '#x': `x_${a.id}`, '#rev': 'rev' };
    const values: Record<string, unknown> = { ':p': entryOf(a), ':s': a.status, ':one': 1 };
    const sets = ['#p = :p', '#s = :s'];
    if (a.duplicateException) {
      sets.push('#x = :x');
      values[':x'] = true;
    }
    return this.update(a, `SET ${sets.join(', ')}${a.duplicateException ? '' : ' REMOVE #x'} ADD #rev :one`, names, values);
  }

  /** Takes the account's entry out of its (former) unit's roster: it moved to another unit. */
  remove(a: RosterFields): TransactItem {
    return this.update(a, 'REMOVE #p, #s, #x ADD #rev :one', { '#p': `p_${a.id}`, '#s': `s_${a.id}`, '#x': `x_${a.id}`, '#rev': 'rev' }, { ':one': 1 });
  }

  /** The status (and a granted exception) of accounts of one unit that workflow steps change; their other fields stay. */
  status(unit: Pick<Account, 'regionCode' | 'departmentId'>, changes: readonly RosterStatusChange[]): TransactItem {
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Record<string, unknown> = { ':one': 1 };
    const sets: string[] = [];
    changes.forEach((c, i) => {
      if (c.status) {
        names[`#s${i}`] = `s_${c.id}`;
        values[`:s${i}`] = c.status;
        sets.push(`#s${i} = :s${i}`);
      }
      if (c.duplicateException) {
        names[`#x${i}`] = `x_${c.id}`;
        values[`:x${i}`] = true;
        sets.push(`#x${i} = :x${i}`);
      }
    });
    return this.update(unit, `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD #rev :one`, names, values);
  }

  /** Several accounts of one unit in one action (a transaction may touch an item once). */
  putMany(unit: Pick<Account, 'regionCode' | 'departmentId'>, accounts: readonly RosterFields[]): TransactItem {
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Record<string, unknown> = { ':one': 1 };
    const sets: string[] = [];
    accounts.forEach((a, i) => {
      names[`#p${i}`] = `p_${a.id}`;
      names[`#s${i}`] = `s_${a.id}`;
      values[`:p${i}`] = entryOf(a);
      values[`:s${i}`] = a.status;
      sets.push(`#p${i} = :p${i}`, `#s${i} = :s${i}`);
      if (a.duplicateException) {
        names[`#x${i}`] = `x_${a.id}`;
        values[`:x${i}`] = true;
        sets.push(`#x${i} = :x${i}`);
      }
    });
    return this.update(unit, `SET ${sets.join(', ')} ADD #rev :one`, names, values);
  }

  /** The unit's accounts from its roster, or undefined when the unit has no whole roster yet (with the revision seen, for `build`). */
  async read(regionCode: string, departmentId: string): Promise<{ peers: UnitPeer[] } | { peers: undefined; seen: Record<string, unknown> | undefined }> {
    const item = await this.table.get(keys.unitRoster(regionCode, departmentId));
    if (!item || item.complete !== true) return { peers: undefined, seen: item };
    return { peers: peersOf(item) };
  }

  /**
   * Makes the unit's roster whole from its accounts as queried, keeping every entry a write put
   * meanwhile (those are newer than the query). Conditional on the roster being as `seen`: if a
   * write came between, nothing is stored and a later read builds it again.
   */
  async build(regionCode: string, departmentId: string, seen: Record<string, unknown> | undefined, queried: readonly UnitPeer[]): Promise<void> {
    const item: Record<string, unknown> = { ...keys.unitRoster(regionCode, departmentId) };
    for (const p of queried) {
      item[`p_${p.id}`] = entryOf(p);
      item[`s_${p.id}`] = p.status;
      if (p.duplicateException) item[`x_${p.id}`] = true;
    }
    Object.assign(item, seen ?? {}, { complete: true, rev: Number(seen?.rev ?? 0) + 1 });
    if (JSON.stringify(item).length > MAX_ROSTER_BYTES) return;
    const condition = seen ? '#rev = :seen' : 'attribute_not_exists(pk)';
    try {
      await this.table.transact([this.table.put(item, condition, seen ? { '#rev': 'rev' } : undefined, seen ? { ':seen': seen.rev } : undefined)]);
    } catch (err) {
      // A write came between: the roster stays unbuilt until the next read.
      if (!(err instanceof TransactionCancelled)) throw err;
    }
  }

  private update(unit: Pick<Account, 'regionCode' | 'departmentId'>, expression: string, names: Record<string, string>, values: Record<string, unknown>): TransactItem {
    return {
      Update: {
        TableName: this.table.name,
        Key: keys.unitRoster(unit.regionCode, unit.departmentId),
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }
}

function peersOf(item: Record<string, unknown>): UnitPeer[] {
  const peers: UnitPeer[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith('p_')) continue;
    const id = name.slice(2);
    const [platform, accountName, handle] = JSON.parse(String(value)) as [Platform, string, string];
    const status = item[`s_${id}`] as AccountStatus | undefined;
    if (!status) continue;
    peers.push({ id, platform, name: accountName, handle, status, ...(item[`x_${id}`] === true ? { duplicateException: true } : {}) });
  }
  return peers;
}
