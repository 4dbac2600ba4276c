import type { Deps } from '../wiring/deps';
import { runSweep } from '../jobs/sweep';
import { DEMO_REGION, DEMO_USERS, SEED_ACTOR, pool, seedDemoRegion } from './seed';
import { recordAccountFiling } from '../../shared/registry/registry';
import { beijingDate } from '../../shared/time';
import { seedSupervision } from './seed/supervision';

/**
 * Seeds the demo region the first time the table is created. Flags and grades are
 * computed once at the end by the sweep (four parallel segments) instead of after
 * every ingest call, which keeps first start short.
 */
export async function seedIfEmpty(deps: Deps, tableIsNew: boolean): Promise<void> {
  if (!tableIsNew) return;
  const started = Date.now();
  const { stores, clock, ids, classify } = deps;
  const registry = { departments: stores.departments, accounts: stores.accounts, clock, ids };
  const result = await seedDemoRegion({ registry, activity: { accounts: stores.accounts, activity: stores.activity, clock, ids, classify } }, beijingDate(clock.now()), (m) =>
    console.log(`  ${m}`),
  );
  // Most demo accounts are filed (备案) the day they are seeded; the last few are left
  // pending, so the registry shows `unfiled_change` for them five working days later.
  const accounts = (await stores.accounts.allInRegion(DEMO_REGION)).sort((a, b) => a.handle.localeCompare(b.handle));
  const filed = accounts.slice(0, -5);
  // Eight in flight, each starting as soon as one ends (not in rounds that wait for their slowest).
  await pool(filed, 8, async (a) => {
    await recordAccountFiling(a.id, { filedAt: clock.now(), version: a.version }, SEED_ACTOR, registry);
  });
  const ms = () => `${Date.now() - started} ms`;
  console.log(`  seed: ${filed.length} filings (${ms()})`);
  await Promise.all([0, 1, 2, 3].map((segment) => runSweep({ segment, totalSegments: 4 }, deps)));
  console.log(`  seed: sweep (${ms()})`);
  const supervision = await seedSupervision(deps, beijingDate(clock.now()));
  console.log(`  seed: rectification notice with ${supervision.items} items (${ms()})`);
  console.log(
    `演示数据已生成 (demo data): ${result.departments} 个单位, ${result.accounts} 个账号, ${result.posts} 条内容, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The demo users of the sign-in page, with their department ids resolved. */
export async function demoUsers(deps: Pick<Deps, 'stores'>) {
  const departments = (await deps.stores.departments.listInRegion(DEMO_REGION, 500)).items;
  return DEMO_USERS.map((u) => {
    const department = u.departmentName ? departments.find((d) => d.name === u.departmentName) : undefined;
    return { sub: u.sub, name: u.name, roles: u.roles, region: u.region, label: u.label, ...(department ? { department: department.id, departmentName: department.name } : {}) };
  }).filter((u) => !('departmentName' in u) || u.department);
}
