/**
 * Messages that come from the shared domain rather than from our dictionaries: the valibot
 * schemas' field messages (Chinese), and the API's `error.message` (Chinese, then an English
 * gloss in parentheses: "记录已被他人修改，请刷新后重试 (stale version)").
 *
 * `translateDomainMessage(msg, locale)`:
 *   - zh-CN: the Chinese part (the gloss is dropped); other text as is;
 *   - en: the known message in English (domain-en.ts, loaded lazily), else the API's gloss
 *     capitalised, else — an unknown message — the original text unchanged.
 * Reading it in a template is reactive to the locale and to the English chunk arriving.
 */
import { domainMessages, i18n, loadDomainMessages, type Locale } from './i18n.svelte';
import en from './en';
import zh from './zh-CN';
import { fieldOf } from '../../../shared/validation-issues';

const HAN = /\p{Script=Han}/u;
/** "中文…(english gloss)" at the very end; the gloss has no Chinese and no parentheses of its own. */
const GLOSS = /^([\s\S]*?\p{Script=Han}[\s\S]*?)\s*\(([^()\p{Script=Han}]*[A-Za-z][^()\p{Script=Han}]*)\)\s*$/u;
/** How a list of issues is joined (`writeError`, the closure form): each part is translated on its own. */
const JOIN_ZH = '；';

