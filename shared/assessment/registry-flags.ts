import { detectInternalDivision } from '../consolidation/division';
import { appFlags } from '../registry/apps';
import type { Account, Flag, FlagType } from '../registry/schemas';
import { filingDelay, filingDueBy, type WorkCalendar } from '../time';

/** How many of the unit's other accounts a duplicate flag names (the rest are counted in `otherAccountsTotal`). */
export const DUPLICATE_EVIDENCE_LIMIT = 20;

/** The flag types computed from the registry itself (not from activity). */
export const REGISTRY_FLAG_TYPES: readonly FlagType[] = ['duplicate', 'internal_division', 'unfiled_change', 'unfiled_app', 'banned_app_feature'];

/**
 * duplicate: another not-yet-closed account of the same unit on the same platform
 * (one account per unit per platform), unless an exception was approved; it clears
 * once the others are closed. internal_division: named after a section, squad,
 * one-off project or event. unfiled_change: an opening or a change not filed (备案)
 * within the profile's working days (weekends and the official holidays do not count; the
 * same rule as a closure's filing, shared/time `filingDueBy`). unfiled_app and
 * banned_app_feature: apps and mini-programs under 国办函〔2026〕12号 (shared/registry/apps.ts).
 */
export function registryFlags(account: Account, departmentAccounts: readonly Account[], today: string, filingWorkingDays: number, calendar?: WorkCalendar): Flag[] {
  const flags: Flag[] = [];
  if (!account.duplicateException) {
    const others = departmentAccounts.filter((a) => a.id !== account.id && a.platform === account.platform && a.status !== 'closed');
    if (others.length) {
      flags.push({
        type: 'duplicate',
        since: today,
        evidence: {
          rule: 'one_account_per_unit_per_platform',
          platform: account.platform,
          // At most DUPLICATE_EVIDENCE_LIMIT named, with the total: the flag is stored on every one of them, so a full
          // list would make each account item (and every read of the unit) grow with the unit's size (decision 30).
          otherAccounts: others.slice(0, DUPLICATE_EVIDENCE_LIMIT).map((a) => ({ id: a.id, name: a.name, handle: a.handle, status: a.status })),
          ...(others.length > DUPLICATE_EVIDENCE_LIMIT ? { otherAccountsTotal: others.length } : {}),
        },
      });
    }
  }
  if (account.filingPendingSince) {
    const delay = filingDelay(account.filingPendingSince, today, filingWorkingDays, calendar);
    if (delay.overdue) {
      const due = filingDueBy(account.filingPendingSince, filingWorkingDays, calendar);
      flags.push({
        type: 'unfiled_change',
        since: due.overdueFrom,
        evidence: {
          threshold: { filingWorkingDays },
          pendingSince: account.filingPendingSince,
          workingDaysElapsed: delay.workingDays,
          dueBy: due.dueBy,
          ...(delay.calendarWarning ? { calendarWarning: delay.calendarWarning } : {}),
        },
      });
    }
  }
  const division = detectInternalDivision(account.name);
  if (division) flags.push({ type: 'internal_division', since: today, evidence: { kind: division.kind, term: division.term, name: account.name } });
  flags.push(...appFlags(account, today));
  return flags;
}
