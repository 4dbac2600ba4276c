import { describe, expect, it } from 'vitest';
import {
  CLOSURE_ACTIONS,
  completeClosure,
  createClosure,
  decideClosure,
  fileClosure,
  NEXT_ACTION,
  recordClosureNotice,
  type Closure,
  type ClosureAction,
  type ClosureStatus,
} from '../../../shared/closure/closure';
import { CLOSURE_STATUSES } from '../../../shared/closure/schemas';
import type { Principal } from '../../../shared/auth/principal';
import { DomainError } from '../../../shared/errors';
import { answered, type Answered } from '../../support/answered';
import { workCalendar } from '../../../shared/time';
import {
  account,
  approver,
  cityReviewer,
  closureIn,
  dualRole,
  editor,
  newClosure,
  office,
  otherDepartmentApprover,
  otherRegionOffice,
  otherRegionReviewer,
  reviewer,
  successor,
  T,
} from './support';

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

/** Runs `action` on `c` as someone who may, with the current version and valid dates. */
function perform(c: Closure, action: ClosureAction, actor?: Principal) {
  switch (action) {
    case 'decide':
      return decideClosure(c, { decision: 'approve', version: c.version }, { actor: actor ?? (c.decisions.length ? reviewer : approver), now: T.tier2 });
    case 'notice':
      return recordClosureNotice(c, { publishedAt: T.notice, url: URL, version: c.version }, { actor: actor ?? editor, now: T.notice });
    case 'complete':
      return completeClosure(c, { platformCancelledAt: T.cancelled, version: c.version }, { actor: actor ?? editor, now: T.cancelled });
    case 'file':
      return fileClosure(c, { filedAt: T.filed, version: c.version }, { actor: actor ?? editor, now: T.filed });
  }
}

describe('createClosure', () => {
  it('creates a pending request (version 1) and puts the account in closure_pending', () => {
    const result = createClosure(
      { accountId: account.id, reason: '职能重复', successorAccountId: successor.id },
      { actor: editor, now: T.requested, id: 'clo-9', account, successor },
    );
    expect(result.accountStatus).toBe('closure_pending');
    expect(result.action).toBe('closure.create');
    expect(result.closure).toMatchObject({
      id: 'clo-9',
      accountId: account.id,
      regionCode: account.regionCode,
      departmentId: account.departmentId,
      reason: '职能重复',
      successorAccountId: successor.id,
      status: 'pending',
      version: 1,
      requestedBy: { sub: editor.sub, name: editor.name },
      requestedAt: T.requested,
      tiers: ['approver', 'reviewer'],
      decisions: [],
      rules: { noticePeriodDays: 30, filingWorkingDays: 5 },
      account: { name: '临安就业', platform: 'wechat', handle: 'linan_jiuye' },
      successor: { name: '临安人社', platform: 'wechat', handle: 'linan_renshe' },
    });
    expect(result.closure.history).toEqual([{ at: T.requested, by: { sub: editor.sub, name: editor.name }, action: 'create', from: null, to: 'pending' }]);
  });

  it('lets an office of the region request a closure', () => {
    const result = createClosure({ accountId: account.id, reason: '长期不更新' }, { actor: office, now: T.requested, id: 'c', account });
    expect(result.closure.status).toBe('pending');
    expect(result.closure.successorAccountId).toBeUndefined();
  });

  it.each([
    ['an editor of another department', { ...editor, department: 'd-jyj' }],
    ['an office of another region', otherRegionOffice],
    ['an approver (decides, does not request)', approver],
    ['a reviewer (decides, does not request)', reviewer],
  ])('refuses a request by %s (403)', (_who, actor) => {
    const err = thrown(() => createClosure({ accountId: account.id, reason: 'x' }, { actor, now: T.requested, id: 'c', account }));
    expect(err.status).toBe(403);
  });

  it.each(['closure_pending', 'announcing', 'closed', 'opening_pending'] as const)('refuses an account in status %s (409 illegal_transition)', (status) => {
    const err = thrown(() => createClosure({ accountId: account.id, reason: 'x' }, { actor: editor, now: T.requested, id: 'c', account: { ...account, status } }));
    expect([err.status, err.code]).toEqual([409, 'illegal_transition']);
  });

  it('refuses the account as its own successor (400)', () => {
    const err = thrown(() =>
      createClosure({ accountId: account.id, reason: 'x', successorAccountId: account.id }, { actor: editor, now: T.requested, id: 'c', account, successor: account }),
    );
    expect([err.status, err.issues?.[0]?.path]).toEqual([400, 'successorAccountId']);
  });

  it('refuses a successor that is not active (422 successor_unavailable)', () => {
    const err = thrown(() =>
      createClosure(
        { accountId: account.id, reason: 'x', successorAccountId: successor.id },
        { actor: editor, now: T.requested, id: 'c', account, successor: { ...successor, status: 'announcing' } },
      ),
    );
    expect([err.status, err.code]).toEqual([422, 'successor_unavailable']);
  });

  it('refuses a named successor the caller could not load (404 not_found, like GET /accounts/{id})', () => {
    const err = thrown(() => createClosure({ accountId: account.id, reason: 'x', successorAccountId: 'acc-404' }, { actor: editor, now: T.requested, id: 'c', account }));
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });

  it("copies the region profile's notice period, filing deadline and tiers onto the closure", () => {
    const c = newClosure({ rules: { noticePeriodDays: 10, filingWorkingDays: 3 }, tiers: ['reviewer'] });
    expect(c.rules).toEqual({ noticePeriodDays: 10, filingWorkingDays: 3 });
    expect(c.tiers).toEqual(['reviewer']);
  });
});

