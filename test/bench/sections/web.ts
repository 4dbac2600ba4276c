/**
 * Web: the registry filter over 10,000 accounts (budget: under 100 ms per filter change).
 * The same pure functions the registry table uses (web/src/lib/registry-filter.ts), on the
 * deterministic fixture rows of the component test. Reported, never asserted.
 */
import { filterAccounts, indexAccounts, sortAccounts } from '../../../web/src/lib/registry-filter';
import { makeAccounts, makeDepartments } from '../../../web/src/test-fixtures';

export default async function web(log: (line: string) => void): Promise<void> {
  const departments = makeDepartments(40);
  const accounts = makeAccounts(10_000, departments);
  const deptMap = new Map(departments.map((d) => [d.id, d]));

  let t = performance.now();
  const indexed = indexAccounts(accounts, deptMap);
  log(`index 10,000 accounts: ${(performance.now() - t).toFixed(1)} ms (once per load)`);

  t = performance.now();
  const sorted = sortAccounts(indexed.slice(), 'department', 1);
  log(`sort by department (collator): ${(performance.now() - t).toFixed(1)} ms (once per sort change)`);

  const filters = [
    { platform: 'weibo' },
    { flag: 'zombie' },
    { platform: 'wechat', status: 'active' },
    { department: 'dept-3', flag: 'zombie' },
    { q: '千岛湖镇' },
    { q: 'chunan_a' },
    { q: '发布99', platform: 'douyin' },
    {},
  ];
  for (let i = 0; i < 20; i++) for (const f of filters) filterAccounts(sorted, f); // warm up
  const rounds = 50;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const f of filters) {
      const s = performance.now();
      filterAccounts(sorted, f);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p99 = times[Math.floor(times.length * 0.99)]!;
  log(`filter 10,000 rows: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; budget 100 ms → ${(median / 100).toFixed(3)} of budget`);
}
