/**
 * Duplicate finder (清理整合): clusters of accounts that should become one.
 *
 * Two accounts belong together when (an edge):
 *  - same_unit_same_platform: same department (主办单位) and same platform — the national
 *    rule is one account per unit per platform. An account with an approved duplicate
 *    exception does not count.
 *  - similar_function: same region (6-digit code, exact) and same platform, and their
 *    names normalise to the same key of ≥ 2 characters (see normalize.ts). Different
 *    regions never match: 杭州文旅 and 临安文旅 are two levels of government.
 * Clusters are the connected components of these edges (union–find over two blocking
 * keys, never all pairs), so they are disjoint, and a component of ≥ 2 accounts is
 * one cluster: reason `same_unit_same_platform` when all its accounts belong to one
 * department, `similar_function` otherwise.
 *
 * An account named after an internal division or a one-off project (division.ts)
 * that is in no such component forms an `internal_division` cluster of exactly one
 * account: there is nothing on the same platform to merge it into, so the proposal is
 * to rename it into the unit's account or to close it; `keeperId` is the account itself
 * and `suggestedSuccessorId` names the department's best other account (any platform),
 * to be named in the stop-update notice. Inside a larger component a division account
 * is never chosen as keeper while a regular account is there.
 *
 * Keeper: highest latest grade score, then most followers, then opened earliest, then
 * has service links, then the smallest id (only so the result is deterministic).
 * `why` lists the criteria that decided, in that order, in Chinese; `whyNotes` and
 * `evidenceNotes` say the same as codes with parameters (notes.ts) for the UI's language.
 *
 * Only accounts with status `active` or `opening_pending` take part by default:
 * closed accounts are gone, and accounts already in a closure (closure_pending,
 * announcing) are being dealt with.
 */
import { InvalidInput } from '../errors';
import type { Account, AccountStatus, Platform } from '../registry/schemas';
import { createDivisionDetector, type DivisionMatch, type DivisionOptions } from './division';
import { createNormalizer, type NormalizeOptions } from './normalize';
import { noteZh, type ClusterNote } from './notes';

export type { ClusterNote } from './notes';

export const CLUSTER_REASONS = ['same_unit_same_platform', 'similar_function', 'internal_division'] as const;
export type ClusterReason = (typeof CLUSTER_REASONS)[number];

/** What the finder reads about an account. */
export interface DuplicateCandidate {
  id: string;
  platform: Platform;
  name: string;
  handle?: string;
  departmentId: string;
  regionCode: string;
  status: AccountStatus;
  /** YYYY-MM-DD */
  openedAt?: string;
  followers?: number;
  /** Latest grade score; null or absent when not graded or vetoed. */
  gradeScore?: number | null;
  /** Number of service links. */
  serviceLinks?: number;
  /** An approved duplicate exception: not counted for same_unit_same_platform. */
  duplicateException?: boolean;
}

export interface DuplicateOptions extends NormalizeOptions, DivisionOptions {
  /** Statuses that take part; default active and opening_pending. */
  statuses?: readonly AccountStatus[];
}

export interface DuplicateCluster {
  reason: ClusterReason;
  /** Sorted. */
  accountIds: string[];
  keeperId: string;
  /** Why the keeper was chosen (评分最高 …), in Chinese. */
  why: string[];
  /** Why these accounts belong together, in Chinese. */
  evidence: string[];
  /** `why` as codes and parameters, one per line, for the UI's language (notes.ts). */
  whyNotes: ClusterNote[];
  /** `evidence` likewise. */
  evidenceNotes: ClusterNote[];
  platform: Platform;
  regionCode: string;
  /** internal_division only: the department's best other account, for the notice. */
  suggestedSuccessorId?: string;
  /** Members named after an internal division or a one-off project (for the internal_division flag). */
  divisionAccountIds?: string[];
}

export const DEFAULT_DUPLICATE_STATUSES: readonly AccountStatus[] = ['active', 'opening_pending'];

/** Maps a registry account (plus metrics the registry does not hold) to a candidate. */
export function candidateFromAccount(
  a: Pick<Account, 'id' | 'platform' | 'name' | 'handle' | 'departmentId' | 'regionCode' | 'status' | 'openedAt' | 'latestGrade' | 'serviceLinks'> & {
    duplicateException?: boolean;
  },
  extra: { followers?: number } = {},
): DuplicateCandidate {
  return {
    id: a.id,
    platform: a.platform,
    name: a.name,
    handle: a.handle,
    departmentId: a.departmentId,
    regionCode: a.regionCode,
    status: a.status,
    ...(a.openedAt ? { openedAt: a.openedAt } : {}),
    ...(extra.followers !== undefined ? { followers: extra.followers } : {}),
    ...(a.latestGrade ? { gradeScore: a.latestGrade.score } : {}),
    serviceLinks: a.serviceLinks?.length ?? 0,
    ...(a.duplicateException ? { duplicateException: true } : {}),
  };
}

interface Criterion {
  value: (c: DuplicateCandidate, division: boolean) => number;
  /** The reason, given the best account and how many share its value (0 when it alone has it). */
  note: (c: DuplicateCandidate, tied: number) => ClusterNote;
}

