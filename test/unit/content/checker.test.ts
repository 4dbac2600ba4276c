import { describe, expect, it } from 'vitest';
import { BUILTIN_CATEGORY_LEXICON, checkContent, classifyPost, createContentChecker, type CategoryLexicon } from '../../../shared/content';

describe('checkContent: category per class', () => {
  it.each([
    ['service', { title: '社保卡补办指南', text: '社保卡丢失后，可携带身份证到任一合作银行网点申请补卡，也可在浙里办在线办理，工本费20元。咨询电话：12333。' }],
    ['service', { text: '因管网施工，5月12日22:00至次日6:00城北片区停水，请居民提前储水。' }],
    ['service', { title: '台风橙色预警', text: '预计明天夜间台风登陆，全市有大到暴雨，请减少外出，做好防范。' }],
    ['policy', { title: '一图读懂：个人所得税专项附加扣除标准提高', text: '国务院决定提高子女教育等专项附加扣除标准，一图读懂新标准。' }],
    ['policy', { title: '政策解读', text: '市政府印发《关于支持中小微企业纾困发展的若干意见》，从六个方面提出22条措施，下面逐条解读。' }],
    ['news', { title: '全市安全生产工作会议召开', text: '1月22日，全市安全生产工作会议召开，市长出席会议并讲话，强调要压实责任。' }],
    ['news', { text: '今年以来，全市共破获电信网络诈骗案件1860起，抓获犯罪嫌疑人2300余名，同比下降12%。' }],
  ] as const)('%s: %j', (category, input) => {
    expect(checkContent(input).category).toBe(category);
  });

  it.each([
    ['entertainment', '某顶流明星被曝隐婚，话题冲上热搜，吃瓜群众炸锅了'],
    ['advertising', '限时秒杀！某品牌血压计直降200元，点击下方链接下单，全国包邮'],
    ['lottery_game', '关注并转发本条，抽3位幸运粉丝送定制保温杯，开奖时间5月20日'],
    ['personal_opinion', '周一好呀～小编今天起晚了，打工人的快乐就是这么简单😄'],
    ['clickbait', '震惊！99%的人都不知道，看完吓出一身冷汗，赶紧转发给家人！'],
  ])('off_mission (%s): %s', (subclass, text) => {
    const r = checkContent({ text });
    expect(r.category).toBe('off_mission');
    expect(r.reasons[0]?.category).toBe(subclass);
  });

  it('flags a repost unrelated to government work', () => {
    const r = checkContent({ text: '转发：这只狗狗会自己开门，太聪明了吧！', isRepost: true });
    expect(r.category).toBe('off_mission');
    expect(r.reasons[0]).toEqual({ term: '转发', category: 'unrelated_repost' });
  });

  it('keeps a repost of a government notice in its own category', () => {
    expect(checkContent({ text: '转发：@浙江公安 春节期间燃放烟花爆竹注意安全，禁放区域内严禁燃放。', isRepost: true }).category).toBe('service');
  });

  it('does not call an anti-fraud warning about fake lotteries a lottery', () => {
    const r = checkContent({ title: '“中奖”短信别轻信', text: '收到“恭喜您被抽中为幸运用户”的短信千万别信，骗子会以手续费为由诈骗钱财。遇到此类中奖信息请直接删除，可拨打96110咨询。' });
    expect(r.category).toBe('service');
  });

  it('does not call consumer-protection advice about discounts an advertisement', () => {
    const r = checkContent({ text: '双十一来临，提醒消费者理性消费，警惕“先涨后降”“虚假折扣”，保存购物凭证，发生纠纷可拨打12315投诉。' });
    expect(r.category).toBe('service');
  });

  it('falls back to news when a post carries no signal at all (benefit of the doubt)', () => {
    expect(checkContent({ text: '凌晨两点，巡逻人员将一名醉酒男子扶到安全地带。' }).category).toBe('news');
  });

  it('explains the category with the matched terms, as written', () => {
    const r = checkContent({ title: '社保卡补办指南', text: '请携带身份证到网点申请补卡。' });
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(r.reasons.every((x) => x.category === 'service')).toBe(true);
    expect(r.reasons.map((x) => x.term)).toContain('指南');
  });

  it('warns about off-mission terms in a draft that is otherwise a service post', () => {
    const r = checkContent({ title: '流感疫苗接种指南', text: '60岁以上老年人可免费接种，请在小程序预约并携带身份证。转发抽奖送保温杯！' });
    expect(r.category).toBe('service');
    expect(r.reasons.some((x) => x.category === 'lottery_game')).toBe(true);
  });

  it('matches full-width and upper-case Latin the same as half-width lower-case', () => {
    expect(checkContent({ text: '登录ＡＰＰ在线办理，预约后携带材料到窗口' }).category).toBe('service');
  });

  it('is deterministic', () => {
    const input = { title: '温馨提示', text: '明天起大风降温，请及时添衣，注意出行安全。' };
    expect(checkContent(input)).toEqual(checkContent(input));
  });
});

