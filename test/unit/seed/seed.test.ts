import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_REGION, DEMO_USERS, SEED_ACTOR, buildPlan, seedDemoRegion, type SeedPorts, type SeedResult } from '../../../functions/local/seed';
import type { ActivityStore } from '../../../shared/activity/ingest';
import type { MetricSnapshot, Post } from '../../../shared/activity/schemas';
import type { AuditEntry } from '../../../shared/audit/audit';
import { Conflict, StaleVersion } from '../../../shared/errors';
import type { AccountStore, DepartmentStore } from '../../../shared/registry/registry';
import { AccountInput, type Account, type Department } from '../../../shared/registry/schemas';

const TODAY = '2026-05-20';

/** A Map-backed store implementing the registry and activity ports. */
function memoryPorts() {
  const departments = new Map<string, Department>();
  const accounts = new Map<string, Account>();
  const handles = new Set<string>();
  const posts = new Map<string, Map<string, Post>>();
  const metrics = new Map<string, MetricSnapshot[]>();
  const audit: AuditEntry[] = [];
  let n = 0;
  const ids = { next: () => `id${String(++n).padStart(7, '0')}` };
  const clock = { now: () => '2026-05-20T01:00:00.000Z' };

  const deptStore: DepartmentStore = {
    get: async (id) => departments.get(id),
    create: async (d, a) => {
      departments.set(d.id, structuredClone(d));
      audit.push(a);
    },
  };
  const accountStore: AccountStore = {
    get: async (id) => structuredClone(accounts.get(id)),
    create: async (acc, a) => {
      const key = `${acc.platform}/${acc.handle.toLowerCase()}`;
      if (handles.has(key)) throw new Conflict('handle_taken', key);
      handles.add(key);
      accounts.set(acc.id, structuredClone(acc));
      audit.push(a);
    },
    update: async (before, after, a) => {
      if (accounts.get(before.id)?.version !== before.version) throw new StaleVersion();
      accounts.set(after.id, structuredClone(after));
      audit.push(a);
    },
  };
  const insertNew: ActivityStore['insertNew'] = async (acc, batch, auditFor) => {
    const own = posts.get(acc.id) ?? new Map<string, Post>();
    posts.set(acc.id, own);
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const p of batch) {
      if (own.has(p.externalId)) duplicates.push(p.externalId);
      else {
        own.set(p.externalId, structuredClone(p));
        accepted.push(p.externalId);
      }
    }
    const stored = accounts.get(acc.id)!;
    stored.postCount += accepted.length;
    for (const id of accepted) {
      const at = new Date(own.get(id)!.publishedAt).toISOString();
      if (!stored.lastPostAt || stored.lastPostAt < at) stored.lastPostAt = at;
    }
    audit.push(auditFor(accepted));
    return { accepted, duplicates };
  };
  const putMetrics: ActivityStore['putMetrics'] = async (acc, recorded) => {
    for (const { snapshot, audit: a } of recorded) {
      metrics.set(acc.id, [...(metrics.get(acc.id) ?? []), structuredClone(snapshot)]);
      audit.push(a);
    }
  };
  const activity: ActivityStore = {
    insertNew,
    putMetrics,
    insertActivity: async (acc, batch, auditFor, snapshots) => {
      const result = batch.length ? await insertNew(acc, batch, auditFor) : { accepted: [], duplicates: [] };
      await putMetrics(acc, snapshots);
      return result;
    },
  };
  const ports: SeedPorts = {
    registry: { departments: deptStore, accounts: accountStore, clock, ids },
    activity: { accounts: accountStore, activity, clock, ids },
  };
  return { ports, departments, accounts, posts, metrics, audit };
}

type Mem = ReturnType<typeof memoryPorts>;

/** Everything but generated ids and timestamps, keyed by platform/handle. */
function snapshot(mem: Mem) {
  const out: Record<string, unknown> = {};
  for (const a of mem.accounts.values()) {
    const { id, departmentId, createdAt, updatedAt, lastValidatedAt, ...rest } = a;
    out[`${a.platform}/${a.handle}`] = {
      ...rest,
      department: mem.departments.get(departmentId)?.name,
      posts: [...(mem.posts.get(id)?.values() ?? [])].map(({ accountId, ingestedAt, ...p }) => p),
      metrics: (mem.metrics.get(id) ?? []).map(({ accountId, ...m }) => m),
    };
  }
  return out;
}

const daysBefore = (instant: string) => (Date.parse(`${TODAY}T00:00:00+08:00`) - Date.parse(instant)) / 86_400_000;
const OFF_TERMS = /明星|八卦|特惠|促销|直播带货|抽奖|开奖|特价|震惊|速看|不转不是|emo|心情不太好|碎碎念|好累|猫咪|奶茶|鹦鹉/;
const TYPOS = /按装|既使|在接再厉|一股作气|默守成规|迫不急待/;

