/**
 * Round 2 of the training corpus (issue 17): new hand-written parts, added to
 * split "train" (ids t2-…) and "validation" (ids v2-…) by generate-corpus.ts.
 *
 * Written after round 1's blind split (blind-r1) was measured and its errors read:
 * the kinds of error were government posts whose wording also occurs in
 * off-mission posts — a notice closing with 「请大家转告」, a service post inviting
 * residents to 「在评论区留言反映」, government activities with 奖品 or 打卡, news that
 * reports service figures (办件量) — so these parts give the model many such
 * government posts, written afresh (no blind-r1 post, template or sentence is
 * copied), and off-mission posts that use the same words, so the words alone do
 * not decide. Departments are mostly ones neither earlier corpus has.
 * Units, names and numbers are fictitious.
 */
import { type CorpusPost, Picker, type Subclass, fill, rng } from './compose';

interface Dept2 {
  name: string;
  units: string[];
  phone: string;
  /** [item, material, place] */
  items: [string, string, string][];
  /** An app or online channel. */
  apps: string[];
  /** Practical notices (closures, risks, deadlines). */
  alerts: string[];
  /** Government activities residents can join. */
  campaigns: string[];
  /** Places where an activity happens or where residents 打卡. */
  spots: string[];
  /** Benefits that are 领取-ed. */
  benefits: string[];
  rules: string[];
  points: string[];
  meetings: string[];
  /** Results, often in service vocabulary (办件, 受理, 服务人次). */
  figures: string[];
}

