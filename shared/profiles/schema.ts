/**
 * The rule profile: every number the grading engine, the flags, the registry
 * deadlines and the approval workflows use. Profiles are versioned
 * (name + version); a stored grade names the version it was computed with, so
 * any past inspection can be reproduced exactly. See docs/rule-profiles.md.
 */
import * as v from 'valibot';
import { ROLES } from '../auth/principal';
import type { ErrorParams, IssueCode } from '../errors-codes';
import { coded } from '../validation-issues';

type Msg = string;

const num = (label: string) => v.pipe(v.number(`${label}须为数字`), v.finite(`${label}须为有限数字`));

/** A whole number of days, 1..max. */
const days = (label: string, max = 3650) =>
  v.pipe(num(label), v.integer(`${label}须为整数天`), v.minValue(1, `${label}须大于 0`), v.maxValue(max, `${label}不能超过 ${max} 天`));

/** Points or caps: ≥ 0, at most 100. */
const points = (label: string) => v.pipe(num(label), v.minValue(0, `${label}不能为负数`), v.maxValue(100, `${label}不能超过 100 分`));

/** A percentage in (0, 100]. */
const percent = (label: string) => v.pipe(num(label), v.gtValue(0, `${label}须大于 0%`), v.maxValue(100, `${label}不能超过 100%`));

const count = (label: string, max = 1000) =>
  v.pipe(num(label), v.integer(`${label}须为整数`), v.minValue(0, `${label}不能为负数`), v.maxValue(max, `${label}不能超过 ${max}`));

const bool = (label: string) => v.boolean(`${label}须为 true 或 false`);

/** One message function for a strict object: unknown field, missing field, or not an object. */
const objectMessage = (label: string) => (issue: v.StrictObjectIssue) => {
  if (issue.expected === 'never') return `${label}包含未知字段 ${issue.received}`;
  if (issue.received === 'undefined' && issue.path?.length) return `${label}缺少必填字段 ${issue.expected}`;
  return `${label}须为对象`;
};

const obj = <E extends v.ObjectEntries>(entries: E, label: string) => v.strictObject(entries, objectMessage(label));

const role = v.picklist(ROLES, `角色须为以下之一：${ROLES.join(', ')}`);
const roleChain = (label: string) =>
  v.pipe(v.array(role, `${label}须为角色列表`), v.minLength(1, `${label}至少一级`), v.maxLength(5, `${label}最多五级`));

export const ProfileName = v.pipe(
  v.string('规则名称须为字符串'),
  v.regex(/^[a-z][a-z0-9-]{1,39}$/, '规则名称须为 2–40 位小写字母、数字或连字符，以字母开头（如 strict-10day）'),
);

const ServiceShareTier = obj({ belowPercent: percent('服务占比档位阈值'), points: points('服务占比档位扣分') }, '服务占比档位');
const OffMissionTier = obj({ atLeastPercent: percent('无关内容占比档位阈值'), points: points('无关内容占比档位扣分') }, '无关内容占比档位');

