/**
 * The inspection bulletin (通报) as content: title, overall situation, departments ranked
 * by pass rate, problems by type with examples, requirements, and the annex of failed
 * accounts. Pure: the caller loads the inspection, its accounts and its rectification.
 */
import type { Inspection } from '../assessment/assessment-ports';
import type { Grade } from '../grading/types';
import { DEDUCTION_CODES, VETO_CODES } from '../grading/types';
import { DEDUCTION_LABELS, VETO_LABELS, explainDeduction, explainGrade, explainVeto } from '../inspection/explain';
import { formatPassRate, type AccountsById, type DepartmentCounts, type InspectedAccount, type PassCounts } from '../inspection/summary';
import type { Platform } from '../registry/schemas';
import { PLATFORM_NAMES_ZH } from '../registry/schemas';
import { beijingDate } from '../time';
import {
  accountLabel,
  beijingDateTimeZh,
  chineseNumeral,
  dateZh,
  issuerOf,
  quarterOf,
  regionNameOf,
  regionScope,
  withoutLabel,
  type Block,
  type IssuerOptions,
  type OfficialDocument,
} from './official';

/** 0.1 → 「10%」, 0.125 → 「12.5%」. */
export function ratioPercent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/**
 * 「关于2026年第四季度全县政府网站与政务新媒体检查情况的通报」: the check date's year and
 * quarter, the region's scope (全县 for 淳安县; left out when the name is unknown), and
 * 抽查 instead of 检查 for a sample.
 */
export function bulletinTitle(input: { checkDate: string; regionName: string | null; sampled: boolean }): string {
  const { year, quarter } = quarterOf(input.checkDate);
  return `关于${year}年第${chineseNumeral(quarter)}季度${regionScope(input.regionName)}政府网站与政务新媒体${input.sampled ? '抽查' : '检查'}情况的通报`;
}

export interface RankedDepartment extends PassCounts {
  /** 1 for the best pass rate; equal pass rates share a rank (1, 2, 2, 4). */
  rank: number;
  departmentId: string;
  name: string;
}

/**
 * Departments ranked by pass rate, best first; equal rates share a rank and are listed by
 * more accounts checked, then by name.
 */
