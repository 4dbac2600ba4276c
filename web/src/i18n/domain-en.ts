/**
 * English for the Chinese messages of the shared domain that still come as sentences without a
 * code: issues without a path or whose field has no label (the credentials' shape messages),
 * and an older server's import report without codes (the schema's messages, the contact prefix).
 * The import's own row errors and file issues and the rule-profile issues carry codes (issue 11;
 * the web app shows no profile issues: profiles are published through the API).
 * Validation issues with a code and a path are said by code (domain.ts translateCoded, the
 * `FIELD_CODES_EN` below and the web i18n `field.*` labels), never by these patterns.
 *
 * Loaded lazily (only in English mode) by `loadDomainMessages()` in i18n.svelte.ts, so the entry
 * chunk does not carry it. Parametrised messages are matched by patterns built from the schemas'
 * templates (`${label}不能超过 ${max} 个字符`) plus a label dictionary; a message whose label is
 * unknown is left to the caller's fallback (the original text), never half translated.
 */

/** Field labels the schemas put in front of their messages (`${label}须为字符串`). */
export const LABELS: Record<string, string> = {
  // registry
  联系人姓名: 'Contact name',
  服务名称: 'Service name',
  账号: 'Handle',
  账号名称: 'Account name',
  认证主体: 'Verified subject',
  开设用途: 'Purpose',
  日期: 'Date',
  链接: 'Link',
  电话: 'Phone',
  邮箱: 'Email',
  标识: 'ID',
  平台: 'Platform',
  互动功能: 'Interaction',
  联系人: 'Contacts',
  服务链接: 'Service links',
  运维方式: 'Operator',
  // versions, notes, roles (schemas whose issues reach a form without a path)
  版本号: 'Version',
  说明: 'Description',
  角色: 'Role',
};

/** Messages without parameters. */
const EXACT: Record<string, string> = {
  '日期格式须为 YYYY-MM-DD': 'Date must be in the format YYYY-MM-DD',
  日期不存在: 'No such date',
  '链接须以 http:// 或 https:// 开头': 'Link must start with http:// or https://',
  '电话格式不正确（手机号或带区号的座机）': 'Phone number is not valid (a mobile number, or a landline with its area code)',
  账号不能包含空白字符: 'Handle must not contain whitespace',
  互动功能须为是或否: 'Interaction must be yes or no',
  至少填写一名联系人: 'Enter at least one contact',
  '运维方式须为 in_house 或 outsourced': 'Operator must be in_house or outsourced',
  '未知角色 (unknown role)': 'Unknown role',
  至少一个角色: 'Choose at least one role',
  '微信公众号凭据须为 {appId, appSecret, thumbMediaId?, author?}': 'WeChat credentials must be {appId, appSecret, thumbMediaId?, author?}',
  '微博凭据须为 {accessToken, uid?, shareUrl?}': 'Weibo credentials must be {accessToken, uid?, shareUrl?}',
};

/** Nouns for "at most N …" (`联系人不能超过 10 名`). */
const COUNTED: Record<string, string> = { 联系人: 'contacts', 服务链接: 'service links' };

type Rule = [RegExp, (m: RegExpExecArray, label: (zh: string) => string | undefined) => string | undefined];

const withLabel = (zh: string | undefined, label: (zh: string) => string | undefined, f: (l: string) => string) => {
  const l = label(zh ?? '');
  return l === undefined ? undefined : f(l);
};

