import { describe, expect, it } from 'vitest';
import { allRouteSet } from '../../functions/api/route-sets';
import { createApp } from '../../functions/api/app';
import { gradingPool } from '../../functions/jobs/grading-pool';
import { localDeps } from '../../functions/wiring/local';
import { assessmentPortsOf } from '../../functions/wiring/domain-ports';
import { INLINE_LIMIT, inChunkOrder } from '../../shared/assessment/jobs';
import type { AssessmentPorts } from '../../shared/assessment/assessment-ports';
import { auditEntry } from '../../shared/audit/audit';
import { mapLimit } from '../../shared/util/concurrency';
import type { Account, Platform } from '../../shared/registry/schemas';
import { call as callOnce, callerOf, makeDepartment, unique, type Caller } from '../support/api';

/**
 * Inspections and what-ifs of more than 1,000 accounts run as jobs (API.md "Inspections are
 * jobs", issue 13): 202 at once, progress while the worker pool grades chunks of 100, results
 * paged. The tests share one region of 1,100 accounts, written through the repository (not 1,100 POSTs).
 */
const deps = localDeps();
const CHECK_DATE = '2026-11-20';
const SIZE = 1100;
const SERVICE = { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，办理时间为工作日 9:00-17:00，咨询电话 12333。' };

/**
 * `call` as a client should make it: a 503 (the store unavailable: DynamoDB Local starved on a busy
 * machine) is asked again after a pause, as the API's message says.
 */
const patient =
  (via: typeof callOnce): typeof callOnce =>
  async (...args) => {
    for (let attempt = 1; ; attempt++) {
      const res = await via(...args);
      if (res.status !== 503 || attempt >= 6) return res;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  };
const call = patient(callOnce);

const officeOf = (region: string): Caller => ({ sub: `office-${region}`, roles: ['office'], region, name: '检查员' });

/** A Beijing-time instant `daysBefore` days before the check date. */
const daysBefore = (n: number) => {
  const d = new Date(`${CHECK_DATE}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return `${d.toISOString().slice(0, 10)}T10:00:00+08:00`;
};

interface Region {
  code: string;
  departments: string[];
  accounts: Account[];
  /** Accounts given service posts (they pass the national profile; every other account fails no_update). */
  active: Set<string>;
  /** Of those, the ones whose latest post is 12 days old (they fail a 10-day window). */
  lagging: Set<string>;
}

/** `SIZE` accounts over two departments and two platforms, written with createAll; 8 get recent posts, 4 posts 12–15 days old. */
async function regionOfAccounts(code: string): Promise<Region> {
  const departments = [(await makeDepartment(code, unique('人社局'))).id, (await makeDepartment(code, unique('文旅局'))).id];
  const now = deps.clock.now();
  const actor = { sub: `office-${code}`, name: '检查员', roles: ['office' as const], region: code };
  const accounts: Account[] = Array.from({ length: SIZE }, (_, i) => ({
    id: deps.ids.next(),
    regionCode: code,
    platform: (i % 3 === 0 ? 'weibo' : 'wechat') as Platform,
    handle: unique(`job${i}`),
    name: `政务账号${i}`,
    departmentId: departments[i % 2]!,
    interactionEnabled: true,
    contacts: [{ name: '王敏', phone: '0571-65012345' }],
    status: 'active',
    flags: [],
    postCount: 0,
    lastValidatedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  // One transaction per account (account, handle guard, audit entry), a few at a time, each retried: DynamoDB Local
  // on a loaded machine times out now and then, and a big import transaction would fail as a whole.
  await mapLimit(accounts, 6, async (account) => {
    const audit = auditEntry(actor, 'account.create', { type: 'account', id: account.id }, { regionCode: code, departmentId: account.departmentId }, null, account, now, deps.ids.next());
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.stores.accounts.create(account, audit);
      } catch (err) {
        // A timed-out write may have landed: then it is done.
        if (await deps.stores.accounts.get(account.id).catch(() => undefined)) return;
        if (attempt >= 6) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  });
  const active = new Set(accounts.slice(0, 12).map((a) => a.id));
  const lagging = new Set(accounts.slice(8, 12).map((a) => a.id));
  for (const id of active) {
    const posts = (lagging.has(id) ? [12, 13, 14, 15] : [1, 3, 6, 9, 12]).map((d, i) => ({ externalId: `p${i}`, publishedAt: daysBefore(d), ...SERVICE }));
    // Posted again after a 503, the same posts are duplicates (externalId), not new ones.
    expect((await call(officeOf(code), 'POST', `/accounts/${id}/posts`, { posts })).status).toBe(200);
  }
  return { code, departments, accounts, active, lagging };
}

/** The one region of 1,100 accounts the tests inspect (built once, on first use). */
let prepared: Promise<Region> | undefined;
const region = () => (prepared ??= regionOfAccounts('330611'));
/** Grading 1,100 accounts on a shared, loaded machine takes a while. */
const SLOW = { timeout: 480_000 };

type Call = typeof call;

/** Polls GET until the job has left `running`; answers its last view. */
async function settled(get: Call, path: string, region: string, timeoutMs = 50_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await get(officeOf(region), 'GET', path);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    expect(res.body.progress.checked).toBeLessThanOrEqual(res.body.progress.total);
    if (Date.now() > until) throw new Error(`${path} still running: ${JSON.stringify(res.body.progress)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every page of GET /inspections/{id}/results with `filter`. */
async function allResults(get: Call, id: string, region: string, filter = '') {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { status: number; body: any } = await get(officeOf(region), 'GET', `/inspections/${id}/results?limit=200${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(200);
    items.push(...res.body.items);
    cursor = res.body.cursor;
    pages++;
  } while (cursor && pages < 100);
  return items;
}

/** An app whose worker pool grades over `ports` (a store that fails on purpose), retrying quickly. */
function appWithPorts(wrap: (ports: AssessmentPorts) => AssessmentPorts) {
  const engine = gradingPool(() => wrap(assessmentPortsOf(deps)), { attempts: 3, backoffMs: () => 20 });
  return patient(callerOf(createApp({ ...deps, inspectionJobs: engine }, allRouteSet())));
}

/** Ports whose result writes (a chunk's grades land with the chunk) fail for the chunk holding `accountId`, `times` times (Infinity: always). */
function failingResultWrites(accountId: string, times: number) {
  let failures = 0;
  type Land = AssessmentPorts['inspections']['landChunk'];
  return (ports: AssessmentPorts): AssessmentPorts => ({
    ...ports,
    inspections: Object.assign(Object.create(ports.inspections), {
      landChunk: async (...args: Parameters<Land>) => {
        const results = args[6] ?? [];
        if (failures < times && results.some((r) => r.grade.accountId === accountId)) {
          failures++;
          throw new Error('ProvisionedThroughputExceededException: simulated');
        }
        return ports.inspections.landChunk(...args);
      },
    }),
  });
}

describe('an inspection of more than 1,000 accounts', () => {
  let done: Promise<{ id: string; view: any }> | undefined;
  /** The inspection the paging tests read: started once, polled until it has left running. */
  const finished = () =>
    (done ??= (async () => {
      const r = await region();
      const started = await call(officeOf(r.code), 'POST', '/inspections', { regionCode: r.code, checkDate: CHECK_DATE });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ id: expect.any(String), status: 'running', progress: { total: SIZE } });
      expect(started.body.results).toBeUndefined();
      return { id: started.body.id as string, view: await settled(call, `/inspections/${started.body.id}`, r.code, 450_000) };
    })());

  it('answers 202 with its progress, then reaches done with every account checked and the summary', SLOW, async () => {
    const { view } = await finished();
    expect(view).toMatchObject({ status: 'done', progress: { checked: SIZE, total: SIZE }, summary: { checked: SIZE, passed: 12, failed: SIZE - 12 } });
    expect(view.summary.byPlatform.weibo.checked).toBe(Math.ceil(SIZE / 3));
    expect(Object.keys(view.summary.byDepartment)).toHaveLength(2);
    // Above INLINE_LIMIT the results are never inline: they are paged.
    expect(SIZE).toBeGreaterThan(INLINE_LIMIT);
    expect(view.results).toBeUndefined();
  });

  it('pages every result exactly once', SLOW, async () => {
    const r = await region();
    const { id } = await finished();
    const ids = (await allResults(call, id, r.code)).map((g) => g.accountId);
    expect(ids).toHaveLength(SIZE);
    expect(new Set(ids)).toEqual(new Set(r.accounts.map((a) => a.id)));
  });

  it('pages only the verdict, platform and department asked for', SLOW, async () => {
    const r = await region();
    const { id } = await finished();
    const passed = await allResults(call, id, r.code, '&verdict=pass');
    expect(new Set(passed.map((g) => g.accountId))).toEqual(r.active);
    const weibo = await allResults(call, id, r.code, '&platform=weibo');
    expect(new Set(weibo.map((g) => g.accountId))).toEqual(new Set(r.accounts.filter((a) => a.platform === 'weibo').map((a) => a.id)));
    const dept = r.departments[1]!;
    const failedInDept = await allResults(call, id, r.code, `&verdict=fail&department=${dept}`);
    expect(new Set(failedInDept.map((g) => g.accountId))).toEqual(new Set(r.accounts.filter((a) => a.departmentId === dept && !r.active.has(a.id)).map((a) => a.id)));
  });

  it('is hidden from another region (404)', SLOW, async () => {
    const { id } = await finished();
    expect((await call(officeOf('330612'), 'GET', `/inspections/${id}`)).status).toBe(404);
    expect((await call(officeOf('330612'), 'GET', `/inspections/${id}/results`)).status).toBe(404);
  });

  it.each([['verdict=maybe'], ['platform=myspace'], ['limit=0'], ['department=a%20b'], ['sort=score']])('refuses the results query %s (400)', async (q) => {
    const res = await call(officeOf('330611'), 'GET', `/inspections/any-id/results?${q}`);
    expect(res.status).toBe(400);
  });
});

describe('an inspection job still running', () => {
  /** An engine that accepts the chunks and never runs them: the job stays running. */
  const stuck = patient(callerOf(createApp({ ...deps, inspectionJobs: { submit: async () => {} } }, allRouteSet())));

  it('shows its progress and answers 409 inspection_not_done for its results and its report', SLOW, async () => {
    const r = await region();
    const started = await stuck(officeOf(r.code), 'POST', '/inspections', { regionCode: r.code, checkDate: CHECK_DATE });
    expect(started.status).toBe(202);
    const view = await stuck(officeOf(r.code), 'GET', `/inspections/${started.body.id}`);
    expect(view.body).toMatchObject({ status: 'running', progress: { checked: 0, total: SIZE } });
    expect(view.body.summary).toBeUndefined();
    const [results, report] = await Promise.all([
      stuck(officeOf(r.code), 'GET', `/inspections/${started.body.id}/results`),
      stuck(officeOf(r.code), 'GET', `/inspections/${started.body.id}/report?format=csv`),
    ]);
    expect(results.status).toBe(409);
    expect(results.body.error).toMatchObject({ code: 'inspection_not_done', params: { total: SIZE } });
    expect(report.status).toBe(409);
    expect(report.body.error).toMatchObject({ code: 'inspection_not_done', params: { total: SIZE } });
  });
});

describe('a what-if of more than 1,000 accounts', () => {
  it('answers 202, then done with both summaries and the accounts whose verdict changes', SLOW, async () => {
    const r = await region();
    const started = await call(officeOf(r.code), 'POST', '/inspections/what-if', {
      regionCode: r.code,
      checkDate: CHECK_DATE,
      baseline: { name: 'national' },
      candidate: { name: 'strict-10day' },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), status: 'running', progress: { total: SIZE } });
    const done = await settled(call, `/inspections/what-if/${started.body.id}`, r.code, 450_000);
    expect(done).toMatchObject({ status: 'done', progress: { checked: SIZE, total: SIZE }, compared: SIZE, unchanged: SIZE - 4 });
    expect(done.baseline.summary).toMatchObject({ checked: SIZE, passed: 12 });
    expect(done.candidate.summary).toMatchObject({ checked: SIZE, passed: 8 });
    // A latest post 12 days before the check date passes the 14-day window but not the 10-day one.
    expect(new Set(done.newlyFailing.map((c: { accountId: string }) => c.accountId))).toEqual(r.lagging);
    expect(done.changes).toHaveLength(4);
    expect(done.changes[0].account.departmentId).toEqual(expect.any(String));
  });
});

describe('an inspection job whose chunk fails', () => {
  /** The account ids in the order the job cuts them into chunks of 100. */
  const chunkOrderIds = async () => inChunkOrder((await region()).accounts).map((a) => a.id);

  it('retries a chunk that fails once, and still finishes with every account', SLOW, async () => {
    const r = await region();
    const victim = (await chunkOrderIds())[450]!;
    const via = appWithPorts(failingResultWrites(victim, 1));
    const started = await via(officeOf(r.code), 'POST', '/inspections', { regionCode: r.code, checkDate: CHECK_DATE });
    expect(started.status).toBe(202);
    const done = await settled(via, `/inspections/${started.body.id}`, r.code, 450_000);
    expect(done).toMatchObject({ status: 'done', progress: { checked: SIZE, total: SIZE }, summary: { checked: SIZE, passed: 12 } });
    const ids = (await allResults(via, started.body.id, r.code)).map((g) => g.accountId);
    expect(ids).toHaveLength(SIZE);
    expect(ids).toContain(victim);
  });

  it('ends failed, naming the chunk and its reason, when a chunk fails every attempt; its results answer 409', SLOW, async () => {
    const r = await region();
    const victim = (await chunkOrderIds())[50]!;
    const via = appWithPorts(failingResultWrites(victim, Infinity));
    const started = await via(officeOf(r.code), 'POST', '/inspections', { regionCode: r.code, checkDate: CHECK_DATE });
    expect(started.status).toBe(202);
    const failed = await settled(via, `/inspections/${started.body.id}`, r.code, 450_000);
    expect(failed).toMatchObject({ status: 'failed', failure: { code: 'chunk_failed', chunk: 0 } });
    expect(failed.failure.message).toContain('第 1 批');
    expect(failed.failure.message).toContain('simulated');
    expect(failed.summary).toBeUndefined();
    expect(failed.progress.checked).toBeLessThan(SIZE);
    const results = await via(officeOf(r.code), 'GET', `/inspections/${started.body.id}/results`);
    expect(results.status).toBe(409);
    expect(results.body.error).toMatchObject({ code: 'inspection_not_done', params: { total: SIZE } });
  });
});
