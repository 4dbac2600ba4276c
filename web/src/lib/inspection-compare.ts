/**
 * Samples and full runs kept apart (issue 15): a sample is labelled 抽查 N% wherever an inspection
 * is named, the dashboard's headline pass rate comes from full inspections only, and comparing two
 * runs compares the accounts both checked, never calling a sample and a full run 「完全一致」.
 */
import type { Grade } from '../../../shared/grading/types';
import { t } from '../i18n/i18n.svelte';
import type { Inspection } from './types';

export const isSample = (i: Pick<Inspection, 'sample'>): boolean => !!i.sample && i.sample.ratio < 1;
const percentOf = (i: Pick<Inspection, 'sample'>) => Math.round((i.sample?.ratio ?? 1) * 100);

/** 「抽查 12%」 or 「全面检查」. */
export const coverageLabel = (i: Pick<Inspection, 'sample'>): string => (isSample(i) ? t('inspections.sampleTag', { percent: percentOf(i) }) : t('inspections.sampleAll'));

/** The latest full inspection (by when it ran, else by check date): the one a headline pass rate may quote. */
export function headlineInspection<T extends Pick<Inspection, 'sample' | 'createdAt' | 'checkDate'>>(items: readonly T[]): T | null {
  const key = (i: T) => String(i.createdAt ?? i.checkDate ?? '');
  return items.filter((i) => !isSample(i)).sort((a, b) => key(b).localeCompare(key(a)))[0] ?? null;
}

export interface Comparison {
  /** Accounts both runs checked. */
  both: number;
  newFail: Grade[];
  newPass: Grade[];
  /** Both runs are alike in coverage (both full, or samples of one ratio and seed): their totals compare. */
  alike: boolean;
  /** Nothing differs: alike, the same accounts, no change of verdict. Only then may one say 「完全一致」. */
  identical: boolean;
}

export function compareInspections(a: Inspection, b: Inspection): Comparison {
  const aMap = new Map((a.results ?? []).map((g) => [g.accountId, g]));
  const newFail: Grade[] = [];
  const newPass: Grade[] = [];
  let both = 0;
  for (const g of b.results ?? []) {
    const before = aMap.get(g.accountId);
    if (!before) continue;
    both++;
    if (before.verdict === 'pass' && g.verdict === 'fail') newFail.push(g);
    if (before.verdict === 'fail' && g.verdict === 'pass') newPass.push(g);
  }
  const alike = isSample(a) === isSample(b) && (!isSample(a) || (a.sample!.ratio === b.sample!.ratio && String(a.sample!.seed) === String(b.sample!.seed)));
  const identical = alike && !newFail.length && !newPass.length && both === a.summary.checked && both === b.summary.checked && a.summary.failed === b.summary.failed;
  return { both, newFail, newPass, alike, identical };
}