export function rankDepartments(byDepartment: Readonly<Record<string, DepartmentCounts>>, names: ReadonlyMap<string, string> = new Map()): RankedDepartment[] {
  const rows = Object.entries(byDepartment).map(([departmentId, c]) => ({
    departmentId,
    name: c.departmentName ?? names.get(departmentId) ?? departmentId,
    checked: c.checked,
    passed: c.passed,
    failed: c.failed,
    passRate: c.passRate,
  }));
  rows.sort((a, b) => b.passRate - a.passRate || b.checked - a.checked || cmp(a.name, b.name) || cmp(a.departmentId, b.departmentId));
  return rows.map((r) => ({ ...r, rank: 1 + rows.filter((o) => o.passRate > r.passRate).length }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ProblemExample {
  account: string;
  department: string;
  /** The rule's explanation with its evidence (shared/inspection/explain.ts), label left out. */
  text: string;
}

export interface ProblemType {
  kind: 'veto' | 'deduction';
  code: string;
  label: string;
  /** Accounts with this problem. */
  count: number;
  examples: ProblemExample[];
}

function lookup(accounts: AccountsById, id: string): InspectedAccount | undefined {
  return accounts instanceof Map ? accounts.get(id) : (accounts as Record<string, InspectedAccount>)[id];
}

/**
 * Problems by type: each veto and each deduction that occurred, with the number of accounts
 * and up to `maxExamples` examples in words (vetoes: by department and account name;
 * deductions: the largest first). Vetoes first, each list in the rules' order.
 */
export function problemsByType(results: readonly Grade[], accounts: AccountsById, maxExamples = 2): ProblemType[] {
  const described = results.map((g) => {
    const a = lookup(accounts, g.accountId);
    return { g, account: a ? accountLabel({ platform: a.platform, name: a.name ?? g.accountId }) : g.accountId, department: a?.departmentName ?? a?.departmentId ?? '' };
  });
  described.sort((x, y) => cmp(x.department, y.department) || cmp(x.account, y.account) || cmp(x.g.accountId, y.g.accountId));
  const out: ProblemType[] = [];
  for (const code of VETO_CODES) {
    const hits = described.flatMap((d) => d.g.vetoes.filter((v) => v.code === code).map((v) => ({ ...d, text: withoutLabel(explainVeto(v)) })));
    if (hits.length) out.push({ kind: 'veto', code, label: VETO_LABELS[code], count: hits.length, examples: hits.slice(0, maxExamples).map(({ account, department, text }) => ({ account, department, text })) });
  }
  for (const code of DEDUCTION_CODES) {
    const hits = described
      .flatMap((d) => d.g.deductions.filter((x) => x.code === code && x.points > 0).map((x) => ({ ...d, points: x.points, text: withoutLabel(explainDeduction(x)) })))
      .sort((x, y) => y.points - x.points);
    if (hits.length) out.push({ kind: 'deduction', code, label: DEDUCTION_LABELS[code], count: hits.length, examples: hits.slice(0, maxExamples).map(({ account, department, text }) => ({ account, department, text })) });
  }
  return out;
}

export interface FailedAccountRow {
  department: string;
  platform: string;
  name: string;
  /** Every veto and deduction in words, one sentence each. */
  reasons: string[];
}

/** The annex: every failed account with its unit, platform, name and reasons, by unit then name. */
export function failedAccountRows(results: readonly Grade[], accounts: AccountsById): FailedAccountRow[] {
  return results
    .filter((g) => g.verdict === 'fail')
    .map((g) => {
      const a = lookup(accounts, g.accountId);
      return {
        department: a?.departmentName ?? a?.departmentId ?? '',
        platform: a ? PLATFORM_NAMES_ZH[a.platform] : '',
        name: a?.name ?? g.accountId,
        reasons: explainGrade(g).slice(1),
      };
    })
    .sort((x, y) => cmp(x.department, y.department) || cmp(x.platform, y.platform) || cmp(x.name, y.name));
}

export interface BulletinInput {
  inspection: Inspection;
  accounts: AccountsById;
  /** The rectification notice issued from this inspection, if any: its due date goes into the requirements. */
  rectification?: { dueDate: string } | null;
  /** Now (the clock port): the 成文日期 and the annex's time of generation. */
  now: string;
  options?: IssuerOptions;
}

const count = (n: number) => `${n}个`;

function platformSentence(byPlatform: Partial<Record<Platform, PassCounts>>): string | null {
  const parts = (Object.entries(byPlatform) as [Platform, PassCounts][])
    .sort(([, a], [, b]) => b.checked - a.checked)
    .map(([p, c]) => `${PLATFORM_NAMES_ZH[p]}${count(c.checked)}，合格${count(c.passed)}，合格率${formatPassRate(c.passRate)}`);
  return parts.length ? `分平台看：${parts.join('；')}。` : null;
}

function requirements(input: { rectification?: { dueDate: string } | null; hasFailures: boolean }): string[] {
  const deadline = input.rectification
    ? `请各有关单位对照附件所列问题逐项整改，于${dateZh(input.rectification.dueDate)}前完成整改，并通过系统逐项反馈整改措施和佐证材料。`
    : '请各有关单位对照附件所列问题逐项整改，整改通知另行下发，按通知要求反馈整改情况。';
  return [
    ...(input.hasFailures ? [`（一）抓好问题整改。${deadline}对单项否决的账号，要立即恢复更新和互动回应；确无力维护的，按程序提出关停整合申请，关停前发布停更公告。`] : []),
    '（二）落实主体责任。按照“谁开办、谁主管”“谁主管、谁负责”的原则，各主办单位要明确专人负责政务新媒体日常运维，做到内容及时更新、留言及时回应，杜绝“僵尸”“睡眠”账号。',
    '（三）严格内容审核。严格落实“三审三校”制度，防止出现严重表述错误和泄露个人信息等问题；转载信息要注明来源，不得发布与政务无关的内容。',
    '（四）加强常态监管。本地区将持续开展政务新媒体常态化监测和季度检查，逾期未完成整改的，将在下一期检查通报中予以通报。',
  ];
}

/** The whole 通报: which paragraphs, which tables, in which order. */
export function bulletinDocument(input: BulletinInput): OfficialDocument {
  const { inspection, accounts, now } = input;
  const s = inspection.summary;
  const names = new Map<string, string>();
  const inspected = inspection.results.map((g) => lookup(accounts, g.accountId)).filter((a): a is InspectedAccount => !!a);
  for (const a of inspected) if (a.departmentName) names.set(a.departmentId, a.departmentName);
  const regionName = regionNameOf([...names.values()]);
  const issuer = issuerOf(regionName, input.options);
  const sampled = inspection.sample !== null;
  const title = bulletinTitle({ checkDate: inspection.checkDate, regionName, sampled });
  const today = beijingDate(now);
  const where = regionName ? `${regionScope(regionName)}` : `本地区（行政区划代码 ${inspection.regionCode}）`;
  const how = inspection.sample
    ? `按${ratioPercent(inspection.sample.ratio)}的比例，从${count(inspection.sample.population)}正常运营的政务新媒体账号中随机抽查了${count(s.checked)}`
    : `对${count(s.checked)}正常运营的政务新媒体账号进行了全面检查`;

  const ranked = rankDepartments(s.byDepartment, names);
  const problems = problemsByType(inspection.results, accounts);
  const failed = failedAccountRows(inspection.results, accounts);
  const vetoes = problems.filter((p) => p.kind === 'veto');
  const deductions = problems.filter((p) => p.kind === 'deduction');

  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `为进一步加强政务新媒体建设管理，根据《国务院办公厅关于推进政务新媒体健康有序发展的意见》和《政府网站与政务新媒体检查指标》，${issuer}以${dateZh(inspection.checkDate)}为检查日，${how}（${sampled ? '抽查' : '检查'}规则「${inspection.profile}」第${inspection.profileVersion}版）。现将${where}检查情况通报如下：`,
    },
    { kind: 'heading1', text: '一、总体情况' },
    {
      kind: 'paragraph',
      text: `本次共${sampled ? '抽查' : '检查'}政务新媒体账号${count(s.checked)}，合格${count(s.passed)}，不合格${count(s.failed)}，合格率${formatPassRate(s.passRate)}。`,
    },
  ];
  const byPlatform = platformSentence(s.byPlatform);
  if (byPlatform) body.push({ kind: 'paragraph', text: byPlatform });
  if (ranked.length) {
    const best = ranked.filter((r) => r.rank === 1 && r.passRate === 1).map((r) => r.name);
    body.push({
      kind: 'paragraph',
      text: `各单位合格率排名见下表${best.length ? `，${best.join('、')}所属账号全部合格` : ''}。`,
    });
    body.push({
      kind: 'table',
      headers: ['排名', '主办单位', '检查数', '合格数', '不合格数', '合格率'],
      rows: ranked.map((r) => [String(r.rank), r.name, String(r.checked), String(r.passed), String(r.failed), formatPassRate(r.passRate)]),
      widths: [8, 44, 12, 12, 12, 12],
    });
  }

  body.push({ kind: 'heading1', text: '二、发现的主要问题' });
  if (!problems.length) body.push({ kind: 'paragraph', text: '本次检查未发现单项否决和扣分问题。' });
  let n = 0;
  for (const [group, list, lead] of [
    [vetoes, '单项否决问题', '以下问题任一项即判定为不合格。'],
    [deductions, '扣分问题', '以下问题按规则扣分，扣分较多的账号存在不合格风险。'],
  ] as const) {
    if (!group.length) continue;
    body.push({ kind: 'heading2', text: `（${chineseNumeral(++n)}）${list}` });
    body.push({ kind: 'paragraph', text: lead });
    group.forEach((p, i) => {
      const examples = p.examples.map((e) => `${e.department}${e.account}：${e.text}`);
      body.push({ kind: 'paragraph', text: `${i + 1}.「${p.label}」${count(p.count)}账号。如：${examples.join('')}` });
    });
  }

  body.push({ kind: 'heading1', text: '三、整改要求' });
  for (const text of requirements({ rectification: input.rectification, hasFailures: failed.length > 0 })) body.push({ kind: 'paragraph', text });

  const annexTitle = `${sampled ? '抽查' : '检查'}不合格政务新媒体账号及问题清单`;
  return {
    issuer,
    ...(input.options?.number ? { number: input.options.number } : {}),
    title,
    addressee: '各有关单位',
    body,
    annexNote: failed.length ? [`附件：${annexTitle}`] : [],
    signature: { issuer, date: today },
    annexes: failed.length
      ? [
          {
            label: '附件',
            title: annexTitle,
            blocks: [
              {
                kind: 'table',
                headers: ['序号', '主办单位', '平台', '账号名称', '问题及依据'],
                rows: failed.map((r, i) => [String(i + 1), r.department, r.platform, r.name, r.reasons.join('\n')]),
                widths: [7, 20, 12, 16, 45],
              },
              {
                kind: 'paragraph',
                text: `注：本清单根据检查编号 ${inspection.id} 的检查结果（检查日${dateZh(inspection.checkDate)}）于${beijingDateTimeZh(now)}生成。`,
              },
            ],
          },
        ]
      : [],
    colophon: { issuer, date: today },
    fileName: title,
  };
}
