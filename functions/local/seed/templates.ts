/**
 * Post patterns: service (办事指南, 预约, 通知), policy interpretation (政策解读), government
 * news (会议, 调研), on-mission reposts, the weather bureau's forecasts, and off-mission
 * content for the accounts that chase clicks. Also the typo sentences and the leak posts.
 * All people in the texts are fictitious (王某某); phone numbers are 0571-6500xxxx.
 */
import type { OffKind } from './accounts';
import { TOWNS } from './departments';
import { addDays, dateParts, digits, int, pick, type Rng } from './prng';
import type { Topics } from './topics';

export interface Draft {
  title: string;
  text: string;
  isRepost?: boolean;
}

export interface Ctx {
  rng: Rng;
  /** Beijing date the post is published on. */
  date: string;
  /** How the unit is referred to: 县人社局, 威坪镇… */
  unit: string;
  place: string;
  topics: Topics;
  isTown: boolean;
}

const phone = (rng: Rng) => `0571-6500${digits(rng, 4)}`;
const md = (date: string) => {
  const { m, d } = dateParts(date);
  return `${m}月${d}日`;
};

export function servicePost(c: Ctx): Draft {
  const [item = '', materials = ''] = pick(c.rng, c.topics.svc).split('|');
  const { y } = dateParts(c.date);
  const from = md(addDays(c.date, int(c.rng, 2, 7)));
  const tel = phone(c.rng);
  const guide =
    `${item}办理指南：\n一、办理时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）。\n` +
    `二、办理地点：${c.place}。\n三、所需材料：${materials}。\n四、线上渠道：可通过“浙里办”APP搜索“${item}”在线办理或预约。\n咨询电话：${tel}。`;
  const notice =
    `根据工作安排，自${y}年${from}起，${item}可在${c.place}办理，也可提前通过“浙里办”APP预约。` +
    `请携带${materials}，预约时段为9:00—11:30、14:30—16:30。咨询电话：${tel}。`;
  switch (int(c.rng, 0, 4)) {
    case 0: return { title: `办事指南｜${item}怎么办？一文看懂`, text: guide };
    case 1: return { title: `【便民】${item}，这些材料请备齐`, text: guide };
    case 2: return { title: `通知｜关于${item}有关安排的通知`, text: notice };
    case 3: return { title: `预约提醒：${item}可线上预约啦`, text: notice };
    default: return { title: `${item}常见问题解答`, text: `问：${item}需要准备哪些材料？\n答：${materials}。\n问：在哪里办？\n答：${c.place}，或通过“浙里办”APP线上办理。咨询电话：${tel}。` };
  }
}

export function policyPost(c: Ctx): Draft {
  const doc = pick(c.rng, c.topics.pol);
  const { y, m } = dateParts(c.date);
  const text =
    `近日，${c.unit}印发《${doc}》。为便于社会公众理解，现从出台背景、主要内容、适用对象和办理渠道四个方面进行解读。` +
    `一是明确了适用范围和对象；二是细化了申请条件和办理流程；三是压缩了办理时限，推行“线上办、就近办”。` +
    `本政策自${y}年${m}月起施行，如有疑问请拨打${phone(c.rng)}咨询。`;
  switch (int(c.rng, 0, 3)) {
    case 0: return { title: `政策解读｜《${doc}》`, text };
    case 1: return { title: `一图读懂《${doc}》`, text };
    case 2: return { title: `《${doc}》出台，这些变化与你有关`, text };
    default: return { title: `问答来了！《${doc}》十问十答`, text };
  }
}

const PROVINCIAL = [
  '浙江发布：全省推进“高效办成一件事”改革',
  '杭州发布：杭州市发布高温橙色预警信号',
  '浙江发布：浙江省出台稳就业若干措施',
  '杭州发布：杭州市医保便民服务再升级',
];

