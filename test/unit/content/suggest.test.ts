import { describe, expect, it } from 'vitest';
import { suggestTerms } from '../../../shared/content';

describe('suggestTerms: candidate lexicon words from labelled posts', () => {
  const posts = [
    { text: '今晚直播间福利多多，家人们冲', expected: 'off_mission' as const },
    { text: '直播间抽奖送好礼，家人们快来', expected: 'off_mission' as const },
    { text: '家人们，明天直播间见', expected: 'off_mission' as const },
    { text: '市政府召开常务会议研究部署工作', expected: 'news' as const },
    { text: '社保卡补办请携带身份证到银行网点', expected: 'service' as const },
  ];

  it('ranks words that mark the target category first, and skips known ones', () => {
    const s = suggestTerms(posts, 'off_mission', { known: ['抽奖'] });
    expect(s[0]?.inTarget).toBe(3);
    expect(s.map((x) => x.term)).not.toContain('抽奖');
    expect(s.every((x) => x.inOthers === 0)).toBe(true);
  });

  it('needs a word in at least minCount target posts', () => {
    expect(suggestTerms(posts, 'news')).toEqual([]);
    expect(suggestTerms(posts, 'news', { minCount: 1 }).length).toBeGreaterThan(0);
  });
});
