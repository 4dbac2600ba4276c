import type { Context } from 'hono';
import * as v from 'valibot';
import { InvalidInput } from '../../shared/errors';
import { issuesOf } from '../../shared/validation-issues';

export { codeOf, issuesOf } from '../../shared/validation-issues';

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