const tiedOf = (tied: number) => (tied ? { tied } : {});
const CRITERIA: Criterion[] = [
  { value: (_c, division) => (division ? 0 : 1), note: () => ({ code: 'keeper_unit_named' }) },
  { value: (c) => c.gradeScore ?? Number.NEGATIVE_INFINITY, note: (c, tied) => ({ code: 'keeper_highest_grade', score: c.gradeScore as number, ...tiedOf(tied) }) },
  { value: (c) => c.followers ?? Number.NEGATIVE_INFINITY, note: (c, tied) => ({ code: 'keeper_most_followers', followers: c.followers as number, ...tiedOf(tied) }) },
  {
    value: (c) => {
      const t = c.openedAt ? Date.parse(`${c.openedAt.slice(0, 10)}T00:00:00Z`) : Number.NaN;
      return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : -t;
    },
    note: (c, tied) => ({ code: 'keeper_earliest_opened', openedAt: c.openedAt as string, ...tiedOf(tied) }),
  },
  { value: (c) => ((c.serviceLinks ?? 0) > 0 ? 1 : 0), note: (c, tied) => ({ code: 'keeper_service_links', links: c.serviceLinks ?? 0, ...tiedOf(tied) }) },
];

/**
 * Picks the keeper and says why: criteria are applied in order, each keeping the
 * accounts that are best on it; every criterion that narrows the field is a reason.
 */
export function chooseKeeper(
  members: readonly DuplicateCandidate[],
  isDivision: (c: DuplicateCandidate) => boolean = () => false,
): { keeperId: string; why: string[] } {
  const { keeperId, notes } = keeperChoice(members, isDivision);
  return { keeperId, why: notes.map(noteZh) };
}