export function splitGloss(message: string): { zh: string; en: string } | null {
  const m = GLOSS.exec(message);
  return m ? { zh: m[1]!.trim(), en: m[2]!.trim() } : null;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function toEnglish(message: string): string | undefined {
  const known = domainMessages.translate?.(message);
  if (known !== undefined) return known;
  const gloss = splitGloss(message);
  if (gloss) return capitalise(gloss.en);
  return undefined;
}

export function translateDomainMessage(message: string, locale: Locale = i18n.locale): string {
  if (!message) return message;
  if (locale !== 'en') return splitGloss(message)?.zh ?? message;
  if (!HAN.test(message)) return message;
  if (!domainMessages.translate) void loadDomainMessages();
  const whole = toEnglish(message);
  if (whole !== undefined) return whole;
  if (message.includes(JOIN_ZH)) {
    const parts = message.split(JOIN_ZH).map((p) => p.trim());
    const english = parts.map(toEnglish);
    if (english.every((e) => e !== undefined)) return english.join('; ');
  }
  return message;
}

/**
 * An error or an issue kept with its code until a template says it: a string (its text is the
 * server's or the schema's message, for code that only passes strings on) that `dm` says by code,
 * in the locale of the moment (so a shown error follows a language switch).
 */
class CodedText extends String {
  constructor(readonly coded: Coded) {
    super(coded.message ?? '');
  }
}

/** `e` as a string `dm` says by its code (translateCoded) when a template shows it. */
export function codedText(e: Coded): string {
  return new CodedText(e) as unknown as string;
}

/** For templates: `{dm(errors.name)}`: a codedText by its code, a message by translateDomainMessage; null and undefined pass through. */
export function dm<T extends string | null | undefined>(message: T): T {
  if ((message as unknown) instanceof CodedText) return translateCoded((message as unknown as CodedText).coded) as T;
  return (typeof message === 'string' ? translateDomainMessage(message) : message) as T;
}

/** A list of issues as one message, each translated (by its code when the API gave one, see translateCoded). */
export function joinIssues(issues: readonly Coded[]): string {
  const msgs = issues.map((i) => (i.code ? translateCoded(i) : translateDomainMessage(i.message ?? '')));
  return msgs.join(i18n.locale === 'en' ? '; ' : JOIN_ZH);
}

/* ------------------------------------------------------------------------------------------ *
 * Errors and issues by code (issue 11). The API answers `{ code, params, message, issues }`;
 * every code is registered in shared/errors-codes.ts with its params. A code's template is
 * filled from its params (`{entity}`, `{platform}` and `{role}` said in the locale); the English
 * templates (domain-en.ts `CODES_EN`) come with the lazy English chunk. The server's message is
 * the fallback: for a code not in the table, a template whose params did not come, and for the
 * codes whose message says more than any template could (MESSAGE_FIRST).
 * ------------------------------------------------------------------------------------------ */

export type CodeParams = Readonly<Record<string, string | number>>;

/** zh-CN templates of the error codes and of the validation issue codes. */
export const CODES_ZH: Readonly<Record<string, string>> = {
  invalid_input: '输入不合法',
  unauthorized: '未登录或登录已过期，请重新登录',
  forbidden: '无权执行此操作',
  not_found: '未找到{entity}（不存在或无权查看）',
  stale_version: '记录已被他人修改，请刷新后重试',
  payload_too_large: '文件不能超过 {maxMb} MB，请压缩或拆分后上传',
  rate_limited: '请求过于频繁，请 {retryAfterSeconds} 秒后再试',
  bad_request: '请求无效',
  unavailable: '数据存储暂时不可用，请稍后重试',
  internal: '服务器内部错误，请稍后重试并联系管理员',
  already_decided: '同一人不能审批同一申请的两个层级',
  archived: '账号已注销归档，不能修改',
  calendar_national_only: '节假日安排全国统一，只能由国家级平台管理员（{region}）录入',
  department_claim_invalid: '登录信息中的主办单位缺失、不存在或不属于所在地区，请联系管理员',
  not_your_tier: '当前为第 {tier} 级审批（{role}），您在该级没有审批权限',
  oauth_state_invalid: '授权请求无效或已过期，请回到账号页重新发起授权',
  profile_owner_only: '无权发布规则配置 {name}',
  repeat_reviewer: '同一人不能审核两个环节',
  self_approval: '不能审批或审核本人提交的内容',
  self_review: '不能复查自己反馈的整改事项',
  account_status_changed: '账号状态已被他人修改，请刷新后重试',
  closure_already_requested: '该整改事项已申请关停',
  closure_exists: '该账号已有进行中的关停申请或不处于正常运行状态',
  department_exists: '本地区已有同名主办单位“{name}”',
  handle_taken: '该平台账号已登记：{platform}上已有与“{handle}”相同或形近易混淆的账号',
  holiday_year_shipped: '{year} 年的节假日安排已随系统提供，不能修改',
  idempotency_in_progress: '相同的请求正在处理中，请稍后重试',
  illegal_transition: '当前状态下不能执行此操作',
  inspection_not_done: '检查尚未完成（已检查 {checked}/{total}），完成后可查看结果',
  not_due: '尚未到发布时间或重试时间',
  not_waiting: '该事项已没有待审批的环节',
  nothing_to_file: '该账号没有待备案的开设或变更',
  profile_version_exists: '规则配置 {name} 的版本 {version} 已存在（已有版本不可修改）',
  rectification_exists: '该次检查已下发整改通知',
  attachment_content: '文件内容不是声明的类型 {declared}',
  attachment_type: '不支持该附件类型',
  account_changed: '账号已注销或平台已变更，授权未保存',
  account_closed: '账号已注销归档，不能办理',
  account_not_active: '账号不在正常运营状态（关停中或已注销），不能排期发布',
  cancellation_date: '平台注销时间晚于当前时间，请在平台确认注销后登记',
  content_blocked: '内容检查发现严重问题，修改后才能提交审核',
  due_date_past: '整改期限须晚于今天',
  expired: '已到发布时间仍未完成审核，草稿已过期',
  filing_before_change: '备案日期不能早于开设或变更日期（{since}）',
  filing_before_closure: '备案日期（{filed}）不能早于平台注销日期（{cancelled}）',
  idempotency_key_reused: '该 Idempotency-Key 已用于另一个请求',
  import_rejected: '{invalid} 行有错误，整批未写入任何账号；请按报告修改后重新导入',
  no_connector: '该平台（{platform}）没有自动发布接口，按人工发布处理，无需配置凭据',
  no_oauth: '该平台（{platform}）不通过运营者授权接入',
  nothing_to_rectify: '本次检查没有不合格账号，无需下发整改通知',
  notice_date: '停更公告发布时间不符合要求',
  notice_period: '公告期未满（{days} 天），最早可于 {earliest} 注销',
  oauth_not_configured: '尚未配置该平台的开放平台应用，暂不能授权',
  oauth_required: '该平台须由账号运营者在账号页发起授权，不能直接填写令牌',
  plan_too_large: '一个整合方案最多关停 {max} 个账号，请分批提交',
  publish_at_past: '发布时间须晚于当前时间',
  spreadsheet_too_complex: '导入文件过于复杂，无法读取',
  still_failing: '复查未通过：该账号重新评分仍不合格',
  successor_unavailable: '接续账号须为正常运行的账号',
  too_many_attachments: '每个关停申请最多 {max} 个附件',
  webhook_host_not_allowed: '该主机不在允许的机器人地址清单中',
  webhook_insecure: '机器人地址须使用 https（主机 {host}）',
  // validation issues
  required: '必填',
  invalid_type: '类型不正确',
  too_long: '不能超过 {max} 个字符',
  too_short: '至少 {min} 个字符',
  out_of_range: '超出允许的范围',
  not_integer: '须为整数',
  not_one_of: '须为以下之一：{options}',
  invalid_format: '格式不正确',
  invalid: '不符合要求',
  too_few: '至少 {min} 项',
  too_many: '最多 {max} 项',
  date_format: '日期格式须为 YYYY-MM-DD',
  no_such_date: '日期不存在',
  instant_format: '时间须为带时区的 ISO 8601 格式，如 2026-11-27T08:00:00+08:00',
  no_such_time: '时间不存在',
  date_or_instant: '须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00',
  not_between: '须在 {min} 至 {max} 之间',
  url_scheme: '链接须以 http:// 或 https:// 开头',
  phone_format: '电话格式不正确（手机号或带区号的座机）',
  filing_number_format: '备案编号须为 6–40 位汉字、字母、数字或连字符',
  handle_whitespace: '账号不能包含空白字符',
  region_code: '行政区划代码须为 6 位数字（GB/T 2260）',
  positive_integer: '须为正整数',
  note_required_on_reject: '退回时须填写意见',
  nothing_changed: '至少修改一项内容',
  end_before_start: '结束日期不能早于开始日期',
  range_too_long: '日期范围不能超过 {days} 天',
  answered_over_received: '已回复留言数不能大于收到留言数',
  // the registry import (row errors and the file's issues)
  unknown_platform: '未知平台“{value}”，须为平台名称或平台代码 {options}',
  not_yes_no: '须为 是 或 否（也可填 true/false、1/0），不能是“{value}”',
  unknown_operator: '须为 自运维 或 外包（也可填 in_house/outsourced），不能是“{value}”',
  service_link_format: '第 {index} 个服务链接须写成“名称|链接”，多个用分号分隔，不能是“{value}”',
  apps_only: '备案编号只适用于移动应用和小程序',
  more_than_contacts: '有 {count} 个，联系人只有 {contacts} 位：请用分号按联系人顺序对应填写',
  unknown_department: '主办单位“{value}”不存在（请先登记主办单位，或填写其编号）',
  ambiguous_department: '主办单位“{value}”在多个地区都有（{ids}），请改填主办单位编号',
  not_your_department: '无权为主办单位“{value}”导入账号',
  not_own_department: '只能导入本单位（{department}）的账号，“{value}”不是本单位',
  duplicate_in_file: '文件内重复：该平台账号在第 {rows} 行也出现',
  handle_registered: '该平台账号已登记：{platform}上已有相同或形近易混淆的账号',
  handle_taken_meanwhile: '该平台账号刚被其他请求登记，整批未写入，请重试',
  no_header: '未找到表头行：前 {rows} 行中须有包含“平台”和“账号”列的表头',
  unknown_column: '第 {letter} 列“{value}”不是台账模板中的列',
  duplicate_column: '列“{heading}”重复出现（第 {first} 列和第 {second} 列）',
  missing_column: '缺少必填列“{column}”',
  no_rows: '文件中没有数据行（表头下方为空）',
  too_many_rows: '一次最多导入 {max} 行，请拆分后分批导入',
  unterminated_quote: 'CSV 第 {row} 行的引号没有闭合',
  // the rule profiles' cross-field rules
  caps_sum_over: '各指标扣分上限之和为 {sum}，不能超过 {max}',
  must_exceed: '须大于 {otherValue}（当前为 {value}）',
  must_not_be_below: '不能小于 {otherValue}（当前为 {value}）',
  must_not_exceed: '不能大于 {otherValue}（当前为 {value}）',
  over_indicator_cap: '扣分（{value}）不能超过该指标上限（{cap}）',
  tiers_descending: '档位须按阈值从高到低排列，且阈值越低扣分越多',
  tiers_ascending: '档位须按阈值从低到高排列，且阈值越高扣分越多',
};

/**
 * zh-CN templates of the issue codes for an issue whose field is known (its `path`, named by the
 * web i18n `field.<path>`): the field is `{field}`. English: domain-en.ts `FIELD_CODES_EN`.
 */
export const FIELD_CODES_ZH: Readonly<Record<string, string>> = {
  required: '「{field}」不能为空',
  invalid_type: '「{field}」类型不正确',
  too_long: '「{field}」不能超过 {max} 个字',
  too_short: '「{field}」至少 {min} 个字',
  too_few: '「{field}」至少 {min} 项',
  too_many: '「{field}」最多 {max} 项',
  out_of_range: '「{field}」超出允许的范围',
  not_integer: '「{field}」须为整数',
  not_one_of: '「{field}」须为以下之一：{options}',
  invalid_format: '「{field}」格式不正确',
  date_format: '「{field}」须为日期，格式 YYYY-MM-DD',
  no_such_date: '「{field}」不是存在的日期',
  instant_format: '「{field}」须为带时区的 ISO 8601 时间，如 2026-11-27T08:00:00+08:00',
  no_such_time: '「{field}」不是存在的时间',
  date_or_instant: '「{field}」须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00',
  not_between: '「{field}」须在 {min} 至 {max} 之间',
  url_scheme: '「{field}」须以 http:// 或 https:// 开头',
  phone_format: '「{field}」格式不正确（手机号或带区号的座机）',
  filing_number_format: '「{field}」须为 6–40 位汉字、字母、数字或连字符',
  handle_whitespace: '「{field}」不能包含空白字符',
  region_code: '「{field}」须为 6 位行政区划代码（GB/T 2260）',
  positive_integer: '「{field}」须为正整数',
  note_required_on_reject: '退回时须填写「{field}」',
  invalid: '「{field}」不符合要求',
};

/** Codes whose message says more than their template (which rule, which state): the message comes first. */
export const MESSAGE_FIRST: ReadonlySet<string> = new Set([
  'invalid_input',
  'forbidden',
  'illegal_transition',
  'notice_date',
  'cancellation_date',
  'expired',
  'account_closed',
  'attachment_type',
  'spreadsheet_too_complex',
  'inspection_not_done',
  'profile_version_exists',
  'webhook_host_not_allowed',
  // validation issues: the schema's message names the field
  'required',
  'invalid_type',
  'too_long',
  'too_short',
  'out_of_range',
  'not_integer',
  'not_one_of',
  'invalid_format',
  'invalid',
]);

/** Entities of `not_found` (shared/errors-codes.ts ENTITIES) in Chinese. */
export const ENTITIES_ZH: Readonly<Record<string, string>> = {
  resource: '记录',
  route: '接口',
  account: '账号',
  department: '主办单位',
  region: '地区',
  closure: '关停申请',
  attachment: '附件',
  approval_request: '审批申请',
  scheduled_post: '排期稿件',
  credentials: '平台凭据',
  inspection: '检查',
  what_if: '模拟比较',
  rectification: '整改通知',
  rectification_item: '整改事项',
  notification: '通知',
  profile: '规则配置',
  job: '任务',
};

const DICTIONARIES: Record<Locale, Readonly<Record<string, string>>> = { 'zh-CN': zh, en };

/**
 * The label of a field (`contacts.phone`) in the locale: `field.contacts.phone`, else the label of
 * its last segments (`posts.title` → `field.title`); undefined when the dictionary has none. A
 * form's `scope` (`account`) names a field its own way first (`field.account.name`: 账号名称).
 */
export function fieldLabel(field: string, locale: Locale = i18n.locale, scope?: string): string | undefined {
  const dict = DICTIONARIES[locale] as Readonly<Record<string, string>>;
  const parts = field.split('.');
  for (let i = 0; i < parts.length; i++) {
    const suffix = parts.slice(i).join('.');
    const label = (scope ? dict[`field.${scope}.${suffix}`] : undefined) ?? dict[`field.${suffix}`];
    if (label !== undefined) return label;
  }
  return undefined;
}

/** A param as the locale says it: entities, platforms, roles and fields by name, everything else as is; undefined when unknown. */
function paramText(name: string, value: string | number, locale: Locale): string | undefined {
  const v = String(value);
  if (name === 'entity') return locale === 'en' ? domainMessages.entities?.[v] : ENTITIES_ZH[v];
  if (name === 'platform' || name === 'role') return DICTIONARIES[locale][`${name}.${v}`] ?? v;
  // An import column by its field (`missing_column`): the template's heading in the locale.
  if (name === 'column') return DICTIONARIES[locale][`import.column.${v}`] ?? v;
  return v;
}

/** The template of `code` filled from `params`, or undefined (no template, or a param it names did not come). */
export function fillCode(code: string, params: CodeParams = {}, locale: Locale = i18n.locale): string | undefined {
  return fill(locale === 'en' ? domainMessages.codes?.[code] : CODES_ZH[code], params, locale);
}

/** The field template of an issue code filled with the field (`fieldOf(path)`) and the params, or undefined. */
export function fillFieldCode(code: string, field: string, params: CodeParams = {}, locale: Locale = i18n.locale, scope?: string): string | undefined {
  const label = field ? fieldLabel(field, locale, scope) : undefined;
  if (label === undefined) return undefined;
  return fill(locale === 'en' ? domainMessages.fieldCodes?.[code] : FIELD_CODES_ZH[code], params, locale, label);
}

function fill(template: string | undefined, params: CodeParams, locale: Locale, fieldText?: string): string | undefined {
  if (template === undefined) return undefined;
  let complete = true;
  const out = template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = params[name];
    const text = name === 'field' ? fieldText : value === undefined ? undefined : paramText(name, value, locale);
    if (text === undefined) complete = false;
    return text ?? m;
  });
  return complete ? out : undefined;
}

