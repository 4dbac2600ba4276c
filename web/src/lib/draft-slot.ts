/**
 * Where a new draft starts (issue 15: it defaulted to no account and today 09:00, often past): the
 * next free suggested slot, of the account the editor came from when there is one; without a
 * suggestion, the next whole hour at least 30 minutes ahead.
 */
import { shanghaiDay, shanghaiTime } from './format';

export function nextDraftSlot(
  warnings: readonly { accountId: string; suggestedSlots?: readonly string[] }[],
  nowMs: number,
  fromAccount?: string,
): { date: string; time: string; accountId?: string } {
  const slots = warnings
    .flatMap((w) => (w.suggestedSlots ?? []).map((slot) => ({ slot, accountId: w.accountId })))
    .filter((x) => Date.parse(x.slot) > nowMs && (!fromAccount || x.accountId === fromAccount))
    .sort((a, b) => Date.parse(a.slot) - Date.parse(b.slot));
  if (slots[0]) return { date: shanghaiDay(new Date(slots[0].slot)), time: shanghaiTime(slots[0].slot), accountId: slots[0].accountId };
  const next = new Date(Math.ceil((nowMs + 30 * 60_000) / 3_600_000) * 3_600_000).toISOString();
  return { date: shanghaiDay(new Date(next)), time: shanghaiTime(next), ...(fromAccount ? { accountId: fromAccount } : {}) };
}
