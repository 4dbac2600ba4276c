import type { AuditEntry } from '../audit/audit';
import type { AccountStatus } from '../registry/schemas';

/** What a workflow step does to its account: nothing (`{}`), a new status, or a granted duplicate exception. */
export interface AccountEffect {
  /** Set when the account's status must change. */
  accountStatus?: AccountStatus;
  /** Set when a duplicate exception is granted. */
  duplicateException?: true;
}

/**
 * One write of a workflow step (a closure, an approval request), all in one transaction
 * (functions/store/step-write.ts): the record, conditional on the version it was decided on;
 * the step's effect on the account, only if the account is still in `expectedStatus`; the
 * audit entries.
 */
export interface StepWrite<T> {
  before: T | null;
  after: T;
  /** The account, with the unit it is in (whose roster lists its status). */
  account: AccountEffect & { id: string; expectedStatus: AccountStatus; regionCode: string; departmentId: string };
  audit: AuditEntry[];
}
