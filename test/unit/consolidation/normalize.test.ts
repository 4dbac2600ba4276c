import { describe, expect, it } from 'vitest';
import { createNormalizer, normalizeName, shortRegionName } from '../../../shared/consolidation/normalize';

const REGIONS = { regionNames: ['浙江省', '杭州市', '临安区'] };
const key = createNormalizer(REGIONS);

describe('name normalisation: one rule each', () => {
  it.each([
    ['full-width letters become half-width', 'ＬＩＮＡＮ文旅', 'linan文旅'],
    ['case is ignored', 'LinAn文旅', 'linan文旅'],
    ['punctuation and spaces are dropped', '“临安 · 文旅”', '临安文旅'],
    ['a province prefix is stripped', '浙江省人社', '人社'],
    ['a province short form is stripped', '浙江人社', '人社'],
    ['a city prefix is stripped (generic 市 pattern)', '宁波市人社', '人社'],
    ['a county prefix is stripped (generic 区/县 pattern)', '余杭区人社', '人社'],
    ['a configured region name is stripped in its short form', '临安人社', '人社'],
    ['chained region prefixes are all stripped', '浙江省杭州市临安区人社', '人社'],
    ['a lone leading 市 is stripped', '市人社', '人社'],
    ['a region name at the end is stripped', '平安临安', '平安'],
    ['the suffix 官方 is stripped', '临安人社官方', '临安人社'],
    ['the suffix 发布 is stripped', '临安人社发布', '临安人社'],
    ['the suffix 微信 is stripped', '临安人社微信', '临安人社'],
    ['the suffix 公众号 is stripped', '临安人社公众号', '临安人社'],
    ['the suffix 服务号 is stripped', '临安人社服务号', '临安人社'],
    ['the suffix 订阅号 is stripped', '临安人社订阅号', '临安人社'],
    ['the suffix 微博 is stripped', '临安人社微博', '临安人社'],
    ['the suffix 抖音 is stripped', '临安人社抖音', '临安人社'],
    ['the suffix 头条号 is stripped', '临安人社头条号', '临安人社'],
    ['the suffix 号 is stripped', '临安人社号', '临安人社'],
    ['stacked suffixes are all stripped', '临安人社官方微博', '临安人社'],
    ['the institution type 局 is stripped', '临安区教育局', '临安教育'],
    ['the institution type 委员会 is stripped', '临安区卫生健康委员会', '临安卫健'],
    ['the institution type 分局 is stripped, with the region inside the name', '杭州市规划和自然资源局临安分局', '临安自然资源'],
    ['文化和旅游 = 文旅', '临安文化和旅游', '临安文旅'],
    ['文化广电旅游 = 文旅', '临安文化广电旅游局', '临安文旅'],
    ['人力资源和社会保障 = 人社', '临安区人力资源和社会保障局', '临安人社'],
    ['市场监督管理 = 市场监管', '临安区市场监督管理局', '临安市场监管'],
    ['卫生健康 = 卫健', '临安区卫生健康局', '临安卫健'],
    ['住房和城乡建设 = 住建', '临安区住房和城乡建设局', '临安住建'],
    ['发展和改革 = 发改', '临安区发展和改革局', '临安发改'],
    ['医疗保障 = 医保', '临安区医疗保障局', '临安医保'],
    ['应急管理 = 应急', '临安区应急管理局', '临安应急'],
    ['自然资源和规划 = 自然资源', '临安区自然资源和规划局', '临安自然资源'],
    ['规划和自然资源 = 自然资源', '临安规划和自然资源', '临安自然资源'],
    ['城市管理 = 综合行政执法 = 城管', '临安区综合行政执法局', '临安区城市管理局'],
    ['人民政府 = 政府', '临安区人民政府', '临安区政府'],
  ])('%s', (_rule, a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it('takes extra abbreviations from the options (an office extends the list)', () => {
    const withLocal = createNormalizer({ ...REGIONS, abbreviations: [{ canonical: '数据', variants: ['数据资源管理', '大数据发展管理'] }] });
    expect(withLocal('临安区大数据发展管理局')).toBe(withLocal('临安数据'));
    expect(key('临安区大数据发展管理局')).not.toBe(key('临安数据'));
  });
});

describe('name normalisation: what it must not merge or mangle', () => {
  it.each([
    ['市场 after a city is not a region suffix', '杭州市场监管', '市场监管'],
    ['城市 is not a region', '城市管理局', '城管'],
    ['社区 is not a region', '和平社区居委会', '和平社区居委会'],
    ['开发区 is a zone, not a region', '临安经济开发区', '经济开发区'],
    ['a bureau name is not a region: 公安局临安区 stays 公安', '杭州市公安局临安区分局', '公安'],
    ['a name of only region and suffix has no function word', '临安发布', ''],
  ])('%s', (_rule, name, expected) => {
    expect(key(name)).toBe(expected);
  });

  it.each([
    ['公安 and 交警', '临安公安', '临安区公安局交通警察大队'],
    ['城管 and 市场监管', '临安城管', '临安市场监管'],
    ['two communities', '锦城街道和平社区居委会', '锦城街道幸福社区居委会'],
    ['the government and its general office', '临安区人民政府', '临安区人民政府办公室'],
    ['two different zones', '临安经济开发区管委会', '西湖风景名胜区管委会'],
  ])('keeps %s apart', (_case, a, b) => {
    expect(key(a)).not.toBe(key(b));
  });
});

describe('region short forms', () => {
  it.each([
    ['杭州市', '杭州'],
    ['临安区', '临安'],
    ['内蒙古自治区', '内蒙古'],
    ['黔东南苗族侗族自治州', '黔东南'],
    ['和县', null],
  ])('%s → %s', (full, short) => {
    expect(shortRegionName(full)).toBe(short);
  });

  it('normalizeName is the one-off form of createNormalizer', () => {
    expect(normalizeName('临安人社发布', REGIONS)).toBe(key('临安人社发布'));
  });
});

describe('region names that are also town or street names', () => {
  const withOtherRegions = createNormalizer({ regionNames: ['兰州市', '永州市', '临安区'] });

  it('keeps a town named like a region elsewhere: 兰州镇 and 永州镇 stay apart', () => {
    expect(withOtherRegions('临安兰州镇人民政府')).not.toBe(withOtherRegions('临安永州镇人民政府'));
  });

  it('still strips the full region name before a town that starts with 镇 (宁波市镇海区)', () => {
    expect(createNormalizer({ regionNames: ['宁波市', '镇海区'] })('宁波市镇海区人社')).toBe('人社');
  });
});