describe('checkContent: wording', () => {
  it('reports an ordinary typo with its suggestion and UTF-16 offsets into the text', () => {
    const text = '希望大家在接再厉，再创佳绩。';
    const r = checkContent({ text });
    expect(r.wording).toEqual([{ error: '在接再厉', suggestion: '再接再厉', severity: 'ordinary', start: 4, end: 8 }]);
    expect(text.slice(4, 8)).toBe('在接再厉');
  });

  it('offsets into title + "\\n" + text when there is a title', () => {
    const title = '关于按装路灯的通知';
    const text = '请在接再厉。';
    const r = checkContent({ title, text });
    const full = `${title}\n${text}`;
    expect(r.wording.map((w) => [w.error, full.slice(w.start, w.end)])).toEqual([
      ['按装', '按装'],
      ['在接再厉', '在接再厉'],
    ]);
    expect(r.wording[1]!.start - (title.length + 1)).toBe(text.indexOf('在接再厉'));
  });

  it('counts offsets in UTF-16 code units (an emoji before the error counts 2)', () => {
    const r = checkContent({ text: '😄按装' });
    expect(r.wording[0]).toMatchObject({ start: 2, end: 4 });
  });

  it.each([
    ['既使下雨也要按时到岗', '即使'],
    ['请登陆APP查询', '登录APP'],
    ['截止到6月30日', '截至'],
    ['医保报消流程', '报销'],
  ])('%s → suggests %s', (text, suggestion) => {
    expect(checkContent({ text }).wording.map((w) => w.suggestion)).toContain(suggestion);
  });

  it.each([
    ['既使企业受益，又使群众满意', '既使…又… is correct'],
    ['按装修面积计算补贴', 'an exception covers 按装 in 按装修'],
    ['通报消息如下', 'an exception covers 报消 in 通报消息'],
    ['台风今晚登陆沿海', '登陆 alone is correct for a typhoon'],
  ])('no false alarm: %s (%s)', (text) => {
    expect(checkContent({ text }).wording).toEqual([]);
  });

  it.each([
    ['台湾总统发表讲话', '台湾地区领导人'],
    ['习近平总书纪强调', '习近平总书记'],
    ['积极参与一带一路战略', '“一带一路”倡议'],
  ])('severe formulation: %s → %s', (text, suggestion) => {
    const r = checkContent({ text });
    expect(r.wording).toHaveLength(1);
    expect(r.wording[0]).toMatchObject({ severity: 'severe', suggestion });
  });

  it('reports a leaked ID-card number as severe and a mobile number as an ordinary warning', () => {
    const text = '申请人张某，身份证号11010519491231002X，手机13812345678。';
    const r = checkContent({ text });
    expect(r.wording.map((w) => [w.error, w.severity])).toEqual([
      ['11010519491231002X', 'severe'],
      ['13812345678', 'ordinary'],
    ]);
    expect(text.slice(r.wording[0]!.start, r.wording[0]!.end)).toBe('11010519491231002X');
  });

  it('keeps mobile numbers out of what grading stores (no veto, no typo deduction)', () => {
    const stored = classifyPost({ text: '咨询请联系王老师13812345678，身份证号11010519491231002X。' });
    expect(stored.wording?.map((w) => w.severity)).toEqual(['severe']);
  });

  it('does not report masked numbers, landlines or hotlines', () => {
    expect(checkContent({ text: '联系人手机138****5678，座机0571-88001234，热线12345。' }).wording).toEqual([]);
  });
});

describe('classifyPost: what ingest stores', () => {
  it('keeps the category, the off-mission reasons and the wording issues', () => {
    const text = '转发抽奖！关注本号并转发，抽3位幸运粉丝送保温杯。按装';
    const c = classifyPost({ text });
    expect(c.category).toBe('off_mission');
    expect(c.offMissionReasons?.[0]).toEqual({ term: '转发抽奖', category: 'lottery_game' });
    const at = text.indexOf('按装');
    expect(c.wording).toEqual([{ error: '按装', suggestion: '安装', severity: 'ordinary', start: at, end: at + 2 }]);
  });

  it('stores only the category for a clean government post', () => {
    expect(classifyPost({ title: '停水通知', text: '5月12日22时至次日6时城北片区停水，请提前储水。' })).toEqual({ category: 'service' });
  });
});

describe('createContentChecker: an office extends the lexicons', () => {
  it('picks up an added term', () => {
    const base = BUILTIN_CATEGORY_LEXICON as unknown as CategoryLexicon;
    const text = '本周六晚围炉煮茶，来聊聊你最喜欢的茶吧';
    expect(createContentChecker({ model: null }).checkContent({ text }).category).not.toBe('off_mission');
    const local = createContentChecker({
      model: null,
      categories: { ...base, offMission: { ...base.offMission, personal_opinion: { ...base.offMission.personal_opinion, 围炉煮茶: 4 } } },
    });
    expect(local.checkContent({ text }).category).toBe('off_mission');
  });

  it('rejects a regular-expression feature with an unknown group', () => {
    const base = BUILTIN_CATEGORY_LEXICON as unknown as CategoryLexicon;
    expect(() => createContentChecker({ categories: { ...base, patterns: [{ regex: 'x', group: 'nope', weight: 1 }] } })).toThrow(/分组无效/);
  });
});