const RuleProfileEntries = v.strictObject(
  {
    name: ProfileName,
    version: v.pipe(num('版本号'), v.integer('版本号须为整数'), v.minValue(1, '版本号须为正整数')),
    title: v.pipe(v.string('规则标题须为字符串'), v.trim(), v.minLength(1, '规则标题不能为空'), v.maxLength(100, '规则标题不能超过 100 个字符')),
    description: v.optional(v.pipe(v.string('说明须为字符串'), v.maxLength(2000, '说明不能超过 2000 个字符'))),
    vetoes: obj(
      {
        noUpdate: obj({ enabled: bool('内容不更新否决开关'), windowDays: days('不更新否决窗口') }, '内容不更新否决'),
        noInteraction: obj(
          {
            enabled: bool('互动回应差否决开关'),
            requireChannel: bool('是否要求开通互动渠道'),
            maxUnansweredDays: days('留言最长未回复天数'),
          },
          '互动回应差否决',
        ),
        security: obj(
          {
            enabled: bool('安全否决开关'),
            windowDays: days('安全检查窗口'),
            severeWording: bool('严重表述错误是否否决'),
            incidents: bool('安全事件是否否决'),
          },
          '安全否决',
        ),
        fakeEngagement: obj({ enabled: bool('弄虚作假否决开关') }, '弄虚作假否决'),
      },
      '单项否决',
    ),
    indicators: obj(
      {
        cadence: obj(
          {
            cap: points('更新频率扣分上限'),
            windowDays: days('更新频率窗口'),
            minPosts: count('窗口内最少发布条数'),
            pointsPerMissingPost: points('每缺一条扣分'),
          },
          '更新频率指标',
        ),
        serviceShare: obj(
          {
            cap: points('服务占比扣分上限'),
            windowDays: days('服务占比窗口'),
            tiers: v.pipe(v.array(ServiceShareTier, '服务占比档位须为列表'), v.maxLength(10, '服务占比档位最多 10 档')),
          },
          '服务占比指标',
        ),
        offMissionShare: obj(
          {
            cap: points('无关内容占比扣分上限'),
            windowDays: days('无关内容占比窗口'),
            tiers: v.pipe(v.array(OffMissionTier, '无关内容占比档位须为列表'), v.maxLength(10, '无关内容占比档位最多 10 档')),
          },
          '无关内容占比指标',
        ),
        wording: obj(
          { cap: points('表述错误扣分上限'), windowDays: days('表述错误窗口'), pointsPerPost: points('每条有错稿件扣分') },
          '表述错误指标',
        ),
        naming: obj(
          {
            cap: points('名称与认证扣分上限'),
            unitMismatchPoints: points('名称未体现主办单位或认证主体不符扣分'),
            inconsistentAcrossPlatformsPoints: points('跨平台名称不一致扣分'),
          },
          '名称与认证指标',
        ),
        serviceLinks: obj({ cap: points('服务链接扣分上限'), pointsPerBrokenLink: points('每个失效链接扣分') }, '服务链接指标'),
      },
      '扣分指标',
    ),
    bands: obj(
      { excellent: points('优秀分数线'), good: points('良好分数线'), pass: points('合格分数线') },
      '等次分数线',
    ),
    flags: obj(
      {
        staleFromDays: days('临近停更起始天数'),
        staleToDays: days('临近停更截止天数'),
        dormantAfterDays: days('休眠天数'),
        zombieAfterDays: days('僵尸天数'),
        zombieNeverPostedAfterDays: days('开通后从未发布的僵尸天数'),
        offMissionAtLeastPercent: percent('无关内容标记阈值'),
        offMissionWindowDays: days('无关内容标记窗口'),
      },
      '预警标记',
    ),
    fakeEngagementSuspicion: obj(
      {
        enabled: bool('疑似刷量标记开关'),
        followerJumpPercent: percent('粉丝激增比例'),
        minFollowerGain: count('粉丝激增最少人数', 1e9),
        maxSnapshotGapDays: days('两次快照最大间隔'),
        minEngagementPercent: v.pipe(num('匹配互动比例'), v.minValue(0, '匹配互动比例不能为负数'), v.maxValue(100, '匹配互动比例不能超过 100%')),
        lookbackDays: days('疑似刷量回看天数'),
      },
      '疑似刷量规则',
    ),
    registry: obj(
      {
        filingWorkingDays: days('备案期限（工作日）', 60),
        noticePeriodDays: days('停更公告期', 365),
        revalidationDays: days('复核周期', 3650),
      },
      '台账规则',
    ),
    supervision: v.optional(
      obj(
        {
          staleEscalation: v.optional(
            v.pipe(
              v.array(obj({ afterDays: days('预警天数'), roles: roleChain('预警对象') }, '停更预警步骤'), '停更预警须为列表'),
              v.maxLength(10, '停更预警最多 10 步'),
            ),
          ),
          approvalReminderWorkingHours: v.optional(v.pipe(num('催办工作小时'), v.integer('催办工作小时须为整数'), v.minValue(1, '催办工作小时须大于 0'), v.maxValue(400, '催办工作小时不能超过 400'))),
          rectificationWorkingDays: v.optional(days('整改期限（工作日）', 120)),
          dueSoonWorkingDays: v.optional(days('到期提醒提前工作日', 30)),
        },
        '监督提醒',
      ),
    ),
    approvals: obj(
      {
        closure: roleChain('关停审批层级'),
        opening: obj({ required: bool('开设是否需审批'), tiers: roleChain('开设审批层级') }, '开设审批'),
        scheduledPost: roleChain('排期稿件审核层级'),
      },
      '审批层级',
    ),
  },
  objectMessage('规则配置'),
);

type Entries = v.InferOutput<typeof RuleProfileEntries>;

