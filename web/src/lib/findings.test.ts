import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { reasonCategory } from '../lib/findings';

/** Issue 15: checker reasons (post timeline, draft checker) name their subclass in words (the page renders reasonCategory). */
describe('post timeline reasons', () => {
  afterEach(() => setLocale('zh-CN'));

  it.each([
    ['clickbait', '标题党'],
    ['lottery_game', '抽奖游戏'],
    ['entertainment', '娱乐八卦'],
    ['advertising', '商业广告'],
    ['personal_opinion', '个人观点'],
    ['unrelated_repost', '无关转发'],
    ['service', '办事服务'],
    ['gov', '其他'],
  ])('%s reads 「%s」', (code, text) => {
    expect(reasonCategory(code)).toBe(text);
  });

  it('in English too', () => {
    setLocale('en');
    expect(reasonCategory('lottery_game')).toBe('lottery or game');
    expect(reasonCategory('clickbait')).toBe('clickbait');
  });
});
