import { describe, expect, it } from 'vitest';
import { answeredAs } from '../../support/answered';
import type { Principal } from '../../../shared/auth/principal';
import type { Grade } from '../../../shared/grading/types';
import {
  defaultDueDate,
  issueRectification,
  itemStatus,
  rectificationStatus,
  respondToItem,
  reviewItem,
  type InspectionForRectification,
  type RectificationItem,
} from '../../../shared/supervision/rectification';

const office: Principal = { sub: 'office-1', name: '李敏', roles: ['office'], region: '330127' };
const reviewer: Principal = { sub: 'rev-1', name: '王审', roles: ['reviewer'], region: '330127' };
const editor: Principal = { sub: 'ed-1', name: '张编', roles: ['editor'], region: '330127', department: 'd1' };
const otherEditor: Principal = { sub: 'ed-2', name: '赵编', roles: ['editor'], region: '330127', department: 'd2' };
const foreignOffice: Principal = { sub: 'office-9', name: '外', roles: ['office'], region: '440105' };

const failing = (accountId: string, departmentId = 'd1'): InspectionForRectification['failed'][number] => ({
  grade: {
    accountId,
    vetoes: [{ code: 'no_update', evidence: { threshold: { windowDays: 14 }, checkDate: '2026-11-30', latestPost: null, daysSinceLatestPost: null } }],
    deductions: [],
  },
  account: { id: accountId, name: `账号${accountId}`, platform: 'weibo', handle: accountId, departmentId, regionCode: '330127' },
  departmentName: '县人社局',
});

const inspection = (failed = [failing('a1'), failing('a2', 'd2')]): InspectionForRectification => ({
  id: 'insp1',
  regionCode: '330127',
  checkDate: '2026-11-30',
  profile: 'national',
  profileVersion: 1,
  failed,
});

let n = 0;
const ids = () => `id${n++}`;
const NOW = '2026-12-01T10:00:00+08:00';

function issued() {
  return issueRectification(inspection(), {}, { actor: office, now: NOW, ids, workingDays: 10 });
}

const grade = (verdict: 'pass' | 'fail'): Grade =>
  ({ accountId: 'a1', checkDate: '2026-12-10', profile: 'national', profileVersion: 1, verdict, score: verdict === 'pass' ? 90 : null, band: verdict === 'pass' ? 'excellent' : 'fail', vetoes: verdict === 'fail' ? [{ code: 'no_update', evidence: {} }] : [], deductions: [] }) as unknown as Grade;

describe('issuing a rectification notice', () => {
  it('makes one open item per failed account with the grade\'s problems and the default due date', () => {
    const { rectification, items } = issued();
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.stage)).toEqual(['open', 'open']);
    expect(items[0]!.problems).toEqual([{ kind: 'veto', code: 'no_update', evidence: expect.objectContaining({ checkDate: '2026-11-30' }) }]);
    expect(rectification.dueDate).toBe('2026-12-15');
  });

  it('refuses an inspection without failures', () => {
    expect(() => issueRectification(inspection([]), {}, { actor: office, now: NOW, ids, workingDays: 10 })).toThrow(expect.objectContaining({ code: 'nothing_to_rectify' }));
  });

  it.each([
    ['an editor', editor],
    ['an office of another region', foreignOffice],
  ])('is refused to %s', (_, actor) => {
    expect(() => issueRectification(inspection(), {}, { actor, now: NOW, ids, workingDays: 10 })).toThrow(answeredAs({ status: 403 }));
  });

  it('refuses a due date that is not after today', () => {
    expect(() => issueRectification(inspection(), { dueDate: '2026-12-01' }, { actor: office, now: NOW, ids, workingDays: 10 })).toThrow(
      expect.objectContaining({ code: 'due_date_past' }),
    );
  });

  it('counts the default due date in working days across a weekend', () => {
    // Friday 2026-12-04 + 2 working days = Tuesday 2026-12-08.
    expect(defaultDueDate('2026-12-04T09:00:00+08:00', 2)).toBe('2026-12-08');
  });
});

