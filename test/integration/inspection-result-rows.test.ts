/**
 * An inspection's grades are stored a chunk to an item (issue 13): written in the request or
 * with a job chunk's landing, they read back whole, in chunk order, and page by verdict,
 * platform and department with each grade exactly once; a chunk that lands again writes none
 * twice; rows written before, one item per account (the grade as a JSON string, or spread over
 * the item), still read.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Grade } from '../../shared/grading/types';
import type { Platform } from '../../shared/registry/schemas';
import type { Principal } from '../../shared/auth/principal';
import { auditEntry } from '../../shared/audit/audit';
import { keys } from '../../functions/store/keys';
import { localDeps } from '../../functions/wiring/local';
import { unique } from '../support/api';

const { stores } = localDeps();
const grade = (accountId: string, verdict: Grade['verdict']): Grade =>
  ({
    accountId,
    checkDate: '2026-11-20',
    profile: { name: 'national', version: 1 },
    verdict,
    score: verdict === 'pass' ? 92 : 41,
    vetoes: verdict === 'fail' ? [{ type: 'no_update', evidence: { lastPostAt: '2026-07-01T02:00:00.000Z', windowDays: 14 } }] : [],
    indicators: [{ key: 'cadence', score: 20, max: 20, evidence: { postIds: ['p1', 'p2'] } }],
  }) as unknown as Grade;

/** A job header, `running`, of `chunks` chunks: what chunks land on. */
async function runningInspection(id: string, chunks: number) {
  const at = '2026-11-20T00:00:00.000Z';
  const header = {
    id,
    regionCode: '330102',
    checkDate: '2026-11-20',
    profile: 'national',
    profileVersion: 1,
    sample: null,
    createdAt: at,
    createdBy: { sub: 'tester', name: '检查员' },
    status: 'running' as const,
    progress: { checked: 0, total: 0 },
    chunks,
    chunksDone: 0,
    updatedAt: at,
  };
  const actor = { sub: 'tester', name: '检查员', roles: ['office'], region: '330102' } as unknown as Principal;
  await stores.inspections.create(header, auditEntry(actor, 'inspection.run', { type: 'inspection', id }, { regionCode: '330102' }, null, header, at, unique('audit')));
}