export function newsPost(c: Ctx): Draft {
  const date = md(c.date);
  const town = c.isTown ? c.unit : pick(c.rng, TOWNS);
  switch (int(c.rng, 0, 9)) {
    case 0: case 1: case 2: {
      const meet = pick(c.rng, c.topics.meet);
      return {
        title: `${c.unit}召开${meet}`,
        text: `${date}，${c.unit}召开${meet}。会议传达学习了上级有关会议精神，总结前一阶段工作，部署下一阶段重点任务。会议强调，要坚持以人民为中心，压实工作责任，确保各项任务落到实处。`,
      };
    }
    case 3: case 4: case 5: {
      const visit = pick(c.rng, c.topics.visit);
      return {
        title: `县领导赴${town}调研${visit}工作`,
        text: `${date}，县领导一行赴${town}调研${visit}工作，实地察看现场，听取有关情况汇报。调研指出，要强化统筹协调，加快工作进度，切实把好事办好、实事办实。`,
      };
    }
    case 6: {
      const source = pick(c.rng, PROVINCIAL);
      return { title: `转发｜${source}`, text: `${source}。详情请点击阅读原文。`, isRepost: true };
    }
    default: {
      const event = pick(c.rng, c.topics.event);
      return {
        title: event,
        text: `${event}。记者从${c.unit}获悉，相关工作正按计划有序推进。下一步，${c.unit}将持续加强统筹协调，不断提升群众的获得感和满意度。`,
      };
    }
  }
}

const SKIES = ['晴', '多云', '阴', '多云转阵雨', '小雨', '阵雨转多云', '晴转多云'];
const SEASON_TEMP = [4, 6, 10, 16, 21, 25, 29, 29, 25, 19, 13, 7];

/** 淳安气象's daily forecast: a service notice with practical information. */
export function forecastPost(c: Ctx): Draft {
  const { m } = dateParts(c.date);
  const base = SEASON_TEMP[m - 1] ?? 18;
  const lo = base - int(c.rng, 3, 6);
  const hi = base + int(c.rng, 2, 6);
  const sky = pick(c.rng, SKIES);
  return {
    title: `${md(c.date)}淳安天气预报`,
    text: `今天${sky}，气温${lo}～${hi}℃，偏东风3～4级。千岛湖湖区阵风较大，乘坐游船请关注航行通告；早晚温差较大，请注意适时增减衣物。`,
  };
}

