/**
 * The rectification notice (整改通知) as content: addressed to the departments with items,
 * the inspection's date, the failed accounts, the due date and what to submit, then one
 * table per department with its items and deadline, signed by the issuing office on the
 * day of issue. Pure: the caller passes the items the reader may see (a department's own).
 */
import type { Grade } from '../grading/types';
import { DEDUCTION_LABELS, VETO_LABELS, explainDeduction, explainVeto } from '../inspection/explain';
import { PLATFORM_NAMES_ZH } from '../registry/schemas';
import type { Problem, Rectification, RectificationItem } from '../supervision/rectification';
import { STAGE_NAMES_ZH } from '../supervision/rectification';
import { beijingDate } from '../time';
import { chineseNumeral, dateZh, issuerOf, regionNameOf, regionScope, type Block, type IssuerOptions, type OfficialDocument } from './official';

export const RECTIFICATION_NOTICE_TITLE = '关于政务新媒体检查发现问题整改的通知';

export interface DepartmentItems {
  departmentId: string;
  name: string;
  items: RectificationItem[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The items grouped by department, departments and their accounts by name. */
export function itemsByDepartment(items: readonly RectificationItem[]): DepartmentItems[] {
  const groups = new Map<string, DepartmentItems>();
  for (const item of items) {
    let g = groups.get(item.departmentId);
    if (!g) groups.set(item.departmentId, (g = { departmentId: item.departmentId, name: item.departmentName ?? item.departmentId, items: [] }));
    g.items.push(item);
  }
  const out = [...groups.values()].sort((a, b) => cmp(a.name, b.name) || cmp(a.departmentId, b.departmentId));
  for (const g of out) g.items.sort((a, b) => cmp(a.account.name, b.account.name) || cmp(a.id, b.id));
  return out;
}

/**
 * An item's problems in words. With the inspected grade (which carries every rule's cap and
 * evidence) each problem is the rule's full explanation; without it, the rule's name (and
 * the points deducted).
 */
export function problemsInWords(problems: readonly Problem[], grade?: Pick<Grade, 'vetoes' | 'deductions'>): string[] {
  if (grade) {
    const fromGrade = [...grade.vetoes.map(explainVeto), ...grade.deductions.filter((d) => d.points > 0).map(explainDeduction)];
    if (fromGrade.length) return fromGrade;
  }
  return problems.map((p) =>
    p.kind === 'veto'
      ? `单项否决「${VETO_LABELS[p.code as keyof typeof VETO_LABELS] ?? p.code}」。`
      : `「${DEDUCTION_LABELS[p.code as keyof typeof DEDUCTION_LABELS] ?? p.code}」扣 ${p.points ?? 0} 分。`,
  );
}

export interface NoticeInput {
  rectification: Rectification;
  /** The items the reader may see (getRectification already filters a department's own). */
  items: readonly RectificationItem[];
  /** The inspected grades by account id, for the problems in words. */
  grades?: ReadonlyMap<string, Pick<Grade, 'vetoes' | 'deductions'>>;
  options?: IssuerOptions;
}

/** The whole 整改通知. */
export function rectificationNoticeDocument(input: NoticeInput): OfficialDocument {
  const { rectification: r } = input;
  const groups = itemsByDepartment(input.items);
  const regionName = regionNameOf(groups.map((g) => g.name));
  const issuer = issuerOf(regionName, input.options);
  const issued = beijingDate(r.issuedAt);
  const accounts = groups.reduce((n, g) => n + g.items.length, 0);
  const where = regionName ? regionScope(regionName) : `本地区（行政区划代码 ${r.regionCode}）`;

  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `${dateZh(r.checkDate)}，${issuer}对${where}政务新媒体开展了检查（检查规则「${r.profile.name}」第${r.profile.version}版）。经检查，下列${accounts}个账号不合格，存在的问题见各单位整改事项表。为切实解决问题，现将整改有关事项通知如下：`,
    },
    { kind: 'heading1', text: '一、整改期限' },
    { kind: 'paragraph', text: `请各单位对照整改事项表逐项整改，于${dateZh(r.dueDate)}前完成整改。逾期未完成的，系统将标记为“逾期未整改”，并在下一期检查通报中予以通报。` },
    { kind: 'heading1', text: '二、报送材料' },
    {
      kind: 'paragraph',
      text: '整改完成后，请通过系统逐项反馈：（一）整改措施，说明问题原因和已采取的措施；（二）佐证材料，包括整改后的账号页面截图或链接、恢复更新的稿件、回复留言的记录等。确无力维护的账号，可从整改事项直接提出关停申请，按程序发布停更公告后关停。',
    },
    { kind: 'heading1', text: '三、复查' },
    { kind: 'paragraph', text: `${issuer}将在各单位反馈后进行复查，复查时重新检测账号；复查仍不合格的，退回继续整改。` },
  ];
  if (r.note) {
    body.push({ kind: 'heading1', text: '四、其他事项' });
    body.push({ kind: 'paragraph', text: r.note });
  }
  body.push({ kind: 'heading1', text: `${chineseNumeral(r.note ? 5 : 4)}、各单位整改事项` });
  groups.forEach((g, i) => {
    body.push({ kind: 'heading2', text: `（${chineseNumeral(i + 1)}）${g.name}（${g.items.length}个账号）` });
    body.push({
      kind: 'table',
      headers: ['序号', '账号名称', '平台', '存在问题', '状态'],
      rows: g.items.map((item, n) => [
        String(n + 1),
        item.account.name,
        PLATFORM_NAMES_ZH[item.account.platform],
        problemsInWords(item.problems, input.grades?.get(item.accountId)).join('\n'),
        STAGE_NAMES_ZH[item.status ?? item.stage],
      ]),
      widths: [7, 18, 12, 51, 12],
    });
    const dues = [...new Set(g.items.map((item) => item.dueDate))].sort();
    body.push({ kind: 'paragraph', text: `整改期限：${dues.map(dateZh).join('、')}前。` });
  });

  return {
    issuer,
    ...(input.options?.number ? { number: input.options.number } : {}),
    title: RECTIFICATION_NOTICE_TITLE,
    addressee: groups.map((g) => g.name).join('、'),
    body,
    annexNote: [],
    signature: { issuer, date: issued },
    annexes: [],
    colophon: { issuer, date: issued },
    fileName: `${RECTIFICATION_NOTICE_TITLE}（${issued}）`,
  };
}
