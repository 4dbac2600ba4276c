import type { Context } from 'hono';
import * as v from 'valibot';
import { InvalidInput, type ErrorParams, type Issue } from '../../shared/errors';
import type { IssueCode } from '../../shared/errors-codes';

/** valibot's issue types → our issue codes (shared/errors-codes.ts ISSUE_CODES); a type not named here is `invalid`. */
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

const requirementOf = (i: v.BaseIssue<unknown>): unknown => (i as { requirement?: unknown }).requirement;
const asParam = (x: unknown): string | number | undefined =>
  typeof x === 'number' || typeof x === 'string' ? x : x instanceof Date ? x.toISOString() : undefined;

/** The code and params of one valibot issue. */
export function codeOf(i: v.BaseIssue<unknown>): { code: IssueCode; params: ErrorParams } {
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
  const code = CODE_OF_TYPE[i.type] ?? 'invalid';
  if (code === 'too_short' && req === 1) return { code: 'required', params: {} };
  const bound = asParam(req);
  const params: Record<string, string | number> = {};
  if (bound !== undefined) {
    if (code === 'too_long' || i.type === 'max_value' || i.type === 'lt_value') params.max = bound;
    else if (code === 'too_short' || i.type === 'min_value' || i.type === 'gt_value') params.min = bound;
  }
  return { code, params };
}

/** valibot's issues as ours: `{ path, code, params, message }` (the message is the schema's own, Chinese). */
export function issuesOf(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issues.map((i) => ({ path: v.getDotPath(i) ?? '', ...codeOf(i), message: i.message }));
}

/** Validates `data` against `schema`; a failure is a 400 with one issue per problem. */
export function parse<S extends v.GenericSchema>(schema: S, data: unknown, prefix?: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (!result.success) {
    const issues = issuesOf(result.issues);
    throw new InvalidInput(prefix ? issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })) : issues);
  }
  return result.output;
}

export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new InvalidInput([{ path: '', code: 'invalid_format', params: {}, message: '请求体须为 JSON（Content-Type: application/json）' }]);
  }
  try {
    return await c.req.json();
  } catch {
    throw new InvalidInput([{ path: '', code: 'invalid_format', params: {}, message: '请求体不是合法的 JSON (malformed JSON)' }]);
  }
}

export async function body<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  return parse(schema, await jsonBody(c));
}

export function query<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return parse(schema, c.req.query());
}

export function param<S extends v.GenericSchema>(c: Context, name: string, schema: S): v.InferOutput<S> {
  return parse(schema, c.req.param(name), name);
}

/** The one If-Match parser: the version in the header (`3`, `"3"` or `W/"3"`), undefined without one, 400 at `If-Match` when it is no positive integer. */
export function ifMatchVersion(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const n = Number(header.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidInput([{ path: 'If-Match', code: 'invalid_format', params: {}, message: 'If-Match 须为正整数版本号' }]);
  return n;
}

/** The version a write is based on: body `version` wins, else `If-Match`. */
export function versionFrom(c: Context, bodyVersion: number | undefined): number | undefined {
  return bodyVersion !== undefined ? bodyVersion : ifMatchVersion(c);
}

export const Limit = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 须为 1–500 的整数'), v.transform(Number), v.minValue(1, 'limit 最小 1'), v.maxValue(500, 'limit 最大 500')),
);
export const Cursor = v.optional(v.pipe(v.string(), v.maxLength(2000, 'cursor 过长')));
