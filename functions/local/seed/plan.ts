/**
 * Turns the fixtures (departments.ts, accounts.ts, topics.ts, templates.ts) into concrete,
 * deterministic inputs relative to `today`: account inputs, posts and metric snapshots.
 * Pure: no ports, no clock, no Math.random. Each account has its own PRNG streams, seeded
 * by platform and handle, so editing one fixture line does not reshuffle the others.
 */
import type { MetricsInput, PostInput } from '../../../shared/activity/schemas';
import type { AccountInput, Platform } from '../../../shared/registry/schemas';
import { ACCOUNTS, type AccountSpec, type Mix } from './accounts';
import { DEPARTMENTS, type DeptSpec } from './departments';
import { addDays, alnum, beijing, chance, dateParts, digits, hashString, int, isValidDate, pad2, pick, rngFor, type Rng } from './prng';
import { forecastPost, leakPost, newsPost, offMissionPost, policyPost, servicePost, TYPO_SENTENCES, type Ctx, type Draft } from './templates';
import { TOPICS } from './topics';

export interface PlannedAccount {
  spec: AccountSpec;
  department: DeptSpec;
  input: Omit<AccountInput, 'departmentId'>;
  /** Oldest first. */
  posts: PostInput[];
  metrics: MetricsInput[];
}

export interface Plan {
  departments: readonly DeptSpec[];
  accounts: PlannedAccount[];
}

/** Days of posts an active account has (before today). */
export const WINDOW_DAYS = 120;

/** Average posts per day of an ordinary active account. */
const RATE: Record<Platform, number> = {
  wechat: 0.45, weibo: 0.65, douyin: 0.38, toutiao: 0.4, kuaishou: 0.3, bilibili: 0.12, miniprogram: 0.12, app: 0.4, other: 0.3,
};
/** Oldest plausible opening, in days before today. */
const OPENED_CAP: Record<Platform, number> = {
  wechat: 3900, weibo: 4700, douyin: 2600, toutiao: 2900, kuaishou: 2300, bilibili: 2400, miniprogram: 2800, app: 3300, other: 2000,
};
const FOLLOWERS: Record<Platform, [number, number]> = {
  wechat: [3000, 60000], weibo: [2000, 90000], douyin: [1000, 120000], toutiao: [500, 20000], kuaishou: [500, 40000],
  bilibili: [200, 8000], miniprogram: [1000, 50000], app: [2000, 60000], other: [100, 5000],
};
const ID_PREFIX: Record<Platform, string> = {
  wechat: 'mp', weibo: 'wb', douyin: 'dy', toutiao: 'tt', kuaishou: 'ks', bilibili: 'bv', miniprogram: 'wxa', app: 'app', other: 'x',
};

const SURNAMES = ['王', '李', '张', '陈', '徐', '方', '余', '汪', '洪', '程', '周', '吴', '胡', '邵', '姜', '叶'];
const GIVEN = ['丽', '敏', '建华', '晓燕', '志强', '海燕', '伟', '静', '军', '芳', '磊', '婷', '俊杰', '雪梅', '卫东', '晨'];

export function buildPlan(today: string): Plan {
  if (!isValidDate(today)) throw new Error(`today must be a YYYY-MM-DD date, got ${today}`);
  const byKey = new Map(DEPARTMENTS.map((d) => [d.key, d]));
  const accounts = ACCOUNTS.map((spec) => {
    const dept = byKey.get(spec.dept);
    if (!dept) throw new Error(`account ${spec.name}: unknown department key ${spec.dept}`);
    return planAccount(spec, dept, today);
  });
  return { departments: DEPARTMENTS, accounts };
}