const DEPTS: Dept2[] = [
  {
    name: '街道社区',
    units: ['城北街道办事处', '幸福里社区居委会', '东湖街道党群服务中心', '新桥社区'],
    phone: '12345',
    items: [['居住证明开具', '身份证和租房合同', '社区服务站'], ['老年人助餐卡办理', '身份证', '社区食堂'], ['电动车充电桩安装申请', '物业同意书', '街道便民服务中心'], ['困难家庭临时救助申请', '收入情况说明', '街道社会事务办']],
    apps: ['“社区通”小程序', '街道公众号“办事”栏目'],
    alerts: ['本周三上午小区二次供水水箱清洗，8:00至12:00暂停供水', '小区北门因管网改造临时封闭，请从南门出入', '近期有人冒充社区工作人员上门推销净水器，请勿开门'],
    campaigns: ['邻里节', '垃圾分类积分兑换', '“敲门行动”走访独居老人', '夏季纳凉晚会'],
    spots: ['社区文化广场', '党群服务中心', '小区中心花园'],
    benefits: ['重阳节慰问品', '垃圾分类积分兑换的日用品', '独居老人应急呼叫器'],
    rules: ['《社区居民公约》', '《住宅小区电动自行车停放充电管理办法》'],
    points: ['电动自行车一律不得进楼入户充电', '居民公约由居民代表会议讨论通过后施行'],
    meetings: ['社区居民代表会议', '街道民生议事会', '小区“红色物业”联席会'],
    figures: ['为居民代办各类事项3200件', '完成独居老人走访1800户次', '解决居民反映的停车难等问题46件'],
  },
  {
    name: '工会',
    units: ['市总工会', '区总工会', '市职工服务中心'],
    phone: '12351',
    items: [['工会会员卡申领', '身份证', '职工服务中心'], ['职工法律援助申请', '劳动合同和相关证据', '工会法律服务站'], ['困难职工帮扶申请', '家庭收入证明', '区总工会']],
    apps: ['“职工之家”APP', '工会服务小程序'],
    alerts: ['夏季高温，用人单位应按规定发放高温津贴', '职工疗休养报名本月底截止'],
    campaigns: ['“送清凉”慰问', '职工技能大赛', '单身青年职工联谊', '职工子女暑期托管班'],
    spots: ['职工文化宫', '职工服务中心', '户外劳动者驿站'],
    benefits: ['防暑降温慰问品', '职工普惠电影票', '户外劳动者爱心餐'],
    rules: ['《工会法》', '《职工困难帮扶办法》'],
    points: ['困难职工帮扶实行动态管理、精准帮扶', '户外劳动者驿站免费提供饮水、热饭、休息服务'],
    meetings: ['市总工会全委会议', '职工代表大会', '劳模座谈会'],
    figures: ['为职工提供法律咨询5600人次', '建成户外劳动者服务驿站320家', '发放困难职工帮扶资金860万元'],
  },
  {
    name: '妇联',
    units: ['市妇联', '区妇女儿童活动中心', '县妇联'],
    phone: '12338',
    items: [['妇女维权咨询', '相关情况说明', '妇女儿童维权服务站'], ['家庭教育指导预约', '孩子年级信息', '家庭教育指导中心'], ['“两癌”困难妇女救助申请', '诊断证明', '县妇联']],
    apps: ['“女性之家”公众号', '妇联服务热线'],
    alerts: ['暑期儿童托管班开始报名，名额有限', '遭遇家庭暴力可拨打12338求助'],
    campaigns: ['最美家庭评选', '巾帼创业集市', '亲子阅读营', '“护苗”安全课堂'],
    spots: ['妇女儿童活动中心', '巾帼志愿服务站', '社区儿童之家'],
    benefits: ['“两癌”救助金', '亲子阅读礼包', '困难儿童助学金'],
    rules: ['《妇女权益保障法》', '《家庭教育促进法》'],
    points: ['父母应当履行家庭教育主体责任', '用人单位不得因结婚、怀孕降低女职工工资'],
    meetings: ['市妇女代表大会', '妇儿工委全体会议', '家庭家教家风建设推进会'],
    figures: ['受理妇女维权咨询2100件', '开展家庭教育讲座460场', '救助困难“两癌”妇女380人'],
  },
  {
    name: '共青团',
    units: ['团市委', '区青少年宫', '市青年志愿者协会'],
    phone: '12355',
    items: [['青年志愿者注册', '身份证', '“志愿汇”平台'], ['青少年心理咨询预约', '学生基本信息', '12355青少年服务台'], ['青年人才驿站免费住宿申请', '毕业证和求职证明', '青年人才驿站']],
    apps: ['“青春某市”小程序', '“志愿汇”APP'],
    alerts: ['暑期防溺水，请家长看护好孩子', '青年人才驿站免费入住申请通道已开放'],
    campaigns: ['“青春护河”志愿服务', '青年交友联谊', '红领巾研学', '青年就业见习'],
    spots: ['青少年宫', '青年之家', '红色教育基地'],
    benefits: ['青年人才驿站免费住宿券', '志愿服务时长证明', '研学活动纪念证书'],
    rules: ['《未成年人保护法》', '《青年发展规划》'],
    points: ['来本市求职的应届毕业生可免费入住青年驿站7天', '学校应当建立学生欺凌防控工作制度'],
    meetings: ['团市委全会', '青年发展工作联席会议', '青少年权益保护座谈会'],
    figures: ['注册青年志愿者12万人', '青年人才驿站接待求职青年8600人次', '12355热线接听青少年咨询4200个'],
  },
  {
    name: '科技',
    units: ['市科学技术局', '市科技馆', '高新区科技创新服务中心'],
    phone: '12345',
    items: [['高新技术企业认定申报', '知识产权证明和财务报表', '科技局窗口'], ['科技型中小企业评价入库', '企业基本信息', '科技型中小企业服务平台'], ['科技创新券申领', '营业执照', '科技创新服务中心']],
    apps: ['科技政策“一站通”平台', '科技馆预约小程序'],
    alerts: ['科技馆周一闭馆，节假日照常开放', '高新技术企业认定申报系统下月关闭，请抓紧提交'],
    campaigns: ['科技活动周', '科普进社区', '青少年科技创新大赛', '科技馆公益夜场'],
    spots: ['市科技馆', '科普教育基地', '创新创业孵化园'],
    benefits: ['科技创新券', '科普读物礼包', '研发费用补助'],
    rules: ['《科学技术进步法》', '《科技创新券管理办法》'],
    points: ['创新券可用于购买检验检测、研发设计等服务', '认定的高新技术企业可享受15%企业所得税优惠税率'],
    meetings: ['全市科技创新大会', '科技成果转化对接会', '重大科研项目推进会'],
    figures: ['新认定高新技术企业420家', '发放科技创新券6800万元', '科技馆接待观众96万人次'],
  },
  {
    name: '发改',
    units: ['市发展和改革委员会', '市价格监测中心', '区发改局'],
    phone: '12358',
    items: [['企业投资项目备案', '项目基本信息', '投资项目在线审批监管平台'], ['价格投诉举报', '交易凭证', '12345热线'], ['信用修复申请', '整改证明材料', '信用中国网站']],
    apps: ['“信用某市”小程序', '投资项目在线审批监管平台'],
    alerts: ['本月起居民阶梯电价执行新标准', '冬季天然气保供期间请安全用气、节约用气'],
    campaigns: ['全国节能宣传周', '“信用宣传月”', '价格政策进社区', '节约用电倡议'],
    spots: ['市民中心', '社区广场', '节能展示馆'],
    benefits: ['节能家电补贴', '信用修复证明', '民生价格补贴'],
    rules: ['《政府定价目录》', '《社会信用体系建设条例》'],
    points: ['失信主体完成整改后可申请信用修复', '居民生活用气实行阶梯价格'],
    meetings: ['全市经济运行调度会', '重大项目推进会', '价格听证会'],
    figures: ['完成企业投资项目备案1500个', '受理价格投诉举报2300件', '帮助860家企业完成信用修复'],
  },
  {
    name: '财政',
    units: ['市财政局', '区财政局', '市政府采购中心'],
    phone: '12345',
    items: [['非税收入电子票据查验', '票据号码', '财政电子票据查验平台'], ['政府采购供应商注册', '营业执照', '政府采购网'], ['惠农补贴查询', '身份证号', '“一卡通”查询系统']],
    apps: ['财政电子票据查验平台', '惠民惠农财政补贴“一卡通”'],
    alerts: ['惠农补贴资金已发放到“一卡通”账户，请注意查收', '会计专业技术资格考试报名本周五截止'],
    campaigns: ['财经法规宣传月', '政府开放日', '预算公开进社区', '会计人员继续教育'],
    spots: ['市民中心', '政务服务大厅', '村委会'],
    benefits: ['惠农补贴资金', '会计继续教育学时证明', '政府采购中标通知书'],
    rules: ['《预算法》', '《政府采购法》'],
    points: ['各级政府预算应当在批准后20日内向社会公开', '采购人不得以不合理条件限制供应商'],
    meetings: ['全市财政工作会议', '预算绩效管理推进会', '财会监督工作会议'],
    figures: ['民生支出占一般公共预算支出的78%', '发放惠民惠农补贴资金9.6亿元', '政府采购节约资金2.3亿元'],
  },
  {
    name: '信访',
    units: ['市信访局', '区人民来访接待中心', '县信访局'],
    phone: '12345',
    items: [['网上信访投诉', '问题描述和相关材料', '国家信访信息系统'], ['来访接待预约', '身份证', '人民来访接待中心'], ['信访事项办理进度查询', '信访件编号', '网上信访平台']],
    apps: ['“阳光信访”小程序', '网上信访平台'],
    alerts: ['市领导接访日安排已公布，群众可提前预约', '信访接待中心国庆期间照常接待'],
    campaigns: ['领导干部接访下访', '“信访开放日”', '矛盾纠纷大排查', '信访法治宣传'],
    spots: ['人民来访接待中心', '乡镇矛盾调解中心', '社区议事厅'],
    benefits: ['信访事项受理告知书', '信访事项答复意见书', '办理结果反馈'],
    rules: ['《信访工作条例》', '《网上信访事项办理规定》'],
    points: ['信访事项应当自受理之日起60日内办结', '信访人可以对办理意见申请复查'],
    meetings: ['全市信访工作联席会议', '信访积案化解推进会', '领导接访工作部署会'],
    figures: ['受理群众来信来访1.2万件次', '化解信访积案260件', '网上信访按期办结率达99.5%'],
  },
  {
    name: '人防',
    units: ['市人民防空办公室', '区人防办', '市人防宣传教育中心'],
    phone: '12345',
    items: [['人防工程使用备案', '使用协议', '人防办窗口'], ['防空警报试鸣信息查询', '无需材料', '人防办网站'], ['人防工程易地建设费缴纳', '项目资料', '政务服务中心']],
    apps: ['“人防在线”公众号', '政务服务网人防专栏'],
    alerts: ['9月18日上午10时全市试鸣防空警报，请市民不要惊慌', '人防工程内禁止存放易燃易爆物品'],
    campaigns: ['防空防灾疏散演练', '国防教育进校园', '人防宣传周', '应急避险体验'],
    spots: ['人防宣传教育馆', '地下人防工程', '应急疏散基地'],
    benefits: ['家庭应急包', '防空防灾知识手册', '疏散演练纪念卡'],
    rules: ['《人民防空法》', '《人防工程维护管理办法》'],
    points: ['平时使用人防工程不得影响其防空效能', '新建民用建筑应按规定修建防空地下室'],
    meetings: ['全市人民防空工作会议', '人防工程建设推进会', '防空警报试鸣工作部署会'],
    figures: ['新增人防工程面积26万平方米', '组织疏散演练120场', '开展人防知识培训3.6万人次'],
  },
  {
    name: '林业',
    units: ['市林业局', '县自然保护区管理处', '市森林公园管理处'],
    phone: '12345',
    items: [['林木采伐许可申请', '林权证和采伐作业设计', '林业局窗口'], ['野生动物救护求助', '发现地点', '野生动物救护中心'], ['古树名木认养登记', '认养申请书', '林业局']],
    apps: ['“智慧林业”小程序', '森林防火举报平台'],
    alerts: ['进入森林防火期，严禁携带火种进山', '发现受伤野生动物请勿私自饲养，及时联系救护中心'],
    campaigns: ['义务植树', '爱鸟周', '森林公园健步走', '古树名木保护宣传'],
    spots: ['森林公园', '湿地公园', '义务植树基地'],
    benefits: ['义务植树尽责证书', '免费树苗', '湿地公园年卡'],
    rules: ['《森林法》', '《野生动物保护法》'],
    points: ['非法猎捕、出售野生动物将依法追究责任', '采伐林木须申请采伐许可证'],
    meetings: ['全市林长制工作会议', '森林防灭火工作部署会', '国土绿化推进会'],
    figures: ['完成造林绿化4.5万亩', '救护野生动物1200只', '森林覆盖率达到63%'],
  },
  {
    name: '邮政管理',
    units: ['市邮政管理局', '市快递行业协会', '区邮政分局'],
    phone: '12305',
    items: [['快递服务投诉', '快递单号', '12305申诉平台'], ['快递业务经营许可申请', '营业执照', '邮政管理局窗口'], ['邮件快件丢失理赔咨询', '寄件凭证', '寄递企业客服']],
    apps: ['12305邮政业用户申诉平台', '“寄递安全”公众号'],
    alerts: ['“双11”期间快件量大，请耐心等待派送', '收到陌生快件要求扫码退款，谨防诈骗'],
    campaigns: ['快递包装绿色回收', '寄递安全宣传月', '快递小哥关爱行动', '邮政开放日'],
    spots: ['快递驿站', '邮政营业厅', '快递产业园'],
    benefits: ['快递包装回收积分', '快递员关爱礼包', '免费体检券'],
    rules: ['《快递暂行条例》', '《邮件快件包装管理办法》'],
    points: ['寄递企业不得未经同意将快件放入快递柜', '快递包装应减量化、可循环'],
    meetings: ['全市邮政管理工作会议', '寄递渠道安全工作会议', '快递业高质量发展推进会'],
    figures: ['受理快递服务申诉3900件', '快递业务量增长18%', '设置快递包装回收箱2600个'],
  },
  {
    name: '数据局',
    units: ['市数据局', '市政务服务管理办公室', '市民服务热线中心'],
    phone: '12345',
    items: [['电子营业执照下载', '法定代表人身份证', '电子营业执照小程序'], ['个人社会信用报告查询', '身份证', '信用平台'], ['“高效办成一件事”新生儿出生', '出生医学证明', '“一件事”专区']],
    apps: ['“某市办”APP', '政务服务网', '12345热线'],
    alerts: ['政务服务网今晚22时至次日6时系统升级，暂停服务', '12345热线推出“方言服务”，老年人可使用方言咨询'],
    campaigns: ['政务服务体验官招募', '数字素养进社区', '“帮老人用智能手机”', '政务开放日'],
    spots: ['市民中心', '政务服务大厅', '社区数字服务站'],
    benefits: ['电子证照', '政务服务体验官聘书', '智能手机使用手册'],
    rules: ['《公共数据管理办法》', '《政务服务“好差评”实施办法》'],
    points: ['政务服务事项实现“好差评”全覆盖', '公共数据按照无条件共享、有条件共享分类管理'],
    meetings: ['全市数字政府建设推进会', '12345热线工作例会', '政务服务效能提升会'],
    figures: ['“某市办”APP累计办件1800万件', '12345热线受理群众诉求96万件', '网上可办率达到99%'],
  },
];

