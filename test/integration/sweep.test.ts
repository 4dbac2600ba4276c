import { describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { runSweep } from '../../functions/jobs/sweep';
import { call, makeAccount, makeDepartment, office } from '../support/api';

const deps = localDeps();

describe('the nightly sweep', () => {
  it('grades and flags every operating account across parallel segments', async () => {
    const dept = await makeDepartment('330127');
    const accounts = [];
    for (let i = 0; i < 9; i++) accounts.push(await makeAccount(dept, { name: `淳安测试${i}` }));
    const reports = await Promise.all([0, 1, 2].map((segment) => runSweep({ segment, totalSegments: 3 }, deps)));
    expect(reports.reduce((n, r) => n + r.failed.length, 0)).toBe(0);
    expect(reports.reduce((n, r) => n + r.refreshed, 0)).toBeGreaterThanOrEqual(9);
    for (const a of accounts) {
      const res = await call(office(), 'GET', `/accounts/${a.id}`);
      // Never posted: no_update veto today, so fail with the national profile.
      expect(res.body.latestGrade).toMatchObject({ verdict: 'fail', profile: 'national', score: null });
    }
  });

  it('rejects a segment outside the scan', async () => {
    await expect(runSweep({ segment: 3, totalSegments: 3 }, deps)).rejects.toThrow(/outside/);
  });
});
