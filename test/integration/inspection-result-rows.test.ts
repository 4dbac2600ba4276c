/**
 * An inspection's result rows hold the grade as one JSON string (issue 13): written by a job
 * chunk, they read back whole and filter by verdict, platform and department; rows written
 * before, with the grade spread over the item, still read.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Grade } from '../../shared/grading/types';
import type { Platform } from '../../shared/registry/schemas';
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

  it('reads a row stored before, with the grade spread over the item', async () => {
    const id = unique('insp');
    const old = grade('a9', 'fail');
    await stores.table.doc.send(new PutCommand({ TableName: stores.table.name, Item: { ...keys.inspectionResult(id, 'a9'), ...old, _platform: 'wechat', _departmentId: 'd1' } }));
    expect((await stores.inspections.resultsPage(id, { verdict: 'fail', platform: 'wechat' }, 10)).items).toEqual([old]);
  });
});