describe('closure state machine', () => {
  const legal: [ClosureStatus, ClosureAction, ClosureStatus, string][] = [
    ['pending', 'decide', 'pending', 'closure_pending'],
    ['approved', 'notice', 'announcing', 'announcing'],
    ['announcing', 'complete', 'closed', 'closed'],
    ['closed', 'file', 'filed', 'closed'],
  ];

  it.each(legal)('%s --%s--> %s, account %s', (from, action, to, accountStatus) => {
    const before = closureIn(from);
    const result = perform(before, action);
    expect(result.closure.status).toBe(to);
    expect(result.accountStatus).toBe(accountStatus);
    expect(result.closure.version).toBe(before.version + 1);
    expect(result.closure.history.at(-1)).toMatchObject({ from, to });
  });

  const illegal = CLOSURE_STATUSES.flatMap((status) =>
    CLOSURE_ACTIONS.filter((action) => NEXT_ACTION[status] !== action).map((action) => [status, action] as const),
  );

  it('has 20 illegal (status, action) pairs', () => {
    expect(illegal).toHaveLength(CLOSURE_STATUSES.length * CLOSURE_ACTIONS.length - 4);
  });

  it.each(illegal)('%s + %s is 409 illegal_transition', (status, action) => {
    const before = closureIn(status);
    const err = thrown(() => perform(before, action, action === 'decide' ? reviewer : editor));
    expect([err.status, err.code]).toEqual([409, 'illegal_transition']);
  });

  it('never changes the closure it was given', () => {
    const before = closureIn('announcing');
    const copy = structuredClone(before);
    perform(before, 'complete');
    expect(before).toEqual(copy);
  });
});

