import * as v from 'valibot';
import { coded } from '../validation-issues';
import type { Role } from '../auth/principal';
import { InvalidInput } from '../errors';
import type { Account, Department, Flag, Platform } from './schemas';

/**
 * Government apps and mini-programs under 国办函〔2026〕12号《政务移动互联网应用程序规范化管理办法》
 * (docs/decisions.md, "Apps and mini-programs"): the 备案编号, the checklist of banned features and
 * the rule that units below county level in principle build no apps.
 */
export const APP_RULE = '国办函〔2026〕12号';

/** The platforms the rules are about (apps and mini-programs; quick apps are registered as `app`). */
export const APP_PLATFORMS: readonly Platform[] = ['app', 'miniprogram'];
export const isAppPlatform = (p: Platform | undefined): boolean => p !== undefined && APP_PLATFORMS.includes(p);

/** Statuses of an account in service: flagged when an app among them has no 备案编号. */
export const OPERATING_STATUSES = ['active', 'closure_pending', 'announcing'] as const;
export const isOperating = (status: Account['status']): boolean => (OPERATING_STATUSES as readonly string[]).includes(status);

/**
 * The 备案编号's format is not published with the measures (the 备案工作指南 names the procedure, not
 * the number). Accepted: 6–40 characters of Chinese characters, ASCII letters, digits and hyphens,
 * with at least one digit — which covers ICP-style numbers (`浙ICP备12345678号-3A`) and plain codes
 * (`ZWAPP-2026-000123`). Full-width letters and digits are folded to ASCII first.
 */
export const FILING_NUMBER_PATTERN = /^[\p{Script=Han}A-Za-z0-9-]{6,40}$/u;
export const FilingNumber = v.pipe(
  v.string('备案编号须为字符串'),
  v.transform((s) => s.normalize('NFKC').trim()),
  v.regex(FILING_NUMBER_PATTERN, coded('filing_number_format', '备案编号须为 6–40 位汉字、字母、数字或连字符 (filing number: 6–40 Chinese characters, letters, digits or hyphens)')),
  v.regex(/\d/, '备案编号须含数字 (filing number must contain a digit)'),
);

/** The banned features of art. 12–13 (except for security and emergencies), in checklist order. */
export const APP_FEATURES = ['checkIn', 'pointsRanking', 'onlineDuration', 'forcedDownloadOrLogin', 'likesOrVotesInEvaluation', 'commercial'] as const;
export type AppFeature = (typeof APP_FEATURES)[number];

export const APP_FEATURE_NAMES_ZH: Record<AppFeature, string> = {
  checkIn: '打卡签到',
  pointsRanking: '积分排名',
  onlineDuration: '在线时长统计',
  forcedDownloadOrLogin: '强制下载或登录',
  likesOrVotesInEvaluation: '以点赞、投票、转发或学习时长作为考核评价依据',
  commercial: '商业营销活动',
};

const yesNo = (label: string) => v.boolean(`${label}须为是或否`);
export const AppFeaturesInput = v.strictObject({
  checkIn: yesNo('打卡签到'),
  pointsRanking: yesNo('积分排名'),
  onlineDuration: yesNo('在线时长'),
  forcedDownloadOrLogin: yesNo('强制下载或登录'),
  likesOrVotesInEvaluation: yesNo('点赞投票用于考核'),
  commercial: yesNo('商业活动'),
  /** When the checklist was filled in; the server's now when omitted. */
  checkedAt: v.optional(
    v.pipe(
      v.string('检查时间须为字符串'),
      v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, '检查时间须为 YYYY-MM-DD 或带时区的时间'),
      v.check((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)), '检查时间不存在'),
    ),
  ),
});
export type AppFeaturesInput = v.InferOutput<typeof AppFeaturesInput>;
/** As stored: `checkedAt` is always filled in (recordedFeatures); imports and old data may lack it. */
export type AppFeatures = AppFeaturesInput;

/** The stored checklist: `checkedAt` filled in from the clock when the input has none. */
export function recordedFeatures(input: AppFeaturesInput, now: string): AppFeatures {
  return { ...input, checkedAt: input.checkedAt ?? now };
}

/** The features an app's checklist answered "yes" to. */
export const bannedFeatures = (f: AppFeatures | undefined): AppFeature[] => (f ? APP_FEATURES.filter((k) => f[k]) : []);

/** `filingNumber` and `appFeatures` belong to apps and mini-programs only (400 at the field otherwise). */
export function assertAppFields(a: { platform: Platform; filingNumber?: string; appFeatures?: unknown }): void {
  if (isAppPlatform(a.platform)) return;
  const issues = (['filingNumber', 'appFeatures'] as const)
    .filter((k) => a[k] !== undefined)
    .map((path) => ({ path, message: `${path === 'filingNumber' ? '备案编号' : '功能检查清单'}只适用于移动应用（app）和小程序（miniprogram） (apps and mini-programs only)` }));
  if (issues.length) throw new InvalidInput(issues);
}

const beijingDay = (instant: string) => (instant.length === 10 ? instant : new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10));

/**
 * unfiled_app: an operating app or mini-program without its 备案编号 (filing comes before launch).
 * banned_app_feature: the checklist answered "yes" to a banned feature; one flag (flags are one per
 * type) whose evidence lists every such feature with the rule.
 */
export function appFlags(account: Account, today: string): Flag[] {
  if (!isAppPlatform(account.platform) || account.status === 'closed') return [];
  const flags: Flag[] = [];
  if (isOperating(account.status) && !account.filingNumber) {
    flags.push({
      type: 'unfiled_app',
      since: today,
      evidence: { rule: APP_RULE, requirement: '政务应用程序上线前须备案并取得备案编号 (filed before launch, with a filing number)', platform: account.platform },
    });
  }
  const yes = bannedFeatures(account.appFeatures);
  if (yes.length) {
    const checkedAt = account.appFeatures!.checkedAt ?? account.updatedAt;
    flags.push({
      type: 'banned_app_feature',
      since: beijingDay(checkedAt),
      evidence: {
        rule: APP_RULE,
        checkedAt,
        features: yes.map((feature) => ({ feature, name: APP_FEATURE_NAMES_ZH[feature], rule: `${APP_RULE}：不得设置${APP_FEATURE_NAMES_ZH[feature]}功能（安保、应急等特殊场景除外）` })),
      },
    });
  }
  return flags;
}

/** A department's administrative level; absent means county (or above). */
export const DEPARTMENT_LEVELS = ['county', 'township'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];
export const departmentLevel = (d: Pick<Department, 'level'>): DepartmentLevel => d.level ?? 'county';

/**
 * The opening approval an account needs: the region profile's policy, and for an app or mini-program
 * of a unit below county level (乡镇、街道) the office's approval in any case, after the profile's tiers.
 */
export function openingApprovalFor(
  policy: { required: boolean; tiers: Role[] },
  dept: Pick<Department, 'level'>,
  platform: Platform,
): { required: boolean; tiers: Role[]; reason?: 'below_county_app' } {
  if (!isAppPlatform(platform) || departmentLevel(dept) !== 'township') return policy;
  const tiers: Role[] = policy.required ? [...policy.tiers] : [];
  if (!tiers.includes('office')) tiers.push('office');
  return { required: true, tiers, reason: 'below_county_app' };
}
