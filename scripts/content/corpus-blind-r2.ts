/**
 * Hand-written parts of the round-2 BLIND split (split "blind-r2"), written after
 * the round-2 model was frozen (commit "Content model round 2 frozen (issue 17)").
 * None of these templates, sentences, emoji, English snippets or repost prefixes
 * is used by corpus-train.ts, corpus-train-r2.ts or corpus-blind-r1.ts, and most
 * departments are in none of them (审计, 档案, 地震, 粮食和物资储备, 机关事务, 科协,
 * 文明办, 法院, 检察院, 海关, 乡镇政府, 公立医院, 中小学, 融媒体中心).
 * Measured once; never used for training or tuning. Units, names, numbers fictitious.
 */
import { type CorpusPost, Picker, type Subclass, fill, rng } from './compose';

interface Dept3 {
  name: string;
  who: string[];
  tel: string;
  /** [matter, papers, counter] */
  matters: [string, string, string][];
  heads: string[];
  acts: string[];
  clauses: string[];
  gatherings: string[];
  numbers: string[];
  /** An occasion residents can take part in. */
  occasions: string[];
}

const DEPTS: Dept3[] = [
  {
    name: '审计',
    who: ['市审计局', '区审计局'],
    tel: '12345',
    matters: [['审计线索举报', '线索材料', '审计局信访接待室'], ['审计结果公告查询', '无需材料', '审计局门户网站']],
    heads: ['审计局接待室本月起每周四下午开放来访接待', '请注意：审计人员不会以任何名义收取费用'],
    acts: ['《审计法》', '《审计法实施条例》'],
    clauses: ['被审计单位应当配合审计工作，如实提供资料', '审计机关发现问题应当依法作出审计决定'],
    gatherings: ['全市审计工作会议', '审计整改工作推进会'],
    numbers: ['促进增收节支和挽回损失3.6亿元', '推动完善制度规定86项'],
    occasions: ['审计法宣传日咨询'],
  },
  {
    name: '档案',
    who: ['市档案馆', '县档案馆'],
    tel: '12345',
    matters: [['婚姻档案查阅', '身份证', '档案馆查阅大厅'], ['知青档案查询', '身份证和相关证明', '档案馆利用服务窗口'], ['档案证明跨馆出具', '身份证', '任一综合档案馆']],
    heads: ['档案馆查阅大厅周六上午延时服务', '查阅婚姻档案可在线预约，免排队'],
    acts: ['《档案法》', '《档案法实施条例》'],
    clauses: ['档案馆应当在档案形成之日起满25年向社会开放', '单位和个人可以凭合法证明利用未开放档案'],
    gatherings: ['全市档案工作会议', '国际档案日主题展开幕式'],
    numbers: ['接待查档群众2.3万人次', '数字化馆藏档案420万页'],
    occasions: ['国际档案日开放日', '“老照片里的城市”主题展'],
  },
  {
    name: '地震',
    who: ['市地震局', '县防震减灾中心'],
    tel: '12322',
    matters: [['地震安全性评价咨询', '项目资料', '地震局'], ['防震减灾科普场馆预约参观', '单位介绍信', '防震减灾科普馆']],
    heads: ['网传“某地将发生大地震”系谣言，地震预报由政府统一发布', '家庭应急包建议备齐饮用水、手电筒和常用药品'],
    acts: ['《防震减灾法》', '《地震预报管理条例》'],
    clauses: ['任何单位和个人不得向社会散布地震预测意见', '学校、医院等人员密集场所应按高于当地房屋建筑的要求设防'],
    gatherings: ['全市防震减灾工作联席会议', '地震应急演练总结会'],
    numbers: ['建成地震监测台站36个', '开展防震减灾科普活动260场'],
    occasions: ['防灾减灾日应急体验', '地震科普馆开放日'],
  },
  {
    name: '粮食储备',
    who: ['市粮食和物资储备局', '市粮油质量检测中心'],
    tel: '12325',
    matters: [['粮食收购资格备案', '营业执照和仓储证明', '粮食局窗口'], ['粮油质量投诉', '购买凭证', '12325监管热线']],
    heads: ['秋粮收购已开始，售粮请认准挂牌收购点', '夏季存放米面注意防潮防虫'],
    acts: ['《粮食安全保障法》', '《粮食流通管理条例》'],
    clauses: ['粮食收购者应当告知售粮者收购标准和价格', '严禁压级压价、打白条收购粮食'],
    gatherings: ['全市粮食安全责任制考核会', '秋粮收购工作部署会'],
    numbers: ['收购秋粮18万吨', '完成储备粮轮换4.2万吨'],
    occasions: ['世界粮食日爱粮节粮宣传'],
  },
  {
    name: '机关事务',
    who: ['市机关事务管理局', '市级机关食堂'],
    tel: '12345',
    matters: [['机关停车场对外开放预约', '车牌号', '“机关停车”小程序'], ['公物仓闲置资产调剂申请', '单位申请函', '公物仓']],
    heads: ['节假日机关停车场免费向市民开放', '市级机关食堂开展“光盘行动”'],
    acts: ['《机关事务管理条例》', '《公共机构节约能源资源管理办法》'],
    clauses: ['公共机构应当率先使用节能环保产品', '机关停车场在非工作时间有序向社会开放'],
    gatherings: ['全市机关事务工作会议', '公共机构节能工作推进会'],
    numbers: ['机关停车场累计向市民开放车位2100个', '公共机构人均能耗下降4%'],
    occasions: ['节能宣传周低碳体验'],
  },
  {
    name: '科协',
    who: ['市科学技术协会', '市青少年科技中心'],
    tel: '12345',
    matters: [['科技志愿者注册', '身份证', '“科普中国”平台'], ['青少年科技创新大赛报名', '学生证', '青少年科技中心']],
    heads: ['全国科普日系列活动本周末开幕', '科普大篷车本月将开进6个乡镇'],
    acts: ['《科学技术普及法》'],
    clauses: ['科普是全社会的共同任务', '学校应当将科普纳入教学计划'],
    gatherings: ['市科协代表大会', '学会工作座谈会'],
    numbers: ['公民具备科学素质比例达到15.6%', '建成科普基地48个'],
    occasions: ['全国科普日', '科学家精神报告会'],
  },
  {
    name: '文明办',
    who: ['市文明办', '区新时代文明实践中心'],
    tel: '12345',
    matters: [['志愿服务项目申报', '项目计划书', '文明实践中心'], ['“好人好事”线索推荐', '事迹材料', '文明办']],
    heads: ['文明祭扫，请选择鲜花祭扫、网上祭扫', '文明养犬：出门请牵绳，及时清理粪便'],
    acts: ['《文明行为促进条例》'],
    clauses: ['乘坐公共交通工具不得外放声音', '在公共场所应当自觉排队'],
    gatherings: ['全市精神文明建设工作会议', '道德模范颁奖典礼'],
    numbers: ['注册志愿者突破80万人', '评选“身边好人”120名'],
    occasions: ['学雷锋志愿服务月', '文明实践集市'],
  },
  {
    name: '法院',
    who: ['市中级人民法院', '区人民法院', '城郊人民法庭'],
    tel: '12368',
    matters: [['网上立案', '起诉状和证据材料', '人民法院在线服务平台'], ['诉讼费退费申请', '退费申请书和银行卡', '诉讼服务中心'], ['执行案件进度查询', '案号', '12368诉讼服务热线']],
    heads: ['诉讼服务中心春节前后照常接待', '凡自称法官要求转账到“安全账户”的均为诈骗'],
    acts: ['《民事诉讼法》', '《最高人民法院关于民事诉讼证据的若干规定》'],
    clauses: ['当事人可以通过互联网在线提交起诉材料', '被执行人不履行义务的将被纳入失信名单'],
    gatherings: ['全市法院工作会议', '执行工作推进会'],
    numbers: ['审执结案件6.8万件', '网上立案率达到85%'],
    occasions: ['法院开放日', '宪法宣传周庭审观摩'],
  },
  {
    name: '检察院',
    who: ['市人民检察院', '区人民检察院'],
    tel: '12309',
    matters: [['控告申诉', '身份证和相关材料', '检察服务中心'], ['律师阅卷预约', '律师执业证', '12309检察服务平台']],
    heads: ['12309检察服务热线24小时受理群众来电', '公益诉讼线索可通过“随手拍”提交'],
    acts: ['《人民检察院组织法》', '《未成年人保护法》'],
    clauses: ['群众信访件七日内程序性回复', '检察机关可以对损害公共利益的行为提起公益诉讼'],
    gatherings: ['全市检察工作会议', '公益诉讼工作推进会'],
    numbers: ['办理公益诉讼案件420件', '群众信件七日内回复率100%'],
    occasions: ['检察开放日'],
  },
  {
    name: '海关',
    who: ['某海关', '机场海关', '港口海关'],
    tel: '12360',
    matters: [['进出境旅客行李申报', '护照', '海关旅检通道'], ['跨境电商零售进口个人额度查询', '身份证号', '“掌上海关”APP'], ['进境宠物检疫', '疫苗接种证明', '海关隔离场']],
    heads: ['出境旅客携带人民币现钞超过2万元需向海关申报', '禁止携带水果、肉制品等动植物产品入境'],
    acts: ['《海关法》', '《进出境动植物检疫法》'],
    clauses: ['旅客进境携带物品超出自用合理数量的应当申报', '跨境电商零售进口单次交易限值为5000元'],
    gatherings: ['关区工作会议', '口岸营商环境座谈会'],
    numbers: ['监管进出口货物总值2300亿元', '截获禁止进境物1800批次'],
    occasions: ['海关开放日', '国门生物安全宣传'],
  },
  {
    name: '乡镇',
    who: ['青山镇人民政府', '河口乡便民服务中心', '龙潭村村委会'],
    tel: '12345',
    matters: [['农村危房改造申请', '房屋鉴定报告', '镇便民服务中心'], ['土地承包经营权流转备案', '流转合同', '乡经管站'], ['新型农村合作医疗缴费', '身份证', '村便民服务点']],
    heads: ['明日起镇区主干道路面修复，请车辆绕行', '村里自来水管网维修，今天下午停水'],
    acts: ['《村民委员会组织法》', '《农村土地承包法》'],
    clauses: ['村务公开每季度至少一次', '土地经营权流转不得改变土地所有权性质和农业用途'],
    gatherings: ['镇村干部大会', '乡村振兴现场推进会'],
    numbers: ['完成农村危房改造86户', '村集体经济收入全部超过20万元'],
    occasions: ['村晚', '农民丰收节赶集'],
  },
  {
    name: '医院',
    who: ['市第二人民医院', '市中医院', '县人民医院'],
    tel: '12320',
    matters: [['门诊预约挂号', '身份证或医保卡', '医院微信公众号'], ['病历复印', '患者身份证', '病案室'], ['住院费用医保结算', '医保电子凭证', '出入院服务中心']],
    heads: ['医院停车场改造期间请绿色出行', '本周六上午开设免费骨密度检测'],
    acts: ['《医疗纠纷预防和处理条例》'],
    clauses: ['患者有权复制门诊病历和住院病历', '发生医疗纠纷可申请人民调解'],
    gatherings: ['医院职工代表大会', '医疗质量管理委员会会议'],
    numbers: ['年门急诊量突破150万人次', '日间手术占比提高到28%'],
    occasions: ['“世界睡眠日”义诊', '护士节开放日'],
  },
  {
    name: '学校',
    who: ['市第一中学', '实验小学', '市职业技术学校'],
    tel: '12345',
    matters: [['新生入学信息采集', '户口簿和预防接种证', '学校招生办'], ['学生医保缴费', '学生身份证号', '学校财务室'], ['课后服务报名', '学生信息', '班主任']],
    heads: ['寒假期间请家长提醒孩子远离冰面', '开学前请家长为孩子调整作息'],
    acts: ['《中小学生守则》', '《学校食品安全与营养健康管理规定》'],
    clauses: ['学校应当建立集中用餐陪餐制度', '中小学生每天校内外体育活动时间不少于2小时'],
    gatherings: ['家长学校开学典礼', '学校教代会'],
    numbers: ['学生体质健康达标率98%', '课后服务参与率92%'],
    occasions: ['校园开放日', '科技节'],
  },
  {
    name: '融媒体中心',
    who: ['县融媒体中心', '某区发布'],
    tel: '12345',
    matters: [['新闻线索报料', '现场照片或视频', '县融媒体中心报料热线'], ['便民信息发布申请', '信息内容', '融媒体中心']],
    heads: ['本台将全程直播县人代会开幕式', '客户端“问政”栏目每周三下午在线答复群众提问'],
    acts: ['《政府信息公开条例》'],
    clauses: ['行政机关应当主动公开涉及公众利益调整的政府信息', '公民可以申请获取政府信息'],
    gatherings: ['县人大会议', '县政协会议'],
    numbers: ['“问政”栏目回复群众诉求1300条', '客户端下载量突破50万'],
    occasions: ['“我为家乡代言”短视频征集'],
  },
];

