import { describe, expect, it } from 'vitest';
import { crossPlatformName, inconsistentSiblingNames, nameShowsUnit, splitRegion, verifiedSubjectMatches } from '../../../shared/grading';

describe('nameShowsUnit: does the account name show the owning unit?', () => {
  it.each([
    ['杭州市人力资源和社会保障局', '杭州市人力资源和社会保障局', true, 'the full name'],
    ['人力资源和社会保障局', '杭州市人力资源和社会保障局', true, 'the name without its region'],
    ['杭州人社', '杭州市人力资源和社会保障局', true, 'an accepted short form'],
    ['平安杭州', '杭州市公安局', true, 'the police brand 平安'],
    ['杭州发布', '杭州市人民政府新闻办公室', true, 'the government news office brand'],
    ['健康杭州', '杭州市卫生健康委员会', true, 'the health commission brand'],
    ['杭州市市场监管', '杭州市市场监督管理局', true, 'a short form whose unit starts with 市'],
    ['杭州城管', '杭州市城市管理局', true, 'an abbreviation read in order (城…管)'],
    ['杭州档案', '杭州市档案馆', true, 'a unit the lexicon does not know'],
    ['西湖教育', '杭州市西湖区教育局', true, 'a district unit'],
    ['杭州美食', '杭州市文化广电旅游局', false, 'a topic, not the unit'],
    ['城市生活小助手', '杭州市人力资源和社会保障局', false, 'a nickname'],
    ['杭州', '杭州市公安局', false, 'only the region'],
  ])('%s for %s → %s (%s)', (name, unit, expected) => {
    expect(nameShowsUnit(name, unit)).toBe(expected);
  });
});

describe('verifiedSubjectMatches', () => {
  it.each([
    ['杭州市人力资源和社会保障局', '杭州市人力资源和社会保障局', true],
    ['杭州市人力资源和社会保障局（杭州市社会保险管理服务中心）', '杭州市人力资源和社会保障局', true],
    [' 杭州市公安局 ', '杭州市公安局', true],
    ['某某文化传媒有限公司', '杭州市公安局', false],
  ])('%s vs %s → %s', (subject, unit, expected) => {
    expect(verifiedSubjectMatches(subject, unit)).toBe(expected);
  });
});

describe('cross-platform names', () => {
  it('ignores platform words', () => {
    expect(crossPlatformName('杭州人社官方微博')).toBe(crossPlatformName('杭州人社'));
    expect(crossPlatformName('杭州人社 抖音号')).toBe('杭州人社');
  });

  it('lists the names used elsewhere when the account is the odd one out', () => {
    expect(inconsistentSiblingNames('杭州市人力社保', ['杭州人社', '杭州人社微博', '杭州人社'])).toEqual(['杭州人社', '杭州人社微博']);
  });

  it('does not penalise the name the unit uses on other platforms too', () => {
    expect(inconsistentSiblingNames('杭州人社', ['杭州人社微博', '杭州市人力社保'])).toEqual([]);
  });
});

describe('splitRegion', () => {
  it.each([
    ['杭州市西湖区教育局', ['杭州市', '西湖区', '杭州', '西湖'], '教育局'],
    ['杭州市市场监督管理局', ['杭州市', '杭州'], '市场监督管理局'],
    ['公安局', [], '公安局'],
  ])('%s → regions %j, stem %s', (name, regions, stem) => {
    const r = splitRegion(name);
    expect(new Set(r.regions)).toEqual(new Set(regions));
    expect(r.stem).toBe(stem);
  });
});
