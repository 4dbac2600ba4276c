import type { AuditEntry } from '../../shared/audit/audit';
import type { ImportAccountStore } from '../../shared/registry/import-service';
import type { Account } from '../../shared/registry/schemas';
import { settleAll } from '../../shared/util/concurrency';
import type { AccountRepository } from './accounts';
import { keys } from './keys';
import { TransactionCancelled, type Table, type TransactItem } from './table';

/** How long an import's handle reservation lives if the import dies before committing (TTL then removes it). */
const RESERVATION_SECONDS = 15 * 60;
/**
 * TransactWriteItems takes 100 actions: 100 guards per reservation; 25 accounts per commit, 3
 * actions each and at most one per unit for the units' rosters.
 */
const RESERVE_CHUNK = 100;
const COMMIT_CHUNK = 25;
/** Transactions (or batch reads) of one import in flight at once. */
const IMPORT_CONCURRENCY = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The import's reservation protocol over the handle guards (docs/import-export.md): which handles
 * are taken, and the all-or-nothing creation of many accounts. Its own repository because it is
 * its own protocol (reservations with a TTL, then commit); the account items themselves are
 * written as AccountRepository writes them.
 */
export class AccountImportRepository implements ImportAccountStore {
  constructor(
    private readonly table: Table,
    private readonly accounts: Pick<AccountRepository, 'toItem' | 'rosters'>,
  ) {}

  /** The given (platform, handle) pairs that are taken. A reservation left by an import that died (past its expiry) does not count. */
  async takenHandles(pairs: readonly { platform: string; handle: string }[]): Promise<{ platform: string; handle: string }[]> {
    const guardKeys = new Map(pairs.map((p) => [keys.handleGuard(p.platform, p.handle), p] as const).map(([key, p]) => [key.pk, { key, p }]));
    const byGuard = new Map([...guardKeys].map(([pk, { p }]) => [pk, p]));
    // TTL expiry is storage time (DynamoDB's TTL runs on the real clock), not a rule's "now".
    const nowSeconds = Math.floor(Date.now() / 1000);
    const guards = await this.table.getMany(
      [...guardKeys.values()].map(({ key }) => key),
      { concurrency: IMPORT_CONCURRENCY, projection: ['pk', 'importId', 'expiresAt'] },
    );
    return guards
      .filter((g) => !(g.importId !== undefined && typeof g.expiresAt === 'number' && g.expiresAt < nowSeconds))
      .map((g) => byGuard.get(String(g.pk)))
      .filter((p): p is { platform: string; handle: string } => p !== undefined);
  }

  /**
   * All-or-nothing creation of many accounts (an import), in two phases because one
   * transaction holds at most 100 actions:
   *
   * 1. Reserve: every handle guard is put (100 per transaction) pointing at its new
   *    account id, marked with the import id and a TTL. Registration and other imports
   *    see a reserved handle as taken. If any handle is taken, every reservation made
   *    is deleted again and the losing indices are returned: nothing was written.
   * 2. Commit: each account, its guard made permanent (TTL removed, condition: still our
   *    reservation) and its audit entry, 33 accounts per transaction; then the import's
   *    own audit entry. No conflict is possible here (the handles are ours, the ids new).
   *
   * Residual window: if the process dies or DynamoDB fails for good during phase 2, the
   * committed part stays (each account complete with guard and audit entry) and the
   * import's audit entry is missing; uncommitted reservations are released when
   * possible, else expire (TTL). docs/import-export.md says so.
   */
  async createAll(entries: readonly { account: Account; audit: AuditEntry }[], importAudit: AuditEntry): Promise<{ taken: number[] }> {
    const importId = importAudit.entity.id;
    const nowSeconds = Math.floor(Date.parse(importAudit.at) / 1000);
    const indexed = entries.map((e, i) => ({ ...e, i }));
    const reserved: typeof indexed = [];
    const taken: number[] = [];

    let reserveError: unknown;
    try {
      await settleAll(chunks(indexed, RESERVE_CHUNK), IMPORT_CONCURRENCY, async (part) => {
        const items = part.map(({ account }) =>
          this.table.put(
            { ...keys.handleGuard(account.platform, account.handle), accountId: account.id, importId, expiresAt: nowSeconds + RESERVATION_SECONDS },
            // A reservation of an import that died (past expiry, TTL not yet run) may be taken over.
            'attribute_not_exists(pk) OR (attribute_exists(importId) AND expiresAt < :now)',
            undefined,
            { ':now': nowSeconds },
          ),
        );
        try {
          await this.table.transact(items);
          reserved.push(...part);
        } catch (err) {
          if (err instanceof TransactionCancelled) {
            const lost = part.filter((_, k) => err.reasons[k] != null);
            if (lost.length) {
              taken.push(...lost.map((e) => e.i));
              return;
            }
          }
          throw err;
        }
      });
    } catch (err) {
      reserveError = err;
    }
    if (reserveError !== undefined || taken.length) {
      await this.releaseReservations(reserved, importId);
      if (reserveError !== undefined) throw reserveError;
      return { taken: taken.sort((a, b) => a - b) };
    }

    const committed = new Set<number>();
    try {
      await settleAll(chunks(indexed, COMMIT_CHUNK), IMPORT_CONCURRENCY, async (part) => {
        const items: TransactItem[] = part.flatMap(({ account, audit }) => [
          this.table.put(this.accounts.toItem(account), 'attribute_not_exists(pk)'),
          {
            Update: {
              TableName: this.table.name,
              Key: keys.handleGuard(account.platform, account.handle),
              UpdateExpression: 'REMOVE #exp, #imp',
              ConditionExpression: '#imp = :imp AND accountId = :id',
              ExpressionAttributeNames: { '#exp': 'expiresAt', '#imp': 'importId' },
              ExpressionAttributeValues: { ':imp': importId, ':id': account.id },
            },
          },
          this.table.auditPut(audit),
        ]);
        const units = new Map<string, Account[]>();
        for (const { account } of part) units.set(`${account.regionCode}|${account.departmentId}`, [...(units.get(`${account.regionCode}|${account.departmentId}`) ?? []), account]);
        for (const accounts of units.values()) items.push(this.accounts.rosters.putMany(accounts[0]!, accounts));
        await this.table.transactRetryingConflicts(items, 12);
        for (const e of part) committed.add(e.i);
      });
      await this.table.transact([this.table.auditPut(importAudit)]);
    } catch (err) {
      await this.releaseReservations(
        indexed.filter((e) => !committed.has(e.i)),
        importId,
      ).catch(() => undefined);
      throw err;
    }
    return { taken: [] };
  }

  /** Deletes this import's uncommitted handle reservations (never a committed guard or someone else's). */
  private async releaseReservations(entries: readonly { account: Account }[], importId: string): Promise<void> {
    await settleAll(chunks(entries, 25), IMPORT_CONCURRENCY, async (part) => {
      await Promise.all(
        part.map(({ account }) =>
          this.table.deleteIf(
            keys.handleGuard(account.platform, account.handle),
            '#imp = :imp AND accountId = :id AND attribute_exists(#exp)',
            { '#imp': 'importId', '#exp': 'expiresAt' },
            { ':imp': importId, ':id': account.id },
          ),
        ),
      );
    });
  }
}
