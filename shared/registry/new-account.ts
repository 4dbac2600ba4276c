import { beijingDate } from '../time';
import { recordedFeatures } from './apps';
import type { Account, AccountInput, AccountStatus, Department } from './schemas';

/**
 * How an account enters the registry, which decides its starting state (decision 37):
 * - `registration` (POST /accounts) opens an account now: its 5-working-day national filing
 *   clock starts today, and it waits for approval when the opening policy asks for it;
 * - `import` records accounts that already exist and operate (the office's existing register):
 *   they are active, and no filing clock starts, because an import says nothing about when
 *   each was opened or filed, and starting one would flag every row `unfiled_change`.
 */
export type AccountEntry = { kind: 'registration'; awaitsOpeningApproval: boolean } | { kind: 'import' };

/** The one builder of a new Account, for a registration and for each row of an import. */
export function newAccount(input: AccountInput, dept: Pick<Department, 'regionCode'>, entry: AccountEntry, at: { now: string; id: string }): Account {
  const { appFeatures, ...fields } = input;
  const status: AccountStatus = entry.kind === 'registration' && entry.awaitsOpeningApproval ? 'opening_pending' : 'active';
  return {
    ...fields,
    ...(appFeatures ? { appFeatures: recordedFeatures(appFeatures, at.now) } : {}),
    id: at.id,
    regionCode: dept.regionCode,
    status,
    ...(entry.kind === 'registration' ? { filingPendingSince: beijingDate(at.now) } : {}),
    flags: [],
    postCount: 0,
    lastValidatedAt: at.now,
    createdAt: at.now,
    updatedAt: at.now,
    version: 1,
  };
}
