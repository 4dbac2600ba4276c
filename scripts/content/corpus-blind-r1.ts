/**
 * Hand-written parts of the round-1 blind split (split "blind-r1", seen after
 * round 1), written after the round-1 model was frozen
 * (commit "Model frozen here, before the blind split is written"). None of
 * these templates, sentence pools, emoji, English snippets or repost prefixes
 * is used by corpus-train.ts, and the departments include ones the training
 * corpus does not have (司法, 退役军人, 城管, 水务, 消防, 残联, 自然资源, 统计, 商务, 体育).
 * Measured once as the round-1 blind split, then its errors were read (issue 17,
 * round 2): reported as seen; never used for training. Units, names, numbers fictitious.
 */
import { type CorpusPost, Picker, type Subclass, fill, rng } from './compose';

interface BlindDept {
  name: string;
  unit: string[];
  phone: string;
  /** [what, bring, where] */
  tasks: [string, string, string][];
  alerts: string[];
  rules: string[];
  details: string[];
  events: string[];
  results: string[];
}

const DEPTS: BlindDept[] = [
  {
    name: '司法',
    unit: ['市司法局', '县公共法律服务中心', '城关司法所'],
    phone: '12348',
    tasks: [['法律援助申请', '经济困难证明', '公共法律服务中心'], ['公证预约', '身份证及相关材料', '公证处'], ['人民调解申请', '纠纷情况说明', '司法所']],
    alerts: ['农民工讨薪可申请免费法律援助', '遗嘱公证周末也能办'],
    rules: ['《法律援助法》', '《人民调解法》'],
    details: ['法律援助对象范围扩大到因见义勇为受损害的当事人', '经济困难标准按当地低保标准的2倍执行'],
    events: ['普法宣传周启动仪式', '法治政府建设推进会'],
    results: ['办理法律援助案件2600件', '调解矛盾纠纷1.1万件'],
  },
  {
    name: '退役军人',
    unit: ['市退役军人事务局', '区退役军人服务中心'],
    phone: '12345',
    tasks: [['优待证申领', '退役证件', '退役军人服务站'], ['光荣牌悬挂登记', '家庭信息', '社区服务站'], ['自主就业补助申领', '退役证明', '服务中心']],
    alerts: ['优待证可在全市公园景区免费使用', '退役士兵技能培训报名本月截止'],
    rules: ['《退役军人保障法》', '《军人抚恤优待条例》'],
    details: ['持优待证可免费乘坐市内公交', '伤残抚恤金标准每年调整一次'],
    events: ['退役军人就业招聘会', '双拥工作座谈会'],
    results: ['帮助1800名退役军人实现就业', '走访慰问优抚对象5200户'],
  },
  {
    name: '城管',
    unit: ['市城市管理局', '区综合行政执法局', '街道城管中队'],
    phone: '12319',
    tasks: [['占道经营临时许可', '经营者身份证', '城管服务窗口'], ['户外招牌设置审批', '设计效果图', '政务服务中心'], ['建筑垃圾处置核准', '运输车辆信息', '城管局窗口']],
    alerts: ['夜市摊位统一在指定区域经营，请勿占用盲道', '大雪过后请各商户做好门前除雪'],
    rules: ['《城市市容和环境卫生管理条例》', '《生活垃圾分类管理办法》'],
    details: ['厨余垃圾须破袋投放', '门前三包责任由沿街单位落实'],
    events: ['市容环境整治誓师大会', '垃圾分类示范小区评选'],
    results: ['清理乱堆乱放4300处', '生活垃圾回收利用率提升至42%'],
  },
  {
    name: '水务',
    unit: ['市水务集团', '市水利局', '自来水公司'],
    phone: '96390',
    tasks: [['用水户名过户', '房产证和原户主证明', '营业厅'], ['水表故障报修', '用户编号', '客服热线'], ['阶梯水价人口核增', '户口簿', '营业网点']],
    alerts: ['管道抢修，城东部分小区今晚23时起暂停供水', '汛期河道水位上涨，请勿下河游泳捕鱼'],
    rules: ['《城市供水条例》', '《河道管理条例》'],
    details: ['第一阶梯年用水量调整为180立方米', '擅自改装水表的将依法处理'],
    events: ['河湖长制工作会议', '节水型城市创建推进会'],
    results: ['改造老旧供水管网86公里', '水质综合合格率保持100%'],
  },
  {
    name: '消防',
    unit: ['市消防救援支队', '城区消防救援站'],
    phone: '119',
    tasks: [['公众聚集场所开业前消防检查', '场所平面图', '消防窗口'], ['消防设施维保备案', '维保合同', '消防救援支队'], ['消防安全培训预约', '单位名称', '消防科普教育基地']],
    alerts: ['电动自行车请勿在楼道、家中充电', '冬季取暖用电要防止线路过载'],
    rules: ['《消防法》', '《高层民用建筑消防安全管理规定》'],
    details: ['禁止在高层住宅公共门厅停放电动自行车', '单位应每月开展一次防火检查'],
    events: ['119消防宣传月启动仪式', '高层建筑灭火救援实战演练'],
    results: ['检查单位3900家', '督促整改火灾隐患1.2万处'],
  },
  {
    name: '残联',
    unit: ['市残疾人联合会', '区残联'],
    phone: '12385',
    tasks: [['残疾人证办理', '近期照片和户口簿', '区残联'], ['辅助器具适配申请', '残疾人证', '康复中心'], ['无障碍改造申请', '住房证明', '街道残联']],
    alerts: ['残疾人职业技能培训班开始报名', '重度残疾人护理补贴请及时申领'],
    rules: ['《残疾人保障法》', '《无障碍环境建设法》'],
    details: ['重度残疾人护理补贴提高到每月120元', '公共场所应设置无障碍设施'],
    events: ['全国助残日主题活动', '残疾人就业专场招聘会'],
    results: ['为860户家庭完成无障碍改造', '适配辅助器具4700件'],
  },
  {
    name: '自然资源',
    unit: ['市自然资源和规划局', '不动产登记中心'],
    phone: '12336',
    tasks: [['不动产权证书补办', '身份证和登报声明', '不动产登记中心'], ['二手房转移登记', '买卖合同', '登记大厅'], ['抵押权注销登记', '还款证明', '不动产登记窗口']],
    alerts: ['不动产登记中心周六照常办公', '办理登记请认准官方窗口，谨防中介收费'],
    rules: ['《不动产登记暂行条例》', '《土地管理法》'],
    details: ['交房即交证', '农村宅基地实行一户一宅'],
    events: ['国土空间规划编制工作会', '耕地保护督察反馈会'],
    results: ['办理不动产登记业务16万件', '整治违法用地320宗'],
  },
  {
    name: '统计',
    unit: ['市统计局', '国家统计局某调查队'],
    phone: '12340',
    tasks: [['统计数据查询', '无需材料', '统计局网站'], ['统计调查对象名录更新', '营业执照', '统计窗口'], ['经济普查登记', '企业基本信息', '普查员上门']],
    alerts: ['第五次全国经济普查入户登记已开始，请配合普查员工作', '统计调查员均持证上岗，请注意核实身份'],
    rules: ['《统计法》', '《全国经济普查条例》'],
    details: ['统计调查对象应如实提供资料', '普查取得的单位和个人资料严格保密'],
    events: ['统计数据质量工作会', '经济运行分析会'],
    results: ['全市地区生产总值增长6.1%', '社会消费品零售总额增长8.3%'],
  },
  {
    name: '商务',
    unit: ['市商务局', '区商务局'],
    phone: '12345',
    tasks: [['对外贸易经营者备案', '营业执照', '商务窗口'], ['以旧换新补贴申请', '购买发票', '补贴申领平台'], ['单用途预付卡备案', '企业资料', '商务局']],
    alerts: ['家电以旧换新补贴资金即将用完，请尽快申领', '年货节期间请选择正规商家'],
    rules: ['《汽车以旧换新补贴实施细则》', '《单用途商业预付卡管理办法》'],
    details: ['报废旧车并购买新能源车可获补贴2万元', '一级能效家电按售价20%补贴'],
    events: ['外贸企业座谈会', '夜间经济推进会'],
    results: ['全市进出口总额增长9.5%', '发放以旧换新补贴3.2亿元'],
  },
  {
    name: '体育',
    unit: ['市体育局', '市全民健身中心'],
    phone: '12345',
    tasks: [['体育场馆免费开放预约', '身份证', '体育局小程序'], ['社会体育指导员注册', '培训证书', '体育局窗口'], ['赛事活动备案', '赛事方案', '体育局']],
    alerts: ['全民健身中心游泳馆暑期延长开放', '户外运动请量力而行，远离未开发景区'],
    rules: ['《全民健身条例》', '《体育法》'],
    details: ['公共体育场馆每周免费开放不少于35小时', '学校体育场地节假日向社会开放'],
    events: ['全民健身运动会开幕式', '体育产业发展大会'],
    results: ['新建社区健身路径150条', '经常参加体育锻炼人数比例达到40%'],
  },
  {
    name: '人社',
    unit: ['市就业局', '区人才服务中心'],
    phone: '12333',
    tasks: [['高校毕业生档案转递', '报到证明', '人才服务中心'], ['创业担保贷款申请', '创业计划书', '就业局']],
    alerts: ['企业招用重点群体可享受税费减免', '技能人才评价报名通道已开启'],
    rules: ['《创业担保贷款贴息管理办法》'],
    details: ['个人创业担保贷款额度最高30万元'],
    events: ['人才工作领导小组会议'],
    results: ['引进高层次人才860名'],
  },
  {
    name: '卫健',
    unit: ['市妇幼保健院', '区疾病预防控制中心'],
    phone: '12320',
    tasks: [['孕产妇建档', '身份证和孕检报告', '社区卫生服务中心'], ['儿童入学查验接种证', '预防接种证', '接种门诊']],
    alerts: ['秋冬季是呼吸道疾病高发期，出现发热请及时就医', '蚊虫活跃季节，请清除家中积水'],
    rules: ['《母婴保健法》'],
    details: ['孕产妇可享受免费产前筛查'],
    events: ['医疗卫生人才招聘会'],
    results: ['孕产妇死亡率降至历史最低水平'],
  },
];

