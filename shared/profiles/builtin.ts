/**
 * The built-in rule profiles. `national` v1 is the national baseline exactly
 * as the product brief states it (国办发〔2018〕123号, 国办秘函〔2019〕19号);
 * the others are stricter local variants an office can try with a what-if
 * inspection before adopting. Admins add further versions through the API;
 * these objects are never edited in place once released — a change is a new
 * version.
 */
import type { RuleProfile } from './schema';

export const NATIONAL: RuleProfile = {
  name: 'national',
  version: 1,
  title: '国家基线',
  description:
    '依据国办发〔2018〕123号、国办秘函〔2019〕19号：14 天内无更新、互动渠道缺失或留言超过 90 天未回复、严重表述错误或安全事件、经确认的弄虚作假为单项否决；其余按更新频率、服务占比、无关内容占比、表述错误、名称与认证、服务链接扣分。',
  vetoes: {
    noUpdate: { enabled: true, windowDays: 14 },
    noInteraction: { enabled: true, requireChannel: true, maxUnansweredDays: 90 },
    security: { enabled: true, windowDays: 90, severeWording: true, incidents: true },
    fakeEngagement: { enabled: true },
  },
  indicators: {
    cadence: { cap: 20, windowDays: 28, minPosts: 4, pointsPerMissingPost: 5 },
    serviceShare: {
      cap: 20,
      windowDays: 90,
      tiers: [
        { belowPercent: 30, points: 10 },
        { belowPercent: 10, points: 20 },
      ],
    },
    offMissionShare: {
      cap: 20,
      windowDays: 90,
      tiers: [
        { atLeastPercent: 10, points: 10 },
        { atLeastPercent: 20, points: 20 },
      ],
    },
    wording: { cap: 15, windowDays: 90, pointsPerPost: 3 },
    naming: { cap: 15, unitMismatchPoints: 10, inconsistentAcrossPlatformsPoints: 5 },
    serviceLinks: { cap: 10, pointsPerBrokenLink: 5 },
  },
  bands: { excellent: 90, good: 80, pass: 60 },
  flags: {
    staleFromDays: 10,
    staleToDays: 14,
    dormantAfterDays: 30,
    zombieAfterDays: 90,
    zombieNeverPostedAfterDays: 30,
    offMissionAtLeastPercent: 10,
    offMissionWindowDays: 90,
  },
  fakeEngagementSuspicion: {
    enabled: true,
    followerJumpPercent: 50,
    minFollowerGain: 1000,
    maxSnapshotGapDays: 7,
    minEngagementPercent: 1,
    lookbackDays: 90,
  },
  registry: { filingWorkingDays: 5, noticePeriodDays: 30, revalidationDays: 180 },
  approvals: {
    // Department first (a section head or leader of the owning unit), then the office.
    closure: ['approver', 'reviewer'],
    opening: { required: false, tiers: ['reviewer'] },
    // 三审: the drafter submits, then the section head, then the leader.
    scheduledPost: ['approver', 'approver'],
  },
};

function derive(base: RuleProfile, patch: (p: RuleProfile) => void): RuleProfile {
  const copy = structuredClone(base);
  patch(copy);
  return copy;
}

/** 10-day no-update window (several provinces' practice); stale warning from day 7. */
export const STRICT_10DAY: RuleProfile = derive(NATIONAL, (p) => {
  p.name = 'strict-10day';
  p.title = '从严：10 天不更新否决';
  p.description = '在国家基线上把内容不更新否决窗口收紧为 10 天，临近停更预警提前到第 7 天；新开账号须经管理部门审批。';
  p.vetoes.noUpdate.windowDays = 10;
  p.flags.staleFromDays = 7;
  p.flags.staleToDays = 10;
  p.approvals.opening = { required: true, tiers: ['reviewer'] };
});

/** Weekly cadence: at least 3 posts in every 7 days, and an update at least weekly. */
export const WEEKLY_3: RuleProfile = derive(NATIONAL, (p) => {
  p.name = 'weekly-3';
  p.title = '周更：每 7 天至少 3 条';
  p.description = '在国家基线上要求每 7 天至少发布 3 条（每缺 1 条扣 7 分，上限 20 分），7 天内无更新即单项否决，临近停更预警从第 5 天开始。';
  p.vetoes.noUpdate.windowDays = 7;
  p.indicators.cadence = { cap: 20, windowDays: 7, minPosts: 3, pointsPerMissingPost: 7 };
  p.flags.staleFromDays = 5;
  p.flags.staleToDays = 7;
});

export const BUILTIN_PROFILES: readonly RuleProfile[] = Object.freeze([NATIONAL, STRICT_10DAY, WEEKLY_3]);
