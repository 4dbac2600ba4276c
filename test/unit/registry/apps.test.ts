import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { APP_FEATURES, appFlags, FilingNumber, openingApprovalFor } from '../../../shared/registry/apps';
import type { Account } from '../../../shared/registry/schemas';

const NO = Object.fromEntries(APP_FEATURES.map((f) => [f, false])) as Record<(typeof APP_FEATURES)[number], boolean>;
const app = (over: Partial<Account> = {}): Account =>
  ({ id: 'a1', platform: 'app', handle: 'h', name: 'n', departmentId: 'd', regionCode: '330127', interactionEnabled: true, contacts: [{ name: 'x' }], status: 'active', flags: [], postCount: 0, lastValidatedAt: '2026-03-01T00:00:00Z', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', version: 1, ...over }) as Account;
const types = (a: Account) => appFlags(a, '2026-03-02').map((f) => f.type);

describe('FilingNumber', () => {
  it.each(['浙ICP备12345678号-3A', 'ZWAPP-2026-000123', 'ABC123', 'a'.repeat(39) + '1'])('accepts %s', (n) => {
    expect(v.safeParse(FilingNumber, n).success).toBe(true);
  });
  it.each(['12345', 'A1'.repeat(21), 'ZW APP 2026', 'ZW/2026/1', 'ABCDEFG', '备案编号无数字'])('refuses %s', (n) => {
    expect(v.safeParse(FilingNumber, n).success).toBe(false);
  });
});

describe('appFlags', () => {
  it.each([
    ['an active app without a number', app(), ['unfiled_app']],
    ['an announcing mini-program without a number', app({ platform: 'miniprogram', status: 'announcing' }), ['unfiled_app']],
    ['an app with its number', app({ filingNumber: 'ZWAPP-2026-1' }), []],
    ['an app waiting for its opening approval', app({ status: 'opening_pending' }), []],
    ['a closed app', app({ status: 'closed', appFeatures: { ...NO, checkIn: true } }), []],
    ['a wechat account', app({ platform: 'wechat' }), []],
  ])('%s → %j', (_what, account, expected) => {
    expect(types(account)).toEqual(expected);
  });

  it('raises one banned_app_feature flag exactly when some answer is "yes", listing those answers', () => {
    fc.assert(
      fc.property(fc.record(Object.fromEntries(APP_FEATURES.map((f) => [f, fc.boolean()])) as Record<(typeof APP_FEATURES)[number], fc.Arbitrary<boolean>>), (answers) => {
        const flags = appFlags(app({ filingNumber: 'ZWAPP-2026-1', appFeatures: { ...answers, checkedAt: '2026-03-01T10:00:00+08:00' } }), '2026-03-02');
        const yes = APP_FEATURES.filter((f) => answers[f]);
        expect(flags.length).toBe(yes.length ? 1 : 0);
        if (yes.length) {
          expect(flags[0]).toMatchObject({ type: 'banned_app_feature', since: '2026-03-01', evidence: { rule: '国办函〔2026〕12号' } });
          expect(flags[0]!.evidence.features).toEqual(yes.map((feature) => expect.objectContaining({ feature, rule: expect.stringContaining('国办函〔2026〕12号') })));
        }
      }),
    );
  });
});

describe('openingApprovalFor', () => {
  const none = { required: false, tiers: [] };
  it.each([
    ['a township app, profile without approval', none, 'township', 'app', { required: true, tiers: ['office'], reason: 'below_county_app' }],
    ['a township mini-program, profile asking the reviewer', { required: true, tiers: ['reviewer'] }, 'township', 'miniprogram', { required: true, tiers: ['reviewer', 'office'], reason: 'below_county_app' }],
    ['a township app, profile already asking the office', { required: true, tiers: ['office'] }, 'township', 'app', { required: true, tiers: ['office'], reason: 'below_county_app' }],
    ['a township public account', none, 'township', 'wechat', none],
    ['a county app', none, 'county', 'app', none],
    ['an app of a department without a level', none, undefined, 'app', none],
  ] as const)('%s', (_what, policy, level, platform, expected) => {
    expect(openingApprovalFor({ required: policy.required, tiers: [...policy.tiers] }, level ? { level } : {}, platform)).toEqual(expected);
  });
});