// —— government templates, round 2 ——
const SVC_T = ['{item}，{unit}来帮你', '收藏！{item}办理全攻略', '{item}要跑几次？一次都不用', '问答｜{item}', '{item}常见疑问汇总', '【便民】{item}入口在这里', '{item}办理时间调整', '{item}'];
const SVC_B = [
  '{item}可通过{app}办理：打开首页，找到“{item}”，上传{material}，提交后一般3个工作日内办结。线下请到{place}。',
  '不少居民在评论区留言反映{item}不知道去哪里办。统一答复：带上{material}到{place}即可，也可拨打{phone}咨询。',
  '关于{item}，大家在留言区提出的问题我们整理成了问答：需要{material}，地点在{place}。还有疑问欢迎继续留言，我们会逐条回复。',
  '{item}窗口本周起延长服务时间至晚上7点，有需要的居民请携带{material}前往{place}。请大家相互转告。',
  '家里有老人需要{item}的，可以电话预约上门服务，工作人员带设备到家，只需准备{material}。请转告身边有需要的老人。',
  'Q：{item}必须本人到场吗？A：可以委托他人代办，代办人需携带{material}和委托书到{place}办理。',
  '{item}“掌上办”上线啦！不用排队，手机上传{material}即可，办理进度可在{app}随时查询。',
  '对于{item}，{unit}推出“帮办代办”服务。群众只需提供{material}，其余由工作人员全程代办。咨询电话：{phone}。',
  '{item}办理有变化：今后不再需要开具纸质证明，凭{material}即可在{place}当场办理。',
];
const ACT_T = ['{campaign}活动来啦', '{unit}邀您参加{campaign}', '报名开始｜{campaign}', '{campaign}打卡地图发布', '周末去哪儿？{campaign}等你来', '{campaign}活动安排'];
const ACT_B = [
  '{date}起，{unit}开展“{campaign}”主题活动，市民可到{spot}参加，现场还可咨询{item}等业务。活动免费，无需报名。',
  '“{campaign}”打卡活动开始了：到全市{n}个{spot}打卡，集齐印章可兑换纪念品。活动时间{date}至月底，开放时间9:00—17:00。',
  '{unit}举办“{campaign}”知识有奖竞答，答对8题及以上可参与抽取纪念奖品，每人限答一次，题目来自{rule}。',
  '本周末{unit}在{spot}开展便民服务活动，提供{item}咨询办理、义诊、法律咨询等服务，请大家转告家中老人。',
  '{unit}“{campaign}”活动报名开始，名额{n}个，报名请拨打{phone}或在{app}填写信息，额满为止。',
  '{campaign}活动现场设有{item}服务台，工作人员将为大家现场答疑，参与互动的居民还可领取{benefit}。',
  '为方便市民参加“{campaign}”，{unit}在{spot}设置签到打卡点，打卡后可获得志愿服务时长。',
];
const GIVE_T = ['领取提醒', '{benefit}开始发放', '关于{benefit}领取的说明', '@符合条件的居民 {benefit}可以领了'];
const GIVE_B = [
  '{benefit}已开始发放，请符合条件的居民携带{material}到{place}领取，截至本月底。',
  '{unit}提示：{benefit}可通过{app}申领，审核通过后发放，全程不收取任何费用，谨防冒充工作人员收费。',
  '领取{benefit}不需要转账、不需要提供验证码，凡以此为由要求付款的都是诈骗，请大家相互转告。',
  '{benefit}领取时间为{date}至月底，行动不便的可由家属代领，需携带双方身份证。',
];
const ALERT_T = ['提醒', '扩散周知', '请转告', '出行提示', '【提示】', '{unit}提醒'];
const ALERT_B = [
  '{alert}，请大家相互转告。',
  '{alert}。请转告家中老人和孩子。',
  '扩散周知：{alert}。',
  '{alert}，请家长转告孩子。',
  '【{unit}提示】{alert}，如有疑问，欢迎在评论区留言咨询。',
  '{alert}。给您带来不便，敬请谅解，请相互转告。',
  '{alert}。如有问题请拨打{phone}，或在下方留言，我们会及时回复。',
];
const FEEDBACK_B = [
  '上周有居民留言反映{spot}附近路灯不亮，{unit}已联系相关单位完成维修。欢迎大家继续在评论区留言反映身边的问题。',
  '您在评论区留言反映的问题，我们已转交{unit}办理，办理结果将在本号回复。',
  '近期收到网友留言，询问{item}的办理条件。{unit}答复：需准备{material}，到{place}办理。',
  '为更好听取群众意见，{unit}开通网上留言通道，市民可在评论区留言反映{topic}方面的问题和建议，我们将每周汇总转办。',
  '{meeting}前，我们在评论区征集大家的意见建议，共收到留言{n}条，已全部转交相关部门研究。',
];
const TOPICS = ['停车', '噪音扰民', '垃圾清运', '道路破损', '公交线路', '物业服务'];
const POL_T = ['{rule}今起施行', '{rule}热点问答', '三分钟读懂{rule}', '{rule}里的这些规定，你知道吗', '解读｜{rule}修订要点'];
const POL_B = [
  '{rule}明确，{point}。对此有疑问的，欢迎留言，我们将请专家逐一解答。',
  '{date}，{unit}发布{rule}配套细则，提出{point}等措施，自下月起施行。',
  '一图看懂：{rule}适用于哪些人？核心条款是什么？其中规定{point}。',
  '根据{rule}，{point}。文件全文可在政府信息公开专栏查阅，请转告身边有需要的人。',
  '问：{rule}对群众有哪些影响？答：最主要的一条是{point}，相关办事指南将同步更新。',
];
const NEWS_T = ['{unit}：{figure}', '{meeting}召开', '{figure}', '{campaign}活动圆满落幕', '{date}，{unit}举办{campaign}活动'];
const NEWS_B = [
  '今年以来，{unit}{figure}，群众满意率保持在99%以上。',
  '记者从{unit}了解到，{app}上线一年来，{figure}，{item}实现全程网办。',
  '{date}，{unit}在{spot}举办“{campaign}”主题活动，现场发放宣传资料2000余份，解答群众咨询300余人次。',
  '{date}，{unit}为“{campaign}”中表现突出的{n}个集体和个人颁发奖杯和证书。',
  '{date}，{unit}召开{meeting}，通报了群众在12345热线和网络留言中反映问题的办理情况，要求限时办结。',
  '“以前要跑好几趟，现在手机上就办完了。”市民王女士说。据统计，{unit}{figure}。',
  '{date}，{meeting}在{spot}召开，{unit}负责同志通报了“{campaign}”开展情况，并部署下一阶段工作。',
  '为期一个月的“{campaign}”活动日前结束，{unit}共组织各类活动{n}场，参与群众超过2万人次。',
];
/** Human-interest news about staff and residents, often with little government vocabulary. */
const PEOPLE_B = [
  '{date}，一位老人在{spot}突发不适，{unit}工作人员第一时间拨打120并进行急救，老人转危为安。',
  '“这面锦旗送给你们！”{date}，市民张先生来到{unit}，感谢工作人员帮他找回了遗失的重要证件。',
  '{unit}的“90后”小李，入职三年走遍了辖区每一户困难家庭，笔记本上记满了群众的大事小情。',
  '一场大雨过后，{unit}工作人员连夜排查，清理积水点12处，保障了群众第二天正常出行。',
  '风雪中，{unit}的工作人员坚守岗位，为过往群众送上热姜茶，不少市民驻足点赞。',
  '退休后，老周在{spot}当了八年志愿者，帮邻居修家电、写春联，被大家亲切地称为“热心肠”。',
  '凌晨两点，{unit}的值班电话响起，一位独居老人家中停电，工作人员半小时内赶到现场帮忙处理。',
  '当了三十年乡村医生，她背着药箱走遍了村里每一条小路，村民都说：“有她在，心里踏实。”',
];
const PEOPLE_T = ['暖心！', '平凡岗位上的坚守', '点赞！', '身边的好人', '城市温度'];
/** Popular-science posts by a government account: questions in the title, advice in the body. */
const SCI = [
  { title: '【科普】冬天为什么容易一氧化碳中毒？', text: '燃气热水器安装在密闭浴室、门窗紧闭用炭火取暖，都可能导致一氧化碳中毒。请保持通风，安装报警器，出现头晕恶心立即开窗并拨打120。' },
  { title: '熬夜伤身？医生给你讲清楚', text: '长期熬夜会影响免疫力和心血管健康。建议成年人每天保证7小时睡眠，睡前一小时少看手机。' },
  { title: '健康小课堂｜高血压患者能不能吃盐？', text: '可以吃，但要控制量，每天不超过5克。家庭医生提醒：按时服药、定期测量，不要自行停药。' },
  { title: '野生蘑菇能吃吗？答案是：别冒险', text: '野生菌中毒没有特效药，“颜色鲜艳才有毒”“和大蒜一起煮变黑才有毒”都是误区。不采、不买、不吃野生菌。' },
  { title: '【安全科普】电动车电池为什么会起火？', text: '私自改装、使用非原装充电器、长时间过度充电，都会增加起火风险。请到正规门店更换电池，在集中充电点充电。' },
  { title: '你知道吗？这些急救知识关键时刻能救命', text: '遇到有人心脏骤停，应立即拨打120，并在专业人员到达前进行心肺复苏。社区卫生服务中心定期开展免费急救培训。' },
];
// —— off-mission, round 2 (using the same words: 活动, 奖品, 打卡, 转告, 留言) ——
const OFF2: Record<Exclude<Subclass, 'unrelated_repost'>, { t: string[]; b: string[] }> = {
  entertainment: {
    t: ['见面会官宣！', '今晚的颁奖礼太精彩了', '追星日记', '新综艺来了'],
    b: [
      '某歌手粉丝见面会活动官宣啦，全国巡回十站，快转告你身边的粉丝，一起去应援！',
      '昨晚的电影节颁奖礼你们看了吗？最佳男主角实至名归，获奖感言把我听哭了。',
      '追星三年终于在机场见到本人了，今天的打卡照片必须发一下，太帅了！',
      '某综艺第二季定档了，嘉宾阵容超强，评论区留言说说你最想看谁？',
      '某偶像剧开机路透曝光，男女主同框颜值好高，已经开始期待了！',
    ],
  },
  advertising: {
    t: ['周年庆活动', '到店打卡有礼', '会员日福利', '新品上市'],
    b: [
      '周年庆活动来袭！全场饮品第二杯半价，到店打卡发朋友圈再送小甜品一份。',
      '会员日活动：消费满199元即可参与抽奖，奖品有扫地机器人、电饭煲等，仅限本周六。',
      '新开的网红咖啡店，环境超好拍，拍照打卡送曲奇，地址在评论区。',
      '某健身房暑期活动：办卡立减500元，邀请朋友一起办卡再送私教课，名额有限。',
      '家装节活动开始，定制衣柜每平米只要399元，留言“家装”领取优惠券。',
    ],
  },
  lottery_game: {
    t: ['评论抽奖', '本期活动奖品', '打卡领奖', '粉丝福利来啦'],
    b: [
      '评论区留言说出你最想去的城市，随机抽3位送旅行箱，周日晚上开奖！',
      '本期活动奖品：蓝牙耳机5副、充电宝10个，转发+评论即可参与，快来！',
      '连续签到打卡7天就能领取现金红包，邀请好友还能翻倍，赶紧参加！',
      '点赞过百就抽一位宝子送口红，活动截至周五晚上8点，祝大家好运！',
      '玩游戏赢奖品！今晚8点直播间猜歌名，猜对就送会员卡，人人有机会。',
    ],
  },
  personal_opinion: {
    t: ['今日份打卡', '碎碎念', '周末愉快', '随手拍'],
    b: [
      '今日份打卡：早起跑步5公里，早餐吃了一碗豆浆油条，元气满满的一天！',
      '评论区留言说说你家乡最好吃的小吃是什么？我先来：热干面！',
      '你们觉得一年四季哪个季节最舒服？我投秋天一票，留言聊聊吧。',
      '下午茶时间，同事点了一桌奶茶，摸鱼的快乐谁懂啊～',
      '周末在家大扫除，翻出了小学时候的日记本，笑死我了，你们还留着吗？',
      '小编今天第一次学做饭，结果把锅烧糊了，大家有什么简单的菜谱推荐吗？',
    ],
  },
  clickbait: {
    t: ['赶紧转告家人！', '看到请转告', '太吓人了', '一定要看完', '要变天了？'],
    b: [
      '油价要暴涨？内部消息：下周起全面上调，今晚不加满就亏大了！',
      '网传明年起工资全部上涨？真相竟然是这样，看完你就懂了！',
      '赶紧转告家人！这种蔬菜千万不能隔夜吃，已经有人中毒了，不转后悔！',
      '看到请转告你的亲朋好友，晚上睡觉千万别开这个开关，太危险了！',
      '99%的家庭都在用这种锅，竟然会致癌？看完马上转告你的家人！',
      '太吓人了！他只是喝了一杯水就进了ICU，原因让人意想不到……',
      '刚刚出事了！家里有孩子的一定要看完，转告身边每一位父母！',
    ],
  },
};

