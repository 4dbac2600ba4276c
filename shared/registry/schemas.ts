import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { coded } from '../validation-issues';
import { handleIssue } from './handle';
import { AppFeaturesInput, DEPARTMENT_LEVELS, FilingNumber } from './apps';

/** Shared by the API and the web forms: one set of rules, one set of messages. */
export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'miniprogram', 'app', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How an office names each platform (reports, notices, the UI). */
export const PLATFORM_NAMES_ZH: Record<Platform, string> = {
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  kuaishou: '快手',
  bilibili: '哔哩哔哩',
  miniprogram: '小程序',
  app: '移动应用',
  other: '其他',
};

export const ACCOUNT_STATUSES = ['opening_pending', 'active', 'closure_pending', 'announcing', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const FLAG_TYPES = [
  'stale',
  'dormant',
  'zombie',
  'off_mission',
  'suspected_fake_engagement',
  'duplicate',
  'internal_division',
  'naming_mismatch',
  'unfiled_change',
  'needs_review',
  'rectification_overdue',
  'unfiled_app',
  'banned_app_feature',
] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

export const OPERATORS = ['in_house', 'outsourced'] as const;

const text = (max: number, label: string) =>
  v.pipe(v.string(`${label}须为字符串`), v.trim(), v.minLength(1, `${label}不能为空`), v.maxLength(max, `${label}不能超过 ${max} 个字符`));
const optionalText = (max: number, label: string) =>
  v.optional(v.pipe(v.string(`${label}须为字符串`), v.trim(), v.maxLength(max, `${label}不能超过 ${max} 个字符`)));

/**
 * Dates and instants the product accepts lie in 1970–2199: wide enough for any account,
 * post or deadline, narrow enough that date arithmetic (a notice period, a filing
 * deadline) never leaves what an ISO string can express.
 */
const EARLIEST = '1970-01-01';
const LATEST = '2199-12-31';
const RANGE_MESSAGE = `须在 ${EARLIEST} 至 ${LATEST} 之间`;

export const IsoDate = v.pipe(
  v.string('日期须为字符串'),
  v.isoDate(coded('date_format', '日期格式须为 YYYY-MM-DD')),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), coded('no_such_date', '日期不存在')),
  v.check((s) => s >= EARLIEST && s <= LATEST, coded('not_between', `日期${RANGE_MESSAGE}`, { min: EARLIEST, max: LATEST })),
);

/** An instant with an explicit offset: 2026-11-27T08:00:00+08:00 or ...Z. */
export const IsoInstant = v.pipe(
  v.string('时间须为字符串'),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, coded('instant_format', '时间须为带时区的 ISO 8601 格式，如 2026-11-27T08:00:00+08:00')),
  v.check((s) => !Number.isNaN(Date.parse(s)), coded('no_such_time', '时间不存在')),
  v.check((s) => {
    // valibot runs every check of a pipe even after one failed: never assume the earlier ones held.
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return false;
    const utc = new Date(ms).toISOString();
    return utc >= `${EARLIEST}T00:00:00` && utc <= `${LATEST}T23:59:59.999Z`;
  }, coded('not_between', `时间${RANGE_MESSAGE}`, { min: EARLIEST, max: LATEST })),
);

export const HttpUrl = v.pipe(
  v.string('链接须为字符串'),
  v.trim(),
  v.maxLength(500, '链接不能超过 500 个字符'),
  v.url('链接格式不正确'),
  v.regex(/^https?:\/\//i, coded('url_scheme', '链接须以 http:// 或 https:// 开头')),
);

export const Phone = v.pipe(
  v.string('电话须为字符串'),
  v.trim(),
  v.regex(/^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, coded('phone_format', '电话格式不正确（手机号或带区号的座机）')),
);

export const Contact = v.strictObject({
  name: text(50, '联系人姓名'),
  phone: v.optional(Phone),
  email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, '邮箱不能超过 100 个字符'), v.email('邮箱格式不正确'))),
});

export const ServiceLink = v.strictObject({
  label: text(50, '服务名称'),
  url: HttpUrl,
});

export const Id = v.pipe(v.string('标识须为字符串'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '标识格式不正确'));

export const DepartmentInput = v.strictObject({
  name: text(100, '单位名称'),
  regionCode: RegionCode,
  /** Below county level (乡镇、街道) or not; absent means county (国办函〔2026〕12号, shared/registry/apps.ts). */
  level: v.optional(v.picklist(DEPARTMENT_LEVELS, '单位层级须为 county 或 township')),
});
export type DepartmentInput = v.InferOutput<typeof DepartmentInput>;