// —— new phrasings, government posts ——
const SVC_T = ['手把手教你：{what}', '{what}需要带什么？', '不用跑腿！{what}这样办', '{what}攻略请查收', '关于{what}的几个问题'];
const SVC_B = [
  '市民朋友，如需{what}，请带上{bring}前往{where}，工作人员会现场指导。不清楚的可以打{phone}问一问。',
  '{what}其实很简单：带齐{bring}，到{where}取号，十来分钟就能办好。',
  '近期不少群众咨询{what}，在此统一答复：所需材料为{bring}，受理地点在{where}，法定节假日除外。',
  '{unit}推出“预约办”，{what}可先在线预约时段，再凭{bring}到{where}办理，不用排长队。',
];
const ALERT_T = ['扩散提醒', '特别提示', '请周知', '注意啦'];
const ALERT_B = ['{alert}。详情可咨询{phone}。', '{unit}特别提示：{alert}。', '{alert}，请大家转告身边的亲友。'];
const POL_T = ['{rule}怎么理解？看这篇', '关于{rule}，你关心的都在这', '{rule}有哪些新变化', '图解{rule}'];
const POL_B = [
  '{rule}对相关事项作了规定，其中明确{detail}。本文梳理了与群众密切相关的要点。',
  '记者从{unit}了解到，依据{rule}，{detail}，这一规定将于明年起正式实施。',
  '一张图看懂{rule}：适用对象、主要条款、办理渠道。核心内容是：{detail}。',
];
const NEWS_T = ['{event}举行', '{unit}：{result}', '{event}在我市举行', '数说成绩单｜{result}'];
const NEWS_B = [
  '{date}，{event}在市会议中心举行，市相关部门负责人参加，会议听取了工作汇报，并对下阶段工作提出要求。',
  '记者日前从{unit}获悉，{result}，相关工作走在全省前列。',
  '{date}下午，{unit}组织召开{event}，总结经验，查找不足，谋划明年重点工作。',
  '据{unit}统计，截至目前，{result}，超额完成年度目标任务。',
];
const PEOPLE_NEWS = [
  '清晨六点，{unit}的工作人员就已到岗，冒着严寒为群众排忧解难，一位老人感动地说：“你们辛苦了！”',
  '{date}，{unit}收到一面写着“为民解忧”的锦旗，原来是工作人员帮助一户困难家庭解决了多年的难题。',
  '从业二十年，他坚守在基层一线，{unit}的这位老党员用行动诠释了责任与担当。',
];