describe('closure decisions', () => {
  it('keeps the request pending after the first tier and records who decided', () => {
    const c = newClosure();
    const result = decideClosure(c, { decision: 'approve', note: '同意', version: 1 }, { actor: approver, now: T.tier1 });
    expect(result.closure.status).toBe('pending');
    expect(result.accountStatus).toBe('closure_pending');
    expect(result.closure.version).toBe(2);
    expect(result.closure.decisions).toEqual([
      { tier: 0, role: 'approver', by: { sub: approver.sub, name: approver.name }, at: T.tier1, decision: 'approve', note: '同意' },
    ]);
  });

  it('approves once every tier has approved, and drafts the stop-update notice', () => {
    const result = perform(closureIn('pending'), 'decide');
    const approved = decideClosure(result.closure, { decision: 'approve', version: result.closure.version }, { actor: reviewer, now: T.tier2 });
    expect(approved.closure.status).toBe('approved');
    expect(approved.accountStatus).toBe('closure_pending');
    expect(approved.action).toBe('closure.approve');
    expect(approved.closure.noticeDraft).toContain('临安人社');
  });

  it('rejects at the first tier, with the note, and gives the account back (active)', () => {
    const result = decideClosure(newClosure(), { decision: 'reject', note: '请先整改', version: 1 }, { actor: approver, now: T.tier1 });
    expect(result.closure.status).toBe('rejected');
    expect(result.accountStatus).toBe('active');
    expect(result.closure.decisions.at(-1)).toMatchObject({ decision: 'reject', note: '请先整改' });
  });

  it('rejects at the office tier after the department approved', () => {
    const tier1 = perform(newClosure(), 'decide').closure;
    const result = decideClosure(tier1, { decision: 'reject', note: '接续账号不合适', version: tier1.version }, { actor: reviewer, now: T.tier2 });
    expect([result.closure.status, result.accountStatus]).toEqual(['rejected', 'active']);
  });

  it('forbids the requester from deciding on their own request (403 self_approval)', () => {
    const requester: Principal = { ...approver, sub: 'u-boss' };
    const c = newClosure({ actor: { ...requester, roles: ['editor', 'approver'] } });
    const err = thrown(() => decideClosure(c, { decision: 'approve', version: 1 }, { actor: { ...requester, roles: ['editor', 'approver'] }, now: T.tier1 }));
    expect([err.status, err.code]).toEqual([403, 'self_approval']);
  });

  it('answers a stale version with 409 stale_version', () => {
    const c = perform(newClosure(), 'decide').closure;
    const err = thrown(() => decideClosure(c, { decision: 'approve', version: 1 }, { actor: reviewer, now: T.tier2 }));
    expect([err.status, err.code]).toEqual([409, 'stale_version']);
  });

  it('forbids a reviewer of another region (403)', () => {
    const c = perform(newClosure(), 'decide').closure;
    const err = thrown(() => decideClosure(c, { decision: 'approve', version: c.version }, { actor: otherRegionReviewer, now: T.tier2 }));
    expect(err.status).toBe(403);
  });

  it('lets a reviewer of the enclosing city decide the office tier', () => {
    const c = perform(newClosure(), 'decide').closure;
    expect(decideClosure(c, { decision: 'approve', version: c.version }, { actor: cityReviewer, now: T.tier2 }).closure.status).toBe('approved');
  });

  it("forbids an approver of another department (403)", () => {
    const err = thrown(() => decideClosure(newClosure(), { decision: 'approve', version: 1 }, { actor: otherDepartmentApprover, now: T.tier1 }));
    expect(err.status).toBe(403);
  });

  it('forbids the office reviewer from deciding the department tier (403 not_your_tier)', () => {
    const err = thrown(() => decideClosure(newClosure(), { decision: 'approve', version: 1 }, { actor: reviewer, now: T.tier1 }));
    expect([err.status, err.code]).toEqual([403, 'not_your_tier']);
  });

  it('does not let one person holding both roles approve both tiers (403 already_decided)', () => {
    const tier1 = decideClosure(newClosure(), { decision: 'approve', version: 1 }, { actor: dualRole, now: T.tier1 }).closure;
    const err = thrown(() => decideClosure(tier1, { decision: 'approve', version: tier1.version }, { actor: dualRole, now: T.tier2 }));
    expect([err.status, err.code]).toEqual([403, 'already_decided']);
  });

  it('of 30 concurrent approvals on one version, the first stored wins and the other 29 are stale', () => {
    const tier1 = perform(newClosure(), 'decide').closure;
    const reviewers = Array.from({ length: 30 }, (_, i): Principal => ({ ...reviewer, sub: `u-reviewer-${i}`, name: `审核${i}` }));
    const results = reviewers.map((actor) => decideClosure(tier1, { decision: 'approve', version: tier1.version }, { actor, now: T.tier2 }));
    // Every decider computed the same next version: a conditional write on version lets exactly one through.
    expect(new Set(results.map((r) => r.closure.version))).toEqual(new Set([tier1.version + 1]));
    const stored = (results[0] as (typeof results)[number]).closure;
    const losers = reviewers.slice(1).map((actor) => thrown(() => decideClosure(stored, { decision: 'approve', version: tier1.version }, { actor, now: T.tier2 })));
    expect(losers.every((e) => e.code === 'stale_version')).toBe(true);
  });

  it('is deterministic: the same decision on the same closure gives the same result', () => {
    const c = newClosure();
    const a = decideClosure(c, { decision: 'approve', version: 1 }, { actor: approver, now: T.tier1 });
    const b = decideClosure(c, { decision: 'approve', version: 1 }, { actor: approver, now: T.tier1 });
    expect(a).toEqual(b);
  });
});

describe('stop-update notice', () => {
  it('records the notice with the draft for its publication day and the earliest cancellation day', () => {
    const result = perform(closureIn('approved'), 'notice');
    expect(result.closure.notice).toMatchObject({ publishedAt: T.notice, url: URL, earliestCancellationDate: '2026-12-27' });
    expect(result.closure.notice?.draftText).toContain('2026年11月27日');
  });

  it('answers a stale version with 409', () => {
    const c = closureIn('approved');
    const err = thrown(() => recordClosureNotice(c, { publishedAt: T.notice, url: URL, version: c.version - 1 }, { actor: editor, now: T.notice }));
    expect(err.code).toBe('stale_version');
  });

  it.each([
    ['an editor of another department', { ...editor, department: 'd-jyj' }],
    ['an office of another region', otherRegionOffice],
    ['a reviewer (decides only)', reviewer],
  ])('forbids %s (403)', (_who, actor) => {
    expect(thrown(() => perform(closureIn('approved'), 'notice', actor)).status).toBe(403);
  });

  it('lets an office of the region record it', () => {
    expect(perform(closureIn('approved'), 'notice', office).closure.status).toBe('announcing');
  });
});