// —— government phrasings, round-2 blind ——
const SVC_T = ['{matter}？看这里', '这份{matter}指引请收藏', '一图看懂{matter}', '{matter}，现在可以这样办', '【服务】{matter}'];
const SVC_B = [
  '{matter}所需材料：{papers}。办理渠道：{counter}。如需帮助，请致电{tel}。',
  '有朋友问：{matter}要去哪？答案是{counter}，记得带上{papers}，办理当天就能拿到结果。',
  '{who}温馨告知：即日起{matter}可以“就近办”，持{papers}到{counter}即可，无需再跑市区。',
  '办事不求人｜{matter}：1.准备{papers}；2.前往{counter}；3.现场核验后办结。有疑问欢迎留言，我们会在工作时间内回复。',
  '为方便群众，{who}对{matter}流程进行了简化，{papers}齐全的当场办结。请扩散给有需要的朋友。',
];
const HEAD_T = ['{who}发布', '注意', '周知', '这件事请留意'];
const HEAD_B = ['{head}。', '{who}：{head}，请大家互相提醒。', '{head}。如有问题可拨打{tel}。', '{head}，请转发给家里的老人。'];
const OCC_B = [
  '{date}，{who}将举办“{occasion}”，欢迎市民朋友参加，现场有互动体验和小礼品，活动免费。',
  '“{occasion}”开始预约啦！{who}提供讲解和体验项目，预约电话{tel}，名额有限，约满即止。',
  '来{who}参加“{occasion}”吧：集章打卡、现场咨询、知识问答，答对的朋友可以领取一份纪念品。',
];
const POL_T = ['{act}要点速览', '{act}实施一周年，这些规定要牢记', '读懂{act}', '【以案释法】{act}'];
const POL_B = [
  '依照{act}，{clause}。{who}提示，违反规定的将承担相应法律责任。',
  '{act}中有这样一条规定：{clause}。这与每个人的生活都息息相关。',
  '近日，{who}就{act}的适用作出说明：{clause}，具体以正式文件为准。',
];
const NEWS_T = ['{gathering}召开', '{who}{number}', '{date}，{gathering}召开', '成绩单来了！{number}'];
const NEWS_B = [
  '{date}，{gathering}召开，总结过去一年工作，安排部署今年重点任务。会议指出，{number}。',
  '记者近日从{who}获悉，{number}，为群众办实事取得新成效。',
  '{date}上午，{who}召开{gathering}，主要负责同志出席并讲话，各部门负责人参加会议。',
  '今年，{who}{number}，工作成效获得上级通报表扬。',
  '日前，“{occasion}”在{who}举行，吸引了数百名群众参与，现场气氛热烈。',
];
const PEOPLE = [
  '傍晚时分，{who}门口，一位工作人员蹲下身帮一位拄拐的老人系好鞋带，这一幕被路人拍下。',
  '二十年如一日，{who}的老王每天最早到岗，把群众的每一件事都记在本子上。',
  '{date}，{who}的工作人员在下班路上救起一名落水儿童，事后他只说了一句：“换谁都会这么做。”',
  '下雨天，{who}的几名年轻人主动撑起伞，把前来办事的老人一一送到车站。',
  '一封感谢信，道出了群众对{who}的认可：“你们的耐心让我这个外地人感到了温暖。”',
];
const SCIENCE = [
  { title: '【防灾小知识】地震来了怎么办？', text: '室内避震要“伏地、遮挡、手抓牢”，不要跳楼，不要乘电梯；室外要远离高楼、广告牌和电线杆。' },
  { title: '秋冬季节，如何预防流感？', text: '勤洗手、常通风，去人员密集场所戴口罩；60岁以上老人和慢性病患者建议尽早接种流感疫苗。' },
  { title: '为什么不能用湿手碰开关？', text: '水能导电，湿手触碰开关、插座容易触电。家中浴室请安装防溅插座和漏电保护器。' },
  { title: '快递包装怎么扔？一文讲明白', text: '纸箱属于可回收物，请压扁后投放；塑料袋、泡沫填充物属于其他垃圾；快递单上有个人信息，请先涂抹再扔。' },
];

