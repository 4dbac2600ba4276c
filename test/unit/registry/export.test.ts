import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal';
import { EXPORT_HEADERS } from '../../../shared/registry/import-parser';
import { daysSinceLastPost, exportHeaders, gradeCell, registryExport, stateCells, STATE_HEADERS, type RegistryExportPorts } from '../../../shared/registry/export';
import type { Account, Department } from '../../../shared/registry/schemas';

const departments: Department[] = [
  { id: 'd-hrss', name: '县人力社保局', regionCode: '330127' } as Department,
  { id: 'd-edu', name: '县教育局', regionCode: '330127' } as Department,
  { id: 'd-far', name: '建德市教育局', regionCode: '330182' } as Department,
];

const account = (id: string, over: Partial<Account> = {}): Account => ({
  id,
  platform: 'wechat',
  handle: `h_${id}`,
  name: `账号${id}`,
  departmentId: 'd-hrss',
  regionCode: '330127',
  interactionEnabled: true,
  contacts: [{ name: '王敏' }],
  status: 'active',
  flags: [],
  postCount: 1,
  lastValidatedAt: '2026-01-01T00:00:00+08:00',
  createdAt: '2026-01-01T00:00:00+08:00',
  updatedAt: '2026-01-01T00:00:00+08:00',
  version: 1,
  ...over,
});

const accounts: Account[] = [
  account('1', { platform: 'weibo', flags: [{ type: 'zombie', since: '2026-10-01', evidence: {} }, { type: 'stale', since: '2026-10-01', evidence: {} }] }),
  account('2', { platform: 'weibo', departmentId: 'd-edu' }),
  account('3', { platform: 'wechat', flags: [{ type: 'zombie', since: '2026-10-01', evidence: {} }] }),
  account('4', { platform: 'weibo', departmentId: 'd-far', regionCode: '330182', flags: [{ type: 'zombie', since: '2026-10-01', evidence: {} }] }),
  account('5', { platform: 'weibo', name: '淳安人社微博', flags: [{ type: 'zombie', since: '2026-10-01', evidence: {} }], status: 'closed' }),
];

/** The list port as the store answers it: the scope and filters applied, in pages of `limit`. */
function portsOver(all: Account[]): RegistryExportPorts & { pages: number } {
  const ports = {
    pages: 0,
    departments: {
      get: async (id: string) => departments.find((d) => d.id === id),
      listInRegion: async () => ({ items: departments, cursor: null }),
    },
    accounts: {
      list: async (
        scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
        f: { platform?: string; status?: string; flag?: string; q?: string },
        limit: number,
        cursor?: string,
      ) => {
        ports.pages++;
        const hits = all.filter(
          (a) =>
            ('regionPrefix' in scope ? a.regionCode.startsWith(scope.regionPrefix) : a.departmentId === scope.departmentId) &&
            (!f.platform || a.platform === f.platform) &&
            (!f.status || a.status === f.status) &&
            (!f.flag || a.flags.some((x) => x.type === f.flag)) &&
            (!f.q || a.name.includes(f.q) || a.handle.includes(f.q)),
        );
        const start = Number(cursor ?? 0);
        const next = start + limit;
        return { items: hits.slice(start, next), cursor: next < hits.length ? String(next) : null };
      },
    },
  };
  return ports;
}

const office: Principal = { sub: 'o', name: '办公室', roles: ['office'], region: '330127' };
const editor: Principal = { sub: 'e', name: '编辑', roles: ['editor'], region: '330127', department: 'd-hrss' };
const today = '2026-12-04';
const handles = (rows: string[][]) => rows.map((r) => r[1]);

