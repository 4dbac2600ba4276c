/**
 * Invariants of the grading engine, checked on random accounts (fast-check).
 *
 * Monotonicity, as defined here: "adding a post never lowers a score" is only
 * true for some posts — a fresh off-mission post can push the off-mission
 * share over 10%. The property holds for an added post that is service (or
 * policy) content without wording errors, dated anywhere (even after the check
 * date, where it is ignored). Proof sketch, rule by rule, with n posts in a
 * window of which s are service and o off-mission:
 *   no_update  the latest post can only get newer → a veto can only disappear;
 *   no_interaction, fake_engagement, naming, service_links  do not look at posts;
 *   security   the new post has no severe error → no new veto;
 *   cadence    the count in the window grows or stays → missing posts do not grow;
 *   service share  (s+1)/(n+1) ≥ s/n, and an empty window (0%) becomes 100%;
 *   off-mission share  o/(n+1) ≤ o/n;
 *   wording    the new post has no ordinary error → same count.
 * So no veto appears, no deduction grows, and the score (null < any number)
 * never goes down; the verdict never goes from pass to fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostClassification } from '../../../shared/activity/schemas';
import { gradeAccount, type GradeInput, type GradePost } from '../../../shared/grading';
import { BUILTIN_PROFILES, NATIONAL } from '../../../shared/profiles';
import { addDays } from '../../../shared/time';
import { ACCOUNT } from './helpers';

const CHECK = '2026-06-30';

const wordingArb = fc.array(
  fc.constantFrom<NonNullable<PostClassification['wording']>[number]>(
    { error: '按装', suggestion: '安装', severity: 'ordinary', start: 0, end: 2 },
    { error: '台湾总统', suggestion: '台湾地区领导人', severity: 'severe', start: 3, end: 7 },
  ),
  { maxLength: 2 },
);

const classificationArb: fc.Arbitrary<PostClassification> = fc.record(
  {
    category: fc.constantFrom('service', 'policy', 'news', 'off_mission'),
    wording: fc.oneof({ weight: 4, arbitrary: fc.constant([] as NonNullable<PostClassification['wording']>) }, { weight: 1, arbitrary: wordingArb }),
  },
  { requiredKeys: ['category'] },
);

/** A publication instant 0–200 days before the check date (some after it), at any time, written with any offset. */
const instantArb = fc
  .record({
    daysBefore: fc.integer({ min: -5, max: 200 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    offset: fc.constantFrom('Z', '+08:00', '-05:00', '+09:30'),
  })
  .map(({ daysBefore, minute, offset }) => {
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return `${addDays(CHECK, -daysBefore)}T${hh}:${mm}:00${offset}`;
  });

const postsArb = fc
  .array(fc.record({ publishedAt: instantArb, classification: fc.option(classificationArb, { nil: undefined }) }), { maxLength: 40 })
  .map((ps) => ps.map((p, i): GradePost => ({ externalId: `p${i}`, publishedAt: p.publishedAt, ...(p.classification ? { classification: p.classification } : {}) })));

const inputArb: fc.Arbitrary<GradeInput> = fc.record({
  account: fc.record({
    id: fc.constant('acc'),
    name: fc.constantFrom('杭州人社', '城市生活小助手', '杭州市人力资源和社会保障局'),
    platform: fc.constantFrom('wechat' as const, 'weibo' as const),
    interactionEnabled: fc.boolean(),
    departmentName: fc.constant(ACCOUNT.departmentName),
    verifiedSubject: fc.option(fc.constantFrom('杭州市人力资源和社会保障局', '某某传媒有限公司'), { nil: undefined }),
    siblingNames: fc.option(fc.array(fc.constantFrom('杭州人社', '杭州人社微博', '人社小助手'), { maxLength: 3 }), { nil: undefined }),
  }),
  posts: postsArb,
  metrics: fc.option(
    fc.record(
      {
        oldestUnansweredDays: fc.integer({ min: 0, max: 200 }),
        brokenServiceLinks: fc.array(fc.constantFrom('https://a.example/1', 'https://a.example/2', 'https://a.example/3'), { maxLength: 3 }),
        securityIncident: fc.constantFrom('泄露身份证号'),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  confirmedFakeEngagement: fc.option(fc.boolean(), { nil: undefined }),
});

const profileArb = fc.constantFrom(...BUILTIN_PROFILES);

/** Orders outcomes: a vetoed grade (null) is below every score. */
const rank = (score: number | null) => (score === null ? -1 : score);

describe('grading invariants (property-based)', () => {
  it('the score is null exactly when a veto applies, otherwise within 0..100, and matches the verdict and band', () => {
    fc.assert(
      fc.property(inputArb, profileArb, (input, profile) => {
        const g = gradeAccount(input, CHECK, profile);
        if (g.vetoes.length) {
          expect(g.score).toBeNull();
          expect(g.verdict).toBe('fail');
          expect(g.band).toBe('fail');
        } else {
          expect(g.score).not.toBeNull();
          expect(g.score!).toBeGreaterThanOrEqual(0);
          expect(g.score!).toBeLessThanOrEqual(100);
          expect(g.verdict).toBe(g.score! >= profile.bands.pass ? 'pass' : 'fail');
        }
      }),
    );
  });

  it('no deduction exceeds its cap, and the score is 100 minus the deductions', () => {
    fc.assert(
      fc.property(inputArb, profileArb, (input, profile) => {
        const g = gradeAccount(input, CHECK, profile);
        for (const d of g.deductions) {
          expect(d.points).toBeGreaterThan(0);
          expect(d.points).toBeLessThanOrEqual(d.cap);
          expect(d.points).toBe(Math.min(d.cap, d.evidence.uncappedPoints));
        }
        if (g.score !== null) expect(g.score).toBeCloseTo(Math.max(0, 100 - g.deductions.reduce((s, d) => s + d.points, 0)), 6);
      }),
    );
  });

  it('adding a service or policy post without wording errors never lowers the score nor turns a pass into a fail', () => {
    fc.assert(
      fc.property(inputArb, profileArb, instantArb, fc.constantFrom('service' as const, 'policy' as const), (input, profile, publishedAt, category) => {
        const before = gradeAccount(input, CHECK, profile);
        const after = gradeAccount({ ...input, posts: [...input.posts, { externalId: 'added', publishedAt, classification: { category } }] }, CHECK, profile);
        expect(rank(after.score)).toBeGreaterThanOrEqual(rank(before.score));
        if (before.verdict === 'pass') expect(after.verdict).toBe('pass');
        expect(after.vetoes.length).toBeLessThanOrEqual(before.vetoes.length);
      }),
    );
  });

  it('the same input always gives the same grade, whatever the order of the posts', () => {
    fc.assert(
      fc.property(inputArb, profileArb, fc.infiniteStream(fc.nat()), (input, profile, rnd) => {
        const a = gradeAccount(input, CHECK, profile);
        expect(gradeAccount(structuredClone(input), CHECK, profile)).toEqual(a);
        const shuffled = [...input.posts].map((p) => ({ p, k: rnd.next().value })).sort((x, y) => x.k - y.k).map((x) => x.p);
        expect(gradeAccount({ ...input, posts: shuffled }, CHECK, profile)).toEqual(a);
      }),
    );
  });

  it('posts after the check date change nothing', () => {
    fc.assert(
      fc.property(inputArb, fc.array(classificationArb, { maxLength: 5 }), (input, later) => {
        const extra = later.map((c, i): GradePost => ({ externalId: `later${i}`, publishedAt: `${addDays(CHECK, 1 + i)}T00:00:00+08:00`, classification: c }));
        expect(gradeAccount({ ...input, posts: [...input.posts, ...extra] }, CHECK, NATIONAL)).toEqual(gradeAccount(input, CHECK, NATIONAL));
      }),
    );
  });
});
