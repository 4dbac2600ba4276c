import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricSnapshot, Post, PostClassification } from '../../../shared/activity/schemas';
import { buildSummary, emptySummary, foldIntoSummary, foldSnapshot, RETAIN_DAYS, summaryActivity, type ActivitySummary, type ActivitySummaryStore } from '../../../shared/activity/summary';
import { AssessmentContext, assessAccount, assessLoaded, lookbackDays } from '../../../shared/assessment/inputs';
import { BUILTIN_PROFILES, NATIONAL } from '../../../shared/profiles/builtin';
import type { Account } from '../../../shared/registry/schemas';
import { addDays, beijingDay, dateOfDay, dayNumber } from '../../../shared/time';

const CHECK = '2026-11-20';
const DEPT = { id: 'd1', name: '淳安县人力社保局', regionCode: '330127', createdAt: '2026-01-01T00:00:00Z', version: 1 };
const ACCOUNT: Account = {
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
  createdAt: '2026-01-02T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  lastValidatedAt: '2026-01-02T00:00:00Z',
  version: 1,
};
const SIBLINGS = [ACCOUNT, { ...ACCOUNT, id: 'a2', platform: 'weibo' as const, name: '淳安县人社' }];

const checkDay = dayNumber(CHECK);
const dayStartMs = (day: number) => Date.parse(`${dateOfDay(day)}T00:00:00+08:00`);

/** An instant some day around the check date, as UTC or with the Beijing offset (both are stored). */
const anInstant = fc.record({ day: fc.integer({ min: -130, max: 5 }), minute: fc.integer({ min: 0, max: 1439 }), offset: fc.boolean() }).map(({ day, minute, offset }) => {
  const ms = dayStartMs(checkDay + day) + minute * 60_000;
  if (!offset) return new Date(ms).toISOString();
  const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
});

const aWording = fc.record({ error: fc.constantFrom('中华人民共和国国', '习近平总书纪'), suggestion: fc.constantFrom('中华人民共和国', '习近平总书记'), severity: fc.constantFrom('ordinary' as const, 'severe' as const) });
const aClassification: fc.Arbitrary<PostClassification | undefined> = fc.option(
  fc.record({
    category: fc.constantFrom('service' as const, 'policy' as const, 'news' as const, 'off_mission' as const),
    terms: fc.array(fc.constantFrom('明星', '彩票', '游戏'), { maxLength: 2 }),
    wording: fc.array(aWording, { maxLength: 2 }),
    withWording: fc.boolean(),
  }).map(({ category, terms, wording, withWording }) => ({
    category,
    ...(category === 'off_mission' ? { offMissionReasons: terms.map((term) => ({ term, category: 'entertainment' })) } : {}),
    ...(withWording ? { wording: wording.map((w, i) => ({ ...w, start: i, end: i + 2 })) } : {}),
  })),
  { nil: undefined, freq: 6 },
);

const aPost: fc.Arbitrary<Post> = fc
  .record({ id: fc.integer({ min: 0, max: 80 }), publishedAt: anInstant, classification: aClassification, isRepost: fc.option(fc.boolean(), { nil: undefined }) })
  .map(({ id, publishedAt, classification, isRepost }) => ({
    accountId: ACCOUNT.id,
    externalId: `p${id}`,
    publishedAt,
    text: '正文',
    ingestedAt: '2026-11-20T00:00:00Z',
    ...(classification ? { classification } : {}),
    ...(isRepost !== undefined ? { isRepost } : {}),
  }));

const aSnapshot: fc.Arbitrary<MetricSnapshot> = fc
  .record({
    at: anInstant,
    followers: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
    messagesReceived: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    oldestUnansweredDays: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    brokenServiceLinks: fc.option(fc.array(fc.constantFrom('https://a.gov.cn/x', 'https://b.gov.cn/y'), { maxLength: 2 }), { nil: undefined }),
    securityIncident: fc.option(fc.constant('账号被盗用'), { nil: undefined }),
  })
  .map((m) => ({ accountId: ACCOUNT.id, ...Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) }) as MetricSnapshot);

/** What the store holds: the first post of an id wins; the last snapshot of an instant wins. */
function stored(posts: readonly Post[], snapshots: readonly MetricSnapshot[]) {
  const byId = new Map<string, Post>();
  for (const p of posts) if (!byId.has(p.externalId)) byId.set(p.externalId, p);
  const byAt = new Map<string, MetricSnapshot>();
  for (const m of snapshots) byAt.set(new Date(m.at).toISOString(), m);
  return { posts: [...byId.values()], snapshots: [...byAt.values()] };
}

