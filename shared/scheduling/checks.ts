import type { ContentFinding } from './schemas';

/**
 * The content checker's answer as API.md publishes it (`POST /content/check`).
 * Scheduling takes it as data, so it does not depend on the checker's module.
 */
export interface ContentCheckResult {
  category: string;
  reasons?: readonly { term: string; category: string }[];
  wording?: readonly { error: string; suggestion: string; severity: 'ordinary' | 'severe'; start: number; end: number }[];
}

/** The checker's off-mission subclasses in words (a finding's message never shows a raw code). */
export const OFF_MISSION_NAMES_ZH: Readonly<Record<string, string>> = {
  entertainment: '娱乐八卦',
  advertising: '商业广告',
  lottery_game: '抽奖游戏',
  personal_opinion: '个人观点',
  clickbait: '标题党',
  unrelated_repost: '无关转发',
};

/** Turns a checker answer into the findings stored on the post and shown to reviewers. */
export function findingsFromContentCheck(result: ContentCheckResult): ContentFinding[] {
  const findings: ContentFinding[] = [];
  for (const r of result.reasons ?? []) {
    findings.push({
      kind: 'off_mission',
      severity: 'ordinary',
      term: r.term,
      category: r.category,
      message: `含有偏离政务职能的内容：“${r.term}”（${OFF_MISSION_NAMES_ZH[r.category] ?? '与职能无关'}）`,
    });
  }
  for (const w of result.wording ?? []) {
    findings.push({
      kind: 'wording',
      severity: w.severity,
      term: w.error,
      suggestion: w.suggestion,
      start: w.start,
      end: w.end,
      message:
        w.severity === 'severe'
          ? `严重表述错误：“${w.error}”应为“${w.suggestion}”，修改后才能提交审核`
          : `表述错误：“${w.error}”应为“${w.suggestion}”`,
    });
  }
  return findings;
}

/** A personal-data hit of the content checker (shared/content findPii), as data. */
export interface PersonalDataHit {
  kind: 'id_card' | 'mobile';
  start: number;
  end: number;
}

/**
 * Personal data in a draft. An ID-card number would be a leak (the `security` veto):
 * severe, it blocks submission. A mobile number is often a published contact line:
 * a warning the reviewers see.
 */
export function findingsFromPersonalData(hits: readonly PersonalDataHit[]): ContentFinding[] {
  return hits.map((h) =>
    h.kind === 'id_card'
      ? { kind: 'personal_data', severity: 'severe', start: h.start, end: h.end, message: '含有身份证号码，发布即构成个人信息泄露，须删除或打码后才能提交审核' }
      : { kind: 'personal_data', severity: 'ordinary', start: h.start, end: h.end, message: '含有手机号码：如非公开的联系电话，请删除或打码' },
  );
}

/** A severe finding blocks submission: it would be a single veto (security) at inspection. */
export function hasBlockingFinding(checks: readonly ContentFinding[]): boolean {
  return checks.some((c) => c.severity === 'severe');
}
