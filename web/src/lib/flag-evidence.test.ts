import { describe, expect, it } from 'vitest';
import { describeFlag, duplicateOthers } from './flag-evidence';
import { FLAG_TYPES } from '../../../shared/registry/schemas';

const TODAY = '2026-11-27';
const threshold = { staleFromDays: 10, staleToDays: 14, dormantAfterDays: 30, zombieAfterDays: 90, zombieNeverPostedAfterDays: 30 };

describe('flag evidence in plain Chinese', () => {
  it('zombie: the last post and how long ago, against the threshold', () => {
    const text = describeFlag({ type: 'zombie', evidence: { threshold, lastPostDate: '2026-07-07', daysWithoutPost: 143 } }, TODAY).join('');
    expect(text).toBe('最近一次发布在 2026-07-07（143 天前），已超过 90 天未更新，属于“僵尸账号”，应整改或关停。');
  });

  it('zombie that never posted, dormant and stale', () => {
    expect(describeFlag({ type: 'zombie', evidence: { threshold, neverPosted: true, openedDate: '2024-06-10', daysSinceOpened: 900 } }, TODAY)[0]).toContain('自 2024-06-10 开通（900 天前）以来从未发布内容');
    expect(describeFlag({ type: 'dormant', evidence: { threshold, lastPostDate: '2026-10-13' } }, TODAY)[0]).toBe('最近一次发布在 2026-10-13（45 天前），已超过 30 天未更新。');
    expect(describeFlag({ type: 'stale', evidence: { threshold, lastPostDate: '2026-11-15' } }, TODAY)[0]).toContain('连续 14 天不更新将被“内容不更新”单项否决');
  });

  it('duplicate: names the other accounts of the unit on the platform', () => {
    const flag = {
      type: 'duplicate' as const,
      evidence: {
        rule: 'one_account_per_unit_per_platform',
        platform: 'wechat',
        otherAccounts: [
          { id: 'a1', name: '文明淳安', handle: 'wenmingchunan', status: 'active' },
          { id: 'a2', name: '淳安创文办专项行动', handle: 'chunancwbzx', status: 'closure_pending' },
        ],
      },
    };
    const [first, second] = describeFlag(flag, TODAY);
    expect(first).toBe('同单位同平台（微信公众号）还有 2 个账号：“文明淳安”（wenmingchunan）、“淳安创文办专项行动”（chunancwbzx）［关停审批中］。');
    expect(second).toContain('一个单位在同一平台原则上只开设一个账号');
    expect(duplicateOthers(flag)).toEqual([
      { id: 'a1', name: '文明淳安' },
      { id: 'a2', name: '淳安创文办专项行动' },
    ]);
  });

  it('off_mission: the share over the window with the counts', () => {
    const text = describeFlag(
      { type: 'off_mission', evidence: { threshold: { atLeastPercent: 10, windowDays: 90 }, from: '2026-08-29', to: TODAY, totalPosts: 46, offMissionPosts: 7, sharePercent: 15.22, postIds: [] } },
      TODAY,
    )[0];
    expect(text).toBe('近 90 天（2026-08-29 至 2026-11-27）共发布 46 条，其中与职能无关的内容 7 条，无关内容占比 15.22%（达到 10% 即标记）。');
  });

  it('needs_review, naming, internal division, fake engagement', () => {
    expect(describeFlag({ type: 'needs_review', evidence: { threshold: { revalidationDays: 365 }, lastValidatedDate: '2025-10-01', daysSinceValidated: 422 } }, TODAY)[0]).toBe(
      '上次复核在 2025-10-01（422 天前），超过 365 天未复核，请核对账号信息后重新确认。',
    );
    expect(describeFlag({ type: 'naming_mismatch', evidence: { problems: [{ rule: 'name_missing_unit', accountName: '千岛湖旅游', departmentName: '淳安县文化和广电旅游体育局' }] } }, TODAY)[0]).toBe(
      '账号名称“千岛湖旅游”未体现主办单位“淳安县文化和广电旅游体育局”。',
    );
    expect(describeFlag({ type: 'internal_division', evidence: { name: '淳安创文办专项行动', kind: 'event', term: '创文' } }, TODAY)[0]).toContain('含“创文”，以活动、专项或一次性项目命名');
    const fake = describeFlag(
      { type: 'suspected_fake_engagement', evidence: { jumps: [{ from: '2026-10-01T00:00:00Z', to: '2026-10-08T00:00:00Z', followersBefore: 1000, followersAfter: 9000, gain: 8000, jumpPercent: 800, newMessages: 2 }] } },
      TODAY,
    );
    expect(fake[0]).toBe('2026-10-01 至 2026-10-08 粉丝由 1000 增至 9000（增加 8000，增幅 800%），同期新增留言仅 2 条。');
  });

  it('unfiled_change: pending since, working days elapsed, the limit', () => {
    expect(describeFlag({ type: 'unfiled_change', evidence: { threshold: { filingWorkingDays: 5 }, pendingSince: '2026-11-16', workingDaysElapsed: 9 } }, TODAY)[0]).toBe(
      '账号开设或信息变更自 2026-11-16 起待备案，已过 9 个工作日（须在 5 个工作日内备案），请尽快办理备案。',
    );
  });

  it('never shows raw keys for an unknown or empty evidence', () => {
    for (const type of ['zombie', 'duplicate', 'off_mission', 'naming_mismatch', 'unfiled_change', 'needs_review'] as const) {
      const text = describeFlag({ type, evidence: {} }, TODAY).join('');
      expect(text).not.toMatch(/[a-z]+_[a-z]+|\{|\}|undefined|NaN/);
      expect(text.length).toBeGreaterThan(4);
    }
  });
});

describe('flag evidence in English', () => {
  it('explains each flag in English when asked (or when the UI is English)', () => {
    expect(describeFlag({ type: 'zombie', evidence: { threshold, lastPostDate: '2026-07-07' } }, TODAY, 'en')).toEqual([
      'Last published on 2026-07-07 (143 days ago): no update for more than 90 days, a “zombie account” that must be fixed or closed.',
    ]);
    const dup = describeFlag(
      { type: 'duplicate', evidence: { platform: 'wechat', otherAccounts: [{ id: 'a2', name: '文明淳安', handle: 'wmca', status: 'closure_pending' }] } },
      TODAY,
      'en',
    );
    expect(dup[0]).toBe('One more account of the same unit on the same platform (WeChat official account): “文明淳安” (wmca) [closure pending].');
    expect(
      describeFlag({ type: 'unfiled_change', evidence: { pendingSince: '2026-11-20', workingDaysElapsed: 5, threshold: { filingWorkingDays: 5 } } }, TODAY, 'en')[0],
    ).toBe('The account’s opening or change has awaited filing since 2026-11-20, 5 working days so far (filing is due within 5 working days): please file it soon.');
  });

  it('has no Chinese of its own for any flag type, even with empty evidence', () => {
    for (const type of FLAG_TYPES) {
      for (const text of describeFlag({ type, evidence: {} }, TODAY, 'en')) expect(text).not.toMatch(/\p{Script=Han}/u);
    }
  });
});