describe('answering and re-checking an item', () => {
  const item = (): RectificationItem => issued().items[0]!;
  const responded = () => respondToItem(item(), { measures: '已恢复更新，每周发布三条', evidenceUrls: ['https://weibo.com/1/x'], version: 1 }, { actor: editor, now: NOW });

  it('a department editor answers: responded, with measures and evidence', () => {
    const r = responded();
    expect(r.stage).toBe('responded');
    expect(r.version).toBe(2);
    expect(r.response).toMatchObject({ measures: '已恢复更新，每周发布三条', late: false, by: { sub: 'ed-1' } });
  });

  it('an editor of another department cannot answer', () => {
    expect(() => respondToItem(item(), { measures: 'x', version: 1 }, { actor: otherEditor, now: NOW })).toThrow(answeredAs({ status: 403 }));
  });

  it('a stale version is refused', () => {
    expect(() => respondToItem(item(), { measures: 'x', version: 7 }, { actor: editor, now: NOW })).toThrow(expect.objectContaining({ code: 'stale_version' }));
  });

  it('accepting an account that passes the re-check verifies the item and keeps the re-check', () => {
    const r = reviewItem(responded(), { decision: 'accept', version: 2 }, grade('pass'), { actor: office, now: NOW });
    expect(r.stage).toBe('verified');
    expect(r.recheck).toMatchObject({ verdict: 'pass', checkDate: '2026-12-10' });
  });

  it('accepting an account that still fails is 422 still_failing', () => {
    expect(() => reviewItem(responded(), { decision: 'accept', version: 2 }, grade('fail'), { actor: office, now: NOW })).toThrow(answeredAs({ code: 'still_failing', status: 422 }));
  });

  it('reopening sends the item back to the department with the note', () => {
    const r = reviewItem(responded(), { decision: 'reopen', note: '佐证材料不足', version: 2 }, grade('fail'), { actor: reviewer, now: NOW });
    expect(r.stage).toBe('open');
    expect(r.history.at(-1)).toMatchObject({ action: 'reopen', note: '佐证材料不足' });
  });

  it('the responder cannot review their own answer', () => {
    const both: Principal = { sub: 'ed-1', name: '张编', roles: ['editor', 'office'], region: '330127', department: 'd1' };
    const r = respondToItem(item(), { measures: 'x', version: 1 }, { actor: both, now: NOW });
    expect(() => reviewItem(r, { decision: 'accept', version: 2 }, grade('pass'), { actor: both, now: NOW })).toThrow(expect.objectContaining({ code: 'self_review' }));
  });

  it.each([
    ['review an open item', () => reviewItem(item(), { decision: 'accept', version: 1 }, grade('pass'), { actor: office, now: NOW })],
    ['answer twice', () => respondToItem(responded(), { measures: 'x', version: 2 }, { actor: editor, now: NOW })],
    [
      'answer a verified item',
      () => {
        const v = reviewItem(responded(), { decision: 'accept', version: 2 }, grade('pass'), { actor: office, now: NOW });
        return respondToItem(v, { measures: 'x', version: 3 }, { actor: editor, now: NOW });
      },
    ],
    [
      'review a verified item',
      () => {
        const v = reviewItem(responded(), { decision: 'accept', version: 2 }, grade('pass'), { actor: office, now: NOW });
        return reviewItem(v, { decision: 'reopen', version: 3 }, grade('pass'), { actor: office, now: NOW });
      },
    ],
  ])('cannot %s (409 illegal_transition)', (_, act) => {
    expect(act).toThrow(answeredAs({ code: 'illegal_transition', status: 409 }));
  });

  it('an answer after the due date is kept as late', () => {
    const r = respondToItem(item(), { measures: 'x', version: 1 }, { actor: editor, now: '2026-12-16T09:00:00+08:00' });
    expect(r.response?.late).toBe(true);
  });
});

describe('overdue and closing', () => {
  const item = { stage: 'open' as const, dueDate: '2026-12-11' };
  it.each([
    ['during the due date in Beijing', '2026-12-11T23:59:00+08:00', 'open'],
    ['after the due date ended in Beijing (UTC still the same day)', '2026-12-11T16:30:00Z', 'overdue'],
    ['on the weekend after', '2026-12-12T10:00:00+08:00', 'overdue'],
  ])('an open item %s is %s', (_, now, status) => {
    expect(itemStatus(item, now)).toBe(status);
  });

  it('a verified item is never overdue; an item whose account closed is account_closed', () => {
    expect(itemStatus({ stage: 'verified', dueDate: '2026-01-01' }, NOW)).toBe('verified');
    expect(itemStatus({ stage: 'open', dueDate: '2026-01-01' }, NOW, true)).toBe('account_closed');
  });

  it.each([
    [['verified', 'verified'], 'closed'],
    [['verified', 'account_closed'], 'closed'],
    [['verified', 'responded'], 'open'],
    [['overdue'], 'open'],
  ] as const)('items %j make the notice %s', (statuses, expected) => {
    expect(rectificationStatus(statuses)).toBe(expected);
  });
});
