/** Deterministic demo data for component tests and the web bench (no randomness: same rows every run). */
import { FLAG_TYPES, PLATFORMS, type Account, type Department } from '../../shared/registry/schemas';

const STATUSES = ['active', 'active', 'active', 'active', 'opening_pending', 'closure_pending', 'announcing', 'closed'] as const;
const UNITS = ['卫生健康局', '教育局', '公安局', '文化和广电旅游体育局', '市场监督管理局', '民政局', '人力资源和社会保障局', '交通运输局', '农业农村局', '应急管理局'];
const TOWNS = ['千岛湖镇', '文昌镇', '石林镇', '临岐镇', '威坪镇', '姜家镇', '梓桐镇', '汾口镇', '中洲镇', '大墅镇'];

export function makeDepartments(n = 40): Department[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `dept-${i}`,
    name: i < UNITS.length ? `淳安县${UNITS[i]}` : `淳安县${TOWNS[i % TOWNS.length]}${UNITS[i % UNITS.length]}分局${i}`,
    regionCode: '330127',
    createdAt: '2026-01-01T00:00:00+08:00',
    version: 1,
  }));
}

export function makeAccounts(n: number, departments: Department[]): Account[] {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) {
    const dept = departments[i % departments.length]!;
    const platform = PLATFORMS[(i * 7) % PLATFORMS.length]!;
    const flags = [] as Account['flags'];
    if (i % 11 === 0) flags.push({ type: 'zombie', since: '2026-03-01', evidence: {} });
    if (i % 13 === 0) flags.push({ type: FLAG_TYPES[(i / 13) % FLAG_TYPES.length]!, since: '2026-04-01', evidence: {} });
    out.push({
      id: `acc-${i}`,
      platform,
      handle: `chunan_${i.toString(36)}_${platform}`,
      name: `${dept.name.replace('淳安县', '')}${TOWNS[i % TOWNS.length]}发布${i}`,
      departmentId: dept.id,
      regionCode: '330127',
      interactionEnabled: i % 5 !== 0,
      contacts: [{ name: '联系人' }],
      status: STATUSES[i % STATUSES.length]!,
      flags,
      postCount: i % 50,
      lastPostAt: i % 9 === 0 ? undefined : `2026-0${1 + (i % 9)}-1${i % 10}T09:00:00+08:00`,
      lastValidatedAt: '2026-01-01T00:00:00+08:00',
      createdAt: '2026-01-01T00:00:00+08:00',
      updatedAt: '2026-01-01T00:00:00+08:00',
      version: 1,
    });
  }
  return out;
}

/** An unsigned token with the given claims (the UI only reads claims; tests never reach a real API). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.x`;
}

export const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Demo principals of region 330127 as token claims. */
export const USERS = {
  office: { sub: 'demo-office', name: '李敏', 'cognito:groups': ['office'], 'custom:region': '330127' },
  reviewer: { sub: 'demo-reviewer', name: '周建国', 'cognito:groups': ['reviewer'], 'custom:region': '330127' },
  admin: { sub: 'demo-admin', name: '赵磊', 'cognito:groups': ['admin'], 'custom:region': '330127' },
  editor: { sub: 'demo-hrss-editor', name: '王晓燕', 'cognito:groups': ['editor'], 'custom:region': '330127', 'custom:department': 'dept-hrss' },
  otherEditor: { sub: 'demo-market-editor', name: '刘洋', 'cognito:groups': ['editor'], 'custom:region': '330127', 'custom:department': 'dept-market' },
  approver: { sub: 'demo-hrss-approver-1', name: '陈志强', 'cognito:groups': ['approver'], 'custom:region': '330127', 'custom:department': 'dept-hrss' },
} as const;

/** One account of dept-hrss (WeChat), with overrides. */
export function makeAccount(over: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    platform: 'wechat',
    handle: 'chunan_rs',
    name: '淳安人社',
    departmentId: 'dept-hrss',
    regionCode: '330127',
    interactionEnabled: true,
    contacts: [{ name: '联系人' }],
    status: 'active',
    flags: [],
    postCount: 3,
    lastValidatedAt: '2026-01-01T00:00:00+08:00',
    createdAt: '2026-01-01T00:00:00+08:00',
    updatedAt: '2026-01-01T00:00:00+08:00',
    version: 3,
    ...over,
  };
}
