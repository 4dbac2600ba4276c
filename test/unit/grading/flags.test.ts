import { describe, expect, it } from 'vitest';
import { computeActivityFlags, mergeFlags, type FlagInput } from '../../../shared/grading';
import { NATIONAL, STRICT_10DAY } from '../../../shared/profiles';
import type { Flag } from '../../../shared/registry/schemas';
import { addDays } from '../../../shared/time';
import { CHECK as TODAY, at, post } from './helpers';

const base: FlagInput['account'] = { name: '杭州人社', departmentName: '杭州市人力资源和社会保障局' };
const types = (flags: Flag[]) => flags.map((f) => f.type);
const flagOf = (flags: Flag[], type: Flag['type']) => flags.find((f) => f.type === type);

describe('stale / dormant / zombie (days without a post)', () => {
  it.each([
    [9, []],
    [10, ['stale']],
    [14, ['stale']],
    [15, []],
    [30, []],
    [31, ['dormant']],
    [90, ['dormant']],
    [91, ['zombie']],
  ])('latest post %i days ago → %j', (days, expected) => {
    expect(types(computeActivityFlags({ account: base, posts: [post(days), post(days + 40)] }, TODAY, NATIONAL))).toEqual(expected);
  });

  it('dates the flag from the day the condition began', () => {
    const flags = computeActivityFlags({ account: base, posts: [post(31, 'service', {}, 'last')] }, TODAY, NATIONAL);
    expect(flags).toEqual([
      {
        type: 'dormant',
        since: addDays(TODAY, -31 + 31),
        evidence: {
          threshold: { staleFromDays: 10, staleToDays: 14, dormantAfterDays: 30, zombieAfterDays: 90, zombieNeverPostedAfterDays: 30 },
          lastPostDate: addDays(TODAY, -31),
          lastPostId: 'last',
          daysWithoutPost: 31,
        },
      },
    ]);
  });

  it('uses the registry lastPostAt when the posts are not loaded', () => {
    expect(types(computeActivityFlags({ account: { ...base, lastPostAt: at(12) } }, TODAY, NATIONAL))).toEqual(['stale']);
  });

  it.each([
    [30, []],
    [31, ['zombie']],
    [12, ['stale']],
  ])('never posted, opened %i days ago → %j', (days, expected) => {
    expect(types(computeActivityFlags({ account: { ...base, openedAt: addDays(TODAY, -days) }, posts: [] }, TODAY, NATIONAL))).toEqual(expected);
  });

  it('follows the profile (strict-10day warns from day 7)', () => {
    expect(types(computeActivityFlags({ account: base, posts: [post(7)] }, TODAY, STRICT_10DAY))).toEqual(['stale']);
  });

  it('ignores posts after today', () => {
    expect(types(computeActivityFlags({ account: base, posts: [post(-3), post(12)] }, TODAY, NATIONAL))).toEqual(['stale']);
  });
});

describe('off_mission flag', () => {
  const posts = (n: number, off: number) => Array.from({ length: n }, (_, i) => post(1 + i, i < off ? 'off_mission' : 'service', {}, `q${i}`));

  it.each([
    [10, 0, false],
    [20, 1, false],
    [10, 1, true],
    [10, 4, true],
  ])('%i posts, %i off-mission → flagged %s', (n, off, flagged) => {
    expect(types(computeActivityFlags({ account: base, posts: posts(n, off) }, TODAY, NATIONAL)).includes('off_mission')).toBe(flagged);
  });

  it('shows the share and the posts', () => {
    const f = flagOf(computeActivityFlags({ account: base, posts: posts(10, 2) }, TODAY, NATIONAL), 'off_mission');
    expect(f?.evidence).toMatchObject({ totalPosts: 10, offMissionPosts: 2, sharePercent: 20, postIds: ['q0', 'q1'] });
  });
});

describe('suspected_fake_engagement (a follower jump without matching engagement)', () => {
  const snap = (daysBefore: number, followers: number, messagesReceived?: number) => ({
    at: at(daysBefore),
    followers,
    ...(messagesReceived !== undefined ? { messagesReceived } : {}),
  });

  it.each([
    ['+60% in 3 days with almost no new messages', [snap(10, 10_000, 100), snap(7, 16_000, 110)], true],
    ['+60% in 3 days with matching messages', [snap(10, 10_000, 100), snap(7, 16_000, 400)], false],
    ['+40% (below the 50% jump)', [snap(10, 10_000, 100), snap(7, 14_000, 100)], false],
    ['+60% but only 600 followers gained (below 1000)', [snap(10, 1_000, 0), snap(7, 1_600, 0)], false],
    ['+60% spread over 20 days (gap over 7 days)', [snap(30, 10_000, 100), snap(10, 16_000, 100)], false],
    ['+60% with no message counts at all', [snap(10, 10_000), snap(7, 16_000)], true],
  ])('%s → suspected %s', (_label, snapshots, suspected) => {
    const flags = computeActivityFlags({ account: base, posts: [post(1)], snapshots }, TODAY, NATIONAL);
    expect(types(flags).includes('suspected_fake_engagement')).toBe(suspected);
  });

  it('is a flag only: the grade is not vetoed by a suspicion', () => {
    const flags = computeActivityFlags({ account: base, posts: [post(1)], snapshots: [snap(10, 10_000, 0), snap(7, 16_000, 0)] }, TODAY, NATIONAL);
    expect(flagOf(flags, 'suspected_fake_engagement')).toMatchObject({
      since: addDays(TODAY, -7),
      evidence: { jumps: [{ followersBefore: 10_000, followersAfter: 16_000, gain: 6_000, jumpPercent: 60, newMessages: 0 }] },
    });
  });
});

describe('naming_mismatch and needs_review', () => {
  it('flags a name that does not show the unit, with the problem in the evidence', () => {
    const flags = computeActivityFlags({ account: { ...base, name: '城市生活小助手' }, posts: [post(1)] }, TODAY, NATIONAL);
    expect(flagOf(flags, 'naming_mismatch')?.evidence).toEqual({
      problems: [{ rule: 'name_missing_unit', accountName: '城市生活小助手', departmentName: '杭州市人力资源和社会保障局' }],
    });
  });

  it.each([
    [180, false],
    [181, true],
  ])('last validated %i days ago → needs review %s', (days, flagged) => {
    const flags = computeActivityFlags({ account: { ...base, lastValidatedAt: at(days) }, posts: [post(1)] }, TODAY, NATIONAL);
    expect(types(flags).includes('needs_review')).toBe(flagged);
  });
});

describe('mergeFlags', () => {
  it('keeps registry flags, replaces activity flags and keeps the older since of a flag still raised', () => {
    const previous: Flag[] = [
      { type: 'duplicate', since: '2026-01-01', evidence: { with: 'acc-2' } },
      { type: 'stale', since: '2026-03-10', evidence: {} },
      { type: 'off_mission', since: '2026-02-01', evidence: { old: true } },
    ];
    const current: Flag[] = [
      { type: 'dormant', since: '2026-03-14', evidence: {} },
      { type: 'off_mission', since: '2026-03-15', evidence: { new: true } },
    ];
    expect(mergeFlags(previous, current)).toEqual([
      { type: 'dormant', since: '2026-03-14', evidence: {} },
      { type: 'off_mission', since: '2026-02-01', evidence: { new: true } },
      { type: 'duplicate', since: '2026-01-01', evidence: { with: 'acc-2' } },
    ]);
  });
});
