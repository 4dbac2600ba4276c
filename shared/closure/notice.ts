/**
 * The stop-update notice (停更公告) the system drafts once a closure is approved.
 * Pure text generation: dates are Asia/Shanghai calendar days passed in.
 */
import { PLATFORM_NAMES_ZH, type Platform } from '../registry/schemas';
import { addDays } from '../time';

export interface AccountSnapshot {
  name: string;
  platform: Platform;
  handle: string;
}

export interface StopNoticeInput {
  /** The account that stops updating. */
  account: AccountSnapshot;
  /** Where the public should go instead, when there is one. */
  successor?: AccountSnapshot;
  /** The signing unit (主办单位); the account name is used when absent. */
  departmentName?: string;
  /** Day the notice is published (YYYY-MM-DD, Asia/Shanghai). */
  noticeDate: string;
  /** Notice period in calendar days (profile `noticePeriodDays`, national 30). */
  noticePeriodDays: number;
}

/** The first day the platform cancellation may happen: notice date + notice period. */
export function plannedClosingDate(noticeDate: string, noticePeriodDays: number): string {
  return addDays(noticeDate, noticePeriodDays);
}

/** 2026-11-27 → 2026年11月27日 */
export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 微信公众号“临安人社”, or “名称”账号 on an unnamed platform. */
export function describeAccount(a: AccountSnapshot): string {
  return a.platform === 'other' ? `“${a.name}”账号` : `${PLATFORM_NAMES_ZH[a.platform]}“${a.name}”`;
}

export function draftStopUpdateNotice(input: StopNoticeInput): string {
  const { account, successor } = input;
  const closing = plannedClosingDate(input.noticeDate, input.noticePeriodDays);
  const lines = [
    `关于${describeAccount(account)}停止更新的公告`,
    '',
    '广大用户：',
    `根据政务新媒体规范管理和清理整合工作要求，${describeAccount(account)}（账号：${account.handle}）` +
      `自${formatDateZh(input.noticeDate)}起停止更新，公告期 ${input.noticePeriodDays} 天，` +
      `拟于${formatDateZh(closing)}起办理注销。`,
    successor
      ? `今后，相关信息发布、政策解读和政务服务将统一通过${describeAccount(successor)}（账号：${successor.handle}）提供，欢迎关注。`
      : '今后，请通过本单位其他官方渠道获取相关信息和服务。',
    '本账号历史内容将依规归档保存。感谢您一直以来的关注和支持！',
    '',
    input.departmentName ?? account.name,
    formatDateZh(input.noticeDate),
  ];
  return lines.join('\n');
}
