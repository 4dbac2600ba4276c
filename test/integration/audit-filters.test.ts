import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit/audit';
import { listAuditLog, type AuditFilter } from '../../shared/audit/log';
import type { Principal } from '../../shared/auth/principal';
import { auditLogPortsOf } from '../../functions/wiring/domain-ports';
import { localDeps } from '../../functions/wiring/local';
import { call, unique } from '../support/api';

/**
 * Issue 15: the audit log is filtered by date range (Beijing dates), actor, action and entity
 * type — in the store's query over the region's trail, and on one entity's history.
 */
const deps = localDeps();
const region = `3399${String(Date.now() % 90 + 10)}`;
const office: Principal = { sub: `office-${region}`, name: '县委宣传部', roles: ['office'], region };

const entry = (id: string, at: string, actor: [string, string], action: string, entity: [string, string]): AuditEntry => ({
  id: `${id}-${unique()}`,
  at,
  actor: { sub: actor[0], name: actor[1] },
  action,
  entity: { type: entity[0] as AuditEntry['entity']['type'], id: entity[1] },
  regionCode: region,
  before: null,
  after: { n: id },
});

const ids = {
  a1: unique('a1'),
  c1: unique('c1'),
  c2: unique('c2'),
  a2: unique('a2'),
};
const entries = [
  entry('e1', '2026-11-30T15:59:00.000Z', ['u1', '王敏'], 'account.update', ['account', ids.a1]), // 2026-11-30 23:59 Beijing
  entry('e2', '2026-11-30T16:00:00.000Z', ['u2', '李强'], 'closure.approve_tier', ['closure', ids.c1]), // 2026-12-01 00:00 Beijing
  entry('e3', '2026-12-02T10:00:00.000Z', ['u1', '王敏'], 'closure.create', ['closure', ids.c2]),
  entry('e4', '2026-12-03T10:00:00.000Z', ['u2', '李强'], 'account.update', ['account', ids.a2]),
];

const list = async (f: AuditFilter & { entity?: string; limit?: number; cursor?: string }) => listAuditLog({ region, ...f }, office, auditLogPortsOf(deps));
const names = async (f: AuditFilter & { entity?: string }) => (await list({ limit: 100, ...f })).items.map((e) => (e.after as { n: string }).n);

describe('GET /audit-log filters', () => {
  beforeAll(async () => {
    for (const e of entries) await deps.stores.table.transact([deps.stores.table.auditPut(e)]);
  });

  it('lists the whole trail newest first without a filter', async () => {
    expect(await names({})).toEqual(['e4', 'e3', 'e2', 'e1']);
  });

  it('takes a date range in Beijing dates, both ends inclusive', async () => {
    expect(await names({ from: '2026-12-01', to: '2026-12-02' })).toEqual(['e3', 'e2']);
    expect(await names({ to: '2026-11-30' })).toEqual(['e1']);
    expect(await names({ from: '2026-12-03' })).toEqual(['e4']);
  });

  it('takes an actor by id or by part of the name', async () => {
    expect(await names({ actor: 'u2' })).toEqual(['e4', 'e2']);
    expect(await names({ actor: '王' })).toEqual(['e3', 'e1']);
  });

  it('takes one action and one entity type, and combines the filters', async () => {
    expect(await names({ action: 'account.update' })).toEqual(['e4', 'e1']);
    expect(await names({ type: 'closure' })).toEqual(['e3', 'e2']);
    expect(await names({ type: 'closure', actor: '李强' })).toEqual(['e2']);
    expect(await names({ type: 'closure', from: '2026-12-02', action: 'closure.approve_tier' })).toEqual([]);
  });

  it('pages a filtered trail with its cursor', async () => {
    const first = await list({ type: 'account', limit: 1 });
    expect(first.items.map((e) => (e.after as { n: string }).n)).toEqual(['e4']);
    expect(first.cursor).toBeTruthy();
    const second = await list({ type: 'account', limit: 1, cursor: first.cursor! });
    expect(second.items.map((e) => (e.after as { n: string }).n)).toEqual(['e1']);
  });

  it('narrows one entity’s history too', async () => {
    expect(await names({ entity: `closure:${ids.c1}` })).toEqual(['e2']);
    expect(await names({ entity: `closure:${ids.c1}`, from: '2026-12-02' })).toEqual([]);
  });
});

describe('GET /audit-log query', () => {
  it('answers the filtered trail over HTTP', async () => {
    const res = await call(office, 'GET', `/audit-log?region=${region}&type=closure&from=2026-12-01&to=2026-12-02&actor=${encodeURIComponent('王')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: AuditEntry) => (e.after as { n: string }).n)).toEqual(['e3']);
  });

  it('refuses an unknown entity type, a malformed action and a date that does not exist, at their parameter', async () => {
    for (const [q, path] of [
      ['type=accounts', 'type'],
      ['action=DROP TABLE', 'action'],
      ['from=2026-02-30', 'from'],
    ] as const) {
      const res = await call(office, 'GET', `/audit-log?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });
});
