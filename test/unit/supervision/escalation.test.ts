import { describe, expect, it } from 'vitest';
import { NATIONAL_SUPERVISION, filingEvents, staleEvents } from '../../../shared/supervision/escalation';
import { audienceKey, audiencesOf, notificationsOf } from '../../../shared/supervision/notifications';
import { reminderEvents, manualReminder, type Waiting } from '../../../shared/supervision/approvals';
import { addDays, workingHoursBetween } from '../../../shared/time';

const account = {
  id: 'a1',
  name: '淳安人社',
  platform: 'weibo' as const,
  regionCode: '330127',
  departmentId: 'd1',
  lastPostAt: '2026-11-01T09:00:00+08:00',
  createdAt: '2026-01-01T00:00:00Z',
  status: 'active' as const,
};

const audiencesOn = (day: number) =>
  staleEvents(account, addDays('2026-11-01', day), `${addDays('2026-11-01', day)}T02:00:00+08:00`, NATIONAL_SUPERVISION, 14).flatMap((e) => e.audiences.map(audienceKey));

describe('stale escalation under the national profile', () => {
  it.each([
    [9, []],
    [10, ['editor@d:d1']],
    [11, ['editor@d:d1']],
    [12, ['editor@d:d1', 'approver@d:d1']],
    [14, ['editor@d:d1', 'approver@d:d1', 'office@r:330127']],
  ])('day %i without a post reaches %j', (day, expected) => {
    expect(audiencesOn(day)).toEqual(expected);
  });

  it('the same step on two days has one key, so it is written once', () => {
    const key = (day: number) => staleEvents(account, addDays('2026-11-01', day), 'x', NATIONAL_SUPERVISION, 14)[0]!.key;
    expect(key(10)).toBe(key(11));
  });

  it('a new post starts a new cycle', () => {
    const later = { ...account, lastPostAt: '2026-11-20T09:00:00+08:00' };
    const a = staleEvents(account, '2026-11-11', 'x', NATIONAL_SUPERVISION, 14)[0]!.key;
    const b = staleEvents(later, '2026-11-30', 'x', NATIONAL_SUPERVISION, 14)[0]!.key;
    expect(a).not.toBe(b);
  });

  it('a closed account is never chased', () => {
    expect(staleEvents({ ...account, status: 'closed' }, '2026-12-30', 'x', NATIONAL_SUPERVISION, 14)).toEqual([]);
  });
});

describe('notifications', () => {
  it('one notification per audience with an id stable for (event, audience)', () => {
    const [event] = staleEvents(account, '2026-11-15', 'x', NATIONAL_SUPERVISION, 14).slice(-1);
    const first = notificationsOf(event!);
    const again = notificationsOf({ ...event!, at: 'later' });
    expect(first.map((n) => n.id)).toEqual(again.map((n) => n.id));
  });

  it('a token belongs to its department roles in its department and region roles in its region', () => {
    expect(audiencesOf({ sub: 's', name: 'n', roles: ['editor', 'office'], region: '330127', department: 'd1' }).map(audienceKey)).toEqual(['editor@d:d1', 'office@r:330127']);
  });
});

describe('filing deadlines', () => {
  const pending = { ...account, filingPendingSince: '2026-12-01' }; // due 2026-12-08 (5 working days)
  it.each([
    ['2026-12-03', []],
    ['2026-12-04', ['filing_due']],
    ['2026-12-08', ['filing_due']],
    ['2026-12-09', ['filing_overdue']],
  ])('on %s: %j', (today, types) => {
    expect(filingEvents(pending, today, 'x', 5, 2).map((e) => e.type)).toEqual(types);
  });
});

describe('approvals chased after working hours', () => {
  const waiting: Waiting = {
    kind: 'closure',
    id: 'c1',
    what: '关停申请',
    regionCode: '330127',
    departmentId: 'd1',
    tier: 0,
    role: 'approver',
    since: '2026-12-04T16:00:00+08:00',
    requestedBy: { sub: 'e', name: '张编' },
  };
  it('counts office hours only: Friday 16:00 to Monday 10:00 is 2 hours', () => {
    expect(workingHoursBetween('2026-12-04T16:00:00+08:00', '2026-12-07T10:00:00+08:00')).toBe(2);
  });
  it.each([
    ['2026-12-08T15:59:00+08:00', 0],
    ['2026-12-08T16:00:00+08:00', 1],
  ])('at %s: %i reminder(s) after 16 working hours', (now, count) => {
    expect(reminderEvents(waiting, now, 16)).toHaveLength(count);
  });
  it('a manual reminder reaches the waiting tier, at most once an hour', () => {
    const by = { sub: 'o', name: '李敏', roles: ['office' as const], region: '330127' };
    const a = manualReminder(waiting, '2026-12-07T10:05:00Z', by);
    const b = manualReminder(waiting, '2026-12-07T10:55:00Z', by);
    expect(a.audiences.map(audienceKey)).toEqual(['approver@d:d1']);
    expect(a.key).toBe(b.key);
  });
});
