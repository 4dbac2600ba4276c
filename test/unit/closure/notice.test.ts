import { describe, expect, it } from 'vitest';
import { describeAccount, draftStopUpdateNotice, formatDateZh, plannedClosingDate } from '../../../shared/closure/notice';
import { PLATFORM_NAMES_ZH } from '../../../shared/registry/schemas';
import { PLATFORMS } from '../../../shared/registry/schemas';
import { closureIn } from './support';

const base = {
  account: { name: '临安就业', platform: 'wechat' as const, handle: 'linan_jiuye' },
  noticeDate: '2026-11-27',
  noticePeriodDays: 30,
};

describe('draftStopUpdateNotice', () => {
  it("names the successor account's name, platform and handle", () => {
    const text = draftStopUpdateNotice({ ...base, successor: { name: '临安人社', platform: 'douyin', handle: 'linanrenshe' } });
    expect(text).toContain('抖音“临安人社”（账号：linanrenshe）');
  });

  it('names the account that stops updating, the notice day and the planned closing day', () => {
    const text = draftStopUpdateNotice(base);
    expect(text.split('\n')[0]).toBe('关于微信公众号“临安就业”停止更新的公告');
    expect(text).toContain('自2026年11月27日起停止更新');
    expect(text).toContain('拟于2026年12月27日起办理注销');
  });

  it('points to the unit\'s other channels when there is no successor', () => {
    expect(draftStopUpdateNotice(base)).toContain('请通过本单位其他官方渠道');
  });

  it('is signed by the department when its name is known, else by the account', () => {
    expect(draftStopUpdateNotice({ ...base, departmentName: '临安区人力资源和社会保障局' }).split('\n').at(-2)).toBe('临安区人力资源和社会保障局');
    expect(draftStopUpdateNotice(base).split('\n').at(-2)).toBe('临安就业');
  });

  it('is drafted on approval with the successor named', () => {
    expect(closureIn('approved').noticeDraft).toContain('微信公众号“临安人社”（账号：linan_renshe）');
  });
});

describe('notice helpers', () => {
  it('has a Chinese name for every platform', () => {
    expect(PLATFORMS.map((p) => PLATFORM_NAMES_ZH[p])).toEqual(['微信公众号', '微博', '抖音', '今日头条', '快手', '哔哩哔哩', '小程序', '移动应用', '其他']);
  });

  it('describes an account on an unnamed platform without the word 其他', () => {
    expect(describeAccount({ name: '临安通', platform: 'other', handle: 'x' })).toBe('“临安通”账号');
  });

  it('plans the closing day as notice day plus the notice period, across a month end', () => {
    expect(plannedClosingDate('2027-01-31', 30)).toBe('2027-03-02');
  });

  it('formats dates the Chinese way without leading zeros', () => {
    expect(formatDateZh('2026-03-05')).toBe('2026年3月5日');
  });
});
