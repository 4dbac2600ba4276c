/**
 * The demo county's accounts, one line each. Everything not stated here (urls, contacts,
 * opening dates, post times…) is derived deterministically in plan.ts.
 *
 * Deliberate cases for the demo carry a `note`; the test and the lead's demo script rely on them.
 */
import type { Platform } from '../../../shared/registry/schemas';

/** How the account posts. Day counts are relative to the seed's `today` (Beijing date). */
export type Profile =
  | 'busy' // more than one post a day on average
  | 'active' // the ordinary case: last post 1–3 days ago
  | 'low' // a post every 8–12 days: too few for the 28-day cadence indicator
  | 'stale' // last post 10–13 days ago
  | 'dormant' // last post 35–85 days ago
  | 'zombie' // last post more than 90 days ago
  | 'never' // opened long ago, never posted
  | 'new'; // opened 20 days ago, nothing posted yet (not a zombie: under 30 days)

/** What the account posts about. */
export type Mix = 'service' | 'news' | 'newsOnly' | 'off' | 'offLite';
export type OffKind = 'gossip' | 'ads' | 'lottery' | 'emotion' | 'clickbait' | 'unrelated';

export interface AccountSpec {
  dept: string;
  platform: Platform;
  name: string;
  handle: string;
  profile: Profile;
  mix?: Mix;
  off?: OffKind[];
  /** Days since the last post (overrides the profile's range). */
  last?: number;
  /** Time of the last post, 'HH:MM' (Beijing). */
  lastAt?: string;
  /** Days since the account was opened (overrides the derived date). */
  opened?: number;
  /** Verified subject; default the department's name; null: not verified. */
  subject?: string | null;
  noInteraction?: true;
  outsourced?: true;
  purpose?: string;
  /** Number of posts carrying an ordinary typo. */
  typos?: number;
  /** A post leaking an ID-card number (severe). */
  leak?: true;
  /** Service links as 'label:path'. */
  links?: string[];
  /** Name and handle get the year of the (past) event: 2025千岛湖秀水节 / qdhxsj2025. */
  festival?: true;
  /** Metric anomalies in the latest snapshot. */
  metrics?: { unansweredDays?: number; brokenLinks?: number; followerJump?: true };
  note?: string;
}

type Opts = Partial<Omit<AccountSpec, 'dept' | 'platform' | 'name' | 'handle'>>;
const a = (dept: string, platform: Platform, name: string, handle: string, opts: Opts = {}): AccountSpec => ({
  dept, platform, name, handle, profile: 'active', ...opts,
});

const COMPANY = '淳安县星澜文化传媒有限公司';