function planAccount(spec: AccountSpec, dept: DeptSpec, today: string): PlannedAccount {
  const key = `${spec.platform}/${spec.handle}`;
  const days = schedule(spec, rngFor(`schedule/${key}`));
  const last = days.length ? Math.min(...days) : undefined;
  const oldest = days.length ? Math.max(...days) : 0;

  const rng = rngFor(`account/${key}`);
  let { name, handle } = spec;
  if (spec.festival) {
    const year = dateParts(addDays(today, -((last ?? 0) + 10))).y;
    name = `${year}${name}`;
    handle = `${handle}${year}`;
  }
  const openedDays = spec.opened ?? Math.max(oldest + int(rng, 10, 90), int(rng, 150, OPENED_CAP[spec.platform]));
  const serviceLinks = spec.links?.map((l) => {
    const [label = l, path = 'fw'] = l.split(':');
    return { label, url: `https://zwfw.qdh.gov.cn/${path}` };
  });
  const url = accountUrl(spec.platform, handle, rng);
  const input: Omit<AccountInput, 'departmentId'> = {
    platform: spec.platform,
    handle,
    name,
    ...(url ? { url } : {}),
    ...(spec.subject === null ? {} : { verifiedSubject: spec.subject ?? dept.name }),
    purpose: spec.purpose ?? defaultPurpose(dept),
    interactionEnabled: !spec.noInteraction,
    contacts: contacts(rng),
    ...(serviceLinks ? { serviceLinks } : {}),
    openedAt: addDays(today, -openedDays),
    operator: spec.outsourced ? 'outsourced' : 'in_house',
  };
  const posts = makePosts(spec, dept, days, today, rngFor(`posts/${key}`));
  const metrics = spec.profile === 'never' || spec.profile === 'new' ? [] : makeMetrics(spec, input, today, rngFor(`metrics/${key}`));
  return { spec, department: dept, input, posts, metrics };
}

/** Days before today on which the account posted, one entry per post (a day may repeat). */
function schedule(spec: AccountSpec, rng: Rng): number[] {
  const rate = RATE[spec.platform] * (spec.profile === 'busy' ? 2 : 1);
  let last: number;
  let until = WINDOW_DAYS;
  let r = rate;
  switch (spec.profile) {
    case 'never':
    case 'new':
      return [];
    case 'low': {
      const out: number[] = [];
      for (let d = spec.last ?? int(rng, 2, 6); d <= WINDOW_DAYS; d += int(rng, 8, 12)) out.push(d);
      return out;
    }
    case 'busy':
    case 'active':
      last = spec.last ?? int(rng, 1, 3);
      break;
    case 'stale':
      last = spec.last ?? int(rng, 10, 13);
      break;
    case 'dormant':
      last = spec.last ?? int(rng, 35, 85);
      until = 150;
      break;
    case 'zombie':
      last = spec.last ?? int(rng, 100, 250);
      until = last + 60;
      r = rate * 0.7;
      break;
  }
  const out = [last];
  for (let d = last + 1; d <= until; d++) {
    const n = Math.floor(r) + (chance(rng, r - Math.floor(r)) ? 1 : 0);
    for (let i = 0; i < n; i++) out.push(d);
  }
  return out;
}

type Category = 'service' | 'policy' | 'news' | 'off';
const MIX: Record<Mix | 'default', [Category, number][]> = {
  default: [['service', 0.35], ['policy', 0.2], ['news', 0.45]],
  service: [['service', 0.6], ['policy', 0.2], ['news', 0.2]],
  news: [['service', 0.13], ['policy', 0.1], ['news', 0.77]],
  newsOnly: [['service', 0.03], ['policy', 0.02], ['news', 0.95]],
  off: [['service', 0.2], ['policy', 0.05], ['news', 0.75]],
  offLite: [['service', 0.3], ['policy', 0.1], ['news', 0.6]],
};

function category(spec: AccountSpec, dept: DeptSpec, i: number, rng: Rng): Category {
  // Off-mission posts at a fixed proportion, so the share indicators are predictable.
  if (spec.mix === 'off' && (i % 5 === 1 || i % 5 === 3)) return 'off';
  if (spec.mix === 'offLite' && i % 7 === 3) return 'off';
  const mix = MIX[spec.mix ?? (dept.newsHeavy ? 'news' : 'default')];
  let x = rng();
  for (const [c, p] of mix) {
    if (x < p) return c;
    x -= p;
  }
  return 'news';
}

