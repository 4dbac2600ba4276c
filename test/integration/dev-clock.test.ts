import { afterEach, describe, expect, it } from 'vitest';
import { call, makeAccount, makeDepartment, office } from '../support/api';

const setClock = (now: string) => call(null, 'PUT', '/dev/clock', { now });

afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

describe('the local dev clock (API.md)', () => {
  it('PUT /dev/clock sets the server clock, which then runs on from that instant', async () => {
    const res = await setClock('2027-03-01T08:00:00+08:00');
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.now)).toBeGreaterThanOrEqual(Date.parse('2027-03-01T00:00:00Z'));
    expect(Date.parse(res.body.now)).toBeLessThan(Date.parse('2027-03-01T00:01:00Z'));
    const later = await call(null, 'GET', '/dev/clock');
    expect(Date.parse(later.body.now)).toBeGreaterThanOrEqual(Date.parse(res.body.now));
  });

  it('moves the default check date of a grade', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await setClock('2027-03-01T08:00:00+08:00');
    const grade = await call(office(), 'GET', `/accounts/${account.id}/grade`);
    expect(grade.status).toBe(200);
    expect(grade.body.checkDate).toBe('2027-03-01');
  });

  it('stamps new records with the dev clock', async () => {
    await setClock('2027-05-20T10:00:00+08:00');
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    expect(account.createdAt.slice(0, 10)).toBe('2027-05-20');
  });

  it('DELETE /dev/clock returns to real time', async () => {
    await setClock('2030-01-01T00:00:00Z');
    const res = await call(null, 'DELETE', '/dev/clock');
    expect(res.status).toBe(200);
    expect(res.body.real).toBe(true);
    expect(Math.abs(Date.parse(res.body.now) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['not an instant', { now: 'tomorrow' }],
    ['a date without a time', { now: '2027-01-01' }],
    ['an unknown field', { now: '2027-01-01T00:00:00Z', speed: 2 }],
    ['no body field', {}],
  ])('refuses %s with 400 and leaves the clock alone', async (_, body) => {
    const res = await call(null, 'PUT', '/dev/clock', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect((await call(null, 'GET', '/dev/clock')).body.real).toBe(true);
  });
});

describe('running a scheduled job at once (POST /dev/jobs/{name})', () => {
  it.each(['sweep', 'dispatch', 'fetch'])('runs %s and answers when it has finished', async (name) => {
    const res = await call(null, 'POST', `/dev/jobs/${name}`);
    expect(res.status).toBe(200);
    expect(res.body.job).toBe(name);
  });

  it('the sweep grades at the dev clock: a silent account becomes stale on day 10', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    await call(office(), 'POST', `/accounts/${account.id}/posts`, {
      posts: [{ externalId: 'p1', publishedAt: '2027-04-01T09:00:00+08:00', title: '办事指南', text: '社保卡办理流程和所需材料' }],
    });
    await setClock('2027-04-11T09:00:00+08:00');
    await call(null, 'POST', '/dev/jobs/sweep');
    const after = await call(office(), 'GET', `/accounts/${account.id}`);
    expect(after.body.flags.map((f: { type: string }) => f.type)).toContain('stale');
  });

  it('an unknown job is 404 naming the jobs there are', async () => {
    const res = await call(null, 'POST', '/dev/jobs/nonsense');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('sweep');
  });
});