const EMOJI_G2 = ['💡', '📣', '🗓️', '🏠', '👍'];
const EMOJI_O2 = ['😜', '🤩', '💖', '😆', '🍰'];
const EN_G2 = ['（APP与Web端同步上线）', '（支持e-ID认证）', '（FAQ见评论区置顶）', '（Email咨询也可）'];
const EN_O2 = [' yummy', ' nice', ' so good', ' Amazing'];
const REPOST2 = ['转自@某市政务发布：', '#政务转发# ', '转 ', '转载自某区发布：'];
const PLATFORMS = ['weibo', 'wechat', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'xiaohongshu'];

const KINDS: [string, number][] = [
  ['service', 16],
  ['activity', 10],
  ['give', 5],
  ['alert', 9],
  ['feedback', 6],
  ['policy', 10],
  ['news', 18],
  ['people', 6],
  ['science', 3],
  ['entertainment', 4],
  ['advertising', 5],
  ['lottery_game', 6],
  ['personal_opinion', 6],
  ['clickbait', 5],
];

type Base = { title?: string; text: string; expected: CorpusPost['expected']; subclass?: Subclass };

function compose(p: Picker, d: Dept2, kind: string): Base {
  const it = p.pick(d.items);
  const [point, point2] = p.some(d.points, 2);
  const s = {
    unit: p.pick(d.units),
    item: it[0],
    material: it[1],
    place: it[2],
    phone: d.phone,
    app: p.pick(d.apps),
    alert: p.pick(d.alerts),
    campaign: p.pick(d.campaigns),
    spot: p.pick(d.spots),
    benefit: p.pick(d.benefits),
    rule: p.pick(d.rules),
    point: point!,
    point2: point2 ?? point!,
    meeting: p.pick(d.meetings),
    figure: p.pick(d.figures),
    topic: TOPICS,
    n: String(p.int(3, 60)),
    date: p.date(),
  };
  switch (kind) {
    case 'service':
      return { title: fill(p, p.pick(SVC_T), s), text: fill(p, p.pick(SVC_B), s), expected: 'service' };
    case 'activity':
      return { title: fill(p, p.pick(ACT_T), s), text: fill(p, p.pick(ACT_B), s), expected: 'service' };
    case 'give':
      return { title: fill(p, p.pick(GIVE_T), s), text: fill(p, p.pick(GIVE_B), s), expected: 'service' };
    case 'alert':
      return { title: fill(p, p.pick(ALERT_T), s), text: fill(p, p.pick(ALERT_B), s), expected: 'service' };
    case 'feedback':
      return { title: p.pick(['网友留言回复', '您的留言，我们在办', '留言办理｜' + s.unit, '回音壁']), text: fill(p, p.pick(FEEDBACK_B), s), expected: 'service' };
    case 'policy':
      return { title: fill(p, p.pick(POL_T), s), text: fill(p, p.pick(POL_B), s), expected: 'policy' };
    case 'news':
      return { title: fill(p, p.pick(NEWS_T), s), text: fill(p, p.pick(NEWS_B), s), expected: 'news' };
    case 'people':
      return { ...(p.chance(0.4) ? { title: p.pick(PEOPLE_T) } : {}), text: fill(p, p.pick(PEOPLE_B), s), expected: 'news' };
    case 'science':
      return { ...p.pick(SCI), expected: 'service' };
    default: {
      const o = OFF2[kind as keyof typeof OFF2];
      return { title: p.pick(o.t), text: p.pick(o.b), expected: 'off_mission', subclass: kind as Subclass };
    }
  }
}