// —— new phrasings, off-mission posts ——
const OFF: Record<Exclude<Subclass, 'unrelated_repost'>, { t: string[]; b: string[] }> = {
  entertainment: {
    t: ['某歌手巡演官宣', '这部剧太好哭了', '今晚的决赛看了吗', '新电影定档'],
    b: [
      '某影帝新片定档国庆，预告片一出就刷屏了，主演阵容太强大，已经约好闺蜜去看首映！',
      '昨晚那场球赛看得我心脏都要停了，加时赛绝杀，解说都激动破音了！',
      '某选秀节目总决赛投票开启，你心中的冠军是谁？今年的导师阵容也太豪华了。',
      '某女团成员宣布单飞，粉丝连夜刷屏打call，超话已经炸了。',
      '这部古装剧的服化道绝了，女主的造型每一套都好看，已经二刷了。',
    ],
  },
  advertising: {
    t: ['好物推荐', '年货节特价', '开学季优惠', '周末团购'],
    b: [
      '这款不粘锅用了半年还跟新的一样，今天团购价只要69元，戳链接抢购，手慢就没了！',
      '某健身房周年庆，年卡原价3999元现在1299元，前50名再送私教课两节，快来咨询。',
      '本店新到一批土蜂蜜，纯天然无添加，加微信订购，满两斤包邮到家。',
      '想要皮肤白？这款面膜敷一次就见效，今日下单买二送一，限量200份。',
      '某品牌新能源车限时补贴2万元，到店试驾就送行车记录仪，欢迎来4S店咨询。',
    ],
  },
  lottery_game: {
    t: ['宠粉福利', '评论抽奖', '来领红包', '小游戏挑战'],
    b: [
      '为了感谢大家的支持，本号粉丝破十万啦！评论区留下祝福，随机抽5位送蓝牙音箱。',
      '群里今晚9点发手气红包，还没进群的宝子扫码入群，人满就不再拉了！',
      '玩这个消除小游戏能过第10关的都是高手，晒出你的截图，通关最快的送奖品！',
      '点赞加转发，下周一抽两位朋友送定制帆布包，人人有机会！',
      '邀请3位好友助力就能免费领会员，还有机会抽中iPhone，活动只剩最后一天！',
    ],
  },
  personal_opinion: {
    t: ['下班啦', '今日份碎碎念', '聊五毛钱的', '大家晚上好'],
    b: [
      '加班到九点，走出办公楼发现下雨了，没带伞，此刻只想吃一碗热乎乎的面。',
      '今天同事给我带了自己做的蛋糕，太好吃了，幸福就是这么简单吧。',
      '冬天到底是穿秋裤派还是不穿派？你是哪一派？在下面留言说说吧！',
      '刚刚在楼下遇到一只橘猫，胖得走不动路，被它萌到了！',
      '有没有人和我一样，一到周日晚上就开始焦虑明天上班？留言区聊聊你们的解压方法。',
      '火锅和烧烤只能选一个，你选哪个？评论区告诉我你的答案！',
    ],
  },
  clickbait: {
    t: ['出大事了', '紧急扩散！', '看完后背发凉', '很多人都中招了'],
    b: [
      '这种常见的早餐竟然是“慢性毒药”，很多人天天吃还不知道，看完赶紧告诉爸妈！',
      '紧急扩散！这三种食物千万别一起吃，已经有人进医院了，不转不是好朋友！',
      '不敢相信！他只做了一件事，三个月就还清了50万债务，方法就在下面。',
      '手机这个开关一定要关掉，否则你的隐私全都泄露了，看完吓一跳！',
    ],
  },
};

