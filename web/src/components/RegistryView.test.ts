import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { filterAccounts, indexAccounts } from '../lib/registry-filter';
import { setLocale } from '../i18n/i18n.svelte';
import { makeAccount, makeAccounts, makeDepartments } from '../test-fixtures';
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

  // 10,000 rows rendered in jsdom on a shared machine: more than the default 5 s budget.
  it('filters through the UI and renders one page of the matching rows', { timeout: 20_000 }, async () => {
    render(RegistryView, { props: { accounts, departments } });
    const count = () => screen.getByTestId('registry-count').textContent?.trim();
    expect(count()).toBe('显示 10000 个，共 10000 个账号');
    // Paged: only one page of rows is in the DOM.
    const initialRows = screen.getAllByTestId('registry-row');
    expect(initialRows.length).toBe(50);

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

/** Issue 15: the registry pages its rows (no inner scroll box), shows 未更新天数 and lets flag badges wrap. */
describe('registry pages, 未更新天数 and flags', () => {
  const few = makeAccounts(120, departments);
  afterEach(() => cleanup());

  const names = () => screen.getAllByTestId('registry-row').map((r) => r.querySelector('.cell-name a')?.textContent ?? '');

  it('shows 50 rows a page and pages through every filtered row exactly once', async () => {
    render(RegistryView, { props: { accounts: few, departments } });
    expect(screen.queryByTestId('registry-scroll')).toBeNull();
    const status = () => screen.getByTestId('registry-pager').querySelector('.pager-status')?.textContent?.trim();
    expect(status()).toBe('第 1 / 3 页（第 1–50 个，共 120 个）');
    const seen = [...names()];
    expect(seen).toHaveLength(50);
    expect((screen.getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    seen.push(...names());
    await fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(status()).toBe('第 3 / 3 页（第 101–120 个，共 120 个）');
    seen.push(...names());
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    expect(new Set(seen).size).toBe(120);
    expect(seen.sort()).toEqual(few.map((a) => a.name).sort());
  });

  it('goes back to the first page when the filter changes, and hides the pager when one page holds all', async () => {
    render(RegistryView, { props: { accounts: few, departments } });
    await fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    const flag = screen.getByLabelText('标记') as HTMLSelectElement;
    flag.value = 'zombie';
    await fireEvent.change(flag);
    const zombies = few.filter((a) => a.flags.some((f) => f.type === 'zombie'));
    expect(zombies.length).toBeLessThan(50);
    expect(names().sort()).toEqual(zombies.map((a) => a.name).sort());
    expect(screen.queryByTestId('registry-pager')).toBeNull();
  });

  it('shows 未更新天数 counted to today, 从未发布 for an account that never posted, and sorts by it', async () => {
    const accounts = [
      makeAccount({ id: 'x1', name: '最近发布', lastPostAt: '2026-12-03T10:00:00+08:00' }),
      makeAccount({ id: 'x2', name: '从未发布的账号', lastPostAt: undefined }),
      makeAccount({ id: 'x3', name: '五个月前', lastPostAt: '2026-06-29T10:00:00+08:00' }),
    ];
    render(RegistryView, { props: { accounts, departments, today: '2026-12-04' } });
    expect(screen.getByRole('columnheader', { name: /未更新天数/ })).toBeTruthy();
    const idle = () => screen.getAllByTestId('registry-row').map((r) => [r.querySelector('.cell-name a')?.textContent, r.querySelector('[data-testid=registry-idle]')?.textContent]);
    await fireEvent.click(screen.getByRole('button', { name: '按未更新天数排序' }));
    expect(idle()).toEqual([
      ['从未发布的账号', '从未发布'],
      ['五个月前', '158 天'],
      ['最近发布', '1 天'],
    ]);
  });

  it('puts every flag of an account in a cell that wraps instead of cutting badges off', () => {
    const flags = ['zombie', 'stale', 'duplicate', 'naming_mismatch', 'unfiled_change'].map((type) => ({ type, since: '2026-11-01', evidence: {} })) as ReturnType<typeof makeAccount>['flags'];
    render(RegistryView, { props: { accounts: [makeAccount({ flags })], departments } });
    const cell = screen.getByTestId('registry-flags');
    expect(cell.classList.contains('ellipsis')).toBe(false);
    expect([...cell.querySelectorAll('.flag')].map((f) => f.textContent)).toEqual(['僵尸账号', '即将断更', '重复/相似账号', '命名或认证不符', '变更未备案']);
  });

  it('reads in English', () => {
    setLocale('en');
    render(RegistryView, {
      props: { accounts: [makeAccount({ lastPostAt: undefined }), makeAccount({ id: 'y1', lastPostAt: '2026-12-03T10:00:00+08:00' }), makeAccount({ id: 'y2', lastPostAt: '2026-12-01T10:00:00+08:00' })], departments, today: '2026-12-04' },
    });
    expect(screen.getByRole('columnheader', { name: /Days since last post/ })).toBeTruthy();
    expect(screen.getAllByTestId('registry-idle').map((c) => c.textContent).sort()).toEqual(['1 day', '3 days', 'Never posted']);
    setLocale('zh-CN');
  });
});