/** An error or an issue as the API gives it (an issue with its `path`). */
export interface Coded {
  code?: string;
  params?: CodeParams;
  message?: string;
  path?: string;
  /** The form the issue is shown in, when it names its fields its own way (fieldLabel). */
  scope?: string;
}

/**
 * An API error or issue in the locale: an issue whose field is named (its path has a label) by
 * its code's field template (in Chinese, its own Chinese message first); otherwise by its code and params, else its message
 * (translateDomainMessage); MESSAGE_FIRST codes the other way round.
 */
export function translateCoded(e: Coded, locale: Locale = i18n.locale): string {
  if (locale === 'en' && !domainMessages.codes) void loadDomainMessages();
  // An issue whose field has a label: in Chinese the schema's own message when it is Chinese (it
  // names the field as the schema does: 账号名称, 至少填写一名联系人), else the field template.
  // `invalid` is any other rule: its message says which, so its English gloss comes before the template.
  const byField = e.code && e.path ? fillFieldCode(e.code, fieldOf(e.path), e.params, locale, e.scope) : undefined;
  if (byField !== undefined) {
    if (locale !== 'en') return e.message && HAN.test(e.message) ? translateDomainMessage(e.message, locale) : byField;
    if (e.code !== 'invalid' || !e.message) return byField;
    const gloss = splitGloss(e.message);
    return gloss ? capitalise(gloss.en) : byField;
  }
  const message = e.message ?? '';
  const byCode = e.code ? fillCode(e.code, e.params, locale) : undefined;
  if (byCode !== undefined && !(e.code && MESSAGE_FIRST.has(e.code) && message)) return byCode;
  const translated = translateDomainMessage(message, locale);
  // In English, a message still in Chinese is worse than the code's template.
  if (locale === 'en' && HAN.test(translated) && byCode !== undefined) return byCode;
  return translated || byCode || message;
}

/** `params` of an API error: the parsed body's `error.params` (ApiError keeps the body). */
export function paramsOf(body: unknown): CodeParams | undefined {
  const params = (body as { error?: { params?: unknown } } | undefined)?.error?.params;
  return params && typeof params === 'object' ? (params as CodeParams) : undefined;
}

/** An ApiError (code, message, body) in the locale. */
export function translateApiError(e: { code: string; message: string; body?: unknown }, locale: Locale = i18n.locale): string {
  return translateCoded({ code: e.code, message: e.message, params: paramsOf(e.body) }, locale);
}

/** An ApiError as a codedText: said by its code and params whenever a template shows it with `dm`. */
export function apiErrorText(e: { code: string; message: string; body?: unknown }): string {
  return codedText({ code: e.code, message: e.message, params: paramsOf(e.body) });
}
