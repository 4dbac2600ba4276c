import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, admin, call, editorOf, makeAccount, makeDepartment, office, unique, type Caller } from '../support/api';

/**
 * Apps and mini-programs under 国办函〔2026〕12号 (docs/decisions.md, "Apps and mini-programs"): the
 * 备案编号, the banned-feature checklist and openings by units below county level.
 */

const NO_FEATURES = { checkIn: false, pointsRanking: false, onlineDuration: false, forcedDownloadOrLogin: false, likesOrVotesInEvaluation: false, commercial: false };
const flagOf = (account: Record<string, any>, type: string) => ((account.flags ?? []) as { type: string }[]).find((f) => f.type === type) as { type: string; since: string; evidence: any } | undefined;
const patch = async (account: { id: string; version: number }, body: Record<string, unknown>) => {
  const res = await call(office(), 'PATCH', `/accounts/${account.id}`, { ...body, version: account.version });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

let dept: { id: string; name: string; regionCode: string };
beforeAll(async () => {
  dept = await makeDepartment();
});

describe('filingNumber (备案编号)', () => {
  it.each(['app', 'miniprogram'])('an operating %s without it is flagged unfiled_app, citing the rule', async (platform) => {
    const account = await makeAccount(dept, { platform });
    expect(flagOf(account, 'unfiled_app')).toMatchObject({ evidence: { rule: '国办函〔2026〕12号', platform } });
    expect((await call(office(), 'GET', `/accounts?flag=unfiled_app&department=${dept.id}`)).body.items.map((a: { id: string }) => a.id)).toContain(account.id);
  });

  it('a PATCH with the number clears the flag, and the history keeps the change', async () => {
    const account = await makeAccount(dept, { platform: 'app' });
    const filed = await patch(account, { filingNumber: '浙ICP备12345678号-3A' });
    expect(filed.filingNumber).toBe('浙ICP备12345678号-3A');
    expect(flagOf(filed, 'unfiled_app')).toBeUndefined();
    expect(flagOf((await call(office(), 'GET', `/accounts/${account.id}`)).body, 'unfiled_app')).toBeUndefined();

    const history = await call(office(), 'GET', `/audit-log?entity=account:${account.id}`);
    const update = history.body.items.find((e: { action: string }) => e.action === 'account.update');
    expect(update).toMatchObject({ before: { filingNumber: null }, after: { filingNumber: '浙ICP备12345678号-3A' } });
  });

  it('clearing the number (null) raises the flag again', async () => {
    const account = await makeAccount(dept, { platform: 'miniprogram', filingNumber: 'ZWAPP-2026-000123' });
    expect(flagOf(account, 'unfiled_app')).toBeUndefined();
    const cleared = await patch(account, { filingNumber: null });
    expect(cleared.filingNumber).toBeUndefined();
    expect(flagOf(cleared, 'unfiled_app')).toBeDefined();
  });

  it('is never asked of a public account (no flag for a wechat account)', async () => {
    expect(flagOf(await makeAccount(dept, { platform: 'wechat' }), 'unfiled_app')).toBeUndefined();
  });

  it.each([
    ['too short', '12345'],
    ['too long', `A${'1'.repeat(40)}`],
    ['with a space', 'ZWAPP 2026 0001'],
    ['with a slash', 'ZWAPP/2026/0001'],
    ['without a digit', 'ZWAPP-ABCDEF'],
  ])('refuses a number %s (400 at filingNumber)', async (_what, filingNumber) => {
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'app', filingNumber }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['filingNumber']);
  });

  it('refuses a number on a platform that is not an app or mini-program', async () => {
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'weibo', filingNumber: 'ZWAPP-2026-000123' }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['filingNumber']);
  });

  it('folds full-width letters and digits to ASCII', async () => {
    const account = await makeAccount(dept, { platform: 'app', filingNumber: 'ＺＷＡＰＰ－２０２６－０００１２３' });
    expect(account.filingNumber).toBe('ZWAPP-2026-000123');
  });
});

