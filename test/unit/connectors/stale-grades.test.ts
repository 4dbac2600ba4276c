import { describe, expect, it } from 'vitest';
import { inspectionReportSheets } from '../../../functions/api/report';
import type { Inspection } from '../../../shared/assessment/assessment-ports';
import { staleOnCheckDate, type ConnectorHealth } from '../../../shared/connectors/health';

/** Which grades of an inspection rest on stale automatic data (the report's 数据时效 sheet). */

const health = (lastSuccessAt: string): ConnectorHealth => ({ accountId: 'a1', platform: 'douyin', lastAttemptAt: lastSuccessAt, lastSuccessAt, consecutiveFailures: 0 });

describe('staleOnCheckDate', () => {
  it.each([
    ['2026-11-25T17:00:00.000Z', '2026-11-30', 'ok', '2026-11-25T17:00:00.000Z'],
    ['2026-11-28T17:00:00.000Z', '2026-11-30', 'ok', undefined],
    ['2026-12-01T17:00:00.000Z', '2026-11-30', 'ok', undefined],
    ['2026-11-25T17:00:00.000Z', '2026-11-30', 'expired', '2026-11-25T17:00:00.000Z'],
    ['2026-11-25T17:00:00.000Z', '2026-11-30', 'revoked', undefined],
    ['2026-11-25T17:00:00.000Z', '2026-11-30', 'none', undefined],
  ] as const)('last success %s, check date %s, credentials %s → %s', (at, checkDate, status, expected) => {
    expect(staleOnCheckDate(health(at), status, checkDate)).toBe(expected);
  });

  it('an account never fetched is not named (its data is manual)', () => {
    expect(staleOnCheckDate(undefined, 'ok', '2026-11-30')).toBeUndefined();
  });
});

describe('the report names the stale grades', () => {
  const inspection = {
    id: 'insp-1',
    regionCode: '330127',
    checkDate: '2026-11-30',
    profile: 'national-baseline',
    profileVersion: 1,
    results: [],
    summary: { checked: 0, passed: 0, failed: 0, passRate: 0 },
    createdBy: { sub: 'o', name: '县委网信办' },
    createdAt: '2026-11-30T02:00:00.000Z',
  } as unknown as Inspection;

  it('a 数据时效 sheet with the account, platform and since when, only when there is one', () => {
    const accounts = new Map([['a1', { platform: 'douyin' as const, departmentId: 'd1', name: '淳安发布' }]]);
    const sheets = inspectionReportSheets(inspection, accounts, [{ accountId: 'a1', dataAsOf: '2026-11-25T17:00:00.000Z' }]);
    const sheet = sheets.find((s) => s.name === '数据时效')!;
    expect(sheet.rows[1]!.slice(0, 3)).toEqual(['淳安发布', '抖音', '2026-11-26 01:00（北京时间）']);
    expect(inspectionReportSheets(inspection, accounts).some((s) => s.name === '数据时效')).toBe(false);
  });
});