const OFF: Record<OffKind, readonly Draft[]> = {
  gossip: [
    { title: '某顶流明星被曝恋情，粉丝炸锅了', text: '网传某知名艺人与圈外女友恋情曝光，双方工作室暂未回应。八卦归八卦，吃瓜群众怎么看？评论区聊聊~' },
    { title: '娱乐圈又一对明星夫妻官宣离婚，网友：不再相信爱情了', text: '今天的热搜又被明星离婚刷屏了，娱乐圈的分分合合真是让人看不懂。你站哪一边？' },
    { title: '某综艺节目最新一期爆料不断，你追了吗？', text: '本期节目嘉宾互爆八卦，现场笑料百出，明星们的私生活原来是这样的！' },
  ],
  ads: [
    { title: '限时特惠！千岛湖有机鱼头礼盒买二送一', text: '活动期间下单即享优惠，数量有限，先到先得！点击链接或扫描二维码立即购买，促销价仅限本周。' },
    { title: '直播带货｜今晚8点，山核桃、千岛玉叶茶叶全场五折', text: '今晚直播间福利多多，山核桃、茶叶、土蜂蜜全场五折包邮，下单还送精美礼品，不见不散！' },
    { title: '湖景民宿周末特价房，扫码立减100元', text: '湖景房限时特价，周末也不涨价！扫码领取优惠券立减100元，预订从速，售完即止。' },
  ],
  lottery: [
    { title: '转发抽奖｜关注+转发，抽10位粉丝送景区门票', text: '关注本号并转发本条，即可参与抽奖，本周五晚8点开奖，中奖名单将在评论区公布。' },
    { title: '评论区抽奖！猜猜这是哪个岛，猜中送礼品', text: '在评论区留下你的答案，我们将从猜中的粉丝中抽取5位送出精美礼品，快来参与吧！' },
    { title: '幸运大转盘开奖啦，快看看有没有你', text: '上周幸运大转盘游戏已开奖，一等奖为价值888元的礼包，请中奖粉丝私信领取。' },
  ],
  emotion: [
    { title: '又是加班到深夜的一天，好累……', text: '说实话，最近真的有点撑不住了，每天写稿到半夜，emo了。不过看到窗外的湖景，又觉得一切都值得。大家今天过得怎么样？' },
    { title: '今天心情不太好，想一个人静静', text: '有时候觉得很委屈，付出了那么多却没人理解。算了，明天又是新的一天，晚安。' },
    { title: '小编的碎碎念：谁懂啊，周一综合征又犯了', text: '周一早上起不来，工作也不想做，只想躺平。有没有同款的朋友？' },
  ],
  clickbait: [
    { title: '震惊！千岛湖边竟然发现了这个……', text: '这件事你一定想不到！点开看完，你会回来点赞的。具体是什么？往下看就知道了……' },
    { title: '速看！99%的淳安人都不知道的秘密', text: '太意外了！看完这条，你会重新认识淳安。赶紧转给身边的朋友，晚了就删了！' },
    { title: '不转不是淳安人！看完我沉默了', text: '看完这条视频，小编沉默了很久……你看完是什么感受？' },
  ],
  unrelated: [
    { title: '转发：这只猫咪会自己开门，太聪明了！', text: '视频里的小猫自己跳起来拉开了门把手，网友直呼成精了。', isRepost: true },
    { title: '转发：网红奶茶新品测评，哪款最好喝？', text: '今天测评了五款网红奶茶新品，第三款真的绝了！', isRepost: true },
    { title: '转发：某地男子花20万元买下一只鹦鹉', text: '据说这只鹦鹉会说三种语言，你觉得值吗？', isRepost: true },
  ],
};

export function offMissionPost(rng: Rng, kinds: readonly OffKind[]): Draft {
  const draft = pick(rng, OFF[pick(rng, kinds)]);
  return { ...draft };
}

/** Sentences with an ordinary wording error (按装→安装, 既使→即使, 在接再厉→再接再厉…). */
export const TYPO_SENTENCES = [
  '请市民提前按装“浙里办”APP，在线预约更便捷。',
  '既使是节假日，服务窗口也安排专人值守。',
  '希望全体干部职工在接再厉，推动各项工作再上新台阶。',
  '全体人员要一股作气，确保按期完成年度目标任务。',
  '要坚决杜绝默守成规、敷衍塞责的作风。',
  '群众迫不急待想办成事的心情可以理解，请提前预约错峰办理。',
];

/** A 公示 that leaks a full ID-card number (severe: personal data). Numbers are fictitious. */
export function leakPost(c: Ctx, variant: number): Draft {
  const { y } = dateParts(c.date);
  if (variant === 0) {
    return {
      title: `关于${y}年第${int(c.rng, 2, 9)}批城乡最低生活保障新增对象的公示`,
      text:
        `经个人申请、乡镇审核、${c.unit}审批，现将新增低保对象公示如下：` +
        `王某某，身份证号330127198807150021，家庭人口3人，月保障金额2130元；李某某，家庭人口2人，月保障金额1420元。` +
        `公示期7天，如有异议请拨打${phone(c.rng)}反映。`,
    };
  }
  return {
    title: `${y}年度高龄津贴发放名单公示`,
    text:
      `根据高龄津贴发放有关规定，现将${c.unit}本年度新增高龄津贴发放对象公示如下：` +
      `徐某某，女，身份证号33012719420305002X，发放标准每月200元；方某某，男，发放标准每月200元。公示期5天。`,
  };
}
