import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvedAt, completeClosure, recordClosureNotice } from '../../../shared/closure/closure';
import { DomainError } from '../../../shared/errors';
import { answered, type Answered } from '../../support/answered';
import { closureIn, editor, T } from './support';

/** Closure integrity (issue 10): notice and cancellation dates against the approval and "now". */

function thrown(fn: () => unknown): Answered<DomainError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return answered(e);
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

const URL = 'https://mp.weixin.qq.com/s/notice';
const notice = (publishedAt: string, now: string) => recordClosureNotice(closureIn('approved'), { publishedAt, url: URL }, { actor: editor, now });
const complete = (platformCancelledAt: string, now: string) => completeClosure(closureIn('announcing'), { platformCancelledAt }, { actor: editor, now });

describe('the notice date', () => {
  // The last tier approved at T.tier2 = 2026-11-04T11:00+08:00.
  it('is the instant the last tier approved, read from the history', () => {
    expect(approvedAt(closureIn('approved'))).toBe(T.tier2);
  });

  it.each([
    ['years before the approval', '2020-01-01T09:00:00+08:00'],
    ['one second before the approval', '2026-11-04T10:59:59+08:00'],
  ])('refuses a notice dated %s (422 notice_date)', (_, publishedAt) => {
    const err = thrown(() => notice(publishedAt, T.notice));
    expect([err.status, err.code]).toEqual([422, 'notice_date']);
    expect(err.message).toContain('2026年11月4日 11:00');
  });

  it('accepts a notice dated at the approval instant', () => {
    expect(notice(T.tier2, T.notice).closure.status).toBe('announcing');
  });

  it('refuses a notice dated after now (422 notice_date)', () => {
    const err = thrown(() => notice('2026-11-27T20:00:01+08:00', T.notice));
    expect([err.status, err.code]).toEqual([422, 'notice_date']);
  });

  it('accepts a notice dated exactly now', () => {
    expect(notice(T.notice, T.notice).closure.notice?.publishedAt).toBe(T.notice);
  });

  it('is accepted exactly when approval <= publishedAt <= now (property)', () => {
    const approved = Date.parse(T.tier2);
    fc.assert(
      fc.property(fc.integer({ min: -5 * 86_400_000, max: 40 * 86_400_000 }), fc.integer({ min: 0, max: 40 * 86_400_000 }), (offset, nowOffset) => {
        const publishedAt = new Date(approved + offset).toISOString();
        const now = new Date(approved + nowOffset).toISOString();
        const ok = offset >= 0 && offset <= nowOffset;
        if (ok) expect(notice(publishedAt, now).closure.status).toBe('announcing');
        else expect(thrown(() => notice(publishedAt, now)).code).toBe('notice_date');
      }),
    );
  });
});

describe('the cancellation date', () => {
  // Notice on 2026-11-27: completion allowed from 2026-12-27.
  it('refuses an instant after now (422 cancellation_date)', () => {
    const err = thrown(() => complete('2027-01-08T10:00:01+08:00', T.cancelled));
    expect([err.status, err.code]).toEqual([422, 'cancellation_date']);
  });

  it('refuses a bare day after today in Shanghai (422 cancellation_date)', () => {
    expect(thrown(() => complete('2027-01-09', T.cancelled)).code).toBe('cancellation_date');
  });

  it("accepts today's bare day, whatever the time of day", () => {
    // 2027-01-08T00:30+08:00 is still 2027-01-07 in UTC: the day is Shanghai's.
    expect(complete('2027-01-08', '2027-01-08T00:30:00+08:00').closure.status).toBe('closed');
  });

  it('checks the future before the notice period: a date both early and in the future names the future', () => {
    expect(thrown(() => complete('2026-12-20', '2026-12-10T09:00:00+08:00')).code).toBe('cancellation_date');
  });

  it('counts the filing deadline in working days from the cancellation day', () => {
    // Friday 8 Jan 2027 + 5 working days = Friday 15 Jan.
    expect(complete('2027-01-08', T.cancelled).closure.filingDueBy).toBe('2027-01-15');
  });
});