export const ACCOUNTS: readonly AccountSpec[] = [
  // 县政府办
  a('gov', 'wechat', '淳安政务', 'chunanzhengwu', { links: ['政务服务网淳安站点:zwfw', '12345热线留言:rexian'] }),
  a('gov', 'weibo', '淳安政务', 'chunanzhengwu'),
  a('gov', 'toutiao', '淳安政务', 'chunanzhengwu', { mix: 'news' }),
  a('gov', 'miniprogram', '淳安政务服务', 'wxa3c19f7e5d20b841', { profile: 'low', mix: 'service', links: ['预约办事:yuyue', '办件查询:banjian', '证照查询:zhengzhao'] }),
  a('gov', 'app', '千岛湖政务通', 'com.qdh.zwt', { outsourced: true, links: ['办事大厅:dating'] }),
  // 县委宣传部（含网信办、文明办）
  a('xcb', 'wechat', '淳安发布', 'chunanfabu', { profile: 'busy', links: ['县长信箱:xianzhangxinxiang'] }),
  a('xcb', 'weibo', '淳安发布', 'chunanfabu', { profile: 'busy' }),
  a('xcb', 'douyin', '淳安发布', 'chunanfabu', { outsourced: true }),
  a('xcb', 'toutiao', '淳安发布', 'chunanfabu'),
  a('xcb', 'kuaishou', '淳安发布', 'chunanfabu', { profile: 'dormant', outsourced: true, note: 'dormant' }),
  a('xcb', 'bilibili', '淳安发布', 'chunanfabu', { profile: 'zombie', last: 143, note: 'zombie' }),
  a('xcb', 'wechat', '文明淳安', 'wenmingchunan', { note: 'duplicate: second wechat of 县委宣传部' }),
  a('xcb', 'wechat', '淳安创文办专项行动', 'chunancwbzx', { profile: 'never', opened: 900, purpose: '创建全国文明城市专项行动宣传', note: 'internal/one-off + zombie (never posted)' }),
  a('xcb', 'weibo', '网信淳安', 'wangxinchunan', { mix: 'news' }),
  // 县公安局
  a('gaj', 'wechat', '平安淳安', 'pinganchunan', { profile: 'busy', links: ['户籍业务预约:huji', '出入境办证:crj', '交通违法查询:weifa'] }),
  a('gaj', 'weibo', '平安淳安', 'pinganchunan'),
  a('gaj', 'douyin', '淳安公安', 'chunangongan', { outsourced: true, note: 'naming: same unit named differently across platforms' }),
  a('gaj', 'kuaishou', '淳安公安', 'chunangongan'),
  a('gaj', 'toutiao', '平安淳安', 'pinganchunan'),
  a('gaj', 'wechat', '淳安县公安局交警大队宣传科', 'cajjddxck', { profile: 'dormant', last: 52, note: 'internal division + duplicate wechat + dormant' }),
  a('gaj', 'douyin', '淳安交警', 'chunanjiaojing', { note: 'duplicate: second douyin of 县公安局' }),
  // 县人社局
  a('rsj', 'wechat', '淳安人社', 'chunanrenshe', { mix: 'service', links: ['社保查询:shebao', '就业登记:jiuye', '职业技能培训报名:peixun'], metrics: { brokenLinks: 2 }, note: 'broken service links (2)' }),
  a('rsj', 'douyin', '淳安就业通', 'chunanjiuyetong', { note: 'naming: does not show the unit' }),
  a('rsj', 'weibo', '淳安人社', 'chunanrenshe', { profile: 'zombie', last: 158, note: 'zombie' }),
  a('rsj', 'miniprogram', '淳安社保查询', 'wx5b8e2d1c9a4f7063', { profile: 'low', mix: 'service', links: ['参保证明打印:cbzm'] }),
  // 县医保局
  a('ybj', 'wechat', '淳安医保', 'chunanyibao', { mix: 'service', links: ['医保参保查询:canbao', '异地就医备案:yidi'] }),
  a('ybj', 'douyin', '淳安医保', 'chunanyibao', { profile: 'stale', last: 12, note: 'stale (12 days)' }),
  a('ybj', 'toutiao', '淳安医保', 'chunanyibao', { profile: 'never', opened: 1400, note: 'zombie (never posted)' }),
  a('ybj', 'kuaishou', '淳安医保', 'chunanyibao', { profile: 'new', opened: 20, note: 'new: opened 20 days ago, no posts (not yet zombie)' }),
  // 县市场监管局
  a('scj', 'wechat', '淳安县市场监管', 'chunanscjg', { mix: 'service', links: ['企业开办一件事:qykb', '投诉举报:tousu'] }),
  a('scj', 'wechat', '淳安市场监督管理', 'chunanscjdgl', { profile: 'dormant', last: 64, opened: 2600, note: 'duplicate: second wechat of 县市场监管局 + dormant' }),
  a('scj', 'weibo', '淳安市场监管', 'chunanscjg'),
  a('scj', 'douyin', '淳安市场监管', 'chunanscjg', { outsourced: true }),
  // 县文广旅体局
  a('wgl', 'wechat', '淳安文旅', 'chunanwenlv', { outsourced: true, mix: 'offLite', off: ['ads'], links: ['景区门票预约:menpiao'], note: 'similar function: 淳安文旅 vs 淳安县文化和旅游' }),
  a('wgl', 'douyin', '千岛湖旅游', 'qiandaohulvyou', { outsourced: true, mix: 'off', off: ['ads', 'lottery', 'clickbait'], note: 'off-mission heavy (ads, lottery)' }),
  a('wgl', 'weibo', '千岛湖旅游', 'qiandaohulvyou', { outsourced: true, mix: 'off', off: ['ads', 'lottery'], note: 'off-mission heavy (ads, lottery)' }),
  a('wgl', 'wechat', '千岛湖秀水节', 'qdhxsj', { festival: true, profile: 'zombie', last: 300, purpose: '千岛湖秀水节活动宣传', outsourced: true, note: 'one-off project + zombie' }),
  a('wgl', 'bilibili', '千岛湖文旅', 'qdhwenlv', { profile: 'low', outsourced: true }),
  a('wgl', 'kuaishou', '千岛湖生活圈', 'qdhshenghuoquan', { subject: COMPANY, outsourced: true, mix: 'off', off: ['gossip', 'ads', 'emotion'], note: 'naming mismatch (company subject) + off-mission heavy' }),
  a('wgl', 'wechat', '淳安体育', 'chunantiyu', { mix: 'offLite', off: ['lottery'], note: 'duplicate: third wechat of 县文广旅体局' }),
  // 县卫健局
  a('wjj', 'wechat', '健康淳安', 'jiankangchunan', { links: ['预约挂号:guahao', '疫苗接种预约:yimiao'] }),
  a('wjj', 'douyin', '健康淳安', 'jiankangchunan'),
  a('wjj', 'weibo', '健康淳安', 'jiankangchunan', { profile: 'dormant', note: 'dormant' }),
  a('wjj', 'toutiao', '健康淳安', 'jiankangchunan'),
  // 县教育局
  a('jyj', 'wechat', '淳安教育', 'chunanjiaoyu', { typos: 1, links: ['义务教育招生报名:zhaosheng'] }),
  a('jyj', 'douyin', '淳安教育', 'chunanjiaoyu'),
  a('jyj', 'weibo', '淳安教育发布', 'chunanjiaoyufabu', { profile: 'dormant', last: 80 }),
  a('jyj', 'app', '淳安教育云', 'com.chunan.jyy', { profile: 'low', outsourced: true }),
  // 县交通运输局
  a('jtj', 'wechat', '淳安交通', 'chunanjiaotong', { links: ['客运班线查询:banxian'] }),
  a('jtj', 'weibo', '淳安交通', 'chunanjiaotong', { profile: 'stale', last: 11, note: 'stale (11 days)' }),
  a('jtj', 'douyin', '淳安交通', 'chunanjiaotong'),
  a('jtj', 'miniprogram', '千岛湖公交', 'wx9d04c6b2e1f38a57', { profile: 'low', mix: 'service', outsourced: true, links: ['实时公交:shishi', '公交卡充值:chongzhi'], metrics: { brokenLinks: 1 }, note: 'broken service link (1)' }),
  // 县应急管理局
  a('yjj', 'wechat', '淳安应急', 'chunanyingji'),
  a('yjj', 'douyin', '淳安应急', 'chunanyingji'),
  a('yjj', 'weibo', '淳安应急管理', 'chunanyingjiguanli', { profile: 'dormant', note: 'dormant' }),
  // 县气象局
  a('qxj', 'wechat', '淳安气象', 'chunanqixiang', { profile: 'busy', mix: 'service' }),
  a('qxj', 'weibo', '淳安气象', 'chunanqixiang', { profile: 'busy', mix: 'service' }),
  a('qxj', 'douyin', '淳安气象', 'chunanqixiang', { profile: 'stale', last: 14, lastAt: '23:30', note: 'edge: last post 14 days ago at 23:30 (passes no_update)' }),
  // 县民政局
  a('mzj', 'wechat', '淳安民政', 'chunanminzheng', { leak: true, links: ['婚姻登记预约:hunyin'], note: 'severe: ID-card number leaked in a 公示 post' }),
  a('mzj', 'douyin', '淳安民政', 'chunanminzheng', { profile: 'dormant', last: 88 }),
  // 县自然资源和规划局
  a('zgj', 'wechat', '淳安自然资源和规划', 'chunanzrzygh', { links: ['不动产登记预约:bdc'] }),
  a('zgj', 'toutiao', '淳安自然资源', 'chunanzrzy', { profile: 'dormant', note: 'dormant' }),
  // 生态环境淳安分局
  a('sthj', 'wechat', '淳安生态环境', 'chunanshengtai'),
  a('sthj', 'weibo', '淳安环保', 'chunanhuanbao', { profile: 'zombie', last: 210, opened: 3600, note: 'zombie (old name, 210 days)' }),
  // 县住建局
  a('zjj', 'wechat', '淳安住建', 'chunanzhujian', { typos: 2, metrics: { unansweredDays: 126 }, note: 'unanswered message > 90 days; 2 typos' }),
  a('zjj', 'douyin', '淳安住建', 'chunanzhujian', { metrics: { followerJump: true }, note: 'suspected fake engagement (follower jump)' }),
  // 县农业农村局
  a('nyj', 'wechat', '淳安农业农村', 'chunannongye'),
  a('nyj', 'douyin', '淳安农业', 'chunannongye', { mix: 'off', off: ['ads'], outsourced: true, note: 'off-mission heavy (直播带货 ads)' }),
  a('nyj', 'toutiao', '淳安三农', 'chunansannong', { profile: 'stale', note: 'stale' }),
  // 县水利局
  a('slj', 'wechat', '淳安水利', 'chunanshuili', { noInteraction: true, note: 'interaction disabled' }),
  a('slj', 'toutiao', '淳安水利', 'chunanshuili', { profile: 'dormant', last: 41 }),
  // 县税务局
  a('swj', 'wechat', '淳安税务', 'chunanshuiwu', { mix: 'service', links: ['电子税务局:etax'] }),
  a('swj', 'weibo', '淳安税务', 'chunanshuiwu'),
  a('swj', 'douyin', '淳安税务', 'chunanshuiwu', { profile: 'low', note: 'low cadence' }),
  // 县司法局
  a('sfj', 'wechat', '淳安司法', 'chunansifa'),
  a('sfj', 'douyin', '淳安普法', 'chunanpufa'),
  a('sfj', 'wechat', '淳安县公共法律服务中心', 'chunangflfw', { profile: 'dormant', last: 47, note: 'duplicate wechat + dormant' }),
  // 县退役军人事务局
  a('tyjr', 'wechat', '淳安退役军人', 'chunantuiyi'),
  a('tyjr', 'douyin', '淳安退役军人', 'chunantuiyi', { profile: 'stale', last: 15, lastAt: '00:10', note: 'edge: last post 15 days ago at 00:10 (fails no_update)' }),
  // 县融媒体中心
  a('rmt', 'wechat', '千岛湖新闻', 'qdhxinwen', { profile: 'busy' }),
  a('rmt', 'douyin', '千岛湖新闻', 'qdhxinwen', { profile: 'busy' }),
  a('rmt', 'weibo', '千岛湖新闻', 'qdhxinwen'),
  a('rmt', 'toutiao', '千岛湖新闻', 'qdhxinwen', { mix: 'off', off: ['gossip', 'clickbait', 'unrelated'], note: 'off-mission heavy (gossip, clickbait)' }),
  a('rmt', 'kuaishou', '千岛湖新闻', 'qdhxinwen', { outsourced: true }),
  a('rmt', 'bilibili', '千岛湖新闻', 'qdhxinwen', { profile: 'low' }),
  a('rmt', 'app', '千岛湖新闻', 'com.qdh.news', { outsourced: true }),
  // 县消防救援大队
  a('xf', 'wechat', '淳安消防', 'chunanxiaofang'),
  a('xf', 'douyin', '淳安消防', 'chunanxiaofang'),
  a('xf', 'weibo', '淳安消防', 'chunanxiaofang', { profile: 'low' }),
  // 县综合行政执法局
  a('zfj', 'wechat', '淳安城管', 'chunanchengguan', { typos: 3, note: '3 typos; naming (old 城管 name)' }),
  a('zfj', 'douyin', '淳安综合执法', 'chunanzhzf', { mix: 'off', off: ['clickbait', 'emotion'], note: 'off-mission heavy (clickbait)' }),
  a('zfj', 'weibo', '淳安城管', 'chunanchengguan', { profile: 'never', opened: 3300, note: 'zombie (never posted, opened 9 years ago)' }),
  // 县发改局
  a('fgj', 'wechat', '淳安发改', 'chunanfagai', { profile: 'low', mix: 'news', note: 'low cadence' }),
  a('fgj', 'toutiao', '淳安发改', 'chunanfagai', { profile: 'zombie', last: 124, note: 'zombie' }),
  // 团县委
  a('tw', 'wechat', '青春淳安', 'qingchunchunan'),
  a('tw', 'douyin', '青春淳安', 'qingchunchunan', { mix: 'off', off: ['gossip', 'emotion', 'lottery'], note: 'off-mission heavy (gossip, emotion)' }),
  a('tw', 'bilibili', '青春淳安', 'qingchunchunan', { profile: 'low' }),
  // 千岛湖风景区管委会
  a('fjq', 'wechat', '淳安县文化和旅游', 'chunanwhly', { outsourced: true, note: 'similar function: 淳安县文化和旅游 vs 淳安文旅' }),
  a('fjq', 'douyin', '千岛湖景区', 'qdhjingqu', { outsourced: true, mix: 'offLite', off: ['ads'] }),
  a('fjq', 'weibo', '千岛湖风景区', 'qdhfengjingqu', { profile: 'zombie', last: 185, note: 'zombie' }),
  // 千岛湖镇
  a('qdhz', 'wechat', '千岛湖镇', 'qdhzhen', { leak: true, note: 'severe: ID-card number leaked in a 公示 post' }),
  a('qdhz', 'douyin', '千岛湖镇', 'qdhzhen'),
  a('qdhz', 'weibo', '千岛湖镇发布', 'qdhzhenfabu', { profile: 'dormant', note: 'dormant' }),
  a('qdhz', 'wechat', '千岛湖镇综合信息指挥室', 'qdhzzhxxzhs', { profile: 'never', opened: 700, note: 'internal division + zombie (never posted)' }),
  // 威坪镇
  a('wpz', 'wechat', '威坪发布', 'weipingfabu', { typos: 2 }),
  a('wpz', 'douyin', '威坪镇', 'weipingzhen', { mix: 'off', off: ['ads', 'emotion'], note: 'off-mission heavy (local produce ads)' }),
  a('wpz', 'kuaishou', '威坪镇', 'weipingzhen', { profile: 'zombie', last: 97, note: 'zombie (97 days)' }),
  // 汾口镇
  a('fkz', 'wechat', '汾口镇', 'fenkouzhen', { mix: 'newsOnly', note: 'service share < 10%' }),
  a('fkz', 'douyin', '汾口发布', 'fenkoufabu', { profile: 'stale', last: 13 }),
  // 临岐镇
  a('lqz', 'wechat', '临岐镇', 'linqizhen'),
  a('lqz', 'douyin', '临岐中药材', 'linqizhongyaocai', { subject: '淳安县临岐中药材产业协会', mix: 'offLite', off: ['ads'], note: 'naming mismatch (association subject, name not showing the unit)' }),
  // 姜家镇
  a('jjz', 'wechat', '姜家镇', 'jiangjiazhen', { typos: 1, metrics: { unansweredDays: 97 }, note: 'unanswered message > 90 days; 1 typo' }),
  a('jjz', 'kuaishou', '姜家镇', 'jiangjiazhen', { subject: null, mix: 'off', off: ['emotion', 'gossip', 'unrelated'], note: 'unverified + off-mission heavy (personal emotion)' }),
  a('jjz', 'douyin', '姜家镇', 'jiangjiazhen', { profile: 'dormant', last: 70 }),
  // 文昌镇
  a('wcz', 'wechat', '文昌镇', 'wenchangzhen', { profile: 'low' }),
  a('wcz', 'douyin', '文昌镇', 'wenchangzhen', { profile: 'zombie', last: 116, note: 'zombie' }),
  // Further platforms of the same units: ordinary, well-run accounts
  a('gov', 'douyin', '淳安政务', 'chunanzhengwu', { outsourced: true }),
  a('gaj', 'bilibili', '平安淳安', 'pinganchunan', { profile: 'low' }),
  a('rsj', 'toutiao', '淳安人社', 'chunanrenshe', { mix: 'service' }),
  a('ybj', 'weibo', '淳安医保', 'chunanyibao', { mix: 'service' }),
  a('scj', 'toutiao', '淳安市场监管', 'chunanscjg'),
  a('wgl', 'toutiao', '淳安文旅', 'chunanwenlv', { outsourced: true }),
  a('wjj', 'kuaishou', '健康淳安', 'jiankangchunan'),
  a('wjj', 'miniprogram', '淳安预约挂号', 'wx61f0a8c3d7b2e945', { profile: 'low', mix: 'service', outsourced: true, links: ['预约挂号:guahao'] }),
  a('jyj', 'toutiao', '淳安教育', 'chunanjiaoyu'),
  a('jyj', 'kuaishou', '淳安教育', 'chunanjiaoyu'),
  a('jtj', 'toutiao', '淳安交通', 'chunanjiaotong'),
  a('yjj', 'toutiao', '淳安应急', 'chunanyingji'),
  a('qxj', 'toutiao', '淳安气象', 'chunanqixiang', { mix: 'service' }),
  a('mzj', 'weibo', '淳安民政', 'chunanminzheng'),
  a('zgj', 'douyin', '淳安自然资源', 'chunanzrzy'),
  a('sthj', 'douyin', '淳安生态环境', 'chunanshengtai'),
  a('zjj', 'weibo', '淳安住建', 'chunanzhujian'),
  a('nyj', 'kuaishou', '淳安农业农村', 'chunannongye'),
  a('slj', 'douyin', '淳安水利', 'chunanshuili'),
  a('swj', 'toutiao', '淳安税务', 'chunanshuiwu', { mix: 'service' }),
  a('sfj', 'weibo', '淳安司法', 'chunansifa'),
  a('tyjr', 'toutiao', '淳安退役军人', 'chunantuiyi'),
  a('xf', 'toutiao', '淳安消防', 'chunanxiaofang'),
  a('xf', 'kuaishou', '淳安消防', 'chunanxiaofang'),
  a('zfj', 'toutiao', '淳安综合执法', 'chunanzhzf'),
  a('tw', 'weibo', '青春淳安', 'qingchunchunan'),
  a('fjq', 'kuaishou', '千岛湖景区', 'qdhjingqu', { outsourced: true }),
  a('qdhz', 'toutiao', '千岛湖镇', 'qdhzhen'),
  a('wpz', 'toutiao', '威坪发布', 'weipingfabu'),
  a('fkz', 'weibo', '汾口镇', 'fenkouzhen'),
  a('lqz', 'kuaishou', '临岐镇', 'linqizhen'),
  a('wcz', 'toutiao', '文昌镇', 'wenchangzhen', { profile: 'low' }),
  a('xcb', 'app', '淳安发布', 'com.chunan.fabu', { outsourced: true }),
  a('rmt', 'wechat', '淳安融媒', 'chunanrongmei', { note: 'duplicate: second wechat of 县融媒体中心' }),
  a('gov', 'kuaishou', '淳安政务', 'chunanzhengwu', { profile: 'low' }),
  a('jtj', 'kuaishou', '淳安交通', 'chunanjiaotong'),
];