const accountFields = {
  platform: v.picklist(PLATFORMS, `平台须为以下之一：${PLATFORMS.join(', ')}`),
  handle: v.pipe(
    text(100, '账号'),
    v.regex(/^[^\s]+$/, coded('handle_whitespace', '账号不能包含空白字符')),
    // Invisible, control and mixed-script handles are refused (shared/registry/handle.ts).
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.issues) return; // one message per field: the earlier rule's
      const issue = handleIssue(dataset.value);
      if (issue) addIssue({ message: issue });
    }),
  ),
  name: text(100, '账号名称'),
  departmentId: Id,
  url: v.optional(HttpUrl),
  verifiedSubject: optionalText(100, '认证主体'),
  purpose: optionalText(500, '开设用途'),
  interactionEnabled: v.boolean('互动功能须为是或否'),
  contacts: v.pipe(
    v.array(Contact, '联系人须为列表'),
    v.minLength(1, '至少填写一名联系人'),
    v.maxLength(10, '联系人不能超过 10 名'),
  ),
  serviceLinks: v.optional(v.pipe(v.array(ServiceLink), v.maxLength(30, '服务链接不能超过 30 个'))),
  openedAt: v.optional(IsoDate),
  operator: v.optional(v.picklist(OPERATORS, '运维方式须为 in_house 或 outsourced')),
  /** Apps and mini-programs only: the 备案编号 (shared/registry/apps.ts). */
  filingNumber: v.optional(FilingNumber),
  /** Apps and mini-programs only: the banned-feature checklist of registration or review. */
  appFeatures: v.optional(AppFeaturesInput),
};

export const AccountInput = v.strictObject(accountFields);
export type AccountInput = v.InferOutput<typeof AccountInput>;

export const VersionField = v.pipe(v.number('版本号须为数字'), v.integer('版本号须为整数'), v.minValue(1, coded('positive_integer', '版本号须为正整数')));

/** PATCH body: any subset of the account fields, plus the version being edited. `url: null` clears the link. */
export const AccountPatch = v.strictObject({
  ...v.partial(AccountInput).entries,
  url: v.optional(v.nullable(HttpUrl)),
  filingNumber: v.optional(v.nullable(FilingNumber)),
  version: v.optional(VersionField),
});
export type AccountPatch = v.InferOutput<typeof AccountPatch>;

export const AccountQuery = v.strictObject({
  region: v.optional(RegionCode),
  department: v.optional(Id),
  platform: v.optional(v.picklist(PLATFORMS, '未知平台')),
  status: v.optional(v.picklist(ACCOUNT_STATUSES, '未知状态')),
  flag: v.optional(v.picklist(FLAG_TYPES, '未知标记')),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 须为 1–500 的整数'), v.transform(Number), v.minValue(1), v.maxValue(500, 'limit 最大 500'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});
export type AccountQuery = v.InferOutput<typeof AccountQuery>;

export interface Flag {
  type: FlagType;
  since: string;
  evidence: Record<string, unknown>;
}

/** The newest stored grade, kept on the account for lists and the dashboard. */
export interface GradeSummary {
  checkDate: string;
  profile: string;
  profileVersion: number;
  verdict: 'pass' | 'fail';
  score: number | null;
  band: 'excellent' | 'good' | 'pass' | 'fail';
}

export interface Account extends AccountInput {
  id: string;
  regionCode: string;
  status: AccountStatus;
  flags: Flag[];
  lastPostAt?: string;
  postCount: number;
  latestGrade?: GradeSummary;
  /** Followers in the newest metric snapshot (kept for keeper choice and the dashboard). */
  followers?: number;
  closedAt?: string;
  /** The Beijing date since which an opening or a change awaits its national filing (备案); absent when filed. */
  filingPendingSince?: string;
  /** When the last national filing was recorded. */
  filedAt?: string;
  /** An approved exception to one-account-per-unit-per-platform (no `duplicate` flag). */
  duplicateException?: boolean;
  /** A reviewer's confirmation of bought followers or forced likes (the only way to the fake_engagement veto). */
  fakeEngagementConfirmed?: { confirmedAt: string; confirmedBy: string; note?: string };
  lastValidatedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Department extends DepartmentInput {
  id: string;
  createdAt: string;
  version: number;
}
