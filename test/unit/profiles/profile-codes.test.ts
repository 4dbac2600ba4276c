/**
 * Issue 11: every issue of a candidate rule profile carries a stable `code` (shared/errors-codes.ts
 * ISSUE_CODES) and the values its sentence names, so the web app can say it by code; the path and
 * the Chinese message stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../../shared/errors-codes';
import { NATIONAL, profileIssues, type RuleProfile } from '../../../shared/profiles';

function variant(change: (p: RuleProfile & Record<string, unknown>) => void): unknown {
  const p = structuredClone(NATIONAL) as RuleProfile & Record<string, unknown>;
  change(p);
  return p;
}

describe('rule-profile issues carry their code and params', () => {
  it.each([
    // the cross-field rules (semanticIssues)
    ['caps summing over 100', variant((p) => (p.indicators.wording.cap = 30)), 'indicators', 'caps_sum_over', { max: 100 }],
    ['a pass mark of 0', variant((p) => (p.bands.pass = 0)), 'bands.pass', 'out_of_range', { min: 0 }],
    ['bands out of order', variant((p) => (p.bands.good = 95)), 'bands.excellent', 'must_exceed', { value: NATIONAL.bands.excellent, other: 'bands.good', otherValue: 95 }],
    ['a tier above its cap', variant((p) => (p.indicators.serviceShare.tiers[1]!.points = 25)), 'indicators.serviceShare.tiers.1.points', 'over_indicator_cap', { value: 25, cap: NATIONAL.indicators.serviceShare.cap }],
    ['points per item above the cap', variant((p) => (p.indicators.serviceLinks.pointsPerBrokenLink = 12)), 'indicators.serviceLinks.pointsPerBrokenLink', 'over_indicator_cap', { value: 12 }],
    ['service tiers out of order', variant((p) => p.indicators.serviceShare.tiers.reverse()), 'indicators.serviceShare.tiers.1', 'tiers_descending', {}],
    ['off-mission tiers out of order', variant((p) => p.indicators.offMissionShare.tiers.reverse()), 'indicators.offMissionShare.tiers.1', 'tiers_ascending', {}],
    ['stale after dormant', variant((p) => (p.flags.staleToDays = 40)), 'flags.dormantAfterDays', 'must_not_be_below', { other: 'flags.staleToDays', otherValue: 40 }],
    ['zombie before dormant', variant((p) => (p.flags.zombieAfterDays = 20)), 'flags.zombieAfterDays', 'must_exceed', { value: 20, other: 'flags.dormantAfterDays' }],
    // the structure (valibot's own issues, by shared/validation-issues.ts)
    ['a negative cap', variant((p) => (p.indicators.cadence.cap = -5)), 'indicators.cadence.cap', 'out_of_range', { min: 0 }],
    ['a fractional window', variant((p) => (p.indicators.cadence.windowDays = 27.5)), 'indicators.cadence.windowDays', 'not_integer', {}],
    ['an unknown role', variant((p) => ((p.approvals.closure as string[])[0] = 'boss')), 'approvals.closure.0', 'not_one_of', {}],
    ['an empty approval chain', variant((p) => (p.approvals.scheduledPost = [])), 'approvals.scheduledPost', 'too_few', { min: 1 }],
    ['a bad name', variant((p) => (p.name = 'National Profile')), 'name', 'invalid_format', {}],
    ['a number given as text', variant((p) => ((p.indicators.cadence as Record<string, unknown>).minPosts = '4')), 'indicators.cadence.minPosts', 'invalid_type', {}],
  ])('%s: %s is %s', (_label, candidate, path, code, params) => {
    const issue = profileIssues(candidate).find((i) => i.path === path);
    expect(issue).toMatchObject({ path, code, params: expect.objectContaining(params) });
    expect(code in ISSUE_CODES).toBe(true);
    expect(issue!.message).toMatch(/\p{Script=Han}/u);
  });

  it('every issue of a thoroughly broken profile has a registered code', () => {
    const broken = variant((p) => ((p.bands.good = 95), (p.indicators.wording.cap = 30), (p.flags.zombieAfterDays = 20), (p.extra = 1)));
    const issues = profileIssues(broken);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(i.code && i.code in ISSUE_CODES, `${i.path}: ${i.code}`).toBe(true);
  });
});
