/**
 * Rectification (整改) for the screens: problems in words (the grade sentences of
 * grade-explain.ts), the order items are shown in (overdue first), progress per department, and
 * who may answer or re-check an item (the API decides; the UI only shows the right form).
 */
import { canActAs, type Principal } from '../../../shared/auth/principal';
import type { Deduction, Veto } from '../../../shared/grading/types';
import { label } from '../i18n/i18n.svelte';
import { deductionText, vetoText } from './grade-explain';
import type { ItemStatus, Problem, RectificationItem } from './types';

export const ITEM_STATUS_ORDER: readonly ItemStatus[] = ['overdue', 'open', 'responded', 'account_closed', 'verified'];

export const statusOf = (i: Pick<RectificationItem, 'status' | 'stage'>): ItemStatus => i.status ?? i.stage;

export function statusTone(s: ItemStatus): 'bad' | 'warn' | 'info' | 'good' | 'neutral' {
  return s === 'overdue' ? 'bad' : s === 'open' ? 'warn' : s === 'responded' ? 'info' : s === 'verified' ? 'good' : 'neutral';
}

/** Overdue first, then open, responded, closed accounts, verified; then by due date and account name. */
export function sortItems<T extends Pick<RectificationItem, 'status' | 'stage' | 'dueDate' | 'account'>>(items: readonly T[]): T[] {
  const rank = (i: T) => ITEM_STATUS_ORDER.indexOf(statusOf(i));
  return [...items].sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.account.name.localeCompare(b.account.name, 'zh-CN'));
}

export interface DepartmentProgress {
  departmentId: string;
  departmentName: string;
  total: number;
  counts: Record<ItemStatus, number>;
}

/** Items counted by status per department, departments with overdue items first (most overdue first), then most still open. */
export function progressByDepartment(items: readonly RectificationItem[]): DepartmentProgress[] {
  const byDept = new Map<string, DepartmentProgress>();
  for (const i of items) {
    const d = byDept.get(i.departmentId) ?? {
      departmentId: i.departmentId,
      departmentName: i.departmentName ?? i.departmentId,
      total: 0,
      counts: { open: 0, responded: 0, verified: 0, overdue: 0, account_closed: 0 },
    };
    d.total++;
    d.counts[statusOf(i)]++;
    byDept.set(i.departmentId, d);
  }
  const pending = (d: DepartmentProgress) => d.counts.open + d.counts.responded + d.counts.overdue;
  return [...byDept.values()].sort(
    (a, b) => b.counts.overdue - a.counts.overdue || pending(b) - pending(a) || a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  );
}

/** One problem of the inspected grade in words; the head of a deduction names its points (the item keeps no cap). */
export function problemText(p: Problem): string {
  try {
    if (p.kind === 'veto') return vetoText({ code: p.code, evidence: p.evidence } as Veto);
    const full = deductionText({ code: p.code, evidence: p.evidence, points: p.points ?? 0, cap: p.points ?? 0 } as Deduction);
    // Drop the sentence's head (name, points, cap): the card shows name and points itself.
    const rest = /^.*?）：([\s\S]*)$/.exec(full)?.[1] ?? /^.*?\): ([\s\S]*)$/.exec(full)?.[1];
    return rest ?? full;
  } catch {
    return problemTitle(p);
  }
}

export function problemTitle(p: Pick<Problem, 'kind' | 'code'>): string {
  return label(p.kind === 'veto' ? 'veto' : 'deduction', p.code);
}

/** The region's office or reviewer re-checks; never the person who answered. */
export function mayReview(item: RectificationItem, p: Principal | null | undefined): boolean {
  if (!p || !canActAs(p, ['office', 'reviewer'], item)) return false;
  return item.stage === 'responded' && item.response?.by.sub !== p.sub;
}

/** The department's editor or approver answers an open item (overdue ones too). */
export function mayRespond(item: RectificationItem, p: Principal | null | undefined): boolean {
  return !!p && canActAs(p, ['editor', 'approver'], item) && item.stage === 'open';
}

/** Instead of fixing it, the department's editor (or the office) may ask to close the account (who may request a closure). */
export function mayRequestClosure(item: RectificationItem, p: Principal | null | undefined): boolean {
  return !!p && canActAs(p, ['editor', 'office', 'admin'], item) && item.stage !== 'verified' && !item.closureId && statusOf(item) !== 'account_closed';
}

/** Evidence links: one per line (or separated by spaces), blanks dropped. */
export function parseUrls(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
