import { describe, expect, it } from 'vitest';
import { registryFlags } from '../../../shared/assessment/registry-flags';
import type { Account } from '../../../shared/registry/schemas';

const account = (over: Partial<Account> = {}): Account => ({
  id: 'a1',
  platform: 'wechat',
  handle: 'chunan',
  name: '淳安人社',
  departmentId: 'd1',
  regionCode: '330127',
  interactionEnabled: true,
  contacts: [{ name: '王敏' }],
  status: 'active',
  flags: [],
  postCount: 0,
  lastValidatedAt: '2026-11-02T00:00:00Z',
  createdAt: '2026-11-02T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  version: 1,
  ...over,
});

const types = (flags: { type: string }[]) => flags.map((f) => f.type);

describe('registry flags', () => {
  it.each([
    // Opened Monday 2026-11-02; five working days: Tue 3 … Mon 9.
    ['2026-11-09', false],
    ['2026-11-10', true],
  ])('an opening not filed by %s is unfiled_change: %s', (today, flagged) => {
    const flags = registryFlags(account({ filingPendingSince: '2026-11-02' }), [], today, 5);
    expect(types(flags).includes('unfiled_change')).toBe(flagged);
  });

  it('does not count weekends towards the filing deadline', () => {
    // Opened Friday 2026-11-06: Mon 9 … Fri 13 are the five working days.
    expect(types(registryFlags(account({ filingPendingSince: '2026-11-06' }), [], '2026-11-13', 5))).not.toContain('unfiled_change');
    expect(types(registryFlags(account({ filingPendingSince: '2026-11-06' }), [], '2026-11-16', 5))).toContain('unfiled_change');
  });

  it('raises nothing once filed', () => {
    expect(registryFlags(account(), [], '2027-01-01', 5)).toEqual([]);
  });

  it('flags a second account of the unit on the same platform as duplicate, naming the other', () => {
    const other = account({ id: 'a2', handle: 'chunan2', name: '淳安就业' });
    const [flag] = registryFlags(account(), [account(), other], '2026-11-03', 5);
    expect(flag?.type).toBe('duplicate');
    expect(JSON.stringify(flag?.evidence)).toContain('a2');
  });

  it.each([
    ['closed', false],
    ['closure_pending', true],
  ] as const)('counts another account in status %s as a duplicate: %s', (status, flagged) => {
    const other = account({ id: 'a2', status });
    expect(types(registryFlags(account(), [other], '2026-11-03', 5)).includes('duplicate')).toBe(flagged);
  });

  it('does not flag an account with an approved exception', () => {
    expect(registryFlags(account({ duplicateException: true }), [account({ id: 'a2' })], '2026-11-03', 5)).toEqual([]);
  });

  it('flags an account named after a one-off event as internal_division', () => {
    expect(types(registryFlags(account({ name: '2025千岛湖秀水节' }), [], '2026-11-03', 5))).toEqual(['internal_division']);
  });
});
