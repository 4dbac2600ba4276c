import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../../shared/errors';
import { answered } from '../../support/answered';
import {
  BUILTIN_PROFILES,
  DEFAULT_PROFILE,
  NATIONAL,
  STRICT_10DAY,
  WEEKLY_3,
  getBuiltinProfile,
  profileIssues,
  validateProfile,
  type RuleProfile,
} from '../../../shared/profiles';

describe('the national baseline profile (version 1) holds the numbers of the brief', () => {
  it.each([
    ['no_update window', NATIONAL.vetoes.noUpdate.windowDays, 14],
    ['longest unanswered message', NATIONAL.vetoes.noInteraction.maxUnansweredDays, 90],
    ['security window', NATIONAL.vetoes.security.windowDays, 90],
    ['cadence cap', NATIONAL.indicators.cadence.cap, 20],
    ['cadence window', NATIONAL.indicators.cadence.windowDays, 28],
    ['cadence minimum posts', NATIONAL.indicators.cadence.minPosts, 4],
    ['points per missing post', NATIONAL.indicators.cadence.pointsPerMissingPost, 5],
    ['service share cap', NATIONAL.indicators.serviceShare.cap, 20],
    ['service share window', NATIONAL.indicators.serviceShare.windowDays, 90],
    ['off-mission share cap', NATIONAL.indicators.offMissionShare.cap, 20],
    ['off-mission share window', NATIONAL.indicators.offMissionShare.windowDays, 90],
    ['wording cap', NATIONAL.indicators.wording.cap, 15],
    ['points per post with a typo', NATIONAL.indicators.wording.pointsPerPost, 3],
    ['naming cap', NATIONAL.indicators.naming.cap, 15],
    ['name or verified subject mismatch', NATIONAL.indicators.naming.unitMismatchPoints, 10],
    ['names differ across platforms', NATIONAL.indicators.naming.inconsistentAcrossPlatformsPoints, 5],
    ['service links cap', NATIONAL.indicators.serviceLinks.cap, 10],
    ['points per broken link', NATIONAL.indicators.serviceLinks.pointsPerBrokenLink, 5],
    ['excellent from', NATIONAL.bands.excellent, 90],
    ['good from', NATIONAL.bands.good, 80],
    ['pass from', NATIONAL.bands.pass, 60],
    ['stale from', NATIONAL.flags.staleFromDays, 10],
    ['stale to', NATIONAL.flags.staleToDays, 14],
    ['dormant after', NATIONAL.flags.dormantAfterDays, 30],
    ['zombie after', NATIONAL.flags.zombieAfterDays, 90],
    ['zombie when never posted, opened more than', NATIONAL.flags.zombieNeverPostedAfterDays, 30],
    ['filing deadline (working days)', NATIONAL.registry.filingWorkingDays, 5],
    ['closure notice period', NATIONAL.registry.noticePeriodDays, 30],
    ['re-validation', NATIONAL.registry.revalidationDays, 180],
  ])('%s = %i', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('has the share tiers of the brief', () => {
    expect(NATIONAL.indicators.serviceShare.tiers).toEqual([
      { belowPercent: 30, points: 10 },
      { belowPercent: 10, points: 20 },
    ]);
    expect(NATIONAL.indicators.offMissionShare.tiers).toEqual([
      { atLeastPercent: 10, points: 10 },
      { atLeastPercent: 20, points: 20 },
    ]);
  });

  it('has caps that add up to 100', () => {
    const i = NATIONAL.indicators;
    expect(i.cadence.cap + i.serviceShare.cap + i.offMissionShare.cap + i.wording.cap + i.naming.cap + i.serviceLinks.cap).toBe(100);
  });

  it('approves closures by the department, then the office; openings need no approval; drafts pass two approvers', () => {
    expect(NATIONAL.approvals).toEqual({ closure: ['approver', 'reviewer'], opening: { required: false, tiers: ['reviewer'] }, scheduledPost: ['approver', 'approver'] });
  });

  it('vetoes fake engagement only on confirmation, with a suspicion rule for the flag', () => {
    expect(NATIONAL.vetoes.fakeEngagement.enabled).toBe(true);
    expect(NATIONAL.fakeEngagementSuspicion).toMatchObject({ enabled: true, followerJumpPercent: 50, maxSnapshotGapDays: 7 });
  });
});

describe('built-in profiles', () => {
  it.each(BUILTIN_PROFILES.map((p) => [p.name, p] as const))('%s is valid under its own schema', (_name, profile) => {
    expect(profileIssues(profile)).toEqual([]);
    expect(validateProfile(structuredClone(profile))).toEqual(profile);
  });

  it('include stricter local profiles', () => {
    expect(STRICT_10DAY.vetoes.noUpdate.windowDays).toBe(10);
    expect(WEEKLY_3.indicators.cadence).toMatchObject({ windowDays: 7, minPosts: 3 });
  });

  it('are found by name, and by name and version', () => {
    expect(DEFAULT_PROFILE).toBe('national');
    expect(getBuiltinProfile('national')).toBe(NATIONAL);
    expect(getBuiltinProfile('weekly-3', 1)).toBe(WEEKLY_3);
    expect(getBuiltinProfile('national', 99)).toBeUndefined();
    expect(getBuiltinProfile('nope')).toBeUndefined();
  });
});

/** A copy of national with one change. */
function variant(change: (p: RuleProfile & Record<string, unknown>) => void): unknown {
  const p = structuredClone(NATIONAL) as RuleProfile & Record<string, unknown>;
  change(p);
  return p;
}

describe('validateProfile rejects nonsense with a Chinese message at the right path', () => {
  it.each([
    ['a negative cap', variant((p) => (p.indicators.cadence.cap = -5)), 'indicators.cadence.cap', '不能为负数'],
    ['a zero window', variant((p) => (p.vetoes.noUpdate.windowDays = 0)), 'vetoes.noUpdate.windowDays', '须大于 0'],
    ['a fractional window', variant((p) => (p.indicators.cadence.windowDays = 27.5)), 'indicators.cadence.windowDays', '整数'],
    ['a share over 100%', variant((p) => (p.flags.offMissionAtLeastPercent = 120)), 'flags.offMissionAtLeastPercent', '不能超过 100%'],
    ['bands out of order', variant((p) => (p.bands.good = 95)), 'bands.excellent', '须高于良好分数线'],
    ['a pass mark of 0', variant((p) => (p.bands.pass = 0)), 'bands.pass', '须大于 0'],
    ['service tiers out of order', variant((p) => p.indicators.serviceShare.tiers.reverse()), 'indicators.serviceShare.tiers.1', '从高到低'],
    ['off-mission tiers out of order', variant((p) => p.indicators.offMissionShare.tiers.reverse()), 'indicators.offMissionShare.tiers.1', '从低到高'],
    ['a tier above its cap', variant((p) => (p.indicators.serviceShare.tiers[1]!.points = 25)), 'indicators.serviceShare.tiers.1.points', '不能超过该指标上限'],
    ['points per item above the cap', variant((p) => (p.indicators.serviceLinks.pointsPerBrokenLink = 12)), 'indicators.serviceLinks.pointsPerBrokenLink', '不能超过该指标上限'],
    ['caps summing over 100', variant((p) => (p.indicators.wording.cap = 30)), 'indicators', '不能超过 100'],
    ['stale after dormant', variant((p) => (p.flags.staleToDays = 40)), 'flags.dormantAfterDays', '不能小于临近停更截止天数'],
    ['zombie before dormant', variant((p) => (p.flags.zombieAfterDays = 20)), 'flags.zombieAfterDays', '须大于休眠天数'],
    ['an unknown field', variant((p) => (p.extra = 1)), 'extra', '未知字段'],
    ['a missing field', variant((p) => delete (p as Partial<RuleProfile>).bands), 'bands', '缺少必填字段'],
    ['an unknown role', variant((p) => ((p.approvals.closure as string[])[0] = 'boss')), 'approvals.closure.0', '角色须为'],
    ['an empty approval chain', variant((p) => (p.approvals.scheduledPost = [])), 'approvals.scheduledPost', '至少一级'],
    ['a bad name', variant((p) => (p.name = 'National Profile')), 'name', '小写字母'],
    ['version 0', variant((p) => (p.version = 0)), 'version', '正整数'],
    ['a number given as text', variant((p) => ((p.indicators.cadence as Record<string, unknown>).minPosts = '4')), 'indicators.cadence.minPosts', '须为数字'],
  ])('%s', (_label, candidate, path, message) => {
    const issues = profileIssues(candidate);
    expect(issues.some((i) => i.path === path && i.message.includes(message))).toBe(true);
    expect(() => validateProfile(candidate)).toThrow(InvalidInput);
  });

  it('answers 400-style errors with every issue listed', () => {
    try {
      validateProfile(variant((p) => ((p.bands.good = 95), (p.indicators.cadence.cap = -1))));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      const err = answered(e as InvalidInput);
      expect(err.status).toBe(400);
      expect(err.code).toBe('invalid_input');
      expect(err.issues!.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('rejects something that is not an object at all', () => {
    expect(profileIssues('national')).toEqual([{ path: '', message: '规则配置须为对象', code: 'invalid_type', params: { expected: 'Object' } }]);
  });

  it('accepts a new version of national with a stricter window', () => {
    const v2 = variant((p) => ((p.version = 2), (p.vetoes.noUpdate.windowDays = 12)));
    expect(validateProfile(v2)).toMatchObject({ name: 'national', version: 2, vetoes: { noUpdate: { windowDays: 12 } } });
  });
});
