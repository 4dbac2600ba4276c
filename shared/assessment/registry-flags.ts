import { detectInternalDivision } from '../consolidation/division';
import type { Account, Flag, FlagType } from '../registry/schemas';

/** The flag types computed from the registry itself (not from activity). */
export const REGISTRY_FLAG_TYPES: readonly FlagType[] = ['duplicate', 'internal_division'];

/**
 * duplicate: another not-yet-closed account of the same unit on the same platform
 * (one account per unit per platform), unless an exception was approved; it clears
 * once the others are closed. internal_division: named after a section, squad,
 * one-off project or event.
 */
export function registryFlags(account: Account, departmentAccounts: readonly Account[], today: string): Flag[] {
  const flags: Flag[] = [];
  if (!account.duplicateException) {
    const others = departmentAccounts.filter((a) => a.id !== account.id && a.platform === account.platform && a.status !== 'closed');
    if (others.length) {
      flags.push({
        type: 'duplicate',
        since: today,
        evidence: { rule: 'one_account_per_unit_per_platform', platform: account.platform, otherAccounts: others.map((a) => ({ id: a.id, name: a.name, handle: a.handle, status: a.status })) },
      });
    }
  }
  const division = detectInternalDivision(account.name);
  if (division) flags.push({ type: 'internal_division', since: today, evidence: { kind: division.kind, term: division.term, name: account.name } });
  return flags;
}