/** chooseKeeper's reasons as notes (notes.ts). */
export function keeperChoice(
  members: readonly DuplicateCandidate[],
  isDivision: (c: DuplicateCandidate) => boolean = () => false,
): { keeperId: string; notes: ClusterNote[] } {
  if (members.length === 0) throw new RangeError('empty cluster');
  let field = [...members];
  const why: ClusterNote[] = [];
  for (const criterion of CRITERIA) {
    if (field.length === 1) break;
    const values = field.map((c) => criterion.value(c, isDivision(c)));
    let best = Number.NEGATIVE_INFINITY;
    for (const v of values) if (v > best) best = v;
    const next = field.filter((_c, i) => values[i] === best);
    if (next.length < field.length) {
      why.push(criterion.note(next[0] as DuplicateCandidate, next.length > 1 ? next.length : 0));
    }
    field = next;
  }
  field.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (field.length > 1) why.push({ code: 'keeper_by_id' });
  return { keeperId: (field[0] as DuplicateCandidate).id, notes: why };
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const byId = (a: DuplicateCandidate, b: DuplicateCandidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function findDuplicateClusters(accounts: readonly DuplicateCandidate[], options: DuplicateOptions = {}): DuplicateCluster[] {
  const statuses = new Set(options.statuses ?? DEFAULT_DUPLICATE_STATUSES);
  const normalize = createNormalizer(options);
  const detect = createDivisionDetector(options);

  const seen = new Set<string>();
  for (const a of accounts) {
    if (seen.has(a.id)) throw new InvalidInput([{ path: 'accounts', message: `账号标识重复：${a.id}` }]);
    seen.add(a.id);
  }
  const pool = accounts.filter((a) => statuses.has(a.status));
  const n = pool.length;
  const keys: string[] = new Array(n);
  const divisions: (DivisionMatch | null)[] = new Array(n);
  const uf = new UnionFind(n);

  // Blocking: the first account seen per (department, platform) and per (region, platform,
  // name key); every later one is joined to it. Nested maps keyed by existing strings avoid
  // building a key string per account.
  const firstByUnit = new Map<string, Map<Platform, number>>();
  const firstByName = new Map<string, Map<Platform, Map<string, number>>>();
  for (let i = 0; i < n; i++) {
    const a = pool[i] as DuplicateCandidate;
    const key = normalize(a.name);
    keys[i] = key;
    divisions[i] = detect(a.name);
    if (!a.duplicateException) {
      let byPlatform = firstByUnit.get(a.departmentId);
      if (!byPlatform) firstByUnit.set(a.departmentId, (byPlatform = new Map()));
      const j = byPlatform.get(a.platform);
      if (j === undefined) byPlatform.set(a.platform, i);
      else uf.union(i, j);
    }
    if (key.length >= 2) {
      let byPlatform = firstByName.get(a.regionCode);
      if (!byPlatform) firstByName.set(a.regionCode, (byPlatform = new Map()));
      let byKey = byPlatform.get(a.platform);
      if (!byKey) byPlatform.set(a.platform, (byKey = new Map()));
      const j = byKey.get(key);
      if (j === undefined) byKey.set(key, i);
      else uf.union(i, j);
    }
  }

  // Size the components first, so only those that become clusters are collected.
  const roots = new Int32Array(n);
  const sizes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    roots[i] = r;
    sizes[r] = (sizes[r] as number) + 1;
  }
  const components = new Map<number, number[]>();
  const singles: number[] = [];
  const divisionIds = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (divisions[i]) divisionIds.add((pool[i] as DuplicateCandidate).id);
    const r = roots[i] as number;
    if ((sizes[r] as number) < 2) {
      if (divisions[i]) singles.push(i);
      continue;
    }
    const list = components.get(r);
    if (list) list.push(i);
    else components.set(r, [i]);
  }
  const isDivision = (c: DuplicateCandidate) => divisionIds.has(c.id);

  const clusters: DuplicateCluster[] = [];
  for (const members of components.values()) {
    const list = members.map((i) => pool[i] as DuplicateCandidate).sort(byId);
    const departments = new Set(list.map((c) => c.departmentId));
    const reason: ClusterReason = departments.size === 1 ? 'same_unit_same_platform' : 'similar_function';
    const { keeperId, notes: whyNotes } = keeperChoice(list, isDivision);
    const keeper = list.find((c) => c.id === keeperId) as DuplicateCandidate;
    const divisionAccountIds = list.filter(isDivision).map((c) => c.id);
    const evidenceNotes = evidenceFor(
      reason,
      members.map((i) => ({ c: pool[i] as DuplicateCandidate, key: keys[i] as string, division: divisions[i] ?? null })),
    );
    clusters.push({
      reason,
      accountIds: list.map((c) => c.id),
      keeperId,
      why: whyNotes.map(noteZh),
      evidence: evidenceNotes.map(noteZh),
      whyNotes,
      evidenceNotes,
      platform: keeper.platform,
      regionCode: keeper.regionCode,
      ...(divisionAccountIds.length ? { divisionAccountIds } : {}),
    });
  }

  if (singles.length) {
    // The department's best regular account, for the stop-update notice of a division account.
    const byDepartment = new Map<string, DuplicateCandidate[]>();
    pool.forEach((c, i) => {
      if (divisions[i]) return;
      const list = byDepartment.get(c.departmentId);
      if (list) list.push(c);
      else byDepartment.set(c.departmentId, [c]);
    });
    const successorByDepartment = new Map<string, string | undefined>();
    for (const i of singles) {
      const c = pool[i] as DuplicateCandidate;
      const match = divisions[i] as DivisionMatch;
      let successor = successorByDepartment.get(c.departmentId);
      if (!successorByDepartment.has(c.departmentId)) {
        const others = byDepartment.get(c.departmentId);
        successor = others?.length ? keeperChoice(others).keeperId : undefined;
        successorByDepartment.set(c.departmentId, successor);
      }
      const whyNote: ClusterNote = { code: successor ? 'division_rename_or_successor' : 'division_rename_or_close' };
      const evidenceNote = divisionEvidence(c, match);
      clusters.push({
        reason: 'internal_division',
        accountIds: [c.id],
        keeperId: c.id,
        why: [noteZh(whyNote)],
        evidence: [noteZh(evidenceNote)],
        whyNotes: [whyNote],
        evidenceNotes: [evidenceNote],
        platform: c.platform,
        regionCode: c.regionCode,
        ...(successor ? { suggestedSuccessorId: successor } : {}),
        divisionAccountIds: [c.id],
      });
    }
  }

  const reasonOrder = (r: ClusterReason) => CLUSTER_REASONS.indexOf(r);
  return clusters.sort(
    (a, b) =>
      cmp(a.regionCode, b.regionCode) ||
      cmp(a.platform, b.platform) ||
      reasonOrder(a.reason) - reasonOrder(b.reason) ||
      cmp(a.accountIds[0] as string, b.accountIds[0] as string),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function divisionEvidence(c: DuplicateCandidate, m: DivisionMatch): ClusterNote {
  return { code: m.kind === 'section' ? 'division_section' : 'division_project', name: c.name, term: m.term };
}

function evidenceFor(reason: ClusterReason, members: { c: DuplicateCandidate; key: string; division: DivisionMatch | null }[]): ClusterNote[] {
  const sorted = [...members].sort((a, b) => byId(a.c, b.c));
  const platform = (sorted[0] as (typeof sorted)[number]).c.platform;
  const out: ClusterNote[] = [];
  const perDepartment = new Map<string, number>();
  for (const { c } of sorted) perDepartment.set(c.departmentId, (perDepartment.get(c.departmentId) ?? 0) + 1);
  if (reason === 'same_unit_same_platform') {
    out.push({ code: 'same_unit_accounts', platform, count: sorted.length });
  } else {
    out.push({ code: 'similar_function', platform, departments: perDepartment.size });
    const shared = new Map<string, string[]>();
    for (const { c, key } of sorted) {
      if (key.length < 2) continue;
      const names = shared.get(key);
      if (names) names.push(c.name);
      else shared.set(key, [c.name]);
    }
    for (const [k, names] of [...shared.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      if (names.length > 1) out.push({ code: 'same_name_key', key: k, names });
    }
    if ([...perDepartment.values()].some((v) => v > 1)) out.push({ code: 'unit_has_several' });
  }
  for (const { c, division } of sorted) if (division) out.push(divisionEvidence(c, division));
  return out;
}