// —— off-mission, round-2 blind ——
const OFF3: Record<Exclude<Subclass, 'unrelated_repost'>, { t: string[]; b: string[] }> = {
  entertainment: {
    t: ['演唱会repo', '年度神剧诞生', '今天的热搜', '终于等到了'],
    b: [
      '某乐队演唱会现场大合唱，全场几万人一起唱副歌，鸡皮疙瘩都起来了，明年还要去！',
      '某悬疑剧最后一集反转再反转，编剧太敢写了，弹幕全在喊“原来是他”。',
      '某奥运冠军参加综艺的片段笑死人，私下里这么活泼的吗？',
      '某电影票房突破30亿，你贡献票房了吗？我已经三刷了。',
      '听说某两位演员要合作新剧了，这个组合我先嗑为敬！',
    ],
  },
  advertising: {
    t: ['限时福利', '好价速囤', '本地团购', '新店开张'],
    b: [
      '双人火锅套餐只要128元，周一到周日通用，点击左下角立即抢购，过期自动退。',
      '某教育机构暑期班火热招生中，报名即送价值399元学习大礼包，咨询请加老师微信。',
      '家用净水器今日特价1599元，包安装，三年免费换滤芯，库存不多了！',
      '某楼盘样板间开放，首付低至5万，到访即送米面油，周末看房有专车接送。',
      '本店新款羽绒服到货，原价899今天只要399，评论区扣“要”发你链接。',
    ],
  },
  lottery_game: {
    t: ['抽奖来咯', '有奖互动', '福利放送', '锦鲤附体'],
    b: [
      '关注+点赞+转发，周五抽一位送最新款平板，另有20份小礼物，重在参与！',
      '猜猜这张照片拍的是哪里？评论区第88楼送神秘大礼包！',
      '本周“开盲盒”游戏上线，集齐五张卡片就能兑换现金奖励，快来玩！',
      '拼手速的时候到了！今晚10点整发口令红包，手快有手慢无。',
      '新号开张宠粉，抽10个宝宝每人发88元红包，评论带上表情就算参与。',
    ],
  },
  personal_opinion: {
    t: ['闲聊', '晚安', '周末碎碎念', '今日心情'],
    b: [
      '今天终于把拖了一个月的书看完了，结局有点意外，你们最近在看什么书？',
      '楼下新开了一家面包店，排队的人好多，明天早起去试试～',
      '有时候觉得，能和三五好友吃顿饭聊聊天，就是最好的周末了。',
      '你们小时候最喜欢的动画片是哪部？我先说，必须是《黑猫警长》！',
      '晚安啦各位，明天又是元气满满的一天，好梦～',
      '今天的云好像棉花糖，忍不住拍了好多张，分享给你们。',
    ],
  },
  clickbait: {
    t: ['刚刚曝光！', '惊呆了', '后悔没早知道', '马上看'],
    b: [
      '刚刚曝光！这几种常见零食竟然被检出致癌物，家里有孩子的赶紧扔掉，再不看就删了！',
      '他每天只睡4小时却比谁都精神，秘诀竟然是这个，看完我也要试试！',
      '震撼！一个小动作就能让你年轻十岁，医院都不会告诉你。',
      '手机充电时千万别做这件事，已经有人出事了，赶紧转给家里人看看！',
    ],
  },
};

