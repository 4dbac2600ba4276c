/**
 * The formal documents through the real API: the 通报 (GET /inspections/{id}/report?format=docx)
 * and the 整改通知 (GET /rectifications/{id}/notice?format=docx), read back from the Word file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, call, editorOf, makeAccount, makeDepartment, tokenFor, type Caller } from '../support/api';
import { readDocx } from '../support/docx';

const REGION = '330127';
const CHECK = '2026-11-20';
const NOW = '2026-11-23T09:00:00+08:00';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HRSS = '淳安县人力资源和社会保障局';
const POLICE = '淳安县公安局';
const MARKET = '淳安县市场监督管理局';
const office: Caller = { sub: 'office-docs', roles: ['office'], region: REGION, name: '李敏' };

const SERVICE = { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，办理时间为工作日 9:00-17:00，咨询电话 12333。' };
const beforeCheck = (daysBefore: number) => {
  const d = new Date(`${CHECK}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysBefore);
  return `${d.toISOString().slice(0, 10)}T10:00:00+08:00`;
};
const ACTIVE = [1, 3, 6, 9, 12];
const SILENT = [20, 21, 22, 23];

type Dept = { id: string; name: string; regionCode: string };
const depts: Record<string, Dept> = {};
const accounts: { name: string; platform: string; department: string; fails: boolean }[] = [
  { name: '淳安人社', platform: 'wechat', department: HRSS, fails: false },
  { name: '淳安人社微博', platform: 'weibo', department: HRSS, fails: true },
  { name: '平安淳安', platform: 'wechat', department: POLICE, fails: false },
  { name: '淳安市场监管', platform: 'douyin', department: MARKET, fails: true },
  { name: '淳安县市场监管', platform: 'wechat', department: MARKET, fails: true },
];
let inspectionId: string;

async function download(caller: Caller, path: string) {
  const res = await app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { res, doc: res.status === 200 ? await readDocx(await res.arrayBuffer()) : undefined };
}

beforeAll(async () => {
  expect((await call(null, 'PUT', '/dev/clock', { now: NOW })).status).toBe(200);
  for (const name of [HRSS, POLICE, MARKET]) depts[name] = await makeDepartment(REGION, name);
  for (const a of accounts) {
    const account = await makeAccount(depts[a.department]!, { name: a.name, platform: a.platform });
    const posts = (a.fails ? SILENT : ACTIVE).map((d, i) => ({ externalId: `p${i}`, publishedAt: beforeCheck(d), ...SERVICE }));
    expect((await call(office, 'POST', `/accounts/${account.id}/posts`, { posts })).status).toBe(200);
  }
  const run = await call(office, 'POST', '/inspections', { regionCode: REGION, checkDate: CHECK });
  expect(run.status).toBe(201);
  expect(run.body.summary).toMatchObject({ checked: 5, passed: 2, failed: 3 });
  inspectionId = run.body.id;
});

afterAll(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

describe('GET /inspections/{id}/report?format=docx (the 通报)', () => {
  it('is a Word file offered for download under its Chinese title (RFC 5987)', async () => {
    const { res } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    const title = '关于2026年第四季度全县政府网站与政务新媒体检查情况的通报';
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="govmedia-bulletin-${inspectionId}.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`);
  });

  it('carries the issuer, the title built from the quarter and the region, and the check date', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    expect(doc!.paragraphs[0]).toBe('淳安县人民政府办公室');
    expect(doc!.paragraphs).toContain('关于2026年第四季度全县政府网站与政务新媒体检查情况的通报');
    expect(doc!.text).toContain('以2026年11月20日为检查日');
  });

  it('states the figures: checked, passed, failed and the pass rate', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    expect(doc!.text).toContain('本次共检查政务新媒体账号5个，合格2个，不合格3个，合格率40.00%。');
    expect(doc!.text).toContain('微信公众号3个，合格2个，合格率66.67%');
  });

  it('ranks the departments by pass rate', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    const ranking = doc!.rows.filter((r) => r.length === 6);
    expect(ranking).toEqual([
      ['排名', '主办单位', '检查数', '合格数', '不合格数', '合格率'],
      ['1', POLICE, '1', '1', '0', '100.00%'],
      ['2', HRSS, '2', '1', '1', '50.00%'],
      ['3', MARKET, '2', '0', '2', '0.00%'],
    ]);
  });

  it('describes the problems by type with counts, and has a row for each failed account in the annex', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    expect(doc!.text).toContain('「内容不更新」3个');
    const annex = doc!.rows.filter((r) => r.length === 5).slice(1);
    expect(annex.map((r) => r.slice(1, 4))).toEqual([
      [HRSS, '微博', '淳安人社微博'],
      [MARKET, '微信公众号', '淳安县市场监管'],
      [MARKET, '抖音', '淳安市场监管'],
    ]);
    for (const row of annex) expect(row[4]).toContain('单项否决「内容不更新」');
  });

  it('names the Chinese fonts in its styles', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体']) expect(doc!.styles).toContain(`w:eastAsia="${font}"`);
  });

  it('takes the issuer and the document number from the query', async () => {
    const q = new URLSearchParams({ format: 'docx', issuer: '中共淳安县委宣传部', number: '淳宣〔2026〕12号' });
    const { doc } = await download(office, `/inspections/${inspectionId}/report?${q}`);
    expect(doc!.paragraphs.slice(0, 2)).toEqual(['中共淳安县委宣传部', '淳宣〔2026〕12号']);
  });

  it('labels a sample inspection 抽查 with its ratio', async () => {
    const run = await call(office, 'POST', '/inspections', { regionCode: REGION, checkDate: CHECK, sample: { ratio: 0.5, seed: 'docs' } });
    expect(run.status).toBe(201);
    const { doc } = await download(office, `/inspections/${run.body.id}/report?format=docx`);
    expect(doc!.paragraphs).toContain('关于2026年第四季度全县政府网站与政务新媒体抽查情况的通报');
    expect(doc!.text).toContain(`按50%的比例，从5个正常运营的政务新媒体账号中随机抽查了${run.body.summary.checked}个`);
  });

  it('is 404 for an office of another region, and 400 for an unknown format', async () => {
    expect((await call({ ...office, sub: 'office-elsewhere', region: '440105' }, 'GET', `/inspections/${inspectionId}/report?format=docx`)).status).toBe(404);
    const bad = await call(office, 'GET', `/inspections/${inspectionId}/report?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
  });
});

describe('GET /rectifications/{id}/notice?format=docx (the 整改通知)', () => {
  let notice: { id: string; dueDate: string };
  const dueZh = () => {
    const [y, m, d] = notice.dueDate.split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  };
  beforeAll(async () => {
    const res = await call(office, 'POST', '/rectifications', { inspectionId });
    expect(res.status).toBe(201);
    notice = res.body;
  });

  it('is a Word file named after its title and day of issue', async () => {
    const { res } = await download(office, `/rectifications/${notice.id}/notice?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('关于政务新媒体检查发现问题整改的通知（2026-11-23）.docx')}`);
  });

  it('is addressed to the departments with items and gives the inspection date and the deadline in Chinese', async () => {
    const { doc } = await download(office, `/rectifications/${notice.id}/notice?format=docx`);
    expect(doc!.paragraphs).toContain('关于政务新媒体检查发现问题整改的通知');
    expect(doc!.paragraphs).toContain(`${HRSS}、${MARKET}：`);
    expect(doc!.text).toContain('2026年11月20日，淳安县人民政府办公室对全县政务新媒体开展了检查');
    expect(doc!.text).toContain(`于${dueZh()}前完成整改`);
    expect(doc!.paragraphs.filter((p) => p === `整改期限：${dueZh()}前。`)).toHaveLength(2);
    expect(doc!.paragraphs).toContain('2026年11月23日');
  });

  it('has a table per department with each item\'s account, platform and problems in words', async () => {
    const { doc } = await download(office, `/rectifications/${notice.id}/notice?format=docx`);
    const items = doc!.rows.filter((r) => r[0] !== '序号');
    expect(items.map((r) => r.slice(0, 3))).toEqual([
      ['1', '淳安人社微博', '微博'],
      ['1', '淳安县市场监管', '微信公众号'],
      ['2', '淳安市场监管', '抖音'],
    ]);
    for (const row of items) expect(row[3]).toMatch(/^单项否决「内容不更新」：检查日 2026-11-20 前 14 天内没有更新/);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体']) expect(doc!.styles).toContain(`w:eastAsia="${font}"`);
  });

  it('holds only the department\'s own items for its editor', async () => {
    const { res, doc } = await download(editorOf(depts[MARKET]!), `/rectifications/${notice.id}/notice?format=docx`);
    expect(res.status).toBe(200);
    expect(doc!.paragraphs).toContain(`${MARKET}：`);
    expect(doc!.text).not.toContain('淳安人社微博');
    expect(doc!.text).not.toContain(HRSS);
    expect(doc!.rows.filter((r) => r[0] !== '序号').map((r) => r[1])).toEqual(['淳安县市场监管', '淳安市场监管']);
  });

  it('quotes the notice\'s due date in the 通报\'s requirements once issued', async () => {
    const { doc } = await download(office, `/inspections/${inspectionId}/report?format=docx`);
    expect(doc!.text).toContain(`于${dueZh()}前完成整改`);
  });

  it('is 404 for a department without items and for another region, and 400 for a format other than docx', async () => {
    expect((await call(editorOf(depts[POLICE]!), 'GET', `/rectifications/${notice.id}/notice?format=docx`)).status).toBe(404);
    expect((await call({ ...office, sub: 'office-elsewhere', region: '440105' }, 'GET', `/rectifications/${notice.id}/notice?format=docx`)).status).toBe(404);
    const json = await call(office, 'GET', `/rectifications/${notice.id}/notice?format=json`);
    expect(json.status).toBe(400);
    expect(json.body.error.issues[0].path).toBe('format');
  });
});
