import { describe, expect, it } from 'vitest';
import type { Grade } from '../../../shared/grading/types';
import { explainGrade } from '../../../shared/inspection/explain';
import { explainGradeEn, gradeText } from './grade-explain';

const range = { from: '2026-08-30', to: '2026-11-26' };
/** One of every veto and deduction, with evidence in the engine's shapes. */
const grade: Grade = {
  accountId: 'acc-1',
  checkDate: '2026-11-27',
  profile: 'national',
  profileVersion: 2,
  verdict: 'fail',
  score: null,
  band: 'fail',
  vetoes: [
    { code: 'no_update', evidence: { threshold: { windowDays: 14 }, checkDate: '2026-11-27', latestPost: null, daysSinceLatestPost: null } },
    { code: 'no_interaction', evidence: { threshold: { requireChannel: true, maxUnansweredDays: 3 }, reasons: ['channel_disabled', 'unanswered_too_long'], interactionEnabled: false, oldestUnansweredDays: 9, metricsAt: '2026-11-26' } },
    { code: 'security', evidence: { threshold: { windowDays: 90 }, ...range, severePosts: [{ externalId: 'p1', date: '2026-10-01', errors: [{ error: 'error-x', suggestion: 'fix-x' }] }], incident: 'leak-1' } },
    { code: 'fake_engagement', evidence: { confirmed: true, confirmedAt: '2026-11-20', confirmedBy: 'Reviewer Li', note: 'platform check' } },
  ],
  deductions: [
    { code: 'cadence', points: 20, cap: 20, evidence: { uncappedPoints: 25, threshold: { windowDays: 28, minPosts: 5, pointsPerMissingPost: 5 }, from: '2026-10-30', to: '2026-11-26', posts: 0, missing: 5, postIds: [] } },
    { code: 'service_share', points: 10, cap: 20, evidence: { uncappedPoints: 10, threshold: { windowDays: 90, tiers: [{ belowPercent: 30, points: 10 }] }, ...range, totalPosts: 10, servicePosts: 2, sharePercent: 20, appliedTier: { belowPercent: 30, points: 10 } } },
    { code: 'off_mission_share', points: 10, cap: 20, evidence: { uncappedPoints: 10, threshold: { windowDays: 90, tiers: [{ atLeastPercent: 10, points: 10 }] }, ...range, totalPosts: 10, offMissionPosts: 1, sharePercent: 10, appliedTier: { atLeastPercent: 10, points: 10 }, posts: [{ externalId: 'p2', date: '2026-11-01', reasons: ['entertainment'] }] } },
    { code: 'wording', points: 3, cap: 15, evidence: { uncappedPoints: 3, threshold: { windowDays: 90, pointsPerPost: 3 }, ...range, posts: [{ externalId: 'p3', date: '2026-11-02', errors: [{ error: 'teh', suggestion: 'the' }] }] } },
    { code: 'naming', points: 5, cap: 10, evidence: { uncappedPoints: 5, threshold: { unitMismatchPoints: 5, inconsistentAcrossPlatformsPoints: 2 }, problems: [{ rule: 'name_missing_unit', accountName: 'A', departmentName: 'B' }, { rule: 'verified_subject_mismatch', verifiedSubject: 'C', departmentName: 'B' }, { rule: 'inconsistent_names', accountName: 'A', siblingNames: ['D', 'E'] }] } },
    { code: 'service_links', points: 10, cap: 10, evidence: { uncappedPoints: 10, threshold: { pointsPerBrokenLink: 5 }, brokenLinks: ['https://a.example', 'https://b.example'] } },
  ],
};

describe('grade explanations in English', () => {
  it('has one English sentence per veto and deduction, like the Chinese, with no Chinese of its own', () => {
    const en = explainGradeEn(grade);
    expect(en).toHaveLength(explainGrade(grade).length);
    for (const line of en) expect(line).not.toMatch(/\p{Script=Han}/u);
    expect(en[0]).toBe('Result: fail (single-item veto, no score). Check date 2026-11-27, profile “national” version 2.');
    expect(en[1]).toContain('nothing was published in the 14 days before the check date 2026-11-27');
    expect(en[2]).toContain('unanswered for 9 days (limit 3 days; data collected on 2026-11-26)');
    expect(en[4]).toBe('Single-item veto “Fake engagement”: bought followers, forced likes or similar inflation, confirmed by Reviewer Li on 2026-11-20 (platform check).');
    expect(en[5]).toBe(
      '(For reference only) “Posting cadence”: −20 points (cap 20; the rule gives 25, capped): 0 posts from 2026-10-30 to 2026-11-26 (the 28 days before the check date), at least 5 required, 5 missing; 5 points per missing post.',
    );
  });

  it('follows the locale: the shared Chinese text for zh-CN', () => {
    expect(gradeText(grade, 'zh-CN')).toEqual(explainGrade(grade));
    expect(gradeText(grade, 'en')).toEqual(explainGradeEn(grade));
  });
});