/** Hard cases: government posts with off-mission-looking words, and the reverse. */
const HARD3: { expected: CorpusPost['expected']; subclass?: Subclass; title?: string; text: string }[] = [
  { expected: 'service', title: '“法院”来电让你转账？', text: '近期有骗子冒充法院工作人员，称你涉嫌案件需将资金转入“安全账户”。法院不会通过电话要求转账，遇到此类电话请立即挂断并拨打110。' },
  { expected: 'service', text: '海关提醒：网购“海外直邮”低价名牌包要当心，“代购返现”“刷单领奖”多为诈骗，请通过正规平台购物。' },
  { expected: 'news', text: '区法院近日审结一起网络赌博案，被告人以“幸运抽奖”小游戏为名诱导他人充值，涉案金额800余万元，被判处有期徒刑五年。' },
  { expected: 'news', text: '检察机关对一起虚假宣传“保健品包治百病”的案件提起公益诉讼，涉事商家被判赔偿并公开道歉。' },
  { expected: 'service', title: '科普日打卡集章，可领文创礼品', text: '全国科普日期间，到市科技馆、地震科普馆等6个场馆参观打卡，集满4个印章即可到服务台领取文创礼品一份，先到先得。' },
  { expected: 'service', text: '档案馆“老照片征集”开始啦！如果您家中保存有反映城市变迁的老照片，欢迎提供，入选作品将在主题展中展出，并颁发收藏证书。' },
  { expected: 'policy', text: '根据《文明行为促进条例》，在公共场所大声喧哗、随地吐痰等不文明行为，经劝阻拒不改正的，可处50元以上200元以下罚款。' },
  { expected: 'news', text: '“家人们，我们镇的板栗熟了！”镇长在直播间里剥开板栗试吃，两个小时卖出5万斤，帮助上百户栗农增收。' },
  { expected: 'service', title: '您的留言我们看到了', text: '近期不少网友在评论区留言询问新生入学信息采集的时间，统一回复：采集时间为6月10日至20日，请家长留意学校通知。' },
  { expected: 'service', text: '如果你也想为家乡代言，欢迎参加县融媒体中心“我为家乡代言”短视频征集，优秀作品将获得证书和奖金，投稿截至8月31日。' },
  { expected: 'off_mission', subclass: 'lottery_game', text: '本号粉丝群扩招啦，每晚群内抢红包、玩接龙，拉新人进群奖励翻倍，私信小编获取入群二维码！' },
  { expected: 'off_mission', subclass: 'personal_opinion', text: '冬天吃火锅配冰可乐，还是配热豆浆？你是哪一派？快来评论区battle！' },
  { expected: 'off_mission', subclass: 'advertising', text: '某网红民宿开业啦，推窗就是湖景，住两晚送一晚，转发本条到朋友圈再减100元，预订请打电话。' },
  { expected: 'off_mission', subclass: 'clickbait', title: '刚刚官宣！', text: '明天起这些人的工资要涨了？是真的吗？点开看看有没有你！' },
  { expected: 'service', title: '寒假安全提醒', text: '各位家长：寒假期间请提醒孩子不去冰面玩耍、不私自下河，外出要告知去向。请家长们互相转告。' },
  { expected: 'news', title: '审计发现问题整改到位', text: '市审计局对上年度审计发现问题整改情况开展“回头看”，督促追回违规资金2600万元，完善制度12项。' },
];

