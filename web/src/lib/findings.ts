/**
 * Checker findings and reasons in the UI's words (issue 15): no raw code (lottery_game, service)
 * reaches a user, and a term that explains a service/policy/news decision is not shown as an
 * off-mission warning.
 */
// The names' keys, not the checker itself: the checker and its lexicons stay out of the web bundle.
import { OFF_MISSION_NAMES_ZH } from '../../../shared/scheduling/checks';
import { label, t } from '../i18n/i18n.svelte';
import type { ContentFinding } from './types';

const SUBCLASSES: readonly string[] = Object.keys(OFF_MISSION_NAMES_ZH);

/** Is this checker reason an off-mission signal (a warning), rather than a term behind the category? */
export const isOffMissionReason = (r: { category: string }): boolean => SUBCLASSES.includes(r.category);

/** The name of a checker reason's category: an off-mission subclass (抽奖游戏) or a content category (办事服务). */
export function reasonCategory(category: string): string {
  if (SUBCLASSES.includes(category)) return label('offMission', category);
  const key = category === 'policy' || category === 'news' || category === 'service' ? category : 'other';
  return label('category', key);
}

/** One stored finding as a sentence in the UI's language. */
export function findingText(f: ContentFinding): string {
  switch (f.kind) {
    case 'off_mission':
      return t('finding.offMission', { term: f.term ?? '', category: f.category ? reasonCategory(f.category) : t('finding.offMissionGeneric') });
    case 'wording':
      return f.severity === 'severe'
        ? t('finding.wordingSevere', { error: f.term ?? '', suggestion: f.suggestion ?? '' })
        : t('calendar.wording', { error: f.term ?? '', suggestion: f.suggestion ?? '' });
    case 'personal_data':
      return f.severity === 'severe' ? t('finding.idCard') : t('finding.mobile');
  }
}

export const hasSevere = (checks: readonly { severity: string }[] | undefined): boolean => (checks ?? []).some((c) => c.severity === 'severe');
/** Warnings the editor must confirm having read before submitting, and a reviewer before deciding. */
export const warningsOf = (checks: readonly ContentFinding[] | undefined): ContentFinding[] => (checks ?? []).filter((c) => c.severity !== 'severe');

/**
 * An account named so that it cannot be mistaken for another of the same name (issue 15:
 * 「承接账号 淳安人社」 when the closed account is also 淳安人社): name, platform and handle.
 */
export function accountWithHandle(a: { name: string; platform?: string; handle?: string } | undefined, fallback = '—'): string {
  if (!a) return fallback;
  const platform = a.platform ? label('platform', a.platform) : '';
  const detail = [platform, a.handle ? `@${a.handle}` : ''].filter(Boolean).join(' ');
  return detail ? `${a.name}（${detail}）` : a.name;
}
