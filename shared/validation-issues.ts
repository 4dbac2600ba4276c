/**
 * valibot issues → our issue codes and params (shared/errors-codes.ts ISSUE_CODES). Pure, and the
 * one mapping the API (functions/api/validation.ts) and the web forms (web/src/lib/validation.ts)
 * both use, so a field message in the browser is said by its code exactly as the server would
 * answer it.
 *
 * The field a message is about is the issue's `path` (`contacts.0.phone`); the web app names it by
 * `fieldOf(path)` (`contacts.phone`, web i18n `field.contacts.phone`). A schema rule that says
 * more than any generic template (a phone pattern, the region code) gives its own code with
 * `coded(code, message)` in place of its message.
 */
import * as v from 'valibot';
import type { ErrorParams, IssueCode } from './errors-codes';

/** valibot's issue types → our issue codes; a type not named here is `invalid`. */
const CODE_OF_TYPE: Readonly<Record<string, IssueCode>> = {
  min_length: 'too_short',
  max_length: 'too_long',
  max_graphemes: 'too_long',
  max_bytes: 'too_long',
  max_size: 'too_long',
  min_graphemes: 'too_short',
  non_empty: 'required',
  min_value: 'out_of_range',
  max_value: 'out_of_range',
  gt_value: 'out_of_range',
  lt_value: 'out_of_range',
  integer: 'not_integer',
  safe_integer: 'not_integer',
  picklist: 'not_one_of',
  enum: 'not_one_of',
  literal: 'not_one_of',
  regex: 'invalid_format',
  email: 'invalid_format',
  rfc_email: 'invalid_format',
  url: 'invalid_format',
  iso_date: 'invalid_format',
  iso_date_time: 'invalid_format',
  iso_timestamp: 'invalid_format',
  iso_time: 'invalid_format',
  digits: 'invalid_format',
  starts_with: 'invalid_format',
};

/** Where `coded` leaves its code on the issue valibot builds (valibot hands the issue to a message function). */
const CODED = Symbol('issueCode');
type CodedIssue = v.BaseIssue<unknown> & { [CODED]?: { code: IssueCode; params: ErrorParams } };

/**
 * A schema message with its own issue code: `v.regex(PHONE, coded('phone_format', '电话格式不正确…'))`.
 * The message stays the schema's (the API's `message`); the code and `params` are what the web says.
 */
export function coded(code: IssueCode, message: string, params: ErrorParams = {}): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => {
    (issue as CodedIssue)[CODED] = { code, params };
    return message;
  };
}

const requirementOf = (i: v.BaseIssue<unknown>): unknown => (i as { requirement?: unknown }).requirement;
const asParam = (x: unknown): string | number | undefined =>
  typeof x === 'number' || typeof x === 'string' ? x : x instanceof Date ? x.toISOString() : undefined;

/** The code and params of one valibot issue. */
export function codeOf(i: v.BaseIssue<unknown>): { code: IssueCode; params: ErrorParams } {
  const own = (i as CodedIssue)[CODED];
  if (own) return { code: own.code, params: { ...own.params } };
  const req = requirementOf(i);
  if (i.kind === 'schema') {
    if (i.input === undefined) return { code: 'required', params: {} };
    if (i.type === 'picklist' || i.type === 'enum' || i.type === 'literal') {
      // valibot says what it expected as `("a" | "b")`.
      const options = i.expected
        ?.replace(/^\((.*)\)$/, '$1')
        .split(' | ')
        .map((o) => o.replace(/^"(.*)"$/, '$1'))
        .join(', ');
      return { code: 'not_one_of', params: options ? { options } : {} };
    }
    return { code: 'invalid_type', params: { expected: i.expected ?? i.type } };
  }
  const bound = asParam(req);
  // A list's length counts entries, not characters.
  if (Array.isArray(i.input) && bound !== undefined) {
    if (i.type === 'min_length') return { code: 'too_few', params: { min: bound } };
    if (i.type === 'max_length') return { code: 'too_many', params: { max: bound } };
  }
  const code = CODE_OF_TYPE[i.type] ?? 'invalid';
  if (code === 'too_short' && req === 1) return { code: 'required', params: {} };
  const params: Record<string, string | number> = {};
  if (bound !== undefined) {
    if (code === 'too_long' || i.type === 'max_value' || i.type === 'lt_value') params.max = bound;
    else if (code === 'too_short' || i.type === 'min_value' || i.type === 'gt_value') params.min = bound;
  }
  return { code, params };
}

/** One issue as the API answers it (shared/errors.ts `Issue`). */
export interface CodedIssueOut {
  path: string;
  code: IssueCode;
  params: ErrorParams;
  message: string;
}

/** valibot's issues as ours: `{ path, code, params, message }` (the message is the schema's own, Chinese). */
export function issuesOf(issues: readonly v.BaseIssue<unknown>[]): CodedIssueOut[] {
  return issues.map((i) => ({ path: v.getDotPath(i) ?? '', ...codeOf(i), message: i.message }));
}

/** The field a path names, without list positions: `contacts.0.phone` → `contacts.phone`, `/contacts/0/phone` too. */
export function fieldOf(path: string): string {
  return path
    .replace(/^\$?\.?\/?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^body\./, '')
    .split('.')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');
}