const EMOJI_G3 = ['📍', '🕘', '🧾', '🌐', '📞'];
const EMOJI_O3 = ['😋', '🤭', '🥳', '💯', '🙌'];
const EN_G3 = ['（English version available）', '（详见official website）', '（来源：官方WeChat）', '（更多内容见App）'];
const EN_O3 = [' btw', ' emmm', ' cool', ' #weekend'];
const REPOST3 = ['转发自@某省发布：', '【转载】', '@某县融媒 转发：', '转帖：'];
const PLATFORMS = ['weibo', 'wechat', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'xiaohongshu', 'app'];

const KINDS: [string, number][] = [
  ['service', 16],
  ['head', 8],
  ['occasion', 6],
  ['policy', 13],
  ['news', 17],
  ['people', 5],
  ['science', 3],
  ['entertainment', 5],
  ['advertising', 5],
  ['lottery_game', 5],
  ['personal_opinion', 6],
  ['clickbait', 4],
  ['hard', 6],
];

type Base = { title?: string; text: string; expected: CorpusPost['expected']; subclass?: Subclass; hard?: boolean };

function compose(p: Picker, d: Dept3, kind: string): Base {
  const m = p.pick(d.matters);
  const s = {
    who: p.pick(d.who),
    matter: m[0],
    papers: m[1],
    counter: m[2],
    tel: d.tel,
    head: p.pick(d.heads),
    act: p.pick(d.acts),
    clause: p.pick(d.clauses),
    gathering: p.pick(d.gatherings),
    number: p.pick(d.numbers),
    occasion: p.pick(d.occasions),
    date: p.date(),
  };
  switch (kind) {
    case 'service':
      return { title: fill(p, p.pick(SVC_T), s), text: fill(p, p.pick(SVC_B), s), expected: 'service' };
    case 'head':
      return { title: fill(p, p.pick(HEAD_T), s), text: fill(p, p.pick(HEAD_B), s), expected: 'service' };
    case 'occasion':
      return { title: `${s.occasion}${p.pick(['来了', '邀您参加', '预约开启'])}`, text: fill(p, p.pick(OCC_B), s), expected: 'service' };
    case 'policy':
      return { title: fill(p, p.pick(POL_T), s), text: fill(p, p.pick(POL_B), s), expected: 'policy' };
    case 'news':
      return { title: fill(p, p.pick(NEWS_T), s), text: fill(p, p.pick(NEWS_B), s), expected: 'news' };
    case 'people':
      return { text: fill(p, p.pick(PEOPLE), s), expected: 'news' };
    case 'science':
      return { ...p.pick(SCIENCE), expected: 'service' };
    case 'hard':
      return { ...p.pick(HARD3), hard: true };
    default: {
      const o = OFF3[kind as keyof typeof OFF3];
      return { title: p.pick(o.t), text: p.pick(o.b), expected: 'off_mission', subclass: kind as Subclass };
    }
  }
}