/** Parametrised messages; the first pattern that matches and whose label is known wins. */
const RULES: Rule[] = [
  // ${label}不能超过 ${max} 个字符
  [/^(.*?)不能超过 (\d+) 个字符$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be at most ${m[2]} characters`)],
  // 联系人不能超过 10 名 / 服务链接不能超过 30 个
  [/^(.*?)不能超过 (\d+) (?:名|个)$/, (m) => (m[1]! in COUNTED ? `At most ${m[2]} ${COUNTED[m[1]!]}` : undefined)],
  [/^(.*?)须为字符串$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be a string`)],
  [/^(.*?)不能为空$/, (m, L) => withLabel(m[1], L, (l) => `${l} must not be empty`)],
  // picklists: 平台须为以下之一：wechat, weibo, …
  [/^(.*?)须为以下之一：(.+)$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be one of: ${m[2]}`)],
  // numbers and flags
  [/^(.*?)过长$/, (m, L) => withLabel(m[1], L, (l) => `${l} is too long`)],
  [/^(.*?)须为数字$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be a number`)],
  [/^(.*?)须为整数$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be an integer`)],
  [/^(.*?)须为正整数$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be a positive integer`)],
  [/^(.*?)须为 true 或 false$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be true or false`)],
  [/^(.*?)须大于 (\S+)$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be greater than ${m[2]}`)],
  [/^(.*?)不能(?:大于|超过) (\d+(?:\.\d+)?)$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be at most ${m[2]}`)],
  [/^(.*?)不能为负数$/, (m, L) => withLabel(m[1], L, (l) => `${l} must not be negative`)],
  [/^(.*?)须为列表$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be a list`)],
  [/^(.*?)格式不正确$/, (m, L) => withLabel(m[1], L, (l) => `${l} is not valid`)],
  [/^(.*?)须在 (\S+) 至 (\S+) 之间$/, (m, L) => withLabel(m[1], L, (l) => `${l} must be between ${m[2]} and ${m[3]}`)],
];

/** Prefixes put in front of another message (`第 2 位联系人：联系人姓名不能为空`; coded reports give `params.contact` instead). */
const PREFIXES: [RegExp, (m: RegExpExecArray) => string][] = [[/^第 (\d+) 位联系人：/, (m) => `Contact ${m[1]}: `]];

const label = (zh: string): string | undefined => LABELS[zh.trim()];

/** English for a known Chinese domain message, or undefined. */
export function translateZh(message: string): string | undefined {
  const msg = message.trim();
  for (const [re, f] of PREFIXES) {
    const m = re.exec(msg);
    if (m) {
      const rest = translateZh(msg.slice(m[0].length));
      return rest === undefined ? undefined : `${f(m)}${rest}`;
    }
  }
  const exact = EXACT[msg];
  if (exact !== undefined) return exact;
  for (const [re, f] of RULES) {
    const m = re.exec(msg);
    if (!m) continue;
    const out = f(m, label);
    if (out !== undefined) return out;
  }
  return undefined;
}

/**
 * English templates by code (issue 11): every error code and issue code of shared/errors-codes.ts
 * (test: domain.test.ts). `{param}`s are filled by domain.ts `fillCode`.
 */
