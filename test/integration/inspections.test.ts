import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, makeAccount, makeDepartment, type Caller } from '../support/api';

const SERVICE = { title: '社保卡申领办理指南', text: '办理社保卡需携带身份证原件，可在浙里办线上申请，办理时间为工作日 9:00-17:00，咨询电话 12333。' };
const GOSSIP = { title: '震惊！某明星离婚内幕曝光', text: '明星八卦，娱乐圈最新绯闻，点击查看，转发抽奖送手机。' };

/** A Beijing-time instant `daysBefore` days before `date`, at 10:00. */
const beforeDate = (date: string, daysBefore: number, time = '10:00:00') => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysBefore);
  return `${d.toISOString().slice(0, 10)}T${time}+08:00`;
};

const officeOf = (region: string): Caller => ({ sub: `office-${region}`, roles: ['office'], region, name: '检查员' });

async function accountWithPosts(region: string, daysBefore: number[], content = SERVICE, overrides: Record<string, unknown> = {}, checkDate = '2026-11-20') {
  const dept = await makeDepartment(region, `${region}县人力资源和社会保障局${Math.random().toString(36).slice(2, 6)}`);
  const account = await makeAccount(dept, { name: `${dept.name.slice(0, 8)}人社`, ...overrides });
  if (daysBefore.length) {
    const posts = daysBefore.map((d, i) => ({ externalId: `p${i}`, publishedAt: beforeDate(checkDate, d), ...content }));
    const res = await call(officeOf(region), 'POST', `/accounts/${account.id}/posts`, { posts });
    expect(res.status).toBe(200);
  }
  return { dept, account };
}