export function generateBlindR2Corpus(seed: number, count: number): CorpusPost[] {
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
    // Title only when the title carries the content (not a bare 「注意」 or 「周知」).
    if (roll < 0.1 && title && title.length >= 8 && kind !== 'head') {
      style = 'title-only';
      text = title;
      title = undefined;
    } else if (roll < 0.2 && !post.hard && kind !== 'science') {
      style = 'long';
      const parts = [text];
      for (let i = 0; i < 6 && parts.length < 3; i++) {
        const more = compose(p, d, kind).text;
        if (!parts.includes(more)) parts.push(more);
      }
      text = parts.join('\n\n');
    } else if (roll < 0.31) {
      style = 'emoji';
      const e = gov ? EMOJI_G3 : EMOJI_O3;
      text = p.chance(0.5) ? `${p.pick(e)} ${text}` : `${text}${p.pick(e)}`;
    } else if (roll < 0.39) {
      style = 'mixed-english';
      text = `${text}${gov ? p.pick(EN_G3) : p.pick(EN_O3)}`;
    } else if (roll < 0.5 && !post.hard) {
      style = 'repost';
      isRepost = true;
      text = `${p.pick(REPOST3)}${text}`;
    }
    if (p.chance(0.2) && title) title = undefined;
    const key = `${title ?? ''}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const subclass = post.expected === 'off_mission' && isRepost && post.subclass === 'personal_opinion' ? 'unrelated_repost' : post.subclass;
    out.push({
      id: `b2-${String(out.length + 1).padStart(4, '0')}`,
      department: d.name,
      platform: p.pick(PLATFORMS),
      style,
      ...(title ? { title } : {}),
      text,
      ...(isRepost ? { isRepost } : {}),
      expected: post.expected,
      ...(subclass ? { subclass } : {}),
      ...(post.hard ? { hard: true } : {}),
      split: 'blind-r2',
    });
  }
  return out;
}