export const CODES_EN: Readonly<Record<string, string>> = {
  invalid_input: 'Invalid input',
  unauthorized: 'Not signed in, or the sign-in has expired: sign in again',
  forbidden: 'Not allowed',
  not_found: '{entity} not found (or not visible to you)',
  stale_version: 'Someone else changed this record meanwhile: reload it and try again',
  payload_too_large: 'The file must not exceed {maxMb} MB: compress or split it',
  rate_limited: 'Too many requests: try again in {retryAfterSeconds} s',
  bad_request: 'Bad request',
  unavailable: 'The data store is temporarily unavailable: try again later',
  internal: 'Internal error: try again later and contact the administrator',
  already_decided: 'One person decides at most one tier of a request',
  archived: 'Closed accounts are archived and cannot be edited',
  calendar_national_only: 'The holiday calendar is national: only a national-level admin ({region}) enters it',
  department_claim_invalid: 'The department in your sign-in is missing, unknown or outside your region: contact the administrator',
  not_your_tier: 'This is tier {tier} ({role}): you have no approval role at this tier',
  oauth_state_invalid: 'The authorisation request is invalid or has expired: start it again from the account page',
  profile_owner_only: 'You may not publish the profile {name}',
  repeat_reviewer: 'One person decides one review step',
  self_approval: 'Nobody decides on their own draft or request',
  self_review: 'Nobody re-checks the rectification they responded to',
  account_status_changed: 'The account’s status changed meanwhile: reload and try again',
  closure_already_requested: 'A closure has already been requested for this item',
  closure_exists: 'The account already has a closure in progress, or is not active',
  department_exists: 'The region already has a department named “{name}”',
  handle_taken: 'An account with the handle “{handle}” (or a look-alike of it) is already registered on {platform}',
  holiday_year_shipped: 'The holiday calendar of {year} ships with the system and cannot be changed',
  idempotency_in_progress: 'The same request is still being processed: try again shortly',
  illegal_transition: 'Not possible in the current state',
  inspection_not_done: 'The inspection is still running ({checked}/{total} checked): its results come when it is done',
  not_due: 'Not due yet',
  not_waiting: 'Nothing is waiting for a decision on this item',
  nothing_to_file: 'The account has no opening or change waiting to be filed',
  profile_version_exists: 'Version {version} of the profile {name} already exists (versions cannot be changed)',
  rectification_exists: 'A rectification notice for this inspection already exists',
  attachment_content: 'The file’s content is not the declared type {declared}',
  attachment_type: 'This attachment type is not supported',
  account_changed: 'The account was closed or its platform changed: the authorisation was not saved',
  account_closed: 'The account is closed and archived',
  account_not_active: 'The account is not active (being closed or closed): nothing can be scheduled',
  cancellation_date: 'The cancellation date is in the future: record it once the platform has confirmed it',
  content_blocked: 'The content check found a severe problem: fix it before submitting',
  due_date_past: 'The due date must be after today',
  expired: 'The publish time passed before the review was complete: the draft has expired',
  filing_before_change: 'The filing date must not be before the opening or change ({since})',
  filing_before_closure: 'The filing date ({filed}) must not be before the cancellation ({cancelled})',
  idempotency_key_reused: 'This Idempotency-Key was used for a different request',
  import_rejected: '{invalid} rows have errors: nothing was written; fix them as the report says and import again',
  no_connector: 'This platform ({platform}) has no publishing connector: posts are published by hand, no credentials needed',
  no_oauth: 'This platform ({platform}) does not use operator authorisation',
  nothing_to_rectify: 'The inspection found no failing account: there is nothing to rectify',
  notice_date: 'The date of the stop-update notice is not valid',
  notice_period: 'The notice period ({days} days) is not over: cancel on {earliest} at the earliest',
  oauth_not_configured: 'The platform app is not configured yet: authorisation is not possible',
  oauth_required: 'This platform is authorised by the account operator from the account page, not by entering a token',
  plan_too_large: 'A plan closes at most {max} accounts: split it',
  publish_at_past: 'The publish time must be in the future',
  spreadsheet_too_complex: 'The import file is too complex to read',
  still_failing: 'Re-check failed: the account still fails when graded again',
  successor_unavailable: 'The successor account must be active',
  too_many_attachments: 'At most {max} attachments per closure',
  webhook_host_not_allowed: 'This host is not on the list of allowed robot addresses',
  webhook_insecure: 'The robot address must use https (host {host})',
  // validation issues
  required: 'Required',
  invalid_type: 'Wrong type',
  too_long: 'At most {max} characters',
  too_short: 'At least {min} characters',
  out_of_range: 'Out of range',
  not_integer: 'Must be an integer',
  not_one_of: 'Must be one of: {options}',
  invalid_format: 'Not in the expected format',
  invalid: 'Not valid',
  too_few: 'At least {min}',
  too_many: 'At most {max}',
  date_format: 'Date must be in the format YYYY-MM-DD',
  no_such_date: 'No such date',
  instant_format: 'Time must be ISO 8601 with a time zone, e.g. 2026-11-27T08:00:00+08:00',
  no_such_time: 'No such time',
  date_or_instant: 'Must be a date (YYYY-MM-DD) or a time with a time zone, e.g. 2026-11-27T08:00:00+08:00',
  not_between: 'Must be between {min} and {max}',
  url_scheme: 'Link must start with http:// or https://',
  phone_format: 'Phone number is not valid (a mobile number, or a landline with its area code)',
  filing_number_format: 'Filing number must be 6–40 Chinese characters, letters, digits or hyphens',
  handle_whitespace: 'Handle must not contain whitespace',
  region_code: 'Region code must be 6 digits (GB/T 2260)',
  positive_integer: 'Must be a positive integer',
  note_required_on_reject: 'A note is required when sending a draft back',
  nothing_changed: 'Change at least one field',
  end_before_start: 'The end date must not be before the start date',
  range_too_long: 'The date range must not exceed {days} days',
  answered_over_received: 'Messages answered must not exceed messages received',
  // the registry import (row errors and the file's issues)
  unknown_platform: 'Unknown platform “{value}”: use a platform name or one of the codes {options}',
  not_yes_no: 'Must be yes or no (also true/false, 1/0), not “{value}”',
  unknown_operator: 'Must be in-house or outsourced (also in_house/outsourced), not “{value}”',
  service_link_format: 'Service link {index} must be written “name|link”, several separated by semicolons, not “{value}”',
  apps_only: 'A filing number applies to apps and mini-programs only',
  more_than_contacts: '{count} given for {contacts} contact(s): separate them with semicolons in the order of the contacts',
  unknown_department: 'Department “{value}” does not exist (register it first, or give its ID)',
  ambiguous_department: 'Department “{value}” exists in several regions ({ids}): give the department ID instead',
  not_your_department: 'You may not import accounts for the department “{value}”',
  not_own_department: 'You import only for your own department ({department}): “{value}” is not it',
  duplicate_in_file: 'Twice in the file: this account is also on row {rows}',
  handle_registered: 'Already registered: {platform} has an account with this handle or a look-alike of it',
  handle_taken_meanwhile: 'Registered by another request meanwhile: nothing was written, try again',
  no_header: 'No header row: one of the first {rows} rows must hold the platform and handle columns',
  unknown_column: 'Column {letter}: “{value}” is not a column of the template',
  duplicate_column: 'The column “{heading}” appears twice (columns {first} and {second})',
  missing_column: 'The required column “{column}” is missing',
  no_rows: 'The file has no data rows (nothing under the header)',
  too_many_rows: 'At most {max} rows per import: split the file',
  unterminated_quote: 'A quote opened on CSV row {row} is never closed',
  // the rule profiles' cross-field rules
  caps_sum_over: 'The indicators’ caps add up to {sum}: at most {max}',
  must_exceed: 'Must be greater than {otherValue} (is {value})',
  must_not_be_below: 'Must not be below {otherValue} (is {value})',
  must_not_exceed: 'Must not exceed {otherValue} (is {value})',
  over_indicator_cap: 'Points ({value}) must not exceed the indicator’s cap ({cap})',
  tiers_descending: 'Tiers must go from the highest threshold to the lowest, a lower threshold taking more points',
  tiers_ascending: 'Tiers must go from the lowest threshold to the highest, a higher threshold taking more points',
};

