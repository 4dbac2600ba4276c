/**
 * The registry of error and issue codes (issue 11 "Errors with codes"). Every `code` the API can
 * answer with is listed here with the names of the `params` it may carry; the web app translates
 * by code (web/src/i18n/domain.ts, domain-en.ts) and test/web checks it has zh-CN and English for
 * each one. test/unit/errors-codes.test.ts scans shared/ and functions/ for thrown codes and fails
 * on a code missing here. Pure data: no I/O, no imports.
 */

/** Error codes (`error.code` of an API error body) → the params each may carry. */
export const ERROR_CODES = {
  // generic, one per error class (and the HTTP layer's own)
  invalid_input: [],
  unauthorized: [],
  forbidden: [],
  not_found: ['entity', 'name'],
  stale_version: ['current'],
  payload_too_large: ['maxMb'],
  rate_limited: ['retryAfterSeconds'],
  bad_request: [],
  unavailable: [],
  internal: [],
  // 403
  already_decided: [],
  archived: [],
  calendar_national_only: ['region'],
  department_claim_invalid: [],
  not_your_tier: ['tier', 'role'],
  oauth_state_invalid: [],
  profile_owner_only: ['name'],
  repeat_reviewer: [],
  self_approval: [],
  self_review: [],
  // 409
  account_status_changed: [],
  closure_already_requested: [],
  closure_exists: [],
  department_exists: ['name'],
  handle_taken: ['platform', 'handle'],
  holiday_year_shipped: ['year'],
  idempotency_in_progress: [],
  illegal_transition: [],
  inspection_not_done: ['checked', 'total'],
  not_due: [],
  not_waiting: [],
  nothing_to_file: [],
  profile_version_exists: ['name', 'version', 'next'],
  rectification_exists: [],
  // 415
  attachment_content: ['declared'],
  attachment_type: [],
  // 422
  account_changed: [],
  account_closed: [],
  account_not_active: [],
  cancellation_date: [],
  content_blocked: [],
  due_date_past: [],
  expired: [],
  filing_before_change: ['since'],
  filing_before_closure: ['filed', 'cancelled'],
  idempotency_key_reused: [],
  import_rejected: ['invalid'],
  no_connector: ['platform'],
  no_oauth: ['platform'],
  nothing_to_rectify: [],
  notice_date: [],
  notice_period: ['earliest', 'days'],
  oauth_not_configured: [],
  oauth_required: [],
  plan_too_large: ['max'],
  publish_at_past: [],
  spreadsheet_too_complex: [],
  still_failing: [],
  successor_unavailable: [],
  too_many_attachments: ['max'],
  webhook_host_not_allowed: [],
  webhook_insecure: ['host'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes of one validation issue (`error.issues[].code`) → their params. `field` is not sent in
 * `params`: it is the issue's `path` without list positions (shared/validation-issues.ts
 * `fieldOf`), which the web app names in the locale (web i18n `field.<path>`).
 */
export const ISSUE_CODES = {
  /** Missing, or empty once trimmed. */
  required: ['field'],
  /** Of the wrong type (a number where a string goes). */
  invalid_type: ['field', 'expected'],
  too_long: ['field', 'max'],
  too_short: ['field', 'min'],
  /** A list with fewer or more entries than allowed. */
  too_few: ['field', 'min'],
  too_many: ['field', 'max'],
  /** A number or date outside its bounds. */
  out_of_range: ['field', 'min', 'max'],
  not_integer: ['field'],
  /** Not one of a list of allowed values. */
  not_one_of: ['field', 'options'],
  /** Not of the expected shape (a date, a time, a link, a phone number, a pattern). */
  invalid_format: ['field'],
  /** Any other rule of the schema (its message says which). */
  invalid: ['field'],
  // Rules more specific than the generic codes (their schemas name them with `coded`).
  /** Not a date written YYYY-MM-DD (`value`: the cell, in an import). */
  date_format: ['field', 'value'],
  /** YYYY-MM-DD, but no such day (2026-02-30). */
  no_such_date: ['field'],
  /** Not an ISO 8601 time with its zone (2026-11-27T08:00:00+08:00). */
  instant_format: ['field'],
  no_such_time: ['field'],
  /** Neither a date nor a time with its zone (the closure dates). */
  date_or_instant: ['field'],
  /** A date or time outside the years the product accepts. */
  not_between: ['field', 'min', 'max'],
  /** A link that is not http(s). */
  url_scheme: ['field'],
  /** Not a mobile number or a landline with its area code. */
  phone_format: ['field'],
  /** Not a filing number (6–40 Chinese characters, letters, digits or hyphens). */
  filing_number_format: ['field'],
  /** A handle with a space in it. */
  handle_whitespace: ['field'],
  /** Not a 6-digit administrative division code (GB/T 2260). */
  region_code: ['field'],
  /** Not an integer from 1. */
  positive_integer: ['field'],
  /** A rejection without its note. */
  note_required_on_reject: ['field'],
  /** An edit that changes nothing. */
  nothing_changed: [],
  /** A range whose end is before its start. */
  end_before_start: [],
  /** Metrics with more messages answered than received. */
  answered_over_received: [],
  /** A date range longer than allowed. */
  range_too_long: ['days'],
  // The registry import (shared/registry/import-parser.ts, import-service.ts): row errors (`field` is the
  // column) and the file's own issues. `value` is the cell as written, cut short.
  /** Not a platform name nor a platform code. */
  unknown_platform: ['value', 'options'],
  /** Not 是/否 (true/false, 1/0). */
  not_yes_no: ['value'],
  /** Not 自运维/外包 (in_house/outsourced). */
  unknown_operator: ['value'],
  /** The `index`th service link is not written `name|link`. */
  service_link_format: ['index', 'value'],
  /** A filing number on a platform that is not an app or a mini-program. */
  apps_only: [],
  /** More phones or emails (`count`) than contacts (`contacts`). */
  more_than_contacts: ['count', 'contacts'],
  /** No department of that name or id. */
  unknown_department: ['value'],
  /** Departments of that name in several regions (`ids`: region: id, …). */
  ambiguous_department: ['value', 'ids'],
  /** A department the caller may not import for. */
  not_your_department: ['value'],
  /** An editor's row naming another department than their own (`department`). */
  not_own_department: ['value', 'department'],
  /** The same (platform, handle) on other rows of the file (`rows`: their numbers). */
  duplicate_in_file: ['rows'],
  /** The handle (or a look-alike) is already registered on `platform`. */
  handle_registered: ['platform'],
  /** The handle was registered by another request while the import was writing: nothing was written. */
  handle_taken_meanwhile: [],
  /** No header row with 平台 and 账号 in the first `rows` rows. */
  no_header: ['rows'],
  /** A heading (`value`) in column `letter` that is no column of the template. */
  unknown_column: ['letter', 'value'],
  /** A column (`heading`) in columns `first` and `second`. */
  duplicate_column: ['heading', 'first', 'second'],
  /** A required column (`column`: its field, web i18n `import.column.<field>`) missing from the header. */
  missing_column: ['column'],
  /** A header and no data rows under it. */
  no_rows: [],
  /** More than `max` data rows (`count`, when known). */
  too_many_rows: ['max', 'count'],
  /** A CSV quote opened in record `row` and never closed. */
  unterminated_quote: ['row'],
  // The rule profiles' cross-field rules (shared/profiles/schema.ts semanticIssues). `other` is the
  // path of the field compared with, `otherValue` its value.
  /** The indicators' caps sum to `sum`, over `max`. */
  caps_sum_over: ['sum', 'max'],
  /** `value` must be greater than `otherValue`. */
  must_exceed: ['field', 'value', 'other', 'otherValue'],
  /** `value` must not be below `otherValue`. */
  must_not_be_below: ['field', 'value', 'other', 'otherValue'],
  /** `value` must not exceed `otherValue`. */
  must_not_exceed: ['field', 'value', 'other', 'otherValue'],
  /** Points (`value`) over the indicator's cap (`cap`). */
  over_indicator_cap: ['field', 'value', 'cap'],
  /** Service-share tiers not by threshold from high to low, points rising. */
  tiers_descending: ['field'],
  /** Off-mission tiers not by threshold from low to high, points rising. */
  tiers_ascending: ['field'],
} as const satisfies Record<string, readonly string[]>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** Parameters of an error or an issue: plain values a template can show. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * The entity of a `NotFound` by the Chinese name the domain gives it (`new NotFound('账号')` →
 * params `{ entity: 'account' }`). A name followed by a space and more (`规则配置 strict-10day`)
 * gives the rest as `name`.
 */
export const ENTITIES: Readonly<Record<string, string>> = {
  resource: 'resource',
  账号: 'account',
  主办单位: 'department',
  地区: 'region',
  关停申请: 'closure',
  附件: 'attachment',
  审批申请: 'approval_request',
  审批事项: 'approval_request',
  排期稿件: 'scheduled_post',
  平台凭据: 'credentials',
  检查: 'inspection',
  模拟比较: 'what_if',
  整改通知: 'rectification',
  整改事项: 'rectification_item',
  通知: 'notification',
  规则配置: 'profile',
  任务: 'job',
};

/** `{ entity, name? }` for a NotFound's `what`; an entity not in the table is `resource`. */
export function entityParams(what: string): { entity: string; name?: string } {
  const trimmed = what.trim();
  const space = trimmed.indexOf(' ');
  const head = space < 0 ? trimmed : trimmed.slice(0, space);
  const entity = ENTITIES[head] ?? ENTITIES[trimmed];
  if (entity === undefined) return { entity: 'resource', ...(trimmed && trimmed !== 'resource' ? { name: trimmed } : {}) };
  const name = space < 0 || ENTITIES[trimmed] !== undefined ? undefined : trimmed.slice(space + 1).trim();
  return name ? { entity, name } : { entity };
}