describe('seedDemoRegion', () => {
  let mem: Mem;
  let result: SeedResult;
  let byName: (name: string) => Account[];
  let postsOf: (a: Account) => Post[];
  const random = vi.spyOn(Math, 'random');

  beforeAll(async () => {
    mem = memoryPorts();
    const logs: string[] = [];
    result = await seedDemoRegion(mem.ports, TODAY, (m) => logs.push(m));
    expect(logs.length).toBeGreaterThan(0);
    byName = (name) => [...mem.accounts.values()].filter((a) => a.name === name);
    postsOf = (a) => [...(mem.posts.get(a.id)?.values() ?? [])];
  });
  afterEach(() => random.mockClear());
  afterAll(() => random.mockRestore());

  it('never uses Math.random', () => {
    expect(random).not.toHaveBeenCalled();
  });

  it('seeds about 30 departments, 150 accounts and 5,000–8,000 posts in region 330127', () => {
    expect(result.departments).toBe(mem.departments.size);
    expect(result.departments).toBeGreaterThanOrEqual(28);
    expect(result.departments).toBeLessThanOrEqual(36);
    expect(result.accounts).toBe(mem.accounts.size);
    expect(result.accounts).toBeGreaterThanOrEqual(140);
    expect(result.accounts).toBeLessThanOrEqual(160);
    const stored = [...mem.posts.values()].reduce((s, m) => s + m.size, 0);
    expect(result.posts).toBe(stored);
    // Every planned post was accepted: external ids are unique per account.
    expect(stored).toBe(buildPlan(TODAY).accounts.reduce((s, a) => s + a.posts.length, 0));
    expect(stored).toBeGreaterThanOrEqual(5000);
    expect(stored).toBeLessThanOrEqual(8000);
    for (const d of mem.departments.values()) expect(d.regionCode).toBe(DEMO_REGION);
    for (const a of mem.accounts.values()) expect(a.regionCode).toBe(DEMO_REGION);
    expect(mem.audit.every((e) => e.actor.sub === SEED_ACTOR.sub)).toBe(true);
  });

  it('is deterministic: two runs give identical accounts, posts and metrics', async () => {
    const again = memoryPorts();
    await seedDemoRegion(again.ports, TODAY);
    expect(snapshot(again)).toEqual(snapshot(mem));
  });

  it('is relative to today: a day later, every post moves one day later', () => {
    const a = buildPlan(TODAY).accounts;
    const b = buildPlan('2026-05-21').accounts;
    const shift = (s: string) => new Date(Date.parse(s) + 86_400_000).toISOString();
    expect(b[0]!.posts.map((p) => new Date(p.publishedAt).toISOString())).toEqual(a[0]!.posts.map((p) => shift(p.publishedAt)));
  });

  it('stores only accounts that pass the AccountInput schema, with unique platform handles', () => {
    const keys = Object.keys(AccountInput.entries);
    for (const a of mem.accounts.values()) {
      const input = Object.fromEntries(Object.entries(a).filter(([k]) => keys.includes(k)));
      expect(() => v.parse(AccountInput, input), `${a.platform}/${a.handle}`).not.toThrow();
      expect(a.contacts.length).toBeGreaterThan(0);
      expect(a.openedAt! < TODAY).toBe(true);
      expect(a.handle).toMatch(/^[\x21-\x7e]+$/);
    }
    const pairs = [...mem.accounts.values()].map((a) => `${a.platform}/${a.handle}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const platforms = new Set([...mem.accounts.values()].map((a) => a.platform));
    expect([...platforms].sort()).toEqual(['app', 'bilibili', 'douyin', 'kuaishou', 'miniprogram', 'toutiao', 'wechat', 'weibo']);
    const count = (p: string) => pairs.filter((k) => k.startsWith(`${p}/`)).length;
    for (const p of platforms) expect(count('wechat')).toBeGreaterThanOrEqual(count(p));
  });

  it('publishes only before today, in Beijing time, with varied hours', () => {
    const all = [...mem.posts.values()].flatMap((m) => [...m.values()]);
    expect(all.every((p) => p.publishedAt.endsWith('+08:00') && p.publishedAt.slice(0, 10) < TODAY)).toBe(true);
    expect(all.some((p) => p.publishedAt.includes('T23:30'))).toBe(true);
    expect(all.some((p) => p.publishedAt.slice(11, 13) < '08')).toBe(true);
    for (const a of mem.accounts.values()) {
      expect(a.postCount).toBe(postsOf(a).length);
      for (const p of postsOf(a)) expect(p.publishedAt.slice(0, 10) >= a.openedAt!).toBe(true);
    }
  });

  it('has zombie, dormant and stale accounts', () => {
    const accounts = [...mem.accounts.values()];
    const age = (a: Account) => (a.lastPostAt ? daysBefore(a.lastPostAt) : Infinity);
    const zombies = accounts.filter((a) => age(a) > 90 && daysBefore(`${a.openedAt}T00:00:00+08:00`) > 30);
    const dormant = accounts.filter((a) => age(a) > 31 && age(a) <= 90);
    const stale = accounts.filter((a) => age(a) > 9 && age(a) <= 14);
    expect(zombies.length).toBeGreaterThanOrEqual(8);
    expect(zombies.length).toBeLessThanOrEqual(14);
    expect(zombies.some((a) => a.postCount === 0)).toBe(true);
    expect(dormant.length).toBeGreaterThanOrEqual(8);
    expect(dormant.length).toBeLessThanOrEqual(16);
    expect(stale.length).toBeGreaterThanOrEqual(3);
    expect(byName('淳安医保').find((a) => a.platform === 'kuaishou')?.postCount).toBe(0); // opened 20 days ago
  });

  it('has duplicate, similar, internal-division, naming and interaction cases', () => {
    const market = [...mem.departments.values()].find((d) => d.name === '淳安县市场监督管理局')!;
    const marketWechat = [...mem.accounts.values()].filter((a) => a.departmentId === market.id && a.platform === 'wechat');
    expect(marketWechat.map((a) => a.name).sort()).toEqual(['淳安县市场监管', '淳安市场监督管理']);
    expect(byName('淳安文旅').length).toBeGreaterThan(0);
    expect(byName('淳安县文化和旅游')[0]?.departmentId).not.toBe(byName('淳安文旅')[0]?.departmentId);
    const names = [...mem.accounts.values()].map((a) => a.name);
    for (const part of ['交警大队宣传科', '千岛湖秀水节', '创文办', '综合信息指挥室']) expect(names.some((n) => n.includes(part))).toBe(true);
    expect([...mem.accounts.values()].some((a) => a.verifiedSubject?.endsWith('有限公司'))).toBe(true);
    expect([...mem.accounts.values()].some((a) => !a.interactionEnabled)).toBe(true);
  });

  it('has off-mission-heavy accounts, typos and a leaked ID number', () => {
    const recent = (a: Account) => postsOf(a).filter((p) => daysBefore(p.publishedAt) <= 90);
    const heavy = [...mem.accounts.values()].filter((a) => {
      const ps = recent(a);
      return ps.length >= 5 && ps.filter((p) => OFF_TERMS.test(`${p.title} ${p.text}`)).length / ps.length >= 0.2;
    });
    expect(heavy.length).toBeGreaterThanOrEqual(8);
    const all = [...mem.posts.values()].flatMap((m) => [...m.values()]);
    expect(all.filter((p) => TYPOS.test(p.text)).length).toBeGreaterThanOrEqual(5);
    const leaks = all.filter((p) => /\d{17}[\dX]/.test(p.text));
    expect(leaks.length).toBeGreaterThanOrEqual(1);
    expect(leaks.length).toBeLessThanOrEqual(2);
    expect(all.some((p) => /^震惊/.test(p.title ?? ''))).toBe(true);
  });

  it('records metrics for most accounts, with a few anomalies', () => {
    expect(mem.metrics.size).toBeGreaterThan(mem.accounts.size * 0.9);
    const latest = [...mem.metrics.values()].map((s) => s.at(-1)!);
    expect(latest.filter((m) => (m.oldestUnansweredDays ?? 0) > 90).length).toBeGreaterThanOrEqual(2);
    expect(latest.filter((m) => m.brokenServiceLinks?.length).length).toBeGreaterThanOrEqual(2);
    for (const m of latest) expect(m.at.slice(0, 10) < TODAY).toBe(true);
  });

  it('names demo users by existing departments, with two approvers in one department', () => {
    const deptNames = new Set([...mem.departments.values()].map((d) => d.name));
    for (const u of DEMO_USERS) {
      expect(u.region).toBe(DEMO_REGION);
      if (u.departmentName) expect(deptNames.has(u.departmentName), u.departmentName).toBe(true);
    }
    for (const role of ['office', 'reviewer', 'admin', 'editor', 'approver'] as const) {
      expect(DEMO_USERS.some((u) => u.roles.includes(role))).toBe(true);
    }
    const approvers = DEMO_USERS.filter((u) => u.roles.includes('approver'));
    const perDept = new Map<string, number>();
    for (const u of approvers) perDept.set(u.departmentName!, (perDept.get(u.departmentName!) ?? 0) + 1);
    expect(Math.max(...perDept.values())).toBeGreaterThanOrEqual(2);
    expect(new Set(DEMO_USERS.map((u) => u.sub)).size).toBe(DEMO_USERS.length);
  });

  it('rejects a malformed date before writing anything', async () => {
    const fresh = memoryPorts();
    await expect(seedDemoRegion(fresh.ports, '2026-02-30')).rejects.toThrow(/YYYY-MM-DD/);
    expect(fresh.departments.size).toBe(0);
  });
});
