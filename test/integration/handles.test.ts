import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { keys } from '../../functions/store/keys';
import { accountBody, call, makeAccount, makeDepartment, office } from '../support/api';

const deps = localDeps();

/**
 * Handle identity (docs/decisions.md, "Handle identity"): once `chunanrenshe` is registered on a
 * platform, nothing that looks like it, or that case, width or invisible characters make look like it,
 * registers beside it: not through POST /accounts, not through PATCH, not through POST /imports.
 */

const REGISTERED = 'chunanrenshe';
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));

/** [what, handle, status]: 400 refuses the handle itself (at the handle field), 409 finds it taken. */
const VARIANTS: [string, string, 400 | 409][] = [
  ['a zero-width space inside', 'chunan\u200brenshe', 400],
  ['a trailing zero-width joiner', 'chunanrenshe\u200d', 400],
  ['a zero-width non-joiner', 'chunan\u200crenshe', 400],
  ['a right-to-left override', '\u202echunanrenshe', 400],
  ['a left-to-right isolate pair', 'chunan\u2066renshe\u2069', 400],
  ['a soft hyphen', 'chunan\u00adrenshe', 400],
  ['an embedded NUL', 'chunan\u0000renshe', 400],
  ['a byte order mark inside', 'chunan\ufeffrenshe', 400],
  ['a lone surrogate', 'chunan\ud800renshe', 400],
  ['a Cyrillic с (U+0441) for c, mixing scripts', '\u0441hunanrenshe', 400],
  ['a Cyrillic е (U+0435) for e, mixing scripts', 'chunanr\u0435nsh\u0435', 400],
  ['full-width letters', fullWidth(REGISTERED), 409],
  ['full-width capitals', fullWidth(REGISTERED.toUpperCase()), 409],
  ['mathematical bold letters', '𝐜𝐡𝐮𝐧𝐚𝐧𝐫𝐞𝐧𝐬𝐡𝐞', 409],
  ['capitals', 'ChunanRenshe', 409],
  ['Latin small capital ᴄ for c', '\u1d04hunanrenshe', 409],
  ['a byte order mark in front (trimmed like a space)', '\ufeffchunanrenshe', 409],
];

/** Variants a UTF-8 CSV can carry (a lone surrogate cannot be encoded). */
const CSV_VARIANTS = VARIANTS.filter(([what]) => what !== 'a lone surrogate');

let dept: { id: string; name: string; regionCode: string };
let registered: { id: string };

beforeAll(async () => {
  dept = await makeDepartment();
  registered = await makeAccount(dept, { platform: 'wechat', handle: REGISTERED });
});

function expectRefusal(res: { status: number; body: any }, status: 400 | 409) {
  expect(res.status).toBe(status);
  if (status === 400) {
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['handle']);
  } else {
    expect(res.body.error.code).toBe('handle_taken');
    expect(res.body.error.message).toContain('微信公众号（wechat）');
  }
}

describe('POST /accounts after chunanrenshe is registered', () => {
  it.each(VARIANTS)('refuses the handle with %s (%j) with %i', async (_what, handle, status) => {
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'wechat', handle }));
    expectRefusal(res, status);
  });

  it.each([
    ['a zero-width space', 'chunan\u200brenshe', 'U+200B'],
    ['an embedded NUL', 'chunan\u0000renshe', 'U+0000'],
    ['a right-to-left override', '\u202echunanrenshe', 'U+202E'],
  ])('names the refused character of %s in the issue', async (_what, handle, codePoint) => {
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'wechat', handle }));
    expect(res.body.error.issues[0].message).toContain(codePoint);
  });

  it('still accepts the same handle on another platform', async () => {
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'douyin', handle: fullWidth(REGISTERED) }));
    expect(res.status).toBe(201);
  });
});

describe('look-alikes in another script', () => {
  it('refuses an all-Cyrillic look-alike of a registered handle with 409 naming the platform only', async () => {
    const foreign = await makeDepartment('440100');
    const original = await call(office('440100'), 'POST', '/accounts', accountBody(foreign.id, { platform: 'weibo', handle: 'cocoa', name: '广州发布' }));
    expect(original.status).toBe(201);
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'weibo', handle: '\u0441\u043e\u0441\u043e\u0430' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('handle_taken');
    expect(res.body.error.message).toContain('微博（weibo）');
    // Nothing about the other account beyond "this platform has it": not its id, handle's owner, name or region.
    for (const secret of [original.body.id, foreign.id, '广州发布', '440100']) expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('refuses a Latin handle when its Cyrillic look-alike was registered first', async () => {
    await makeAccount(dept, { platform: 'kuaishou', handle: '\u0440\u043e\u0440' });
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'kuaishou', handle: 'POP' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('handle_taken');
  });

  it('refuses a Greek look-alike as well', async () => {
    await makeAccount(dept, { platform: 'toutiao', handle: 'pope' });
    const res = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'toutiao', handle: '\u03c1\u03bf\u03c1\u03b5' }));
    expect(res.status).toBe(409);
  });
});