function postTime(rng: Rng): [number, number] {
  const r = rng();
  if (r < 0.06) return [23, 30];
  if (r < 0.12) return [int(rng, 6, 7), int(rng, 0, 59)];
  if (r < 0.25) return [int(rng, 19, 22), int(rng, 0, 59)];
  return [int(rng, 8, 17), int(rng, 0, 59)];
}

function makePosts(spec: AccountSpec, dept: DeptSpec, days: number[], today: string, rng: Rng): PostInput[] {
  const newestFirst = [...days].sort((a, b) => a - b);
  let typosLeft = spec.typos ?? 0;
  let leakDone = !spec.leak;
  let previousTitle = '';
  const drafts = newestFirst.map((day, i) => {
    const date = addDays(today, -day);
    const ctx: Ctx = { rng, date, unit: dept.short, place: dept.place, topics: TOPICS[dept.kind], isTown: dept.kind === 'town' };
    const cat = category(spec, dept, i, rng);
    const generate = (): Draft => {
      if (cat === 'off') return offMissionPost(rng, spec.off ?? ['clickbait']);
      if (cat === 'service') return dept.kind === 'weather' && chance(rng, 0.75) ? forecastPost(ctx) : servicePost(ctx);
      return cat === 'policy' ? policyPost(ctx) : newsPost(ctx);
    };
    // Two neighbouring posts with the same headline look like a glitch: draw again (a bounded number of times).
    let draft = generate();
    for (let tries = 0; tries < 3 && draft.title === previousTitle; tries++) draft = generate();
    previousTitle = draft.title;
    if (!leakDone && day >= 5 && cat !== 'off') {
      draft = leakPost(ctx, dept.kind === 'civil' ? 0 : 1);
      leakDone = true;
    } else if (typosLeft > 0 && i % 3 === 1 && cat !== 'off' && !draft.isRepost && day <= 60) {
      const sentence = TYPO_SENTENCES[(hashString(spec.handle) + typosLeft) % TYPO_SENTENCES.length]!;
      draft = { ...draft, text: `${draft.text}${sentence}` };
      typosLeft--;
    }
    const [h, m] = i === 0 && spec.lastAt ? (spec.lastAt.split(':').map(Number) as [number, number]) : postTime(rng);
    return { day, date, at: beijing(date, h, m), draft };
  });
  // Oldest first; the external id carries a per-account sequence number, so it is unique per account.
  return drafts.reverse().map((p, seq) => {
    const url = postUrl(spec.platform, p.date, rng);
    return {
      externalId: `${ID_PREFIX[spec.platform]}${p.date.replaceAll('-', '')}${String(seq + 1).padStart(4, '0')}`,
      publishedAt: p.at,
      title: p.draft.title,
      text: p.draft.text,
      ...(url ? { url } : {}),
      ...(p.draft.isRepost ? { isRepost: true } : {}),
    };
  });
}

