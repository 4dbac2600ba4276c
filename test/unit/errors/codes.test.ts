/**
 * Every code the API can answer with is registered (shared/errors-codes.ts), so the web app can
 * translate it (test/web: every registered code has zh-CN and English). The source is scanned:
 * a new `throw new RuleViolation('some_code', …)` without a registry entry fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../functions/api/validation';
import { entityParams, ERROR_CODES, ISSUE_CODES } from '../../../shared/errors-codes';
import { Conflict, Forbidden, NotFound, PayloadTooLarge, RuleViolation, StaleVersion, TooManyRequests } from '../../../shared/errors';

const ROOT = join(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The arguments of a call starting at `start` (just after its `(`), split at top-level commas; strings and templates skipped whole. */
function callArgs(src: string, start: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = start; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== ch) j += src[j] === '\\' ? 2 : 1;
      cur += src.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) {
      if (depth === 0) break;
      depth--;
    }
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Which argument is the code, and the code when it is left out. */
const CODE_ARG: Record<string, { index: number; fallback?: string }> = {
  Conflict: { index: 0 },
  RuleViolation: { index: 0 },
  UnsupportedMediaType: { index: 0 },
  Forbidden: { index: 1, fallback: 'forbidden' },
  PayloadTooLarge: { index: 1, fallback: 'payload_too_large' },
};

/** Codes thrown in the source as string literals (both branches of a `cond ? 'a' : 'b'`); plus the webhook checks' 422 codes (thrown as RuleViolation). */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...tsFiles(join(ROOT, 'shared')), ...tsFiles(join(ROOT, 'functions'))]) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/new (Conflict|RuleViolation|UnsupportedMediaType|Forbidden|PayloadTooLarge)\(/g)) {
      const { index, fallback } = CODE_ARG[m[1]!]!;
      const arg = callArgs(src, m.index! + m[0].length)[index];
      const literals = arg === undefined ? [fallback!] : [...arg.matchAll(/^'([a-z0-9_]+)'$|\? '([a-z0-9_]+)' : '([a-z0-9_]+)'/g)].flatMap((x) => x.slice(1).filter(Boolean) as string[]);
      for (const code of literals) found.set(code, file.slice(ROOT.length + 1));
    }
  }
  // Error bodies a route writes itself (the import's rejection, its size limit).
  for (const file of tsFiles(join(ROOT, 'functions/api'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/error: \{\s*code: '([a-z0-9_]+)'/g)) found.set(m[1]!, file.slice(ROOT.length + 1));
  }
  for (const m of readFileSync(join(ROOT, 'shared/notify/channels.ts'), 'utf8').matchAll(/status: 422,\s*code: '([a-z0-9_]+)'/g)) found.set(m[1]!, 'shared/notify/channels.ts');
  return found;
}

describe('the registry of error codes', () => {
  it('names every code thrown in shared/ and functions/', () => {
    const thrown = thrownCodes();
    expect(thrown.size).toBeGreaterThan(40);
    const missing = [...thrown].filter(([code]) => !(code in ERROR_CODES)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has no code that is also an issue code (one meaning per code)', () => {
    expect(Object.keys(ERROR_CODES).filter((c) => c in ISSUE_CODES)).toEqual([]);
  });

  it.each([
    ['账号', { entity: 'account' }],
    ['主办单位', { entity: 'department' }],
    ['规则配置 strict-10day v2', { entity: 'profile', name: 'strict-10day v2' }],
    ['resource', { entity: 'resource' }],
    ['没见过的东西', { entity: 'resource', name: '没见过的东西' }],
  ])('NotFound(%j) carries %j', (what, params) => {
    expect(entityParams(what)).toEqual(params);
    expect(new NotFound(what)).toMatchObject({ code: 'not_found', params });
  });

  it('gives every NotFound entity of the source a name of its own', () => {
    const names = new Set<string>();
    for (const file of [...tsFiles(join(ROOT, 'shared')), ...tsFiles(join(ROOT, 'functions'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new NotFound\([`']([^`' $]+)/g)) names.add(m[1]!);
    }
    expect([...names].filter((n) => entityParams(n).entity === 'resource')).toEqual([]);
  });

  it.each([
    [new StaleVersion(3), 'stale_version', { current: 3 }],
    [new StaleVersion(), 'stale_version', {}],
    [new TooManyRequests(30), 'rate_limited', { retryAfterSeconds: 30 }],
    [new Forbidden(), 'forbidden', {}],
    [new Conflict('department_exists', '…', { name: '淳安县教育局' }), 'department_exists', { name: '淳安县教育局' }],
    [new RuleViolation('notice_period', '…', { earliest: '2026-12-01', days: 10 }), 'notice_period', { earliest: '2026-12-01', days: 10 }],
    [new PayloadTooLarge('…', undefined, { maxMb: 10 }), 'payload_too_large', { maxMb: 10 }],
  ])('%s carries its code and params', (err, code, params) => {
    expect(err.code).toBe(code);
    expect(err.params).toEqual(params);
    expect(code in ERROR_CODES).toBe(true);
    for (const name of Object.keys(params)) expect(ERROR_CODES[code as keyof typeof ERROR_CODES]).toContain(name);
  });
});

describe('codes of validation issues', () => {
  const issueOf = (schema: v.GenericSchema, input: unknown) => {
    const r = v.safeParse(schema, input);
    if (r.success) throw new Error('expected a failure');
    return codeOf(r.issues[0]!);
  };

  it.each([
    ['a missing value', 'required', v.object({ a: v.string('须为字符串') }), {}, {}],
    ['an empty string', 'required', v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空')), '  ', {}],
    ['a wrong type', 'invalid_type', v.string('须为字符串'), 5, { expected: 'string' }],
    ['a string too long', 'too_long', v.pipe(v.string(), v.maxLength(3, '过长')), 'abcd', { max: 3 }],
    ['a string too short', 'too_short', v.pipe(v.string(), v.minLength(3, '过短')), 'ab', { min: 3 }],
    ['a number too big', 'out_of_range', v.pipe(v.number(), v.maxValue(10, '太大')), 11, { max: 10 }],
    ['a number too small', 'out_of_range', v.pipe(v.number(), v.minValue(1, '太小')), 0, { min: 1 }],
    ['a fraction', 'not_integer', v.pipe(v.number(), v.integer('须为整数')), 1.5, {}],
    ['a value not in the list', 'not_one_of', v.picklist(['a', 'b'], '须为以下之一'), 'c', { options: 'a, b' }],
    ['a pattern', 'invalid_format', v.pipe(v.string(), v.regex(/^\d+$/, '须为数字')), 'x', {}],
    ['a date', 'invalid_format', v.pipe(v.string(), v.isoDate('日期格式')), '2026-13-01', {}],
    ['a check', 'invalid', v.pipe(v.string(), v.check(() => false, '不行')), 'x', {}],
  ])('%s is %s', (_what, code, schema, input, params) => {
    expect(issueOf(schema, input)).toEqual({ code, params });
    expect(code in ISSUE_CODES).toBe(true);
  });
});
