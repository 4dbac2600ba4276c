import { afterEach, describe, expect, it } from 'vitest';
import { admin, call, editorOf, makeAccount, makeDepartment, office, type Caller } from '../support/api';

/**
 * The official holiday calendar (API.md "Yearly duties"): the shipped State Council years,
 * the years a national-level admin enters, and the deadlines that follow them. Dates the
 * closure rules compare with "now" are driven by the dev clock.
 */
const setClock = async (now: string) => expect((await call(null, 'PUT', '/dev/clock', { now })).status).toBe(200);
afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

const nationalAdmin: Caller = { sub: 'admin-national', roles: ['admin'], region: '100000', name: '国家级平台管理员' };
const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id, name: '科长' });
const reviewer: Caller = { sub: 'reviewer-330127', roles: ['reviewer'], region: '330127', name: '审核员' };

const DAY_MS = 86_400_000;
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) - days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);

/** A closure whose account the platform cancelled on `cancelledOn` (a Beijing date), recorded that day. */
async function closureCancelledOn(cancelledOn: string) {
  const dept = await makeDepartment();
  const account = await makeAccount(dept);
  const noticeDay = daysBefore(cancelledOn, 30);
  await setClock(`${daysBefore(cancelledOn, 31)}T09:00:00+08:00`);
  const created = await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '职能调整，停止运营' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call(approverOf(dept), 'POST', `/closures/${id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(200);
  expect((await call(reviewer, 'POST', `/closures/${id}/decisions`, { decision: 'approve', version: 2 })).status).toBe(200);
  await setClock(`${noticeDay}T10:00:00+08:00`);
  expect((await call(editorOf(dept), 'POST', `/closures/${id}/notice`, { publishedAt: `${noticeDay}T10:00:00+08:00`, url: 'https://mp.weixin.qq.com/s/stop' })).status).toBe(200);
  await setClock(`${cancelledOn}T16:00:00+08:00`);
  const closed = await call(editorOf(dept), 'POST', `/closures/${id}/complete`, { platformCancelledAt: cancelledOn });
  expect(closed.status).toBe(200);
  return { dept, closure: closed.body };
}

describe('GET /calendar/holidays/{year}', () => {
  it('answers a shipped year with its days off and 调休 working days, from the package', async () => {
    const dept = await makeDepartment();
    const res = await call(editorOf(dept), 'GET', '/calendar/holidays/2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, known: true, source: 'package' });
    expect(res.body.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-15', '2026-02-23']));
    expect(res.body.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10', '2026-02-14', '2026-02-28']));
  });

  it('answers a year with neither source as known: false with empty lists', async () => {
    const res = await call(office(), 'GET', '/calendar/holidays/2031');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ year: 2031, known: false, source: null, holidays: [], workdays: [] });
  });

  it('refuses a year that is not four digits (400)', async () => {
    expect((await call(office(), 'GET', '/calendar/holidays/26')).status).toBe(400);
  });

  it('needs a signed-in user (401)', async () => {
    expect((await call(null, 'GET', '/calendar/holidays/2026')).status).toBe(401);
  });
});

describe('PUT /calendar/holidays/{year}', () => {
  const year2030 = { holidays: ['2030-01-01', '2030-10-01'], workdays: ['2030-09-29'] };

  it('is 403 for a user who is not an admin', async () => {
    const res = await call(office(), 'PUT', '/calendar/holidays/2030', year2030);
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('is 403 calendar_national_only for an admin below the national level', async () => {
    const res = await call(admin('330127'), 'PUT', '/calendar/holidays/2030', year2030);
    expect([res.status, res.body.error.code]).toEqual([403, 'calendar_national_only']);
  });

  it.each([
    [{ holidays: ['2030-02-30'], workdays: [] }, 'holidays.0', 'a date that does not exist'],
    [{ holidays: ['2029-12-31'], workdays: [] }, 'holidays.0', 'a date outside the year'],
    [{ holidays: ['2030-10-05'], workdays: ['2030-10-05'] }, 'workdays.0', 'a date both a holiday and a working day'],
    [{ holidays: [], workdays: ['2030-10-08'] }, 'workdays.0', 'a 调休 working day on a weekday'],
  ])('refuses %j (400 at %s: %s)', async (body, path) => {
    const res = await call(nationalAdmin, 'PUT', '/calendar/holidays/2030', body);
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses a body without both lists (400)', async () => {
    expect((await call(nationalAdmin, 'PUT', '/calendar/holidays/2030', { holidays: ['2030-01-01'] })).status).toBe(400);
  });

  it('refuses a year the package ships (409 holiday_year_shipped)', async () => {
    const res = await call(nationalAdmin, 'PUT', '/calendar/holidays/2026', { holidays: ['2026-03-02'], workdays: [] });
    expect([res.status, res.body.error.code]).toEqual([409, 'holiday_year_shipped']);
  });

  it('stores the year for everyone to read, audited', async () => {
    const put = await call(nationalAdmin, 'PUT', '/calendar/holidays/2030', year2030);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ year: 2030, known: true, source: 'admin', ...year2030, updatedBy: { sub: 'admin-national' } });
    expect((await call(office(), 'GET', '/calendar/holidays/2030')).body).toMatchObject({ known: true, source: 'admin', ...year2030 });
    const audit = await call(nationalAdmin, 'GET', '/audit-log?entity=calendar:2030');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'calendar.holidays', entity: { type: 'calendar', id: '2030' }, before: null, after: { ...year2030 } });
  });
});

describe('deadlines follow the official calendar', () => {
  it('puts the 5-working-day filing deadline of a cancellation on 2026-09-29 on 2026-10-12 (国庆, 调休 Saturday 10 October)', async () => {
    const { closure } = await closureCancelledOn('2026-09-29');
    expect(closure.filingDueBy).toBe('2026-10-12');
    expect(closure).not.toHaveProperty('calendarWarning');
  });

  it('counts a filing on 2026-10-12 as five working days, on time', async () => {
    const { dept, closure } = await closureCancelledOn('2026-09-29');
    await setClock('2026-10-12T11:00:00+08:00');
    const filed = await call(editorOf(dept), 'POST', `/closures/${closure.id}/filing`, { filedAt: '2026-10-12', version: closure.version });
    expect(filed.status).toBe(200);
    expect(filed.body.filing).toEqual({ overdue: false, workingDays: 5 });
  });

  it('says so when the deadline falls in a year with no data (calendarWarning, computed Monday to Friday)', async () => {
    const { closure } = await closureCancelledOn('2028-12-28');
    expect(closure.filingDueBy).toBe('2029-01-04');
    expect(closure.calendarWarning).toMatchObject({ code: 'calendar_year_unknown', years: [2028, 2029] });
  });

  it('uses a year an admin entered: the deadline of a cancellation on 2026-12-28 skips 元旦 2027', async () => {
    const put = await call(nationalAdmin, 'PUT', '/calendar/holidays/2027', { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] });
    expect(put.status).toBe(200);
    const { closure } = await closureCancelledOn('2026-12-28');
    // Tue 29, Wed 30, Thu 31, (Fri 1 January off), Mon 4, Tue 5 January.
    expect(closure.filingDueBy).toBe('2027-01-05');
    expect(closure).not.toHaveProperty('calendarWarning');
  });
});
