/**
 * Grade explanations in the UI's language. Chinese is the shared domain's own text
 * (shared/inspection/explain.ts, the same sentences as the report 通报); English is rendered here
 * from each veto's and deduction's code and evidence, with the same facts: rule, threshold,
 * evidence (post ids and dates, numbers). Text users or the checker wrote (wording errors,
 * incidents, notes, account names) is quoted as is.
 */
import type { Deduction, Grade, NamingProblem, PostRef, Veto } from '../../../shared/grading/types';
import { explainDeduction, explainGrade, explainVeto } from '../../../shared/inspection/explain';
import { i18n, label, t, type Locale } from '../i18n/i18n.svelte';

const VETO_EN: Record<Veto['code'], string> = {
  no_update: 'No updates',
  no_interaction: 'Poor interaction',
  security: 'Security, leaks or severe wording errors',
  fake_engagement: 'Fake engagement',
};

const DEDUCTION_EN: Record<Deduction['code'], string> = {
  cadence: 'Posting cadence',
  service_share: 'Service content share',
  off_mission_share: 'Off-mission content share',
  wording: 'Wording errors',
  naming: 'Naming and verification',
  service_links: 'Service links',
};

const VERDICT_EN: Record<Grade['verdict'], string> = { pass: 'pass', fail: 'fail' };
const BAND_EN: Record<Grade['band'], string> = { excellent: 'excellent', good: 'good', pass: 'pass', fail: 'fail' };

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const postRef = (p: PostRef) => `${p.date} (post ${p.externalId})`;
/** At most `max` items, then "and N more". */
function list(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more (${items.length} in all)`;
}

export function explainVetoEn(v: Veto): string {
  const label = `Single-item veto “${VETO_EN[v.code]}”`;
  switch (v.code) {
    case 'no_update': {
      const e = v.evidence;
      if (!e.latestPost && e.lastKnownPostDate && e.daysSinceLatestPost !== null)
        return `${label}: no update in the ${plural(e.threshold.windowDays, 'day')} before the check date ${e.checkDate}; the latest post was published on ${e.lastKnownPostDate}, ${plural(e.daysSinceLatestPost, 'day')} without an update.`;
      if (!e.latestPost)
        return `${label}: nothing was published in the ${plural(e.threshold.windowDays, 'day')} before the check date ${e.checkDate} (at least one update is required in that window).`;
      return `${label}: no update in the ${plural(e.threshold.windowDays, 'day')} before the check date ${e.checkDate}; the latest post was published on ${postRef(e.latestPost)}, ${plural(e.daysSinceLatestPost ?? 0, 'day')} without an update.`;
    }
    case 'no_interaction': {
      const e = v.evidence;
      const parts: string[] = [];
      if (e.reasons.includes('channel_disabled')) parts.push('the account has no open interaction channel (messages, comments)');
      if (e.reasons.includes('unanswered_too_long'))
        parts.push(
          `a public message has gone unanswered for ${plural(e.oldestUnansweredDays ?? 0, 'day')} (limit ${plural(e.threshold.maxUnansweredDays, 'day')}${e.metricsAt ? `; data collected on ${e.metricsAt}` : ''})`,
        );
      return `${label}: ${parts.join('; ')}.`;
    }
    case 'security': {
      const e = v.evidence;
      const parts: string[] = [];
      if (e.severePosts.length)
        parts.push(
          `from ${e.from} to ${e.to}, ${plural(e.severePosts.length, 'post')} had severe wording errors or disclosed personal data: ${list(
            e.severePosts.map((p) => `${postRef(p)} “${p.errors.map((x) => `${x.error} (should be / action: ${x.suggestion})`).join('; ')}”`),
            3,
          )}`,
        );
      if (e.incident) parts.push(`a security incident was recorded: ${e.incident}`);
      return `${label}: ${parts.join('; ')}.`;
    }
    case 'fake_engagement': {
      const e = v.evidence;
      const who = [e.confirmedBy ? `by ${e.confirmedBy}` : 'by a reviewer', e.confirmedAt ? `on ${e.confirmedAt}` : ''].filter(Boolean).join(' ');
      return `${label}: bought followers, forced likes or similar inflation, confirmed ${who}${e.note ? ` (${e.note})` : ''}.`;
    }
  }
}

function namingProblemEn(p: NamingProblem): string {
  switch (p.rule) {
    case 'name_missing_unit':
      return `the account name “${p.accountName}” does not show the owning unit “${p.departmentName}”`;
    case 'verified_subject_mismatch':
      return `the verified subject “${p.verifiedSubject}” does not match the owning unit “${p.departmentName}”`;
    case 'inconsistent_names':
      return `the unit’s accounts on other platforms are named differently (this account “${p.accountName}”, others: ${list(p.siblingNames.map((s) => `“${s}”`))})`;
  }
}

export function explainDeductionEn(d: Deduction): string {
  const capped = d.evidence.uncappedPoints > d.points ? `; the rule gives ${fmt(d.evidence.uncappedPoints)}, capped` : '';
  const head = `“${DEDUCTION_EN[d.code]}”: −${plural(d.points, 'point')} (cap ${fmt(d.cap)}${capped})`;
  switch (d.code) {
    case 'cadence': {
      const e = d.evidence;
      return `${head}: ${plural(e.posts, 'post')} from ${e.from} to ${e.to} (the ${plural(e.threshold.windowDays, 'day')} before the check date), at least ${fmt(e.threshold.minPosts)} required, ${fmt(e.missing)} missing; ${plural(e.threshold.pointsPerMissingPost, 'point')} per missing post.`;
    }
    case 'service_share': {
      const e = d.evidence;
      const share =
        e.sharePercent === null
          ? 'nothing was published, counted as 0%'
          : `${fmt(e.servicePosts)} of ${plural(e.totalPosts, 'post')} were service or policy posts (${fmt(e.sharePercent)}%)`;
      return `${head}: from ${e.from} to ${e.to} (the ${plural(e.threshold.windowDays, 'day')} before the check date) ${share}; below ${fmt(e.appliedTier.belowPercent)}% costs ${plural(e.appliedTier.points, 'point')}.`;
    }
    case 'off_mission_share': {
      const e = d.evidence;
      const examples = e.posts.map((p) => `${postRef(p)}${p.reasons.length ? ` “${p.reasons.slice(0, 3).join(', ')}”` : ''}`);
      return `${head}: from ${e.from} to ${e.to} (the ${plural(e.threshold.windowDays, 'day')} before the check date) ${fmt(e.offMissionPosts)} of ${plural(e.totalPosts, 'post')} were unrelated to government business (${fmt(e.sharePercent)}%); ${fmt(e.appliedTier.atLeastPercent)}% or more costs ${plural(e.appliedTier.points, 'point')}. Posts: ${list(examples, 3)}.`;
    }
    case 'wording': {
      const e = d.evidence;
      const examples = e.posts.map((p) => `${postRef(p)} “${p.errors.map((x) => `${x.error} → ${x.suggestion}`).join(', ')}”`);
      return `${head}: from ${e.from} to ${e.to}, ${plural(e.posts.length, 'post')} had typos or ordinary wording errors, ${plural(e.threshold.pointsPerPost, 'point')} each: ${list(examples, 3)}.`;
    }
    case 'naming': {
      const e = d.evidence;
      return `${head}: ${e.problems.map(namingProblemEn).join('; ')}.`;
    }
    case 'service_links': {
      const e = d.evidence;
      return `${head}: ${plural(e.brokenLinks.length, 'service link')} could not be reached, ${plural(e.threshold.pointsPerBrokenLink, 'point')} each: ${list(e.brokenLinks, 3)}.`;
    }
  }
}

/** The whole grade in English: a conclusion, then one sentence per veto and per deduction (mirrors explainGrade). */
export function explainGradeEn(grade: Grade): string[] {
  const out: string[] = [];
  const rule = `Check date ${grade.checkDate}, profile “${grade.profile}” version ${grade.profileVersion}.`;
  if (grade.score === null) out.push(`Result: ${VERDICT_EN[grade.verdict]} (single-item veto, no score). ${rule}`);
  else out.push(`Result: ${VERDICT_EN[grade.verdict]}, score ${fmt(grade.score)} (${BAND_EN[grade.band]}). ${rule}`);
  for (const v of grade.vetoes) out.push(explainVetoEn(v));
  const ref = grade.score === null && grade.deductions.length ? '(For reference only) ' : '';
  for (const d of grade.deductions) out.push(`${ref}${explainDeductionEn(d)}`);
  if (!grade.vetoes.length && !grade.deductions.length) out.push('No indicator lost points.');
  return out;
}

/** In the UI's locale: the shared Chinese sentence for zh-CN, the English rendering for en. */
export const vetoText = (v: Veto, locale: Locale = i18n.locale): string => (locale === 'en' ? explainVetoEn(v) : explainVeto(v));
export const deductionText = (d: Deduction, locale: Locale = i18n.locale): string => (locale === 'en' ? explainDeductionEn(d) : explainDeduction(d));
export const gradeText = (g: Grade, locale: Locale = i18n.locale): string[] => (locale === 'en' ? explainGradeEn(g) : explainGrade(g));

/**
 * A grade's score as users read it (issue 15): the number, or 「否决」 with the vetoes' names when a
 * single-item veto left no score, never a bare 「—」.
 */
export function scoreLabel(g: { score: number | null; vetoes?: readonly ({ code: string } | string)[] }): string {
  if (g.score !== null) return fmt(g.score);
  const names = (g.vetoes ?? []).map((v) => label('veto', typeof v === 'string' ? v : v.code));
  return names.length ? t('grade.vetoedBy', { vetoes: names.join(i18n.locale === 'en' ? ', ' : '、') }) : t('grade.vetoed');
}

/**
 * The band worth showing next to the verdict: only 优秀 and 良好 add anything (a passing band
 * 合格 beside the verdict 合格 reads 「合格 合格」, a failing one repeats 不合格).
 */
export const bandWorthShowing = (g: { score: number | null; band: Grade['band'] }): boolean => g.score !== null && (g.band === 'excellent' || g.band === 'good');
