import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { route } from '../lib/router.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import AnnualReport from './AnnualReport.svelte';

const row = (over: Record<string, unknown>) => ({
  accountId: 'a1',
  platform: 'wechat',
  platformName: '微信公众号',
  name: '淳安人社',
  handle: 'chunan-hrss',
  departmentId: 'dept-hrss',
  department: '淳安县人力资源和社会保障局',
  posts: 120,
  originalPosts: 80,
  servicePosts: 40,
  messagesReceived: 30,
  messagesAnswered: 27,
  followersAtYearEnd: 2500,
  openedInYear: false,
  closedInYear: false,
  operatingAtYearEnd: true,
  inspection: { checked: 2, passed: 1, failed: 1, latest: { checkDate: '2026-11-20', verdict: 'pass', score: 92 } },
  ...over,
});
const REPORT = {
  regionCode: '330127',
  regionName: '淳安县',
  year: 2026,
  period: { from: '2026-01-01', to: '2026-12-31' },
  generatedAt: '2027-01-05T01:00:00Z',
  totals: { accounts: 2, operatingAtYearEnd: 1, posts: 150, originalPosts: 95, servicePosts: 40, messagesReceived: 30, messagesAnswered: 27, followersAtYearEnd: 2800, openings: 0, closures: 1, inspections: 2, checked: 3, passed: 1, failed: 2, passRate: 33.33 },
  byPlatform: [],
  rows: [row({}), row({ accountId: 'a2', platform: 'weibo', name: '淳安人社微博', posts: 30, originalPosts: 15, servicePosts: 0, messagesReceived: null, messagesAnswered: null, followersAtYearEnd: 300, closedInYear: true, operatingAtYearEnd: false, inspection: { checked: 1, passed: 0, failed: 1, latest: null } })],
};

describe('AnnualReport screen', () => {
  let urls: string[];
  beforeEach(() => {
    sessionStorage.clear();
    urls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        if (url.startsWith('/api/v1/reports/annual') && url.includes('format=json')) return jsonResponse(200, REPORT);
        if (url.startsWith('/api/v1/reports/annual')) return new Response(new Uint8Array([80, 75]), { status: 200, headers: { 'Content-Disposition': "attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E6%B7%B3%E5%AE%89.xlsx" } });
        return jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } });
      }),
    );
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    signOut();
  });

  it('previews the totals and one row per account for the chosen region and year', async () => {
    signIn(fakeJwt(USERS.office));
    render(AnnualReport);
    expect((screen.getByLabelText('行政区划代码') as HTMLInputElement).value).toBe('330127');
    await fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2026' } });
    await fireEvent.click(screen.getByRole('button', { name: '生成预览' }));
    const box = await screen.findByTestId('annual-report');
    expect(urls[0]).toBe('/api/v1/reports/annual?region=330127&year=2026&format=json');
    expect(within(box).getByRole('heading', { level: 2 }).textContent).toBe('淳安县 2026 年度');
    const totals = screen.getByTestId('annual-totals');
    expect(within(totals).getByText('信息发布总数（条）').nextElementSibling?.textContent).toBe('150');
    expect(within(totals).getByText('合格率').nextElementSibling?.textContent).toBe('33.33%');
    const rows = within(screen.getByTestId('annual-rows')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('淳安人社');
    expect(rows[1]!.textContent).toContain('受检 2 次：合格 1，不合格 1');
    expect(rows[2]!.textContent).toContain('无数据');
  });

  it('exports XLSX and DOCX with the previewed region and year', async () => {
    signIn(fakeJwt(USERS.office));
    render(AnnualReport);
    await fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2026' } });
    await fireEvent.click(screen.getByRole('button', { name: '生成预览' }));
    await screen.findByTestId('annual-report');
    await fireEvent.click(screen.getByRole('button', { name: '导出 XLSX' }));
    await screen.findByText('已导出 XLSX');
    await fireEvent.click(screen.getByRole('button', { name: '导出 DOCX（报表格式）' }));
    await screen.findByText('已导出 DOCX');
    expect(urls.slice(1)).toEqual(['/api/v1/reports/annual?region=330127&year=2026&format=xlsx', '/api/v1/reports/annual?region=330127&year=2026&format=docx']);
  });

  it('opened from the January reminder (?region=&year=), it previews that report at once', async () => {
    signIn(fakeJwt(USERS.office));
    route.query = new URLSearchParams('region=330127&year=2026');
    try {
      render(AnnualReport);
      await screen.findByTestId('annual-report');
      expect(urls[0]).toBe('/api/v1/reports/annual?region=330127&year=2026&format=json');
    } finally {
      route.query = new URLSearchParams();
    }
  });

  it('checks the region code before asking', async () => {
    signIn(fakeJwt(USERS.office));
    render(AnnualReport);
    await fireEvent.input(screen.getByLabelText('行政区划代码'), { target: { value: '3301' } });
    await fireEvent.click(screen.getByRole('button', { name: '生成预览' }));
    expect(screen.getByRole('alert').textContent).toBe('行政区划代码须为 6 位数字');
    expect(urls).toHaveLength(0);
  });

  it('shows the API’s refusal (403)', async () => {
    signIn(fakeJwt(USERS.office));
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(403, { error: { code: 'forbidden', message: '只有本地区的管理部门可以生成年度报表 (region roles only)' } })));
    render(AnnualReport);
    await fireEvent.click(screen.getByRole('button', { name: '生成预览' }));
    expect((await screen.findByRole('alert')).textContent).toContain('只有本地区的管理部门可以生成年度报表');
  });
});
