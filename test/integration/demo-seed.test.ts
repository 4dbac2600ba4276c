import { beforeAll, describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { DEMO_REGION, DEMO_USERS } from '../../functions/local/seed';
import { demoUsers, seedIfEmpty } from '../../functions/local/seed-runner';
import { call, type Caller } from '../support/api';

const deps = localDeps();

/** The demo county as `npm start` seeds it: the supervision loop has something to show every demo user. */
let users: Caller[] = [];

beforeAll(async () => {
  await seedIfEmpty(deps, true);
  users = (await demoUsers(deps)).map((u) => ({ sub: u.sub, name: u.name, roles: u.roles, region: u.region, ...(u.department ? { department: u.department } : {}) }));
}, 240_000);

describe('the demo supervision loop', () => {
  it('has one issued rectification with open, responded, verified and overdue items', async () => {
    const office = users.find((u) => u.sub === 'demo-office')!;
    const list = await call(office, 'GET', `/rectifications?region=${DEMO_REGION}`);
    expect(list.body.items).toHaveLength(1);
    const notice = await call(office, 'GET', `/rectifications/${list.body.items[0].id}`);
    const statuses = new Set(notice.body.items.map((i: { status: string }) => i.status));
    for (const s of ['open', 'responded', 'verified', 'overdue']) expect(statuses, s).toContain(s);
  });

  it.each(DEMO_USERS.filter((u) => !u.roles.includes('admin')).map((u) => [u.sub]))('%s has unread notifications', async (sub) => {
    const user = users.find((u) => u.sub === sub)!;
    const res = await call(user, 'GET', '/notifications?unread=true');
    expect(res.body.unread).toBeGreaterThan(0);
  });
});