/** Hard cases, new phrasings: government posts with off-mission-looking words, and the reverse. */
const HARD: { expected: CorpusPost['expected']; subclass?: Subclass; title?: string; text: string }[] = [
  { expected: 'service', title: '“抢红包”小心被骗', text: '陌生人拉你进群“抢红包”，随后以解冻资金为由要求转账？这是典型骗局，千万不要转账，及时拨打96110咨询。' },
  { expected: 'service', text: '想领取养老金待遇资格认证提醒？下载“掌上12333”APP，选择“待遇资格认证”，按提示刷脸即可。' },
  { expected: 'service', text: '“免费领礼品”“扫码领红包”往往是骗取个人信息的陷阱，请不要随意扫描来历不明的二维码。' },
  { expected: 'news', text: '市场监管部门近日对全市加油站开展计量抽查，共抽查加油机420台，合格率99.3%，对问题站点已立案调查。' },
  { expected: 'news', text: '警方近日捣毁一个以“直播抽奖”为名实施诈骗的犯罪团伙，抓获嫌疑人23名，冻结涉案资金600余万元。' },
  { expected: 'service', title: '以旧换新补贴怎么领取', text: '购买一级能效家电后，登录“惠民补贴”小程序上传发票，审核通过后补贴将在7个工作日内发放到账户。' },
  { expected: 'policy', text: '根据新修订的《广告法》相关规定，广告中不得使用“国家级”“最高级”“最佳”等用语，违者最高可罚款100万元。' },
  { expected: 'news', text: '“快来尝尝我们的猕猴桃！”副县长走进直播间推介本地农产品，当天销售额突破80万元，带动300余户果农增收。' },
  { expected: 'off_mission', subclass: 'lottery_game', text: '进群抢红包啦！本群每天三轮红包雨，拉人越多红包越大，速来！' },
  { expected: 'off_mission', subclass: 'personal_opinion', text: '今天的你，是早起的鸟儿还是赖床的虫子？你怎么看，评论区留言分享一下！' },
  { expected: 'off_mission', subclass: 'personal_opinion', text: '如果让你给明天的自己写一句话，你会写什么？欢迎在留言区告诉我们～' },
  { expected: 'service', title: '留言板', text: '关于小区停车难的问题，您可以在评论区留言反映，我们将汇总后转交街道和物业研究解决。' },
];

