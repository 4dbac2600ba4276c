/**
 * The demo-data seed `npm start` loads on first start: county 淳安县 (330127) with ~30
 * departments, ~150 accounts, a few months of posts and metric snapshots, including the
 * deliberate problem cases listed in accounts.ts (`note`). Deterministic relative to `today`.
 *
 * Goes through the domain functions (createDepartment, registerAccount, ingestPosts,
 * backfillActivity) with a system principal, so audit entries and derived fields are the real ones.
 * Every input is validated with the public schemas first: a bad fixture fails loudly.
 */
import * as v from 'valibot';
import { backfillActivity, ingestPosts, type ActivityPorts } from '../../../shared/activity/ingest';
import { MetricsInput, PostInput } from '../../../shared/activity/schemas';
import type { Principal } from '../../../shared/auth/principal';
import { createDepartment, registerAccount, type RegistryPorts } from '../../../shared/registry/registry';
import { AccountInput, DepartmentInput } from '../../../shared/registry/schemas';
import { buildPlan, type PlannedAccount } from './plan';
import { DEMO_REGION } from './users';

export { DEMO_REGION, DEMO_USERS, type DemoUser } from './users';
export { buildPlan, type Plan, type PlannedAccount } from './plan';

export interface SeedPorts {
  registry: RegistryPorts;
  activity: ActivityPorts;
}

export interface SeedResult {
  departments: number;
  accounts: number;
  posts: number;
}

export const SEED_ACTOR: Principal = { sub: 'seed', name: '演示数据', roles: ['office', 'admin'], region: DEMO_REGION };

/**
 * Who pushes a seeded account's posts and metric snapshots: an editor of its own department, as
 * `POST /accounts/{id}/posts` and `/metrics` would (the audit log says so), never the fetch job
 * (`fetcher`, 平台同步). Locally there is no platform to fetch from, and no demo account has
 * credentials, so no seeded datum claims to come from a platform (docs/connectors.md, "The demo").
 */
export function departmentPusher(departmentId: string, departmentName: string): Principal {
  return { sub: SEED_ACTOR.sub, name: `${departmentName}（演示数据）`, roles: ['editor'], region: DEMO_REGION, department: departmentId };
}

/** The API's batch limit. */
const POST_BATCH = 500;
/** Accounts written at the same time (registration, then posts and metrics): DynamoDB Local is round-trip bound. */
const CONCURRENCY = 4;

/**
 * Seeds the demo region. `today` is the Beijing calendar date (YYYY-MM-DD) the data is relative
 * to: posts end yesterday at the latest. Not idempotent: call it once, on an empty region.
 */
export async function seedDemoRegion(ports: SeedPorts, today: string, log: (msg: string) => void = () => {}): Promise<SeedResult> {
  const started = Date.now();
  const plan = buildPlan(today);

  // Validate everything before writing anything, so a bad fixture leaves no half-seeded region.
  for (const d of plan.departments) v.parse(DepartmentInput, { name: d.name, regionCode: DEMO_REGION });
  for (const a of plan.accounts) {
    try {
      v.parse(AccountInput, { ...a.input, departmentId: 'placeholder' });
      for (const p of a.posts) v.parse(PostInput, p);
      for (const m of a.metrics) v.parse(MetricsInput, m);
    } catch (err) {
      throw new Error(`demo seed: invalid fixture for ${a.input.platform}/${a.input.handle} (${a.input.name}): ${describe(err)}`, { cause: err });
    }
  }

  const deptIds = new Map<string, string>();
  await pool(plan.departments, CONCURRENCY, async (d) => {
    const input = v.parse(DepartmentInput, { name: d.name, regionCode: DEMO_REGION });
    deptIds.set(d.key, (await createDepartment(input, SEED_ACTOR, ports.registry)).id);
  });
  log(`seed: ${deptIds.size} departments`);

  const registered: { id: string; plan: PlannedAccount }[] = [];
  await pool(plan.accounts, CONCURRENCY, async (a, i) => {
    const input = v.parse(AccountInput, { ...a.input, departmentId: deptIds.get(a.department.key) });
    registered[i] = { id: (await registerAccount(input, SEED_ACTOR, ports.registry)).id, plan: a };
  });
  log(`seed: ${registered.length} accounts (${Date.now() - started} ms)`);

  let posts = 0;
  await pool(registered, CONCURRENCY, async ({ id, plan: a }) => {
    const pusher = departmentPusher(deptIds.get(a.department.key)!, a.department.name);
    const batches: PostInput[][] = [];
    for (let i = 0; i < a.posts.length; i += POST_BATCH) batches.push(a.posts.slice(i, i + POST_BATCH).map((p) => v.parse(PostInput, p)));
    const last = batches.pop() ?? [];
    // Await first, then add: `posts += await …` would read `posts` before the await and lose concurrent updates.
    for (const batch of batches) {
      const { accepted } = await ingestPosts(id, batch, pusher, ports.activity);
      posts += accepted;
    }
    if (!last.length && !a.metrics.length) return;
    // The last posts and the metric snapshots in one write path: the same posts, snapshots and audit entries as `POST /posts` and one `POST /metrics` each.
    const { accepted } = await backfillActivity(id, { posts: last, metrics: a.metrics.map((m) => v.parse(MetricsInput, m)) }, pusher, ports.activity);
    posts += accepted;
  });
  log(`seed: ${posts} posts, metrics for ${registered.filter((r) => r.plan.metrics.length).length} accounts (${Date.now() - started} ms)`);

  return { departments: deptIds.size, accounts: registered.length, posts };
}

/** Runs `work` over `items` with at most `n` in flight; the first failure rejects. */
export async function pool<T>(items: readonly T[], n: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

function describe(err: unknown): string {
  if (v.isValiError(err)) return err.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}
