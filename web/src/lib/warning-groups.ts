/**
 * 排期提醒 grouped by account, worst first (issue 15: about 30 cards, one per account per week).
 * An account with a veto-level warning (a no-update gap, a severe finding) comes before one with
 * deduction-level ones; then more warnings first; then the earliest warning.
 */
export interface WarningLike {
  accountId: string;
  type: string;
  severe?: boolean;
  from?: string;
  week?: string;
}

export const isVetoLevel = (w: WarningLike): boolean => w.type === 'no_update_gap' || (w.type === 'content_flagged' && !!w.severe);

export function groupWarnings<W extends WarningLike>(warnings: readonly W[]): { accountId: string; vetoLevel: boolean; items: W[] }[] {
  const by = new Map<string, W[]>();
  for (const w of warnings) by.set(w.accountId, [...(by.get(w.accountId) ?? []), w]);
  const start = (w: W) => w.from ?? w.week ?? '';
  return [...by]
    .map(([accountId, items]) => ({
      accountId,
      vetoLevel: items.some(isVetoLevel),
      items: [...items].sort((a, b) => Number(isVetoLevel(b)) - Number(isVetoLevel(a)) || start(a).localeCompare(start(b))),
    }))
    .sort((a, b) => Number(b.vetoLevel) - Number(a.vetoLevel) || b.items.length - a.items.length || start(a.items[0]!).localeCompare(start(b.items[0]!)) || a.accountId.localeCompare(b.accountId));
}