describe('the banned-feature checklist (appFeatures)', () => {
  it('records the checklist with when it was checked, and a clean one raises nothing', async () => {
    const account = await makeAccount(dept, { platform: 'app', filingNumber: 'ZWAPP-2026-000200', appFeatures: NO_FEATURES });
    expect(account.appFeatures).toEqual({ ...NO_FEATURES, checkedAt: expect.any(String) });
    expect(flagOf(account, 'banned_app_feature')).toBeUndefined();
  });

  it.each([
    ['checkIn', '打卡签到'],
    ['pointsRanking', '积分排名'],
    ['onlineDuration', '在线时长'],
    ['forcedDownloadOrLogin', '强制下载或登录'],
    ['likesOrVotesInEvaluation', '考核评价'],
    ['commercial', '商业'],
  ])('a "yes" to %s raises banned_app_feature naming the feature and 国办函〔2026〕12号', async (feature, words) => {
    const account = await makeAccount(dept, { platform: 'miniprogram', filingNumber: 'ZWAPP-2026-000201', appFeatures: { ...NO_FEATURES, [feature]: true } });
    const flag = flagOf(account, 'banned_app_feature');
    expect(flag?.evidence).toMatchObject({ rule: '国办函〔2026〕12号', features: [{ feature }] });
    expect(flag!.evidence.features[0].rule).toContain('国办函〔2026〕12号');
    expect(flag!.evidence.features[0].name).toContain(words);
  });

  it('lists every "yes" in the one flag, and a review answering "no" clears it', async () => {
    const account = await makeAccount(dept, { platform: 'app', filingNumber: 'ZWAPP-2026-000202', appFeatures: { ...NO_FEATURES, checkIn: true, commercial: true, checkedAt: '2026-03-01' } });
    const flag = flagOf(account, 'banned_app_feature')!;
    expect(flag.since).toBe('2026-03-01');
    expect(flag.evidence.features.map((f: { feature: string }) => f.feature)).toEqual(['checkIn', 'commercial']);

    const reviewed = await patch(account, { appFeatures: NO_FEATURES });
    expect(flagOf(reviewed, 'banned_app_feature')).toBeUndefined();
    expect(flagOf((await call(office(), 'GET', `/accounts/${account.id}`)).body, 'banned_app_feature')).toBeUndefined();
  });

  it('refuses a checklist on a public account, and one with a missing answer', async () => {
    expect((await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'douyin', appFeatures: NO_FEATURES }))).body.error.issues[0].path).toBe('appFeatures');
    const { commercial: _left, ...partial } = NO_FEATURES;
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'app', appFeatures: partial }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('appFeatures.commercial');
  });
});

describe('openings by units below county level', () => {
  const reviewer: Caller = { sub: 'reviewer-apps', roles: ['reviewer'], region: '330127' };
  let township: { id: string; regionCode: string; level?: string };
  beforeAll(async () => {
    const res = await call(admin(), 'POST', '/departments', { name: unique('汾口镇人民政府'), regionCode: '330127', level: 'township' });
    expect(res.status).toBe(201);
    township = res.body;
  });

  it('a department records its level; without one it is county level', async () => {
    expect(township.level).toBe('township');
    expect(dept).not.toHaveProperty('level');
  });

  it('an app of a township unit waits for the office approval, then becomes active', async () => {
    const created = await call(editorOf(township), 'POST', '/accounts', accountBody(township.id, { platform: 'app', filingNumber: 'ZWAPP-2026-000300' }));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('opening_pending');
    const pending = await call(office(), 'GET', '/approval-requests?status=pending&kind=opening&limit=500');
    const request = pending.body.items.find((r: { accountId: string }) => r.accountId === created.body.id);
    expect(request).toMatchObject({ kind: 'opening', tiers: ['office'] });

    expect((await call(reviewer, 'POST', `/approval-requests/${request.id}/decisions`, { decision: 'approve', version: 1 })).status).toBe(403);
    const decided = await call(office(), 'POST', `/approval-requests/${request.id}/decisions`, { decision: 'approve', version: 1 });
    expect(decided.body.status).toBe('approved');
    expect((await call(office(), 'GET', `/accounts/${created.body.id}`)).body.status).toBe('active');
  });

  it('a township unit\'s public account and a county unit\'s app open at once (the profile needs no approval)', async () => {
    expect((await makeAccount(township, { platform: 'wechat' })).status).toBe('active');
    expect((await makeAccount(dept, { platform: 'app', filingNumber: 'ZWAPP-2026-000301' })).status).toBe('active');
  });
});

describe('import and export', () => {
  it('import reads the 备案编号 column and export writes it', async () => {
    const own = await makeDepartment();
    const handle = unique('app');
    const csv = [
      '平台,账号,账号名称,主办单位,互动功能,联系人,联系电话,备案编号',
      `移动应用,${handle},淳安政务,${own.name},是,王敏,0571-65012345,ZWAPP-2026-000400`,
    ].join('\n');
    const imported = await call(office(), 'POST', '/imports', csv, { 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);

    const listed = await call(office(), 'GET', `/accounts?department=${own.id}`);
    const account = listed.body.items.find((a: { handle: string }) => a.handle === handle);
    expect(account).toMatchObject({ platform: 'app', filingNumber: 'ZWAPP-2026-000400' });
    expect(flagOf(account, 'unfiled_app')).toBeUndefined();

    const exported = await call(office(), 'GET', '/accounts/export?format=csv');
    const lines = String(exported.body).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const row = lines.find((l) => l.includes(handle))!.split(',');
    expect(header).toContain('备案编号');
    expect(row[header.indexOf('备案编号')]).toBe('ZWAPP-2026-000400');
  });

  it('refuses a 备案编号 on a row that is not an app or mini-program', async () => {
    const own = await makeDepartment();
    const csv = ['平台,账号,账号名称,主办单位,互动功能,联系人,备案编号', `微博,${unique('wb')},淳安发布,${own.name},是,王敏,ZWAPP-2026-000401`].join('\n');
    const res = await call(office(), 'POST', '/imports', csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.report)).toContain('filingNumber');
  });
});