function pathItems(root: Record<string, unknown>, keys: readonly (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let input: unknown = root;
  for (const key of keys) {
    const value = (input as Record<string | number, unknown>)[key];
    if (Array.isArray(input)) items.push({ type: 'array', origin: 'value', input, key: key as number, value });
    else items.push({ type: 'object', origin: 'value', input: input as Record<string, unknown>, key: String(key), value });
    input = value;
  }
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** A cross-field problem: where, the message (Chinese), its issue code and params (the values it names; `other`: the path of the field it is compared with). */
export interface SemanticIssue {
  path: (string | number)[];
  message: Msg;
  code: IssueCode;
  params: ErrorParams;
}

/** Cross-field rules: thresholds ordered, tiers within caps, caps summing to at most 100. */
export function semanticIssues(p: Entries): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const ind = p.indicators;
  const caps = ind.cadence.cap + ind.serviceShare.cap + ind.offMissionShare.cap + ind.wording.cap + ind.naming.cap + ind.serviceLinks.cap;
  if (caps > 100) out.push({ path: ['indicators'], message: `各指标扣分上限之和为 ${caps}，不能超过 100`, code: 'caps_sum_over', params: { sum: caps, max: 100 } });

  const { excellent, good, pass } = p.bands;
  if (!(pass > 0)) out.push({ path: ['bands', 'pass'], message: '合格分数线须大于 0', code: 'out_of_range', params: { min: 0 } });
  if (!(good > pass)) out.push({ path: ['bands', 'good'], message: `良好分数线（${good}）须高于合格分数线（${pass}）`, code: 'must_exceed', params: { value: good, other: 'bands.pass', otherValue: pass } });
  if (!(excellent > good)) {
    out.push({ path: ['bands', 'excellent'], message: `优秀分数线（${excellent}）须高于良好分数线（${good}）`, code: 'must_exceed', params: { value: excellent, other: 'bands.good', otherValue: good } });
  }

  const st = ind.serviceShare.tiers;
  st.forEach((t, i) => {
    if (t.points > ind.serviceShare.cap) {
      out.push({
        path: ['indicators', 'serviceShare', 'tiers', i, 'points'],
        message: `档位扣分（${t.points}）不能超过该指标上限（${ind.serviceShare.cap}）`,
        code: 'over_indicator_cap',
        params: { value: t.points, cap: ind.serviceShare.cap },
      });
    }
    const prev = st[i - 1];
    if (prev && !(t.belowPercent < prev.belowPercent && t.points > prev.points))
      out.push({
        path: ['indicators', 'serviceShare', 'tiers', i],
        message: '服务占比档位须按阈值从高到低排列，且阈值越低扣分越多',
        code: 'tiers_descending',
        params: {},
      });
  });
  const ot = ind.offMissionShare.tiers;
  ot.forEach((t, i) => {
    if (t.points > ind.offMissionShare.cap) {
      out.push({
        path: ['indicators', 'offMissionShare', 'tiers', i, 'points'],
        message: `档位扣分（${t.points}）不能超过该指标上限（${ind.offMissionShare.cap}）`,
        code: 'over_indicator_cap',
        params: { value: t.points, cap: ind.offMissionShare.cap },
      });
    }
    const prev = ot[i - 1];
    if (prev && !(t.atLeastPercent > prev.atLeastPercent && t.points > prev.points))
      out.push({
        path: ['indicators', 'offMissionShare', 'tiers', i],
        message: '无关内容占比档位须按阈值从低到高排列，且阈值越高扣分越多',
        code: 'tiers_ascending',
        params: {},
      });
  });
  for (const [key, label] of [
    ['cadence', '更新频率'],
    ['wording', '表述错误'],
    ['naming', '名称与认证'],
    ['serviceLinks', '服务链接'],
  ] as const) {
    const entries = ind[key] as Record<string, number>;
    for (const [field, value] of Object.entries(entries)) {
      if (field !== 'cap' && field !== 'windowDays' && field !== 'minPosts' && value > entries.cap!)
        out.push({ path: ['indicators', key, field], message: `${label}单项扣分（${value}）不能超过该指标上限（${entries.cap}）`, code: 'over_indicator_cap', params: { value, cap: entries.cap! } });
    }
  }

  const f = p.flags;
  if (!(f.staleFromDays <= f.staleToDays)) {
    out.push({
      path: ['flags', 'staleToDays'],
      message: `临近停更截止天数（${f.staleToDays}）不能小于起始天数（${f.staleFromDays}）`,
      code: 'must_not_be_below',
      params: { value: f.staleToDays, other: 'flags.staleFromDays', otherValue: f.staleFromDays },
    });
  }
  if (!(f.dormantAfterDays >= f.staleToDays)) {
    out.push({
      path: ['flags', 'dormantAfterDays'],
      message: `休眠天数（${f.dormantAfterDays}）不能小于临近停更截止天数（${f.staleToDays}）`,
      code: 'must_not_be_below',
      params: { value: f.dormantAfterDays, other: 'flags.staleToDays', otherValue: f.staleToDays },
    });
  }
  if (!(f.zombieAfterDays > f.dormantAfterDays)) {
    out.push({
      path: ['flags', 'zombieAfterDays'],
      message: `僵尸天数（${f.zombieAfterDays}）须大于休眠天数（${f.dormantAfterDays}）`,
      code: 'must_exceed',
      params: { value: f.zombieAfterDays, other: 'flags.dormantAfterDays', otherValue: f.dormantAfterDays },
    });
  }
  if (p.vetoes.noUpdate.enabled && !(f.staleFromDays <= p.vetoes.noUpdate.windowDays)) {
    out.push({
      path: ['flags', 'staleFromDays'],
      message: `临近停更起始天数（${f.staleFromDays}）须不大于不更新否决窗口（${p.vetoes.noUpdate.windowDays}）`,
      code: 'must_not_exceed',
      params: { value: f.staleFromDays, other: 'vetoes.noUpdate.windowDays', otherValue: p.vetoes.noUpdate.windowDays },
    });
  }
  return out;
}

/** The valibot schema of a rule profile: structure, then the cross-field rules. */
export const RuleProfile = v.pipe(
  RuleProfileEntries,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const root = dataset.value as unknown as Record<string, unknown>;
    for (const issue of semanticIssues(dataset.value)) addIssue({ message: coded(issue.code, issue.message, issue.params), path: pathItems(root, issue.path) });
  }),
);
export type RuleProfile = v.InferOutput<typeof RuleProfile>;
