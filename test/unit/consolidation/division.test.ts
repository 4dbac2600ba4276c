import { describe, expect, it } from 'vitest';
import { createDivisionDetector, detectInternalDivision } from '../../../shared/consolidation/division';

const detect = createDivisionDetector();

describe('internal divisions (内设机构)', () => {
  it.each([
    ['a section 科', '临安区人社局就业促进科', '科'],
    ['a section 股', '汇川区人社局社会保险股', '股'],
    ['a division 处 of a provincial department', '浙江省教育厅基础教育处', '处'],
    ['a squad 中队', '临安区综合行政执法局锦城中队', '中队'],
    ['an internal brigade 大队 (criminal investigation)', '临安区公安局刑侦大队', '大队'],
    ['a bureau station 所', '临安区市场监管局锦城所', '所'],
    ['a task force 工作专班', '临安区卫健局疫情防控工作专班', '工作专班'],
    ["a bureau's own office 办公室", '临安区教育局办公室', '办公室'],
    ['an office 室 of a bureau', '临安区档案局档案查阅室', '室'],
  ])('flags %s', (_case, name, term) => {
    expect(detect(name)).toEqual({ kind: 'section', term });
  });

  it.each([
    ['the traffic police brigade 交警大队 (a field office with its own standing)', '临安区公安局交通警察大队'],
    ['交警 … 大队 written around the place name', '遵义交警汇川大队'],
    ['the fire and rescue brigade', '临安区消防救援大队'],
    ['a law-enforcement brigade', '昆山市城市管理综合行政执法大队'],
    ['a police station 派出所', '锦城派出所'],
    ['a judicial office 司法所', '锦城司法所'],
    ['a street office 办事处', '锦城街道办事处'],
    ['the government general office', '临安区人民政府办公室'],
    ['a party committee office', '临安区委办公室'],
    ['a studio 工作室', '临安名师工作室'],
    ['社科 (social sciences)', '临安社科'],
    ['a unit named after itself', '临安区人力资源和社会保障局'],
  ])('does not flag %s', (_case, name) => {
    expect(detect(name)).toBeNull();
  });
});

describe('one-off projects and events', () => {
  it.each([
    ['a year', '2023临安马拉松', '2023'],
    ['an edition', '武侯区第十届美食节', '第十届'],
    ['a campaign 专项行动', '汇川区脱贫攻坚专项行动', '专项行动'],
    ['a name ending in 行动', '杭州清朗行动', '行动'],
    ['a festival ending in 节', '临安山核桃节', '节'],
    ['a creation campaign 创建', '临安区创建全国文明城市', '创建'],
    ['an inspection drive 迎检', '临安区卫健迎检', '迎检'],
    ['an activity 活动', '临安区全民阅读活动', '活动'],
    ['a competition 比赛', '临安区中小学生书法比赛', '比赛'],
  ])('flags %s', (_case, name, term) => {
    expect(detect(name)).toEqual({ kind: 'event', term });
  });

  it.each([
    ['an activity centre 活动中心', '临安区青少年活动中心'],
    ['a hotline number that contains no year', '临安12345'],
    ['季节 at the end', '临安赏花季节'],
  ])('does not flag %s', (_case, name) => {
    expect(detect(name)).toBeNull();
  });

  it('takes extra terms from the options', () => {
    expect(detectInternalDivision('临安区亚运城市行动', { divisionTerms: { eventTerms: ['亚运城市'] } })).toEqual({ kind: 'event', term: '亚运城市' });
    expect(detectInternalDivision('锦城镇农技站', { divisionTerms: { sectionSuffixes: ['站'] } })).toEqual({ kind: 'section', term: '站' });
  });

  it('reads names after removing platform suffixes', () => {
    expect(detect('临安区人社局就业促进科官方微信')).toEqual({ kind: 'section', term: '科' });
  });
});