/** English field templates of the issue codes (domain.ts `FIELD_CODES_ZH`): `{field}` is the field's label. */
export const FIELD_CODES_EN: Readonly<Record<string, string>> = {
  required: '{field} must not be empty',
  invalid_type: '{field} has the wrong type',
  too_long: '{field} must be at most {max} characters',
  too_short: '{field} must be at least {min} characters',
  too_few: '{field}: enter at least {min}',
  too_many: '{field}: at most {max}',
  out_of_range: '{field} is out of range',
  not_integer: '{field} must be an integer',
  not_one_of: '{field} must be one of: {options}',
  invalid_format: '{field} is not valid',
  date_format: '{field} must be a date in the format YYYY-MM-DD',
  no_such_date: '{field} is not a real date',
  instant_format: '{field} must be an ISO 8601 time with its time zone, e.g. 2026-11-27T08:00:00+08:00',
  no_such_time: '{field} is not a real time',
  date_or_instant: '{field} must be a date (YYYY-MM-DD) or a time with a time zone, e.g. 2026-11-27T08:00:00+08:00',
  not_between: '{field} must be between {min} and {max}',
  url_scheme: '{field} must start with http:// or https://',
  phone_format: '{field} is not valid (a mobile number, or a landline with its area code)',
  filing_number_format: '{field} must be 6–40 Chinese characters, letters, digits or hyphens',
  handle_whitespace: '{field} must not contain whitespace',
  region_code: '{field} must be a 6-digit administrative division code (GB/T 2260)',
  positive_integer: '{field} must be a positive integer',
  note_required_on_reject: '{field}: required when sending a draft back',
  invalid: '{field} is not valid',
};

/** Entities of `not_found` in English (capitalised: they start the sentence). */
export const ENTITIES_EN: Readonly<Record<string, string>> = {
  resource: 'Record',
  route: 'Endpoint',
  account: 'Account',
  department: 'Department',
  region: 'Region',
  closure: 'Closure',
  attachment: 'Attachment',
  approval_request: 'Approval request',
  scheduled_post: 'Scheduled post',
  credentials: 'Platform credentials',
  inspection: 'Inspection',
  what_if: 'What-if comparison',
  rectification: 'Rectification notice',
  rectification_item: 'Rectification item',
  notification: 'Notification',
  profile: 'Profile',
  job: 'Job',
};
