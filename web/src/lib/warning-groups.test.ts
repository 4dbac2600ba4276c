import { describe, expect, it } from 'vitest';
import { groupWarnings } from './warning-groups';

describe('groupWarnings (issue 15)', () => {
  const warnings = [
    { accountId: 'a', type: 'low_service_share', week: '2026-11-02' },
    { accountId: 'a', type: 'low_service_share', week: '2026-11-09' },
    { accountId: 'a', type: 'low_service_share', week: '2026-11-16' },
    { accountId: 'b', type: 'low_service_share', week: '2026-11-02' },
    { accountId: 'c', type: 'low_service_share', week: '2026-11-09' },
    { accountId: 'c', type: 'no_update_gap', from: '2026-11-20' },
  ];

  it('gives one group per account', () => {
    expect(groupWarnings(warnings).map((g) => [g.accountId, g.items.length])).toEqual([
      ['c', 2],
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('puts a veto-level warning first, in its group and among groups', () => {
    const [first] = groupWarnings(warnings);
    expect(first).toMatchObject({ accountId: 'c', vetoLevel: true });
    expect(first!.items[0]!.type).toBe('no_update_gap');
  });

  it('keeps every warning', () => {
    expect(groupWarnings(warnings).flatMap((g) => g.items)).toHaveLength(warnings.length);
  });
});