describe('inspection result rows', () => {
  it('read back equal to the grades written, and filter by verdict, platform and department', async () => {
    const id = unique('insp');
    const rows = [
      { grade: grade('a1', 'pass'), platform: 'wechat' as Platform, departmentId: 'd1' },
      { grade: grade('a2', 'fail'), platform: 'weibo' as Platform, departmentId: 'd1' },
      { grade: grade('a3', 'fail'), platform: 'wechat' as Platform, departmentId: 'd2' },
    ];
    await stores.inspections.putResultRows(id, rows);
    expect((await stores.inspections.resultsPage(id, {}, 10)).items).toEqual(rows.map((r) => r.grade));
    expect((await stores.inspections.resultsPage(id, { verdict: 'fail' }, 10)).items.map((g) => g.accountId)).toEqual(['a2', 'a3']);
    expect((await stores.inspections.resultsPage(id, { platform: 'wechat', departmentId: 'd2' }, 10)).items.map((g) => g.accountId)).toEqual(['a3']);
  });

  it('pages the grades of a job across its chunk items, each exactly once, in chunk order, under every filter', async () => {
    const id = unique('insp');
    await runningInspection(id, 3);
    const platforms: Platform[] = ['wechat', 'weibo', 'douyin'];
    const chunks = [0, 1, 2].map((c) =>
      Array.from({ length: c === 2 ? 37 : 100 }, (_, i) => ({
        grade: grade(`c${c}-${String(i).padStart(3, '0')}`, i % 3 === 0 ? 'fail' : 'pass'),
        platform: platforms[i % 3]!,
        departmentId: `d${c}`,
      })),
    );
    for (const [index, rows] of chunks.entries()) {
      expect(await stores.inspections.landChunk('inspection', id, index, rows.length, {}, '2026-11-20T00:00:00.000Z', rows)).toBe('counted');
    }
    const all = async (filter: Parameters<typeof stores.inspections.resultsPage>[1], limit: number) => {
      const out: Grade[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 1000; pages++) {
        const page = await stores.inspections.resultsPage(id, filter, limit, cursor);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        out.push(...page.items);
        if (!page.cursor) return out;
        cursor = page.cursor;
      }
      throw new Error('more than 1000 pages');
    };
    const every = chunks.flat();
    const ids = (rows: typeof every) => rows.map((r) => r.grade.accountId);
    for (const limit of [1, 7, 50, 100, 250]) expect(ids((await all({}, limit)).map((grade) => ({ grade }) as never))).toEqual(ids(every));
    expect((await all({ verdict: 'fail' }, 30)).map((g) => g.accountId)).toEqual(ids(every.filter((r) => r.grade.verdict === 'fail')));
    expect((await all({ platform: 'weibo', departmentId: 'd2' }, 5)).map((g) => g.accountId)).toEqual(ids(every.filter((r) => r.platform === 'weibo' && r.departmentId === 'd2')));
    expect(await all({ departmentId: 'nowhere' }, 10)).toEqual([]);
  });

  it('refuses a cursor of other filters or of another inspection (400)', async () => {
    const id = unique('insp');
    await stores.inspections.putResultRows(id, Array.from({ length: 5 }, (_, i) => ({ grade: grade(`a${i}`, 'pass'), platform: 'wechat' as Platform, departmentId: 'd1' })));
    const { cursor } = await stores.inspections.resultsPage(id, {}, 2);
    expect(cursor).toEqual(expect.any(String));
    await expect(stores.inspections.resultsPage(id, { verdict: 'pass' }, 2, cursor!)).rejects.toMatchObject({ issues: [{ path: 'cursor' }] });
    await expect(stores.inspections.resultsPage(unique('insp'), {}, 2, cursor!)).rejects.toMatchObject({ issues: [{ path: 'cursor' }] });
  });

  it('stores the grades of a chunk once when the chunk lands again', async () => {
    const id = unique('insp');
    await runningInspection(id, 2);
    const rows = [{ grade: grade('a1', 'pass'), platform: 'wechat' as Platform, departmentId: 'd1' }];
    expect(await stores.inspections.landChunk('inspection', id, 0, 1, {}, '2026-11-20T00:00:00.000Z', rows)).toBe('counted');
    const again = [{ grade: grade('a1', 'fail'), platform: 'wechat' as Platform, departmentId: 'd1' }];
    expect(await stores.inspections.landChunk('inspection', id, 0, 1, {}, '2026-11-20T00:01:00.000Z', again)).toBe('already');
    expect((await stores.inspections.resultsPage(id, {}, 10)).items).toEqual([rows[0]!.grade]);
    expect((await stores.inspections.jobState('inspection', id))?.progress.checked).toBe(1);
  });

  it('reads rows stored before, one item per account with the grade as a JSON string', async () => {
    const id = unique('insp');
    const old = [grade('a1', 'pass'), grade('a2', 'fail'), grade('a3', 'fail')];
    for (const [i, g] of old.entries()) {
      const item = { ...keys.inspectionResult(id, g.accountId), accountId: g.accountId, verdict: g.verdict, _platform: i === 2 ? 'weibo' : 'wechat', _departmentId: 'd1', body: JSON.stringify(g) };
      await stores.table.doc.send(new PutCommand({ TableName: stores.table.name, Item: item }));
    }
    expect((await stores.inspections.resultsPage(id, {}, 10)).items).toEqual(old);
    expect((await stores.inspections.resultsPage(id, { verdict: 'fail', platform: 'wechat' }, 10)).items).toEqual([old[1]]);
    const first = await stores.inspections.resultsPage(id, {}, 2);
    expect(first.items).toEqual(old.slice(0, 2));
    expect((await stores.inspections.resultsPage(id, {}, 2, first.cursor!)).items).toEqual(old.slice(2));
  });

  it('reads a row stored before, with the grade spread over the item', async () => {
    const id = unique('insp');
    const old = grade('a9', 'fail');
    await stores.table.doc.send(new PutCommand({ TableName: stores.table.name, Item: { ...keys.inspectionResult(id, 'a9'), ...old, _platform: 'wechat', _departmentId: 'd1' } }));
    expect((await stores.inspections.resultsPage(id, { verdict: 'fail', platform: 'wechat' }, 10)).items).toEqual([old]);
  });
});