/** What the store's range reads answer for the Beijing days [from, to]: posts oldest first, snapshots newest first. */
function rawWindow(all: ReturnType<typeof stored>, from: string, to: string) {
  const inDays = (instant: string) => beijingDay(instant) >= dayNumber(from) && beijingDay(instant) <= dayNumber(to);
  const utc = (s: string) => new Date(s).toISOString();
  return {
    posts: all.posts.filter((p) => inDays(p.publishedAt)).sort((a, b) => (utc(a.publishedAt) + a.externalId < utc(b.publishedAt) + b.externalId ? -1 : 1)),
    snapshots: all.snapshots.filter((m) => inDays(m.at)).sort((a, b) => (utc(a.at) < utc(b.at) ? 1 : -1)),
  };
}

const assess = (activity: { posts: Post[]; snapshots: MetricSnapshot[] }, checkDate: string, profile = NATIONAL) =>
  assessLoaded(ACCOUNT, { ...activity, departmentName: DEPT.name, siblings: SIBLINGS }, checkDate, profile);

describe('activity summary', () => {
  it('grades and flags from the summary equal those from the raw posts, evidence included (posts folded in any batches, twice)', () => {
    fc.assert(
      fc.property(
        fc.array(aPost, { maxLength: 60 }),
        fc.array(aSnapshot, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -10, max: 3 }),
        fc.constantFrom(...BUILTIN_PROFILES),
        (posts, snapshots, cuts, shift, profile) => {
          const checkDate = addDays(CHECK, shift);
          const from = addDays(checkDate, -lookbackDays(profile));
          let summary = emptySummary(ACCOUNT.id, addDays(CHECK, -RETAIN_DAYS - 20));
          // The store accepts a post once: later copies of an id are duplicates and never folded,
          // but folding them again must not change anything either.
          for (let i = 0, c = 0; i < posts.length; c++) {
            const batch = posts.slice(i, i + cuts[c % cuts.length]!);
            summary = foldIntoSummary(summary, batch);
            summary = foldIntoSummary(summary, batch);
            i += batch.length;
          }
          for (const m of snapshots) summary = foldSnapshot(summary, m);
          const all = stored(posts, snapshots);
          expect(assess(summaryActivity(summary, from, checkDate), checkDate, profile)).toEqual(assess(rawWindow(all, from, checkDate), checkDate, profile));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a summary built from the stored posts equals one folded on ingest', () => {
    fc.assert(
      fc.property(fc.array(aPost, { maxLength: 40 }), fc.array(aSnapshot, { maxLength: 5 }), (posts, snapshots) => {
        const all = stored(posts, snapshots);
        const coveredFrom = addDays(CHECK, -RETAIN_DAYS);
        // What ingest folds: the posts the store accepted (the first of each id).
        let folded = foldIntoSummary(emptySummary(ACCOUNT.id, coveredFrom), all.posts);
        for (const m of snapshots) folded = foldSnapshot(folded, m);
        expect(buildSummary(ACCOUNT.id, coveredFrom, [...all.posts].reverse(), all.snapshots)).toEqual(folded);
      }),
    );
  }, 60_000);

  it('re-folding a post id already kept changes nothing, even with other content', () => {
    const post: Post = { accountId: 'a1', externalId: 'p1', publishedAt: '2026-11-19T02:00:00Z', text: 'x', ingestedAt: '2026-11-19T02:00:00Z', classification: { category: 'service' } };
    const once = foldIntoSummary(emptySummary('a1', '2026-07-01'), [post]);
    expect(foldIntoSummary(once, [{ ...post, classification: { category: 'off_mission' } }])).toEqual(once);
  });

  it('keeps no text: a day holds ids and counts, findings hold only what evidence names', () => {
    const s = foldIntoSummary(emptySummary('a1', '2026-07-01'), [
      { accountId: 'a1', externalId: 'p1', publishedAt: '2026-11-19T02:00:00Z', text: '很长的正文', ingestedAt: '', isRepost: true, classification: { category: 'news' } },
      {
        accountId: 'a1',
        externalId: 'p2',
        publishedAt: '2026-11-19T03:00:00Z',
        text: '正文',
        ingestedAt: '',
        classification: { category: 'off_mission', offMissionReasons: [{ term: '明星', category: 'entertainment' }], wording: [{ error: '国国', suggestion: '国', severity: 'ordinary', start: 1, end: 3 }] },
      },
    ]);
    expect(s.days).toEqual({ '2026-11-19': { ids: ['p1', 'p2'], counts: [0, 0, 1, 1], reposts: 1 } });
    expect(s.findings).toEqual({ p2: { date: '2026-11-19', category: 'off_mission', offMissionTerms: ['明星'], wording: [{ error: '国国', suggestion: '国', severity: 'ordinary' }] } });
    expect(s.latest).toEqual({ at: '2026-11-19T03:00:00.000Z', id: 'p2' });
    expect(JSON.stringify(s)).not.toContain('正文');
  });

  it('folding on a later day prunes what lies more than RETAIN_DAYS before it and moves coveredFrom there', () => {
    const old: Post = { accountId: 'a1', externalId: 'old', publishedAt: '2026-05-01T02:00:00Z', text: '', ingestedAt: '' };
    const s = foldIntoSummary(foldIntoSummary(emptySummary('a1', '2026-04-01'), [old]), [], { today: CHECK });
    expect(s.coveredFrom).toBe(addDays(CHECK, -RETAIN_DAYS));
    expect(s.days).toEqual({});
  });
});

/** In-memory ports counting what grading reads. */
function memoryPorts(posts: Post[], snapshots: MetricSnapshot[], summary?: ActivitySummary) {
  const reads = { posts: 0, summaries: 0 };
  let kept = summary;
  const summaries: ActivitySummaryStore = {
    get: async () => (reads.summaries++, kept && structuredClone(kept)),
    put: async (s) => {
      if ((kept?.rev ?? 0) !== s.rev) return false;
      kept = { ...structuredClone(s), rev: s.rev + 1 };
      return true;
    },
  };
  const ports = {
    accounts: { get: async () => ACCOUNT, allInRegion: async () => SIBLINGS, allInDepartment: async () => SIBLINGS, setDerived: async () => {} },
    departments: { get: async () => DEPT },
    activity: {
      postsBetween: async (_id: string, fromUtc: string, toUtc: string) => {
        reads.posts++;
        return posts.filter((p) => new Date(p.publishedAt).toISOString() >= fromUtc && new Date(p.publishedAt).toISOString() < toUtc);
      },
      metricsBetween: async (_id: string, fromUtc: string, toUtc: string) =>
        snapshots.filter((m) => new Date(m.at).toISOString() >= fromUtc && new Date(m.at).toISOString() < toUtc).sort((a, b) => (a.at < b.at ? 1 : -1)),
    },
    summaries,
  };
  return { ports, reads, kept: () => kept };
}

describe('grading reads the summary', () => {
  const posts: Post[] = Array.from({ length: 12 }, (_, i) => ({
    accountId: 'a1',
    externalId: `p${i}`,
    publishedAt: new Date(dayStartMs(checkDay - i * 3) + 3_600_000).toISOString(),
    text: '',
    ingestedAt: '',
    classification: { category: i % 3 ? ('news' as const) : ('service' as const), ...(i === 4 ? { wording: [{ error: 'a', suggestion: 'b', severity: 'ordinary' as const, start: 0, end: 1 }] } : {}) },
  }));
  const snapshots: MetricSnapshot[] = [{ accountId: 'a1', at: '2026-11-18T02:00:00Z', followers: 100, oldestUnansweredDays: 9 }];

  it('an account with posts and no summary grades as from its posts and keeps the summary it built (lazy backfill)', async () => {
    const m = memoryPorts(posts, snapshots);
    const fromPosts = await assessAccount(ACCOUNT, CHECK, NATIONAL, new AssessmentContext({ ...m.ports, summaries: undefined }));
    expect(await assessAccount(ACCOUNT, CHECK, NATIONAL, new AssessmentContext(m.ports))).toEqual(fromPosts);
    expect(m.kept()?.rev).toBe(1);
    m.reads.posts = 0;
    expect(await assessAccount(ACCOUNT, CHECK, NATIONAL, new AssessmentContext(m.ports))).toEqual(fromPosts);
    expect(m.reads.posts).toBe(0);
  });

  it('a window that starts before the summary covers reads the posts', async () => {
    const m = memoryPorts(posts, snapshots, { ...buildSummary('a1', addDays(CHECK, -30), posts, snapshots), rev: 1 });
    const fromPosts = await assessAccount(ACCOUNT, CHECK, NATIONAL, new AssessmentContext({ ...m.ports, summaries: undefined }));
    m.reads.posts = 0;
    expect(await assessAccount(ACCOUNT, CHECK, NATIONAL, new AssessmentContext(m.ports))).toEqual(fromPosts);
    expect(m.reads.posts).toBe(1);
  });
});
