import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ClosureComplete, ClosureCreate, ClosureDecision, ClosureFiling, ClosureNotice, ClosureQuery } from '../../../shared/closure/schemas';

const firstMessage = (schema: v.GenericSchema, input: unknown) => {
  const r = v.safeParse(schema, input);
  return r.success ? null : r.issues[0]?.message;
};

describe('closure body schemas', () => {
  it.each([
    ['ClosureCreate', ClosureCreate, { accountId: 'acc-1', reason: '职能重复', successorAccountId: 'acc-2' }],
    ['ClosureDecision', ClosureDecision, { decision: 'approve', note: '同意', version: 2 }],
    ['ClosureNotice', ClosureNotice, { publishedAt: '2026-11-27T20:00:00+08:00', url: 'https://mp.weixin.qq.com/s/x', version: 4 }],
    ['ClosureComplete (instant)', ClosureComplete, { platformCancelledAt: '2026-12-27T10:00:00+08:00' }],
    ['ClosureComplete (date)', ClosureComplete, { platformCancelledAt: '2026-12-27' }],
    ['ClosureFiling', ClosureFiling, { filedAt: '2027-01-04', version: 6 }],
  ])('%s accepts a valid body', (_name, schema, body) => {
    expect(v.safeParse(schema as v.GenericSchema, body).success).toBe(true);
  });

  it.each([
    ['ClosureCreate', ClosureCreate, { accountId: 'acc-1', reason: 'x', status: 'approved' }],
    ['ClosureDecision', ClosureDecision, { decision: 'approve', version: 1, by: 'someone' }],
    ['ClosureNotice', ClosureNotice, { publishedAt: '2026-11-27T20:00:00+08:00', url: 'https://a.cn', draftText: 'x' }],
    ['ClosureComplete', ClosureComplete, { platformCancelledAt: '2026-12-27', status: 'closed' }],
    ['ClosureFiling', ClosureFiling, { filedAt: '2027-01-04', overdue: false }],
  ])('%s rejects unknown keys', (_name, schema, body) => {
    expect(v.safeParse(schema as v.GenericSchema, body).success).toBe(false);
  });

  it('requires a reason, in Chinese', () => {
    expect(firstMessage(ClosureCreate, { accountId: 'acc-1', reason: '   ' })).toBe('关停理由不能为空');
  });

  it('accepts only approve or reject as a decision', () => {
    expect(firstMessage(ClosureDecision, { decision: 'maybe', version: 1 })).toBe('审批结论须为 approve（同意）或 reject（驳回）');
  });

  it('requires the version on a decision', () => {
    expect(v.safeParse(ClosureDecision, { decision: 'approve' }).success).toBe(false);
  });

  it('requires an explicit time zone on the notice time', () => {
    expect(firstMessage(ClosureNotice, { publishedAt: '2026-11-27T20:00:00', url: 'https://a.cn' })).toMatch(/带时区/);
  });

  it('requires an http(s) notice link', () => {
    expect(v.safeParse(ClosureNotice, { publishedAt: '2026-11-27T20:00:00+08:00', url: 'ftp://a.cn/x' }).success).toBe(false);
  });

  it('explains the accepted date forms when a filing date is malformed', () => {
    expect(firstMessage(ClosureFiling, { filedAt: '2027/01/04' })).toBe('备案时间须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00');
  });

  it('filters the closure list by a known status only', () => {
    expect(v.safeParse(ClosureQuery, { status: 'announcing', region: '330112' }).success).toBe(true);
    expect(v.safeParse(ClosureQuery, { status: 'archived' }).success).toBe(false);
  });
});