const EMOJI_G = ['🏛️', '📝', '☎️', '🚩'];
const EMOJI_O = ['🥰', '😘', '🙈', '✨', '👏'];
const EN_G = ['（详见官网Website）', '（支持Online申请）', '（可下载APP办理）', '（Hotline全天服务）'];
const EN_O = [' so happy', ' lol', ' love it', ' OOTD'];
const REPOST = ['分享：', '//@某市发布：', '转载：', '【分享】'];
const PLATFORMS = ['weibo', 'wechat', 'douyin', 'toutiao', 'bilibili', 'xiaohongshu'];

const KINDS: [string, number][] = [
  ['service', 18],
  ['alert', 8],
  ['policy', 15],
  ['news', 18],
  ['people', 5],
  ['entertainment', 5],
  ['advertising', 5],
  ['lottery_game', 5],
  ['personal_opinion', 6],
  ['clickbait', 4],
  ['hard', 6],
];

type Base = { title?: string; text: string; expected: CorpusPost['expected']; subclass?: Subclass; hard?: boolean };

function compose(p: Picker, d: BlindDept, kind: string): Base {
  const task = p.pick(d.tasks);
  const s = {
    unit: p.pick(d.unit),
    what: task[0],
    bring: task[1],
    where: task[2],
    phone: d.phone,
    alert: p.pick(d.alerts),
    rule: p.pick(d.rules),
    detail: p.pick(d.details),
    event: p.pick(d.events),
    result: p.pick(d.results),
    date: p.date(),
  };
  switch (kind) {
    case 'service':
      return { title: fill(p, p.pick(SVC_T), s), text: fill(p, p.pick(SVC_B), s), expected: 'service' };
    case 'alert':
      return { title: p.pick(ALERT_T), text: fill(p, p.pick(ALERT_B), s), expected: 'service' };
    case 'policy':
      return { title: fill(p, p.pick(POL_T), s), text: fill(p, p.pick(POL_B), s), expected: 'policy' };
    case 'news':
      return { title: fill(p, p.pick(NEWS_T), s), text: fill(p, p.pick(NEWS_B), s), expected: 'news' };
    case 'people':
      return { text: fill(p, p.pick(PEOPLE_NEWS), s), expected: 'news' };
    case 'hard':
      return { ...p.pick(HARD), hard: true };
    default: {
      const o = OFF[kind as keyof typeof OFF];
      return { title: p.pick(o.t), text: p.pick(o.b), expected: 'off_mission', subclass: kind as Subclass };
    }
  }
}

