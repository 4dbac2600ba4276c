import { describe, expect, it } from 'vitest';
import { nextDraftSlot } from './draft-slot';

const NOW = Date.parse('2026-11-27T10:10:00+08:00');

describe('nextDraftSlot (issue 15)', () => {
  const warnings = [
    { accountId: 'weibo', suggestedSlots: ['2026-11-28T09:00:00+08:00', '2026-11-27T08:00:00+08:00'] },
    { accountId: 'wechat', suggestedSlots: ['2026-11-27T15:00:00+08:00'] },
  ];

  it('starts on the earliest suggested slot still ahead', () => {
    expect(nextDraftSlot(warnings, NOW)).toEqual({ date: '2026-11-27', time: '15:00', accountId: 'wechat' });
  });

  it('prefers the account the editor came from', () => {
    expect(nextDraftSlot(warnings, NOW, 'weibo')).toEqual({ date: '2026-11-28', time: '09:00', accountId: 'weibo' });
  });

  it('without a suggestion, the next whole hour at least 30 minutes ahead, never a time already past', () => {
    expect(nextDraftSlot([], NOW, 'douyin')).toEqual({ date: '2026-11-27', time: '11:00', accountId: 'douyin' });
    expect(nextDraftSlot([], Date.parse('2026-11-27T10:40:00+08:00'))).toEqual({ date: '2026-11-27', time: '12:00' });
  });
});
