import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingDateTimeZh, chineseNumeral, dateZh, issuerOf, quarterOf, regionNameOf, regionScope, withoutLabel } from '../../../shared/documents/official';

describe('dates and numerals in documents', () => {
  it.each([
    ['2026-11-27', '2026年11月27日'],
    ['2026-01-05', '2026年1月5日'],
  ])('%s is written %s (Arabic numerals, no leading zeros)', (date, zh) => {
    expect(dateZh(date)).toBe(zh);
  });

  it('writes an instant as its Beijing date and time', () => {
    expect(beijingDateTimeZh('2026-12-03T16:20:00Z')).toBe('2026年12月4日 00:20（北京时间）');
  });

  it.each([
    [1, '一'],
    [4, '四'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
  ])('numbers headings in Chinese: %i → %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });

  it.each([
    ['2026-01-01', 1],
    ['2026-03-31', 1],
    ['2026-04-01', 2],
    ['2026-09-30', 3],
    ['2026-10-01', 4],
    ['2026-12-31', 4],
  ])('%s is in quarter %i', (date, quarter) => {
    expect(quarterOf(date)).toEqual({ year: 2026, quarter });
  });

  it('puts every month in the quarter that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (m) => {
        const { quarter } = quarterOf(`2026-${String(m).padStart(2, '0')}-15`);
        expect(m).toBeGreaterThan((quarter - 1) * 3);
        expect(m).toBeLessThanOrEqual(quarter * 3);
      }),
    );
  });
});

describe('the region and the issuing office', () => {
  it.each([
    [['淳安县人力资源和社会保障局', '淳安县市场监督管理局'], '淳安县'],
    [['杭州市教育局', '杭州市西湖区教育局'], '杭州市'],
    [['杭州市西湖区教育局', '杭州市西湖区文化和旅游局'], '杭州市西湖区'],
    [['杭州市西湖区教育局', '杭州市余杭区教育局'], '杭州市'],
    [['县委宣传部', '淳安县公安局'], '淳安县'],
    [['测试单位a', '县委宣传部'], null],
    [[], null],
  ])('the region of %j is %s', (names, region) => {
    expect(regionNameOf(names)).toBe(region);
  });

  it.each([
    ['淳安县', '全县'],
    ['杭州市西湖区', '全区'],
    ['杭州市', '全市'],
    [null, ''],
  ])('the scope of %s is 「%s」', (region, scope) => {
    expect(regionScope(region)).toBe(scope);
  });

  it('issues as the region government office unless the caller names the issuer', () => {
    expect(issuerOf('淳安县')).toBe('淳安县人民政府办公室');
    expect(issuerOf('淳安县', { issuer: '中共淳安县委宣传部' })).toBe('中共淳安县委宣传部');
    expect(issuerOf(null)).toBe('政务新媒体主管部门');
  });

  it('drops a rule explanation\'s label before the first full-width colon', () => {
    expect(withoutLabel('单项否决「内容不更新」：检查日前 14 天内没有更新。')).toBe('检查日前 14 天内没有更新。');
  });
});