function makeMetrics(spec: AccountSpec, input: Omit<AccountInput, 'departmentId'>, today: string, rng: Rng): MetricsInput[] {
  const [lo, hi] = FOLLOWERS[spec.platform];
  const scale = spec.profile === 'busy' ? 3 : 1;
  const anomalies = spec.metrics ?? {};
  const before = anomalies.followerJump ? int(rng, 3000, 3500) : int(rng, lo, hi) * scale;
  const after = anomalies.followerJump ? before * 15 + int(rng, 0, 999) : Math.round(before * (1 + rng() * 0.04));
  const snapshot = (daysAgo: number, followers: number, latest: boolean): MetricsInput => {
    const m: MetricsInput = { at: beijing(addDays(today, -daysAgo), 20, 0), followers };
    if (!input.interactionEnabled) return { ...m, messagesReceived: 0, messagesAnswered: 0 };
    const received = anomalies.followerJump ? int(rng, 0, 3) : int(rng, 3, 120) * scale;
    let open = received > 0 && chance(rng, 0.3) ? int(rng, 1, Math.min(3, received)) : 0;
    let oldest = open ? int(rng, 1, 9) : 0;
    if (latest && anomalies.unansweredDays) {
      open = Math.min(2, received);
      oldest = anomalies.unansweredDays;
    }
    const broken = latest && anomalies.brokenLinks ? (input.serviceLinks ?? []).slice(0, anomalies.brokenLinks).map((l) => l.url) : [];
    return {
      ...m,
      messagesReceived: received,
      messagesAnswered: received - open,
      oldestUnansweredDays: oldest,
      ...(broken.length ? { brokenServiceLinks: broken } : {}),
    };
  };
  // One snapshot is enough for most accounts (each costs a round trip when seeding); a jump needs two.
  return anomalies.followerJump ? [snapshot(31, before, false), snapshot(1, after, true)] : [snapshot(1, after, true)];
}

function accountUrl(platform: Platform, handle: string, rng: Rng): string | undefined {
  switch (platform) {
    case 'wechat': return `https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=Mz${alnum(rng, 10)}==`;
    case 'weibo': return `https://weibo.com/u/${digits(rng, 10)}`;
    case 'douyin': return `https://www.douyin.com/user/MS4wLjABAAAA${alnum(rng, 24)}`;
    case 'toutiao': return `https://www.toutiao.com/c/user/${digits(rng, 11)}/`;
    case 'kuaishou': return `https://www.kuaishou.com/profile/3x${alnum(rng, 13, 'abcdefghijkmnpqrstuvwxyz23456789')}`;
    case 'bilibili': return `https://space.bilibili.com/${digits(rng, 10)}`;
    case 'app': return `https://www.qdh.gov.cn/app/${handle.split('.').at(-1)}/`;
    default: return undefined;
  }
}

function postUrl(platform: Platform, date: string, rng: Rng): string | undefined {
  const { y, m, d } = dateParts(date);
  switch (platform) {
    case 'wechat': return `https://mp.weixin.qq.com/s/${alnum(rng, 22)}`;
    case 'weibo': return `https://weibo.com/${digits(rng, 10)}/${alnum(rng, 9)}`;
    case 'douyin': return `https://www.douyin.com/video/7${digits(rng, 18)}`;
    case 'toutiao': return `https://www.toutiao.com/article/7${digits(rng, 18)}/`;
    case 'kuaishou': return `https://www.kuaishou.com/short-video/3x${alnum(rng, 13, 'abcdefghijkmnpqrstuvwxyz23456789')}`;
    case 'bilibili': return `https://www.bilibili.com/video/BV1${alnum(rng, 9)}`;
    case 'app': return `https://www.qdh.gov.cn/art/${y}/${m}/${d}/art_${digits(rng, 7)}.html`;
    default: return undefined;
  }
}

function contacts(rng: Rng): AccountInput['contacts'] {
  const person = () => ({
    name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
    phone: chance(rng, 0.5) ? `0571-6500${digits(rng, 4)}` : `138000${pad2(int(rng, 0, 99))}${int(rng, 100, 999)}`,
  });
  return chance(rng, 0.4) ? [person(), person()] : [person()];
}

function defaultPurpose(dept: DeptSpec): string {
  if (dept.kind === 'media') return '发布本地新闻资讯，传播县委县政府声音';
  if (dept.kind === 'culture' || dept.kind === 'scenic') return '宣传千岛湖文化旅游资源，发布游客服务信息';
  if (dept.kind === 'town') return `发布${dept.short}政务信息、便民服务和乡村振兴动态`;
  return `发布${dept.short}政务信息、政策解读和办事服务指南`;
}