/** Round-2 posts of one split: `count` posts from seed `seed`, ids prefixed with `prefix`. Duplicates (also of `avoid`) are skipped. */
export function generateTrainR2Corpus(seed: number, count: number, split: string, prefix: string, avoid = new Set<string>()): CorpusPost[] {
  const p = new Picker(rng(seed));
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  const out: CorpusPost[] = [];
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
    // Title only when the title says something on its own (not 「提醒」 or 「扩散周知」).
    if (roll < 0.12 && title && title.length >= 8) {
      style = 'title-only';
      text = title;
      title = undefined;
    } else if (roll < 0.22) {
      style = 'long';
      // Two more bodies of the same kind, each different from the ones before.
      const parts = [text];
      for (let i = 0; i < 6 && parts.length < 3; i++) {
        const more = compose(p, d, kind).text;
        if (!parts.includes(more)) parts.push(more);
      }
      text = parts.join('\n');
    } else if (roll < 0.34) {
      style = 'emoji';
      const e = gov ? EMOJI_G2 : EMOJI_O2;
      text = p.chance(0.5) ? `${p.pick(e)}${text}` : `${text}${p.pick(e)}${p.pick(e)}`;
    } else if (roll < 0.42) {
      style = 'mixed-english';
      text = `${text}${gov ? p.pick(EN_G2) : p.pick(EN_O2)}`;
    } else if (roll < 0.54) {
      style = 'repost';
      isRepost = true;
      text = `${p.pick(REPOST2)}${text}`;
    }
    if (p.chance(0.25) && title) title = undefined;
    const key = `${title ?? ''}|${text}`;
    if (avoid.has(key)) continue;
    avoid.add(key);
    const subclass = post.expected === 'off_mission' && isRepost && post.subclass === 'personal_opinion' ? 'unrelated_repost' : post.subclass;
    out.push({
      id: `${prefix}-${String(out.length + 1).padStart(4, '0')}`,
      department: d.name,
      platform: p.pick(PLATFORMS),
      style,
      ...(title ? { title } : {}),
      text,
      ...(isRepost ? { isRepost } : {}),
      expected: post.expected,
      ...(subclass ? { subclass } : {}),
      split,
    });
  }
  return out;
}