describe('completion after the notice period', () => {
  // Notice on Friday 2026-11-27 (Shanghai), 30 days: completion allowed from 2026-12-27.
  const announcing = closureIn('announcing');

  it('refuses a cancellation one day before the period ends (422 notice_period)', () => {
    const err = thrown(() => completeClosure(announcing, { platformCancelledAt: '2026-12-26T23:59:59+08:00' }, { actor: editor, now: T.cancelled }));
    expect([err.status, err.code]).toEqual([422, 'notice_period']);
    expect(err.message).toContain('2026年12月27日');
  });

  it('accepts a cancellation on the day the period ends', () => {
    const result = completeClosure(announcing, { platformCancelledAt: '2026-12-27T00:00:00+08:00' }, { actor: editor, now: T.cancelled });
    expect([result.closure.status, result.accountStatus]).toEqual(['closed', 'closed']);
  });

  it('counts from the Shanghai calendar day of the notice, not the UTC day', () => {
    // 2026-11-27T16:30Z is 00:30 on 2026-11-28 in Shanghai: the period ends on 2026-12-28.
    const late = recordClosureNotice(closureIn('approved'), { publishedAt: '2026-11-27T16:30:00Z', url: URL }, { actor: editor, now: '2026-11-28T09:00:00+08:00' }).closure;
    expect(thrown(() => completeClosure(late, { platformCancelledAt: '2026-12-27T12:00:00+08:00' }, { actor: editor, now: T.cancelled })).code).toBe('notice_period');
    expect(completeClosure(late, { platformCancelledAt: '2026-12-28T08:00:00+08:00' }, { actor: editor, now: T.cancelled }).closure.status).toBe('closed');
  });

  it("uses the profile's notice period copied onto the closure", () => {
    let c = newClosure({ rules: { noticePeriodDays: 10 } });
    c = perform(c, 'decide').closure;
    c = perform(c, 'decide').closure;
    c = perform(c, 'notice').closure;
    expect(completeClosure(c, { platformCancelledAt: '2026-12-07' }, { actor: editor, now: T.cancelled }).closure.status).toBe('closed');
    expect(thrown(() => completeClosure(c, { platformCancelledAt: '2026-12-06' }, { actor: editor, now: T.cancelled })).code).toBe('notice_period');
  });

  it('sets the filing deadline five working days after the cancellation', () => {
    expect(perform(announcing, 'complete').closure.filingDueBy).toBe('2027-01-15');
  });
});

describe('filing', () => {
  // Cancelled on Friday 2027-01-08.
  const closed = closureIn('closed');

  it('is on time five working days later, across a weekend (seven calendar days)', () => {
    const result = fileClosure(closed, { filedAt: '2027-01-15T16:00:00+08:00' }, { actor: editor, now: T.filed });
    expect(result.closure.filing).toEqual({ overdue: false, workingDays: 5 });
    expect([result.closure.status, result.accountStatus]).toEqual(['filed', 'closed']);
  });

  it('is flagged overdue on the sixth working day (the Monday after), with the count', () => {
    const result = fileClosure(closed, { filedAt: '2027-01-18' }, { actor: editor, now: T.filed });
    expect(result.closure.filing).toEqual({ overdue: true, workingDays: 6 });
    expect(result.closure.status).toBe('filed');
  });

  it('does not count the holidays of a working calendar', () => {
    const result = fileClosure(closed, { filedAt: '2027-01-18' }, { actor: editor, now: T.filed, calendar: workCalendar({ holidays: ['2027-01-12'] }) });
    expect(result.closure.filing).toEqual({ overdue: false, workingDays: 5 });
  });

  it('refuses a filing dated before the cancellation (422 filing_before_closure)', () => {
    const err = thrown(() => fileClosure(closed, { filedAt: '2027-01-07' }, { actor: editor, now: T.filed }));
    expect([err.status, err.code]).toEqual([422, 'filing_before_closure']);
  });

  it('keeps the whole path in the history', () => {
    expect(closureIn('filed').history.map((h) => `${h.action}:${h.to}`)).toEqual([
      'create:pending',
      'approve:pending',
      'approve:approved',
      'notice:announcing',
      'complete:closed',
      'file:filed',
    ]);
  });
});