export function generateBlindCorpus(seed: number, count: number): CorpusPost[] {
  const p = new Picker(rng(seed));
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  const out: CorpusPost[] = [];
  const seen = new Set<string>();
  let guard = 0;
  while (out.length < count && guard++ < count * 50) {
    let x = p.r() * total;
    let kind = KINDS[0]![0];
    for (const [k, w] of KINDS) {
      if ((x -= w) < 0) {
        kind = k;
        break;
      }
    }
    const d = p.pick(DEPTS);
    const post = compose(p, d, kind);
    const gov = post.expected !== 'off_mission';
    let { title, text } = post;
    let style = 'title+text';
    let isRepost: boolean | undefined;
    const roll = p.r();
    if (roll < 0.1 && title && kind !== 'alert') {
      // Title only, when the title says something (not a bare 「特别提示」).
      style = 'title-only';
      text = title;
      title = undefined;
    } else if (roll < 0.2 && !post.hard) {
      style = 'long';
      text = [text, compose(p, d, kind).text, compose(p, d, kind).text].join('\n\n');
    } else if (roll < 0.32) {
      style = 'emoji';
      const e = gov ? EMOJI_G : EMOJI_O;
      text = `${text}${p.pick(e)}${p.pick(e)}`;
    } else if (roll < 0.4) {
      style = 'mixed-english';
      text = `${text}${gov ? p.pick(EN_G) : p.pick(EN_O)}`;
    } else if (roll < 0.5 && !post.hard) {
      style = 'repost';
      isRepost = true;
      text = `${p.pick(REPOST)}${text}`;
    }
    if (p.chance(0.2) && title) title = undefined;
    const key = `${title ?? ''}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const subclass = post.expected === 'off_mission' && isRepost && post.subclass === 'personal_opinion' ? 'unrelated_repost' : post.subclass;
    out.push({
      id: `bl-${String(out.length + 1).padStart(4, '0')}`,
      department: d.name,
      platform: p.pick(PLATFORMS),
      style,
      ...(title ? { title } : {}),
      text,
      ...(isRepost ? { isRepost } : {}),
      expected: post.expected,
      ...(subclass ? { subclass } : {}),
      ...(post.hard ? { hard: true } : {}),
      split: 'blind-r1',
    });
  }
  return out;
}