describe('registryExport (issue 15: the export honours the filters on screen)', () => {
  it('exports exactly the accounts GET /accounts lists for the same filters (platform, flag, status, q, department)', async () => {
    const ports = portsOver(accounts);
    expect(handles((await registryExport({ platform: 'weibo', flag: 'zombie' }, office, ports, today)).rows)).toEqual(['h_1', 'h_5']);
    expect(handles((await registryExport({ platform: 'weibo', flag: 'zombie', status: 'active' }, office, ports, today)).rows)).toEqual(['h_1']);
    expect(handles((await registryExport({ q: '人社' }, office, ports, today)).rows)).toEqual(['h_5']);
    expect(handles((await registryExport({ department: 'd-edu' }, office, ports, today)).rows)).toEqual(['h_2']);
    expect(handles((await registryExport({ region: '330182' }, { ...office, region: '330100' }, ports, today)).rows)).toEqual(['h_4']);
  });

  it('gives a department role only their department, whatever region it asks', async () => {
    const out = await registryExport({ platform: 'weibo' }, editor, portsOver(accounts), today);
    expect(handles(out.rows)).toEqual(['h_1', 'h_5']);
    expect(out.region).toBe('330127');
  });

  it('reads every page of the list (more than one page of 500)', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => account(String(i)));
    const ports = portsOver(many);
    const out = await registryExport({}, office, ports, today);
    expect(out.rows).toHaveLength(1203);
    expect(ports.pages).toBe(3);
  });

  it('writes the template columns by default and the department names in 主办单位', async () => {
    const out = await registryExport({ department: 'd-edu' }, office, portsOver(accounts), today);
    expect(out.header).toEqual([...EXPORT_HEADERS]);
    expect(out.rows[0]).toHaveLength(EXPORT_HEADERS.length);
    expect(out.rows[0]![EXPORT_HEADERS.indexOf('主办单位')]).toBe('县教育局');
  });

  it('with columns=full adds status, flags, latest grade, last post and 未更新天数 after the template columns', async () => {
    const ports = portsOver([
      account('g', {
        flags: [{ type: 'stale', since: '2026-11-30', evidence: {} }, { type: 'naming_mismatch', since: '2026-11-30', evidence: {} }],
        latestGrade: { checkDate: '2026-12-01', profile: 'national', profileVersion: 1, verdict: 'pass', score: 85, band: 'good' },
        lastPostAt: '2026-11-20T23:30:00Z', // 2026-11-21 in Beijing
      }),
      account('n', { status: 'closure_pending' }),
    ]);
    const out = await registryExport({ columns: 'full' }, office, ports, today);
    expect(out.header).toEqual([...EXPORT_HEADERS, '状态', '标记', '最近评分', '最近发布', '未更新天数']);
    expect(out.rows.map((r) => r.slice(EXPORT_HEADERS.length))).toEqual([
      ['正常', '即将断更、命名或认证不符', '85（良好）', '2026-11-21', '13'],
      ['关停审批中', '', '', '从未发布', ''],
    ]);
  });
});

describe('the registry-state cells', () => {
  it('counts 未更新天数 in Beijing calendar days; a post today is 0, never posted is empty', () => {
    expect(daysSinceLastPost('2026-12-03T16:00:00Z', '2026-12-04')).toBe(0);
    expect(daysSinceLastPost('2026-12-03T15:59:00Z', '2026-12-04')).toBe(1);
    expect(daysSinceLastPost('2026-06-29T10:00:00+08:00', '2026-12-04')).toBe(158);
    expect(daysSinceLastPost(undefined, '2026-12-04')).toBeNull();
  });

  it('writes a vetoed grade as 不合格（单项否决）, not a bare dash', () => {
    expect(gradeCell({ checkDate: '2026-12-01', profile: 'national', profileVersion: 1, verdict: 'fail', score: null, band: 'fail' })).toBe('不合格（单项否决）');
    expect(gradeCell({ checkDate: '2026-12-01', profile: 'national', profileVersion: 1, verdict: 'pass', score: 72.25, band: 'pass' })).toBe('72.3（合格）');
    expect(gradeCell(undefined)).toBe('');
  });

  it('has one cell per state header', () => {
    expect(stateCells(account('x'), today)).toHaveLength(STATE_HEADERS.length);
    expect(exportHeaders('full')).toHaveLength(EXPORT_HEADERS.length + STATE_HEADERS.length);
  });
});
