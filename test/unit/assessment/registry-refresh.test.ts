import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessLoaded } from '../../../shared/assessment/inputs';
import { planRegistryFlags, REGISTRY_DERIVED_FLAG_TYPES, type RegistryFlagPorts } from '../../../shared/assessment/refresh';
import { NATIONAL } from '../../../shared/profiles/builtin';
import type { Account, Flag, Platform } from '../../../shared/registry/schemas';

const TODAY = '2026-11-20';
const NOW = '2026-11-20T01:00:00.000Z';
const DEPT = { id: 'd1', name: '淳安县人力社保局', regionCode: '330127', createdAt: NOW, version: 1 };

const account = (over: Partial<Account> = {}): Account => ({
  id: 'a1',
  platform: 'wechat',
  handle: 'h',
  name: '淳安人社',
  departmentId: DEPT.id,
  regionCode: DEPT.regionCode,
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

/** The unit's stored accounts in memory; `writes` records each derived write. */
function portsOver(stored: Account[]) {
  const writes: { id: string; flags?: Flag[] }[] = [];
  const ports: RegistryFlagPorts = {
    accounts: {
      unitOf: async () =>
        stored.map((a) => ({ id: a.id, platform: a.platform, name: a.name, handle: a.handle, status: a.status, duplicateException: a.duplicateException, flagTypes: a.flags.map((f) => f.type) })),
      get: async (id) => structuredClone(stored.find((a) => a.id === id)),
      setDerived: async (id, fields) => void writes.push({ id, ...fields }),
    },
    departments: { get: async () => DEPT },
    profileOf: async () => NATIONAL,
    clock: { now: () => NOW },
  };
  return { ports, writes };
}

const registryDerived = (flags: readonly Flag[]) => flags.filter((f) => REGISTRY_DERIVED_FLAG_TYPES.includes(f.type));

const PLATFORMS: Platform[] = ['wechat', 'weibo', 'douyin'];
const NAMES = ['淳安人社', '人社局', '2026千岛湖秀水节', '淳安县人力社保局就业科'];
const anAccount = (id: string) =>
  fc.record({
    platform: fc.constantFrom(...PLATFORMS),
    name: fc.constantFrom(...NAMES),
    status: fc.constantFrom('active' as const, 'closed' as const, 'closure_pending' as const),
    duplicateException: fc.boolean(),
    filingPendingSince: fc.option(fc.constantFrom('2026-11-02', '2026-11-18'), { nil: undefined }),
    lastValidatedAt: fc.constantFrom('2026-01-05T00:00:00Z', '2026-11-02T00:00:00Z'),
  }).map((f) => account({ id, handle: id, ...f, ...(f.filingPendingSince ? {} : { filingPendingSince: undefined }) }));

describe('registry-derived flags at a registry write', () => {
  it('for a new account equal the assessment the sweep makes of it while it has no activity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anAccount('s'), { maxLength: 5 }), anAccount('new'), async (siblings, fresh) => {
        const stored = siblings.map((s, i) => ({ ...s, id: `s${i}`, handle: `s${i}` }));
        const [planned] = (await planRegistryFlags([{ account: fresh }], portsOver(stored).ports)).accounts;
        const swept = assessLoaded(fresh, { posts: [], snapshots: [], departmentName: DEPT.name, siblings: [...stored, fresh] }, TODAY, NATIONAL);
        expect(planned!.flags).toEqual(swept.flags);
        expect(planned!.latestGrade).toMatchObject({ checkDate: TODAY, verdict: swept.grade.verdict, score: swept.grade.score });
      }),
    );
  });

  it('for an edited account equal the registry-derived flags of the sweep assessment, its activity flags kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anAccount('s'), { maxLength: 5 }), anAccount('e'), async (siblings, edited) => {
        const stored = siblings.map((s, i) => ({ ...s, id: `s${i}`, handle: `s${i}` }));
        const before = { ...edited, flags: [{ type: 'stale', since: '2026-11-10', evidence: {} }] as Flag[], lastPostAt: '2026-10-30T00:00:00Z' };
        const [planned] = (await planRegistryFlags([{ account: before, before }], portsOver([...stored, before]).ports)).accounts;
        const swept = assessLoaded(before, { posts: [], snapshots: [], departmentName: DEPT.name, siblings: [...stored, before] }, TODAY, NATIONAL);
        expect(registryDerived(planned!.flags)).toEqual(registryDerived(swept.flags));
        // Activity flags are the sweep's and ingest's: an edit keeps them as they were.
        expect(planned!.flags.filter((f) => f.type === 'stale')).toEqual(before.flags);
      }),
    );
  });

  it('writes nothing but the new account when its siblings are already flagged duplicate', async () => {
    const flagged = (id: string, others: string[]): Account =>
      account({ id, handle: id, flags: [{ type: 'duplicate', since: '2026-11-03', evidence: { otherAccounts: others.map((o) => ({ id: o })) } }] });
    const stored = Array.from({ length: 50 }, (_, i) => flagged(`s${i}`, ['x']));
    const { ports, writes } = portsOver(stored);
    const plan = await planRegistryFlags([{ account: account({ id: 'new', handle: 'new' }) }], ports);
    expect(await plan.write()).toBe(0);
    expect(writes).toEqual([]);
  });

  it('writes the one sibling whose duplicate flag appears with the second account', async () => {
    const { ports, writes } = portsOver([account({ id: 's0', handle: 's0' })]);
    await (await planRegistryFlags([{ account: account({ id: 'new', handle: 'new' }) }], ports)).write();
    expect(writes.map((w) => [w.id, w.flags?.map((f) => f.type)])).toEqual([['s0', ['duplicate']]]);
  });
});
