/**
 * A run's context takes the units' accounts from the region's listing (issue 13): grading an
 * account of a listed unit queries no unit, and only the units asked for are taken.
 */
import { describe, expect, it } from 'vitest';
import { AssessmentContext } from '../../../shared/assessment/inputs';
import type { Account } from '../../../shared/registry/schemas';

const account = (id: string, departmentId: string, regionCode = '330102', status: Account['status'] = 'active') =>
  ({ id, departmentId, regionCode, status, platform: 'wechat', name: id }) as unknown as Account;

function contextQuerying() {
  const queried: string[] = [];
  const ports = {
    accounts: {
      allInDepartment: async (regionCode: string, departmentId: string) => {
        queried.push(`${regionCode}/${departmentId}`);
        return [];
      },
    },
  } as unknown as ConstructorParameters<typeof AssessmentContext>[0];
  return { ctx: new AssessmentContext(ports), queried };
}

describe('the units of a run', () => {
  const listed = [account('a1', 'd1'), account('a2', 'd1', '330102', 'closed'), account('b1', 'd2'), account('c1', 'd1', '330103')];

  it('are the listed accounts of the same department in the same region, closed ones too, with no query', async () => {
    const { ctx, queried } = contextQuerying();
    ctx.knowUnits(listed, [listed[0]!]);
    expect((await ctx.departmentAccounts(listed[0]!)).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(queried).toEqual([]);
  });

  it('are queried for a unit not asked for, or of another region', async () => {
    const { ctx, queried } = contextQuerying();
    ctx.knowUnits(listed, [listed[0]!]);
    await ctx.departmentAccounts(listed[2]!);
    await ctx.departmentAccounts(listed[3]!);
    expect(queried).toEqual(['330102/d2', '330103/d1']);
  });
});
