/**
 * The work of test/bench/sections/inspection-scale.ts, in its own process (its own env, its own
 * memoised deps, and a peak memory that is the inspection's alone). Prints one figure a line.
 *
 * (b) 10,000 accounts × 60 posts: accounts and their activity summaries (folded from 60
 *     generated posts each, as ingest would) are batch-written; then POST /inspections through
 *     the API and GET /inspections/{id} polled until done (the job path above 1,000 accounts),
 *     against reading the same 10,000 summaries with bare BatchGetItem calls.
 * (c) Time per account at 10 and at 100 posts per account: accounts whose posts go in through
 *     POST /accounts/{id}/posts (so ingest keeps the summaries), inspected inline.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { startBenchStore } from './local-store';
import type { Post, PostClassification } from '../../../shared/activity/schemas';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const POSTS = 60;
const SMALL_ACCOUNTS = Number(process.env.BENCH_SMALL_ACCOUNTS ?? 150);
const CHECK = '2026-11-20';
const log = (line: string) => console.log(line);

/** With BENCH_CPU_PROFILE=<file>, a CPU profile of `work` alone (open it in Chrome's DevTools) to see where an inspection spends its time. */
async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return work();
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    log(`(b) CPU profile of the inspection written to ${file}`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const TEXTS = [
  { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，咨询电话 12333。' },
  { title: '县领导调研', text: '县领导到乡镇调研农业生产工作，强调要抓好秋冬种。' },
  { title: '医保参保缴费', text: '2027年度城乡居民医保参保缴费开始啦，可通过浙里办线上缴纳。' },
  { title: '天气提醒', text: '明天有中到大雨，请市民出行注意安全。' },
];

/** Post i of an account: one every 1.5 days back from the check date, mixed categories, a wording slip now and then. */
function generatedPost(accountId: string, i: number): Post {
  const at = new Date(Date.parse(`${CHECK}T10:00:00+08:00`) - Math.floor(i * 1.5) * 86_400_000 - (i % 7) * 3_600_000).toISOString();
  const category = (['service', 'policy', 'news', 'news', 'service', 'off_mission'] as const)[i % 6]!;
  const classification: PostClassification = {
    category,
    ...(category === 'off_mission' ? { offMissionReasons: [{ term: '明星', category: 'entertainment' }] } : {}),
    ...(i % 17 === 3 ? { wording: [{ error: '中华人民共和国国', suggestion: '中华人民共和国', severity: 'ordinary' as const, start: 0, end: 8 }] } : {}),
  };
  return { accountId, externalId: `${accountId}-p${i}`, publishedAt: at, text: '', ingestedAt: `${CHECK}T02:00:00.000Z`, classification, isRepost: i % 5 === 0 };
}

const dynamo = await startBenchStore('govmedia-bench-inspection');
try {
  const { createApp } = await import('../../../functions/api/app');
  const { allRouteSet } = await import('../../../functions/api/route-sets');
  const deps = (await import('../../../functions/wiring/local')).localDeps();
  const { ensureTable } = await import('../../../functions/store/ensure-table');
  const { createDynamoClients } = await import('../../../functions/store/client');
  const { keys } = await import('../../../functions/store/keys');
  const { emptySummary, foldIntoSummary, RETAIN_DAYS } = await import('../../../shared/activity/summary');
  const { addDays } = await import('../../../shared/time');
  const { startInspection } = await import('../../../shared/assessment/run-inspection');
  const { assessmentPortsOf } = await import('../../../functions/wiring/domain-ports');
  const { raw } = createDynamoClients({ endpoint: dynamo.endpoint, region: 'cn-north-1' });
  // The bare reads get their own client with the SDK's default timeouts (the store's 4 s per attempt is the API's budget, not the baseline's).
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  await ensureTable(raw, 'govmedia-bench-inspection');
  const app = createApp(deps, allRouteSet());
  const { stores } = deps;
  const now = `${CHECK}T02:00:00.000Z`;

  const tokenOf = (region: string) => deps.devIssuer!.issue({ sub: `bench-${region}`, roles: ['office', 'admin'], region, name: '检查员' });
  const departmentsIn = async (region: string, n: number) => {
    const list = Array.from({ length: n }, (_, i) => ({ id: `d${region}-${i}`, name: `测试单位${region}-${i}`, regionCode: region, createdAt: now, version: 1 }));
    await stores.table.batchPut(list.map((d) => ({ ...keys.department(d.id), ...keys.departmentIndex(d.regionCode, d.id), ...d })), 2);
    return list;
  };
  const accountsIn = (region: string, depts: { id: string; name: string }[], n: number) =>
    Array.from({ length: n }, (_, i) => {
      const dept = depts[i % depts.length]!;
      return {
        id: `a${region}-${String(i).padStart(5, '0')}`,
        platform: (['wechat', 'weibo', 'douyin', 'toutiao'] as const)[Math.floor(i / depts.length) % 4]!,
        handle: `h${region}${i}`,
        name: `${dept.name}发布`,
        departmentId: dept.id,
        regionCode: region,
        interactionEnabled: true,
        contacts: [{ name: '王敏' }],
        status: 'active' as const,
        flags: [],
        postCount: 0,
        lastValidatedAt: now,
        createdAt: '2026-01-05T00:00:00.000Z',
        updatedAt: now,
        version: 1,
      };
    });

  /** POST /inspections, then GET /inspections/{id} until it leaves running; falls back to the domain function when the route is not there. */
  async function inspect(region: string): Promise<{ ms: number; via: string; checked: number; status: string }> {
    const auth = { authorization: `Bearer ${await tokenOf(region)}`, 'content-type': 'application/json' };
    const t = performance.now();
    const res = await app.request('/api/v1/inspections', { method: 'POST', headers: auth, body: JSON.stringify({ regionCode: region, checkDate: CHECK }) });
    if (res.status !== 201 && res.status !== 202) {
      const view = await startInspection({ regionCode: region, checkDate: CHECK }, { sub: 'bench', name: '检查员', roles: ['office'], region } as never, assessmentPortsOf(deps));
      return { ms: performance.now() - t, via: `domain startInspection, no engine (POST /inspections answered ${res.status})`, checked: view.progress?.checked ?? 0, status: view.status };
    }
    let view = (await res.json()) as { id: string; status: string; progress: { checked: number }; failure?: unknown };
    let pollErrors = 0;
    while (view.status === 'running') {
      await sleep(100);
      const polled = await app.request(`/api/v1/inspections/${view.id}`, { headers: auth });
      // A poll the loaded store did not answer in time (503) is asked again; the job goes on.
      if (polled.status !== 200) {
        if (++pollErrors > 50) throw new Error(`GET /inspections/${view.id}: ${polled.status} ${await polled.text()}`);
        continue;
      }
      view = (await polled.json()) as typeof view;
    }
    if (view.status !== 'done') log(`inspection ${view.id} ended ${view.status}: ${JSON.stringify(view.failure ?? view).slice(0, 500)}`);
    return { ms: performance.now() - t, via: res.status === 202 ? 'API: 202, polled GET /inspections/{id}' : 'API: 201 inline', checked: view.progress?.checked ?? 0, status: view.status };
  }

  // —— (b) 10,000 accounts × 60 posts (BENCH_ACCOUNTS=0 skips it) ——
  if (ACCOUNTS > 0) {
    const region = '330102';
    const t0 = performance.now();
    const depts = await departmentsIn(region, Math.ceil(ACCOUNTS / 40));
    const accounts = accountsIn(region, depts, ACCOUNTS);
    const coveredFrom = addDays(CHECK, -RETAIN_DAYS);
    const items: Record<string, unknown>[] = [];
    let summaryBytes = 0;
    for (const a of accounts) {
      const posts = Array.from({ length: POSTS }, (_, i) => generatedPost(a.id, i));
      const summary = { ...foldIntoSummary(emptySummary(a.id, coveredFrom), posts, { today: CHECK }), rev: 1 };
      summaryBytes += Buffer.byteLength(JSON.stringify(summary));
      items.push(stores.accounts.toItem({ ...a, postCount: POSTS, lastPostAt: posts[0]!.publishedAt }), stores.activitySummaries.toItem(summary));
    }
    await stores.table.batchPut(items, 2);
    log(`(b) set-up: ${ACCOUNTS} accounts in ${depts.length} departments with their summaries of ${POSTS} posts each, batch-written in ${((performance.now() - t0) / 1000).toFixed(1)} s; summary item ${(summaryBytes / ACCOUNTS / 1024).toFixed(2)} KB on average (posts themselves not written: the inspection reads only summaries)`);

    /** CPU seconds DynamoDB Local's JVM has used so far (Linux /proc; clock ticks of 10 ms). */
    const jvmCpu = async () => {
      const { readFile } = await import('node:fs/promises');
      const fields = (await readFile(`/proc/${dynamo.pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
    };
    // Bare baseline: the same summaries, BatchGetItem 100 a request, 8 in flight.
    const bare = async () => {
      const t = performance.now();
      const groups: string[][] = [];
      for (let i = 0; i < accounts.length; i += 100) groups.push(accounts.slice(i, i + 100).map((a) => a.id));
      let next = 0;
      let read = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < groups.length) {
            let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
              [stores.table.name]: { Keys: groups[next++]!.map((id) => keys.activitySummary(id)), ConsistentRead: true },
            };
            while (request && Object.keys(request).length) {
              const out = await doc.send(new BatchGetCommand({ RequestItems: request }));
              read += out.Responses?.[stores.table.name]?.length ?? 0;
              request = out.UnprocessedKeys as typeof request;
            }
          }
        }),
      );
      if (read !== accounts.length) throw new Error(`bare read ${read} summaries`);
      return performance.now() - t;
    };
    await bare(); // warm-up
    const bareJvmBefore = await jvmCpu();
    const bareMs = median([await bare(), await bare(), await bare()]);
    const bareJvm = ((await jvmCpu()) - bareJvmBefore) / 3;
    log(`(b) bare BatchGetItem of the same ${ACCOUNTS} summaries (100 a request, 8 in flight), median of 3: ${(bareMs / 1000).toFixed(2)} s (DynamoDB Local CPU ${bareJvm.toFixed(1)} s a read)`);

    // What the inspection asks of DynamoDB (requests by command, bytes sent), which a loaded machine does not change, and the process's own CPU time.
    const requests = new Map<string, number>();
    let bytesSent = 0;
    let counting = false;
    stores.table.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (counting) {
          requests.set(context.commandName ?? '?', (requests.get(context.commandName ?? '?') ?? 0) + 1);
          const body = (args.request as { body?: unknown } | undefined)?.body;
          if (typeof body === 'string' || body instanceof Uint8Array) bytesSent += Buffer.byteLength(body);
        }
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'benchRequestCount' },
    );
    let peakRss = 0;
    let peakHeap = 0;
    const before = process.memoryUsage();
    // rss() alone is cheap; the full memoryUsage() walks the heap spaces, so it is sampled less often.
    let samples = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      if (++samples % 10 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 50);
    counting = true;
    const jvmBefore = await jvmCpu();
    const cpuBefore = process.cpuUsage();
    const run = await profiled(() => inspect(region));
    const cpu = process.cpuUsage(cpuBefore);
    const jvmSpent = (await jvmCpu()) - jvmBefore;
    counting = false;
    clearInterval(sampler);
    if (run.checked !== ACCOUNTS || run.status !== 'done') log(`(b) NOTE: the inspection ended ${run.status} with ${run.checked} of ${ACCOUNTS} checked`);
    log(`(b) inspection of ${ACCOUNTS} accounts × ${POSTS} posts, ${run.via}: ${(run.ms / 1000).toFixed(1)} s (goal < 60 s), ${((run.ms / ACCOUNTS) * 1000).toFixed(0)} µs per account`);
    log(`(b) ratio of the inspection to the bare reads: ${(run.ms / bareMs).toFixed(2)}x (goal 3x)`);
    const counted = [...requests].sort((a, b) => b[1] - a[1]);
    log(`(b) DynamoDB requests of the inspection (polls included): ${counted.reduce((n, [, c]) => n + c, 0)} (${counted.map(([name, c]) => `${name.replace(/Command$/, '')} ${c}`).join(', ')}), ${(bytesSent / 2 ** 20).toFixed(1)} MB sent; CPU time: this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, DynamoDB Local ${jvmSpent.toFixed(1)} s`);
    log(`(b) peak memory during the inspection: RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (${(before.rss / 2 ** 20).toFixed(0)} MB before), heap used ${(peakHeap / 2 ** 20).toFixed(0)} MB (${(before.heapUsed / 2 ** 20).toFixed(0)} MB before); DynamoDB Local's JVM not counted`);
  }

  // —— (c) time per account at 10 and at 100 posts per account (BENCH_SMALL_ACCOUNTS=0 skips it) ——
  if (SMALL_ACCOUNTS > 0) {
    const arms = [
      { posts: 10, region: '330105' },
      { posts: 100, region: '330106' },
    ];
    const t0 = performance.now();
    for (const arm of arms) {
      const depts = await departmentsIn(arm.region, 10);
      const accounts = accountsIn(arm.region, depts, SMALL_ACCOUNTS);
      await stores.table.batchPut(accounts.map((a) => stores.accounts.toItem(a)), 2);
      const auth = { authorization: `Bearer ${await tokenOf(arm.region)}`, 'content-type': 'application/json' };
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < accounts.length) {
            const a = accounts[next++]!;
            const posts = Array.from({ length: arm.posts }, (_, i) => {
              const p = generatedPost(a.id, Math.floor((i * 60) / arm.posts));
              return { externalId: `${a.id}-q${i}`, publishedAt: p.publishedAt, ...TEXTS[i % TEXTS.length]! };
            });
            const res = await app.request(`/api/v1/accounts/${a.id}/posts`, { method: 'POST', headers: auth, body: JSON.stringify({ posts }) });
            if (res.status !== 200) throw new Error(`ingest ${res.status} ${await res.text()}`);
          }
        }),
      );
    }
    log(`(c) set-up: ${SMALL_ACCOUNTS} accounts × 10 and ${SMALL_ACCOUNTS} × 100 posts through POST /accounts/{id}/posts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const times = new Map<number, number[]>(arms.map((a) => [a.posts, []]));
    await inspect(arms[0]!.region);
    await inspect(arms[1]!.region);
    for (let r = 0; r < 5; r++) for (const arm of arms) times.get(arm.posts)!.push((await inspect(arm.region)).ms / SMALL_ACCOUNTS);
    const at10 = median(times.get(10)!);
    const at100 = median(times.get(100)!);
    log(`(c) inspection time per account (${SMALL_ACCOUNTS} accounts, inline, median of 5): ${(at10 * 1000).toFixed(0)} µs at 10 posts, ${(at100 * 1000).toFixed(0)} µs at 100 posts; ratio ${(at100 / at10).toFixed(2)}x (goal < 1.3x)`);
  }
  raw.destroy();
  doc.destroy();
} finally {
  await dynamo.stop();
}
process.exit(0);