describe('PATCH /accounts/{id} to a variant of chunanrenshe', () => {
  let other: { id: string; version: number };
  beforeAll(async () => {
    other = await makeAccount(dept, { platform: 'wechat' });
  });

  it.each(VARIANTS)('refuses the handle with %s (%j) with %i and changes nothing', async (_what, handle, status) => {
    const res = await call(office(), 'PATCH', `/accounts/${other.id}`, { handle, version: other.version });
    expectRefusal(res, status);
    expect((await call(office(), 'GET', `/accounts/${other.id}`)).body.version).toBe(other.version);
  });

  it("lets an account change the case or width of its own handle, keeping its guard", async () => {
    const own = await makeAccount(dept, { platform: 'bilibili', handle: 'qiandaohu' });
    const res = await call(office(), 'PATCH', `/accounts/${own.id}`, { handle: fullWidth('QianDaoHu'), version: own.version });
    expect(res.status).toBe(200);
    const again = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'bilibili', handle: 'qiandaohu' }));
    expect(again.status).toBe(409);
  });

  it('frees the identity when the handle moves to a different one', async () => {
    const own = await makeAccount(dept, { platform: 'bilibili', handle: 'jiandefabu' });
    expect((await call(office(), 'PATCH', `/accounts/${own.id}`, { handle: 'jiande_fabu', version: own.version })).status).toBe(200);
    const reuse = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'bilibili', handle: fullWidth('JIANDEFABU') }));
    expect(reuse.status).toBe(201);
  });
});

describe('POST /imports (CSV) after chunanrenshe is registered', () => {
  const HEADERS = ['平台', '账号', '账号名称', '主办单位', '互动功能', '联系人'];
  const csv = (handles: string[]) =>
    [HEADERS, ...handles.map((h) => ['微信公众号', h, '淳安人社', dept.name, '是', '王敏'])].map((cells) => cells.join(',')).join('\r\n');
  const importCsv = (handles: string[]) => call(office(), 'POST', '/imports', csv(handles), { 'content-type': 'text/csv' });

  it.each(CSV_VARIANTS)('refuses a row with %s (%j) at the handle column and writes nothing', async (_what, handle, status) => {
    const res = await importCsv([handle]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_rejected');
    const [row] = res.body.report.rows;
    expect(row).toMatchObject({ row: 2, status: 'error' });
    expect(row.errors.map((e: { field: string }) => e.field)).toEqual(['handle']);
    if (status === 409) expect(row.errors[0].message).toContain('已登记');
    expect(res.body.report.written).toBe(0);
  });

  it('reports two rows that are look-alikes of each other as duplicates in the file', async () => {
    const res = await importCsv(['yuanqu', fullWidth('YUANQU')]);
    expect(res.status).toBe(422);
    expect(res.body.report.rows.map((r: any) => r.errors[0]?.message)).toEqual([expect.stringContaining('第 3 行'), expect.stringContaining('第 2 行')]);
  });

  it('reserves the identity, not the spelling: an imported full-width handle blocks its ASCII twin', async () => {
    const res = await importCsv([fullWidth('xinanjiang')]);
    expect(res.status).toBe(200);
    const twin = await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'wechat', handle: 'xinanjiang' }));
    expect(twin.status).toBe(409);
  });
});

describe('accounts registered before handle identity (guard under the old lower-case key)', () => {
  const { table, accounts } = deps.stores;

  /** Registers an account, then moves its guard where the old code put it (the state of data stored before). */
  async function legacyAccount(platform: string, handle: string) {
    const account = await makeAccount(dept, { platform, handle });
    await table.doc.send(new DeleteCommand({ TableName: table.name, Key: keys.handleGuard(platform, handle) }));
    await table.doc.send(new PutCommand({ TableName: table.name, Item: { ...keys.legacyHandleGuard(platform, handle), accountId: account.id } }));
    return account;
  }
  const guardOf = async (key: { pk: string; sk: string }) => (await table.get(key))?.accountId;

  it('the migration moves an old guard to its identity, after which the ASCII twin is taken', async () => {
    const old = await legacyAccount('weibo', fullWidth('meicheng'));
    const report = await accounts.rekeyLegacyHandleGuards();
    expect(report.rekeyed).toContain(old.id);
    expect(await guardOf(keys.handleGuard('weibo', 'meicheng'))).toBe(old.id);
    expect(await guardOf(keys.legacyHandleGuard('weibo', fullWidth('meicheng')))).toBeUndefined();
    expect((await call(office(), 'POST', '/accounts', accountBody(dept.id, { platform: 'weibo', handle: 'meicheng' }))).status).toBe(409);
    // Again: nothing left to do.
    expect((await accounts.rekeyLegacyHandleGuards()).rekeyed).toEqual([]);
  });

  it('the migration reports two old accounts that now share one identity and changes neither guard', async () => {
    const twin = await legacyAccount('weibo', fullWidth('fenshui'));
    const ascii = await makeAccount(dept, { platform: 'weibo', handle: 'fenshui' });
    const report = await accounts.rekeyLegacyHandleGuards();
    expect(report.conflicts).toContainEqual({ accountId: twin.id, heldBy: ascii.id });
    expect(await guardOf(keys.handleGuard('weibo', 'fenshui'))).toBe(ascii.id);
    expect(await guardOf(keys.legacyHandleGuard('weibo', fullWidth('fenshui')))).toBe(twin.id);
  });

  it('a handle change of an old account removes its old guard, never the guard of another account', async () => {
    const old = await legacyAccount('app', fullWidth('WENCHANG'));
    const ascii = await makeAccount(dept, { platform: 'app', handle: 'wenchang' }); // the duplicate the old key let in
    const res = await call(office(), 'PATCH', `/accounts/${old.id}`, { handle: 'wenchang_app', version: old.version });
    expect(res.status).toBe(200);
    expect(await guardOf(keys.legacyHandleGuard('app', fullWidth('WENCHANG')))).toBeUndefined();
    expect(await guardOf(keys.handleGuard('app', 'wenchang'))).toBe(ascii.id);
    expect(await guardOf(keys.handleGuard('app', 'wenchang_app'))).toBe(old.id);
  });
});

it('keeps exactly one account under the registered identity after all of the above', async () => {
  const res = await call(office(), 'GET', `/accounts?department=${dept.id}&platform=wechat&q=renshe&limit=500`);
  expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([registered.id]);
});
