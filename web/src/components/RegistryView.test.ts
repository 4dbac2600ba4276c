import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filterAccounts, indexAccounts } from '../lib/registry-filter';
import { makeAccounts, makeDepartments } from '../test-fixtures';
import RegistryView from './RegistryView.svelte';

const departments = makeDepartments(40);
const accounts = makeAccounts(10_000, departments);

/** The expected rows, computed the obvious way, independent of the component's index. */
function expected(f: { department?: string; platform?: string; status?: string; flag?: string; q?: string }) {
  const q = f.q?.toLowerCase();
  return accounts.filter(
    (a) =>
      (!f.department || a.departmentId === f.department) &&
      (!f.platform || a.platform === f.platform) &&
      (!f.status || a.status === f.status) &&
      (!f.flag || a.flags.some((x) => x.type === f.flag)) &&
      (!q || a.name.toLowerCase().includes(q) || a.handle.toLowerCase().includes(q)),
  );
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('registry filters over 10,000 accounts', () => {
  beforeAll(() => localStorage.clear());
  afterEach(() => cleanup());

  it('filterAccounts returns exactly the matching rows (timing logged, not asserted)', () => {
    const indexed = indexAccounts(accounts, new Map(departments.map((d) => [d.id, d])));
    const cases = [
      {},
      { platform: 'weibo' },
      { flag: 'zombie' },
      { platform: 'wechat', status: 'active' },
      { department: 'dept-3', flag: 'zombie' },
      { q: '千岛湖镇' },
      { q: 'CHUNAN_A' },
      { q: '发布99', platform: 'douyin' },
      { q: 'no such account' },
    ];
    const started = performance.now();
    for (const f of cases) {
      const got = filterAccounts(indexed, f).map((r) => r.account);
      expect(ids(got)).toEqual(ids(expected(f)));
    }
    const perFilter = (performance.now() - started) / cases.length;
    console.info(`registry filter: ${perFilter.toFixed(2)} ms per filter over ${accounts.length} rows (incl. checking)`);
  });

  it('filters through the UI and renders only matching rows (virtualised)', async () => {
    render(RegistryView, { props: { accounts, departments } });
    const count = () => screen.getByTestId('registry-count').textContent?.trim();
    expect(count()).toBe('显示 10000 个，共 10000 个账号');
    // Virtualised: only a window of rows is in the DOM.
    const initialRows = screen.getAllByTestId('registry-row');
    expect(initialRows.length).toBeGreaterThan(5);
    expect(initialRows.length).toBeLessThan(100);

    const platform = screen.getByLabelText('平台') as HTMLSelectElement;
    platform.value = 'weibo';
    const t0 = performance.now();
    await fireEvent.change(platform);
    const flag = screen.getByLabelText('标记') as HTMLSelectElement;
    flag.value = 'zombie';
    await fireEvent.change(flag);
    console.info(`registry UI filter (2 changes incl. render): ${(performance.now() - t0).toFixed(1)} ms`);

    const want = expected({ platform: 'weibo', flag: 'zombie' });
    expect(want.length).toBeGreaterThan(0);
    expect(count()).toBe(`显示 ${want.length} 个，共 10000 个账号`);
    const wantNames = new Set(want.map((a) => a.name));
    const rows = screen.getAllByTestId('registry-row');
    expect(rows.length).toBe(Math.min(want.length, rows.length));
    for (const row of rows) {
      const name = row.querySelector('.cell-name a')?.textContent ?? '';
      expect(wantNames.has(name)).toBe(true);
      expect(row.textContent).toContain('微博');
      expect(row.textContent).toContain('僵尸账号');
    }

    const search = screen.getByLabelText('搜索') as HTMLInputElement;
    search.value = '千岛湖镇';
    await fireEvent.input(search);
    const want2 = expected({ platform: 'weibo', flag: 'zombie', q: '千岛湖镇' });
    expect(count()).toBe(`显示 ${want2.length} 个，共 10000 个账号`);
    for (const row of screen.queryAllByTestId('registry-row')) expect(row.textContent).toContain('千岛湖镇');

    await fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(count()).toBe('显示 10000 个，共 10000 个账号');
  });
});
