/**
 * GET /reports/annual through the real API (issue 14, API.md "Yearly duties"): the report of a
 * seeded year as JSON, XLSX and DOCX with the same figures, Beijing dates at the year's edge,
 * who may ask and what is refused, and the January reminder to the office until the export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, call, editorOf, makeAccount, makeDepartment, tokenFor, type Caller } from '../support/api';
import { readDocx } from '../support/docx';

const REGION = '330421';
const YEAR = 2026;
const NOW = '2027-01-05T09:00:00+08:00';
const HRSS = '嘉善县人力资源和社会保障局';
const POLICE = '嘉善县公安局';
const office: Caller = { sub: 'office-annual', roles: ['office'], region: REGION, name: '沈洁' };
const setClock = (now: string) => call(null, 'PUT', '/dev/clock', { now });
const sweep = () => call(null, 'POST', '/dev/jobs/sweep');

const SERVICE = { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，办理时间为工作日 9:00-17:00，咨询电话 12333。' };
let seq = 0;
const post = (publishedAt: string, extra: Record<string, unknown> = {}) => ({ externalId: `p${seq++}`, publishedAt, ...SERVICE, ...extra });

type Row = { accountId: string; name: string; posts: number; originalPosts: number; servicePosts: number; messagesReceived: number | null; messagesAnswered: number | null; followersAtYearEnd: number | null; openedInYear: boolean; closedInYear: boolean; inspection: { checked: number; passed: number; failed: number } };
type Report = { regionCode: string; regionName: string; year: number; totals: Record<string, number | null>; byPlatform: { platform: string; posts: number }[]; rows: Row[] };

const ids: Record<string, string> = {};
let report: Report;

async function download(caller: Caller, path: string) {
  const res = await app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  expect((await setClock(NOW)).status).toBe(200);
  const hrss = await makeDepartment(REGION, HRSS);
  const police = await makeDepartment(REGION, POLICE);
  ids.wechat = (await makeAccount(hrss, { name: '嘉善人社', platform: 'wechat', openedAt: '2019-04-01' })).id;
  ids.weibo = (await makeAccount(hrss, { name: '嘉善人社微博', platform: 'weibo', openedAt: '2020-04-01' })).id;
  ids.douyin = (await makeAccount(police, { name: '平安嘉善', platform: 'douyin', openedAt: '2026-03-01' })).id;
  const posts: Record<string, unknown[]> = {
    wechat: [
      post('2026-12-31T23:30:00+08:00'),
      post('2027-01-01T00:30:00+08:00'),
      post('2026-06-01T10:00:00+08:00', { isRepost: true, title: '转发：国务院常务会议', text: '国务院常务会议研究部署稳就业工作。' }),
      post('2025-12-31T23:59:00+08:00'),
    ],
    weibo: [post('2026-02-01T09:00:00+08:00'), post('2026-12-01T09:00:00+08:00'), post('2026-12-10T09:00:00+08:00')],
    douyin: [post('2026-03-02T09:00:00+08:00'), post('2026-12-12T09:00:00+08:00', { isRepost: true })],
  };
  for (const [k, list] of Object.entries(posts)) expect((await call(office, 'POST', `/accounts/${ids[k]}/posts`, { posts: list })).status).toBe(200);
  const metrics: Record<string, Record<string, unknown>[]> = {
    wechat: [
      { at: '2025-12-20T10:00:00+08:00', followers: 1000, messagesReceived: 10, messagesAnswered: 8 },
      { at: '2026-12-31T20:00:00+08:00', followers: 2500, messagesReceived: 40, messagesAnswered: 35 },
      { at: '2027-01-02T10:00:00+08:00', followers: 9999, messagesReceived: 90, messagesAnswered: 90 },
    ],
    weibo: [{ at: '2026-12-30T10:00:00+08:00', followers: 300 }],
    douyin: [{ at: '2026-12-30T10:00:00+08:00', followers: 120, messagesReceived: 6, messagesAnswered: 6 }],
  };
  for (const [k, list] of Object.entries(metrics)) for (const m of list) expect((await call(office, "POST", `/accounts/${ids[k]}/metrics`, m)).status).toBe(201);
  expect((await call(office, 'POST', '/inspections', { regionCode: REGION, checkDate: '2026-12-15' })).status).toBe(201);
  const res = await call(office, 'GET', `/reports/annual?region=${REGION}&year=${YEAR}`);
  expect(res.status).toBe(200);
  report = res.body;
});

afterAll(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

const rowOf = (key: string) => report.rows.find((r) => r.accountId === ids[key])!;

describe('the report of a seeded year (JSON)', () => {
  it('has one row per account of the region, named from its departments', () => {
    expect(report).toMatchObject({ regionCode: REGION, regionName: '嘉善县', year: YEAR });
    expect(report.rows.map((r) => r.name).sort()).toEqual(['嘉善人社', '嘉善人社微博', '平安嘉善']);
  });

  it('totals equal the sum of the rows', () => {
    const sum = (k: keyof Row) => report.rows.reduce((n, r) => n + ((r[k] as number | null) ?? 0), 0);
    for (const k of ['posts', 'originalPosts', 'servicePosts', 'messagesReceived', 'messagesAnswered', 'followersAtYearEnd'] as const) expect(report.totals[k], k).toBe(sum(k));
    expect(report.totals.accounts).toBe(report.rows.length);
    expect(report.totals.checked).toBe(report.rows.reduce((n, r) => n + r.inspection.checked, 0));
    expect(report.totals.passed! + report.totals.failed!).toBe(report.totals.checked);
    expect(report.byPlatform.reduce((n, p) => n + p.posts, 0)).toBe(report.totals.posts);
  });

  it('a post at 23:30 on 31 December Beijing time counts in that year; one at 00:30 on 1 January does not', async () => {
    // 嘉善人社: 23:30 on 31 December and the June repost (2025-12-31 23:59 and 2027-01-01 00:30 are outside).
    expect(rowOf('wechat')).toMatchObject({ posts: 2, originalPosts: 1 });
    const next = await call(office, 'GET', `/reports/annual?region=${REGION}&year=2027`);
    expect(next.status).toBe(200);
    expect(next.body.rows.find((r: Row) => r.accountId === ids.wechat).posts).toBe(1);
  });

  it('messages are the counters’ increase over the year, followers the last snapshot on or before 31 December', () => {
    expect(rowOf('wechat')).toMatchObject({ messagesReceived: 30, messagesAnswered: 27, followersAtYearEnd: 2500 });
    expect(rowOf('weibo')).toMatchObject({ messagesReceived: null, followersAtYearEnd: 300 });
    expect(rowOf('douyin')).toMatchObject({ messagesReceived: 6, openedInYear: true, closedInYear: false });
  });

  it('inspection results of the year are on each row', () => {
    for (const r of report.rows) expect(r.inspection.checked).toBe(1);
    expect(report.totals.inspections).toBe(1);
  });
});

describe('the files carry the same figures', () => {
  it('XLSX: the accounts sheet and the totals sheet read back as the JSON', async () => {
    const { res, bytes } = await download(office, `/reports/annual?region=${REGION}&year=${YEAR}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`govmedia-annual-${REGION}-${YEAR}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['政务新媒体', '合计', '账号明细']);
    const sheet = wb.getWorksheet('账号明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const r of report.rows) {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row, n) => {
        if (n > 1 && row.getCell(col('账号名称')).value === r.name) found = row;
      });
      expect(found, r.name).toBeDefined();
      expect(found!.getCell(col('信息发布总数')).value).toBe(r.posts);
      expect(found!.getCell(col('其中原创')).value).toBe(r.originalPosts);
      expect(found!.getCell(col('年末关注量')).value).toBe(r.followersAtYearEnd ?? '无数据');
      expect(found!.getCell(col('收到留言')).value).toBe(r.messagesReceived ?? '无数据');
    }
    const totals = new Map<string, unknown>();
    wb.getWorksheet('合计')!.eachRow((row, n) => n > 1 && totals.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(totals.get('信息发布总数（条）')).toBe(report.totals.posts);
    expect(totals.get('其中：原创量（条）')).toBe(report.totals.originalPosts);
    expect(totals.get('年末关注量合计（个）')).toBe(report.totals.followersAtYearEnd);
    const form: unknown[][] = [];
    wb.getWorksheet('政务新媒体')!.eachRow((row) => form.push((row.values as unknown[]).slice(1)));
    expect(form).toContainEqual(['微信', '信息发布总数（条）', rowOf('wechat').posts]);
    expect(form).toContainEqual(['微博', '关注量（个）', 300]);
  });

  it('DOCX: the template block, the totals and every account row read back as the JSON', async () => {
    const { res, bytes } = await download(office, `/reports/annual?region=${REGION}&year=${YEAR}&format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const doc = await readDocx(bytes);
    expect(doc.text).toContain(`嘉善县政府网站与政务新媒体工作年度报表（${YEAR}年度）`);
    expect(doc.text).toContain('政务新媒体部分');
    const cells = (label: string) => doc.rows.find((r) => r.includes(label));
    expect(cells('信息发布总数（条）')).toBeDefined();
    expect(doc.rows).toContainEqual(['微信', '名称', '嘉善人社']);
    expect(doc.rows).toContainEqual(['年末关注量合计（个）', String(report.totals.followersAtYearEnd)]);
    expect(doc.rows).toContainEqual(['账号总数（个）', '3']);
    for (const r of report.rows) {
      const row = doc.rows.find((cells) => cells.length === 16 && cells[2] === r.name);
      expect(row, r.name).toBeDefined();
      expect(row!.slice(4, 10)).toEqual([r.posts, r.originalPosts, r.servicePosts, r.messagesReceived ?? '无数据', r.messagesAnswered ?? '无数据', r.followersAtYearEnd ?? '无数据'].map(String));
    }
  });
});

describe('who may ask, and what is refused', () => {
  it.each([
    ['an editor of a department', (): Caller => ({ sub: 'editor-x', roles: ['editor'], region: REGION, department: 'd-x' })],
    ['an approver', (): Caller => ({ sub: 'approver-x', roles: ['approver'], region: REGION, department: 'd-x' })],
    ['the office of another county', (): Caller => ({ sub: 'office-other', roles: ['office'], region: '330424' })],
  ])('%s: 403', async (_, caller) => {
    const res = await call(caller(), 'GET', `/reports/annual?region=${REGION}&year=${YEAR}`);
    expect(res.status).toBe(403);
  });

  it('the office of the city above may ask for the county', async () => {
    const res = await call({ sub: 'office-city', roles: ['office'], region: '330400' }, 'GET', `/reports/annual?region=${REGION}&year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.totals.posts).toBe(report.totals.posts);
  });

  it('without ?region= it is the caller’s own region', async () => {
    const res = await call(office, 'GET', `/reports/annual?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.regionCode).toBe(REGION);
  });

  it.each([
    ['no year', `region=${REGION}`, 'year'],
    ['a year that is not a number', `region=${REGION}&year=abc`, 'year'],
    ['a year before the template', `region=${REGION}&year=2018`, 'year'],
    ['a year still to come', `region=${REGION}&year=2028`, 'year'],
    ['a malformed region', `region=33042&year=${YEAR}`, 'region'],
    ['an unknown format', `region=${REGION}&year=${YEAR}&format=pdf`, 'format'],
    ['an unknown parameter', `region=${REGION}&year=${YEAR}&department=x`, 'department'],
  ])('%s: 400 naming the field', async (_, qs, field) => {
    const res = await call(office, 'GET', `/reports/annual?${qs}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('a department role is refused even with a valid query (no figures leak)', async () => {
    const dept = await makeDepartment(REGION);
    const res = await call(editorOf(dept), 'GET', `/reports/annual?region=${REGION}&year=${YEAR}`);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('嘉善人社');
  });
});

describe('the January reminder to the office (annual_report_due)', () => {
  const REMINDED = '330424';
  const county: Caller = { sub: 'office-haiyan', roles: ['office'], region: REMINDED, name: '陆敏' };
  const reminders = async () => ((await call(county, 'GET', '/notifications?limit=200')).body.items as { type: string; entity: { id: string } }[]).filter((n) => n.type === 'annual_report_due');

  it('is raised once in January for the year before, and withdrawn by the export', async () => {
    await setClock('2026-12-31T09:00:00+08:00');
    const dept = await makeDepartment(REMINDED, '海盐县人民政府办公室');
    await makeAccount(dept, { name: '海盐发布', openedAt: '2020-01-01' });
    await sweep();
    expect(await reminders(), 'none in December').toHaveLength(0);

    await setClock('2027-01-04T09:00:00+08:00');
    await sweep();
    await setClock('2027-01-05T09:00:00+08:00');
    await sweep();
    const raised = await reminders();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.entity).toEqual({ type: 'annual_report', id: `${REMINDED}:2026` });

    // The JSON preview is not an export: the reminder stays.
    expect((await call(county, 'GET', '/reports/annual?year=2026')).status).toBe(200);
    expect(await reminders()).toHaveLength(1);

    expect((await download(county, '/reports/annual?year=2026&format=docx')).res.status).toBe(200);
    expect(await reminders(), 'withdrawn after the export').toHaveLength(0);
    await setClock('2027-01-06T09:00:00+08:00');
    await sweep();
    expect(await reminders(), 'not raised again').toHaveLength(0);
  });

  it('is not raised in February', async () => {
    const other: Caller = { sub: 'office-pinghu', roles: ['office'], region: '330482' };
    await setClock('2027-01-20T09:00:00+08:00');
    const dept = await makeDepartment('330482', '平湖市人民政府办公室');
    await makeAccount(dept, { name: '平湖发布', openedAt: '2020-01-01' });
    await setClock('2027-02-01T09:00:00+08:00');
    await sweep();
    const notes = (await call(other, 'GET', '/notifications?limit=200')).body.items as { type: string }[];
    expect(notes.filter((n) => n.type === 'annual_report_due')).toHaveLength(0);
  });
});