describe('GET /accounts/{id}/grade', () => {
  it('passes an active service account with the national profile version named', async () => {
    const { account } = await accountWithPosts('330122', [1, 5, 9, 13, 20, 40, 60]);
    const res = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20&profile=national`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accountId: account.id, checkDate: '2026-11-20', profile: 'national', profileVersion: 1, verdict: 'pass' });
    expect(res.body.score).toBeGreaterThanOrEqual(60);
    expect(res.body.vetoes).toEqual([]);
  });

  it.each([
    [14, 'pass'],
    [15, 'fail'],
  ])('with the latest post %i days before the check date the verdict is %s', async (days, verdict) => {
    const { account } = await accountWithPosts('330122', [days, days + 1, days + 2, days + 3]);
    const res = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20`);
    expect(res.body.vetoes.some((v: { code: string }) => v.code === 'no_update')).toBe(verdict === 'fail');
    if (verdict === 'fail') expect(res.body).toMatchObject({ verdict: 'fail', score: null, band: 'fail' });
  });

  it('vetoes an account whose interaction channel is disabled, naming the rule', async () => {
    const { account } = await accountWithPosts('330122', [1, 2, 3, 4], SERVICE, { interactionEnabled: false });
    const res = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20`);
    expect(res.body.verdict).toBe('fail');
    expect(res.body.vetoes.map((v: { code: string }) => v.code)).toContain('no_interaction');
  });

  it('deducts for off-mission content with the posts as evidence', async () => {
    const { account } = await accountWithPosts('330122', [1, 2, 3, 4, 5], GOSSIP);
    const res = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20`);
    const offMission = res.body.deductions.find((d: { code: string }) => d.code === 'off_mission_share');
    expect(offMission).toMatchObject({ points: 20, cap: 20 });
    expect(offMission.evidence.posts.length).toBe(5);
  });

  it('grades under a stricter profile when asked', async () => {
    const { account } = await accountWithPosts('330122', [12, 13, 14, 15]);
    const national = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20&profile=national`);
    const strict = await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-11-20&profile=strict-10day`);
    expect(national.body.vetoes.map((v: { code: string }) => v.code)).not.toContain('no_update');
    expect(strict.body.vetoes.map((v: { code: string }) => v.code)).toContain('no_update');
    expect(strict.body.profile).toBe('strict-10day');
  });

  it('answers 404 for an unknown profile and 400 for a bad date', async () => {
    const { account } = await accountWithPosts('330122', [1]);
    expect((await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?profile=nope-profile`)).status).toBe(404);
    expect((await call(officeOf('330122'), 'GET', `/accounts/${account.id}/grade?at=2026-13-01`)).status).toBe(400);
  });

  it('hides the grade from another region (404)', async () => {
    const { account } = await accountWithPosts('330122', [1]);
    expect((await call(officeOf('440100'), 'GET', `/accounts/${account.id}/grade`)).status).toBe(404);
  });

  it('flags a zombie account on ingest and lists it by flag', async () => {
    const region = '330183';
    const { account } = await accountWithPosts(region, [200, 210], SERVICE, {}, new Date().toISOString().slice(0, 10));
    const res = await call(officeOf(region), 'GET', `/accounts/${account.id}`);
    expect(res.body.flags.map((f: { type: string }) => f.type)).toContain('zombie');
    const list = await call(officeOf(region), 'GET', `/accounts?region=${region}&flag=zombie`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(account.id);
  });
});

describe('inspections', () => {
  const region = '330182';
  let prepared: Promise<string[]> | undefined;
  /** 12 accounts: 8 active, 4 silent for 20 days. */
  const prepare = () =>
    (prepared ??= (async () => {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await accountWithPosts(region, i < 8 ? [1, 3, 6, 9, 12] : [20, 21, 22, 23])).account.id);
      return ids;
    })());

  it('grades the whole region and summarises pass rates by platform', async () => {
    await prepare();
    const res = await call(officeOf(region), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' });
    expect(res.status).toBe(201);
    expect(res.body.summary).toMatchObject({ checked: 12, passed: 8, failed: 4 });
    expect(res.body.summary.passRate).toBeCloseTo(8 / 12, 3);
    expect(res.body.summary.byPlatform.wechat.checked).toBe(12);
    expect(res.body.results).toHaveLength(12);
    expect(res.body.profileVersion).toBe(1);
    const stored = await call(officeOf(region), 'GET', `/inspections/${res.body.id}`);
    expect(stored.body.results).toHaveLength(12);
    expect(stored.body.summary).toEqual(res.body.summary);
  });

  it('samples at least ceil(ratio × N) accounts, the same seed giving the same sample', async () => {
    await prepare();
    const run = (seed: string) => call(officeOf(region), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20', sample: { ratio: 0.25, seed } });
    const a = await run('2026-Q4');
    const b = await run('2026-Q4');
    const ids = (r: { body: { results: { accountId: string }[] } }) => r.body.results.map((g) => g.accountId).sort();
    expect(a.body.results.length).toBeGreaterThanOrEqual(3);
    expect(ids(a)).toEqual(ids(b));
    const others = await Promise.all(['x1', 'x2', 'x3', 'x4'].map(run));
    expect(others.some((o) => JSON.stringify(ids(o)) !== JSON.stringify(ids(a)))).toBe(true);
  });

  it('exports the report as XLSX with pass rates and the failed accounts with reasons', async () => {
    await prepare();
    const run = await call(officeOf(region), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' });
    const { app, tokenFor } = await import('../support/api');
    const res = await app.request(`/api/v1/inspections/${run.body.id}/report?format=xlsx`, { headers: { authorization: `Bearer ${await tokenFor(officeOf(region))}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rates = wb.getWorksheet('合格率')!;
    expect(rates.getRow(2).getCell(3).value).toBeDefined();
    const rows = rates.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes('合计') && r.includes('66.67%'))).toBe(true);
    const failed = wb.getWorksheet('不合格账号')!;
    expect(failed.rowCount).toBe(5);
    expect(String(failed.getRow(2).values)).toContain('内容不更新');
  });

  it('exports the report as CSV', async () => {
    await prepare();
    const run = await call(officeOf(region), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' });
    const res = await call(officeOf(region), 'GET', `/inspections/${run.body.id}/report?format=csv`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('【合格率】');
    expect(res.body).toContain('66.67%');
  });

  it('shows what would change under a stricter profile', async () => {
    const whatIfRegion = '330185';
    for (let i = 0; i < 5; i++) await accountWithPosts(whatIfRegion, i < 3 ? [12, 13, 14, 15] : [1, 2, 3, 4, 5]);
    const res = await call(officeOf(whatIfRegion), 'POST', '/inspections/what-if', {
      regionCode: whatIfRegion,
      checkDate: '2026-11-20',
      baseline: { name: 'national' },
      candidate: { name: 'strict-10day' },
    });
    expect(res.status).toBe(200);
    // A latest post 12 days before the check date passes the 14-day window but not the 10-day one.
    expect(res.body.newlyFailing.length).toBe(3);
    expect(res.body.changes).toHaveLength(3);
    expect(res.body.changes[0].account.platform).toBe('wechat');
    expect(res.body.baseline.summary.passed).toBe(5);
    expect(res.body.candidate.summary.passed).toBe(2);
  });

  it('keeps inspections within their region', async () => {
    const run = await call(officeOf(region), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' });
    expect((await call(officeOf('440100'), 'GET', `/inspections/${run.body.id}`)).status).toBe(404);
    expect((await call(officeOf('440100'), 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' })).status).toBe(403);
    expect((await call(officeOf('330100'), 'GET', `/inspections?region=330100`)).body.items.map((i: { id: string }) => i.id)).toContain(run.body.id);
    const editor: Caller = { sub: 'ed', roles: ['editor'], region, department: 'x' };
    expect((await call(editor, 'POST', '/inspections', { regionCode: region, checkDate: '2026-11-20' })).status).toBe(403);
  });

  it.each([
    [{ regionCode: region }, 'checkDate'],
    [{ regionCode: region, checkDate: '2026-11-20', sample: { ratio: 0, seed: 1 } }, 'sample.ratio'],
    [{ regionCode: region, checkDate: '2026-11-20', sample: { ratio: 1.5, seed: 1 } }, 'sample.ratio'],
  ])('rejects %j with an issue at %s', async (input, path) => {
    const res = await call(officeOf(region), 'POST', '/inspections', input);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('POST /content/check', () => {
  it('classifies off-mission content with the matched terms', async () => {
    const res = await call(officeOf('330122'), 'POST', '/content/check', GOSSIP);
    expect(res.status).toBe(200);
    expect(res.body.category).toBe('off_mission');
    expect(res.body.reasons.length).toBeGreaterThan(0);
  });

  it('finds a wording error with its position', async () => {
    const text = '请大家按装最新版本。';
    const res = await call(officeOf('330122'), 'POST', '/content/check', { text });
    const hit = res.body.wording.find((w: { error: string }) => w.error === '按装');
    expect(hit).toMatchObject({ suggestion: '安装', severity: 'ordinary' });
    expect(text.slice(hit.start, hit.end)).toBe('按装');
  });
});

describe('fake engagement', () => {
  it('is a veto only once a reviewer confirms it, and the confirmation can be withdrawn', async () => {
    const region = '330122';
    // A confirmation counts from the day it is made, so grade as of today.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const { account } = await accountWithPosts(region, [1, 3, 6, 9], SERVICE, {}, today);
    const grade = () => call(officeOf(region), 'GET', `/accounts/${account.id}/grade?at=${today}`);
    expect((await grade()).body.vetoes.map((v: { code: string }) => v.code)).not.toContain('fake_engagement');
    const reviewer: Caller = { sub: 'rev-330122', roles: ['reviewer'], region, name: '审核员' };
    const current = (await call(officeOf(region), 'GET', `/accounts/${account.id}`)).body;
    expect((await call(officeOf(region), 'POST', `/accounts/${account.id}/fake-engagement`, { confirmed: true, version: current.version })).status).toBe(403);
    const confirmed = await call(reviewer, 'POST', `/accounts/${account.id}/fake-engagement`, { confirmed: true, note: '购买粉丝，平台已核实', version: current.version });
    expect(confirmed.status).toBe(200);
    const vetoed = (await grade()).body;
    expect(vetoed).toMatchObject({ verdict: 'fail', score: null });
    expect(vetoed.vetoes.map((v: { code: string }) => v.code)).toContain('fake_engagement');
    const withdrawn = await call(reviewer, 'POST', `/accounts/${account.id}/fake-engagement`, { confirmed: false, version: confirmed.body.version });
    expect(withdrawn.status).toBe(200);
    expect((await grade()).body.vetoes.map((v: { code: string }) => v.code)).not.toContain('fake_engagement');
  });
});
