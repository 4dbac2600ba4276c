/**
 * Inspections and what-ifs as jobs (API.md "Inspections are jobs"; docs/decisions.md 35).
 *
 * A scope of more than INLINE_LIMIT accounts is cut into chunks of CHUNK_SIZE account ids. The
 * engine behind the `InspectionJobs` port (an in-process worker pool locally, SQS feeding the
 * grading function deployed) runs `runGradingChunk` once per chunk, retrying a chunk that
 * fails; a chunk that still fails ends the job `failed` (`failGradingJob`). Each chunk writes,
 * in one transaction, its own item (with the chunk's partial summary), its grades (an
 * inspection's) and the header's progress; a chunk that landed before (a redelivery) changes
 * nothing. The chunk
 * that completes the count sums the partial summaries into the header and marks it `done`;
 * until then the header is `running`, so a job is never half-stored as `done`.
 */
import type { Grade } from '../grading/types';
import { mergeSummaries } from '../inspection/merge';
import { compareProfiles, summarizeInspection, type InspectedAccount, type InspectionSummary, type VerdictChange } from '../inspection/summary';
import { resolveProfile } from '../profiles/catalog';
import type { RuleProfile } from '../profiles/schema';
import type { Account, Platform } from '../registry/schemas';
import { mapLimit } from '../util/concurrency';
import { AssessmentContext, assessAccount } from './inputs';
import type { AuditEntry } from '../audit/audit';
import type { AssessmentPorts, Inspection } from './assessment-ports';

/** At most this many accounts are graded in the request and their results answered inline (API.md). */
export const INLINE_LIMIT = 1000;
/** Accounts per chunk: about a second or two of grading, a small message, one transaction to land. */
export const CHUNK_SIZE = 100;
/** A running job whose progress has not moved for this long is given up as `failed` (`stalled`) when read. */
export const STALL_MS = 30 * 60_000;
/** Parallel account reads within one chunk. */
const CHUNK_CONCURRENCY = 16;

export type JobKind = 'inspection' | 'what-if';
export type JobStatus = 'running' | 'done' | 'failed';

/** One unit of work: grade these accounts for this job. Self-contained, so a queue message carries it whole. */
export interface GradingChunk {
  kind: JobKind;
  jobId: string;
  index: number;
  accountIds: string[];
  /**
   * The chunk's accounts as the job listed them, in `accountIds` order, when the engine can hand
   * them over (the in-process pool): the chunk then does not read them again. A queue message
   * carries the ids only (functions/jobs/grading-queue.ts), and the chunk reads its accounts.
   */
  accounts?: Account[];
  /** With `accounts`: every account of their units as the job listed them (closed ones too), so the chunk queries no unit. */
  units?: Account[];
}

/** The engine: accepts a job's chunks and runs each (with retries) through runGradingChunk, or fails the job. */
export interface InspectionJobs {
  /** Resolves once every chunk is accepted (queued), not graded. */
  submit(chunks: readonly GradingChunk[]): Promise<void>;
}

export interface JobFailure {
  code: 'chunk_failed' | 'stalled' | 'not_queued';
  message: string;
  chunk?: number;
  at: string;
}

export interface JobProgress {
  checked: number;
  total: number;
}

/** What every job header carries (inspection and what-if alike). */
export interface JobState {
  id: string;
  status: JobStatus;
  progress: JobProgress;
  /** Number of chunks (0 for an inspection graded in the request). */
  chunks: number;
  chunksDone: number;
  failure?: JobFailure;
  updatedAt: string;
  completedAt?: string;
}

/** What a what-if chunk adds up. */
export interface WhatIfPartial {
  baseline: InspectionSummary;
  candidate: InspectionSummary;
  compared: number;
  unchanged: number;
}

/** The result item of an inspection: the grade, with what the results list filters on. */
export interface ResultRow {
  grade: Grade;
  platform: Platform;
  departmentId: string;
}

/** A what-if's changed account, stored as it is answered. */
export type WhatIfChangeRow = VerdictChange & { direction: 'newlyFailing' | 'newlyPassing'; account?: InspectedAccount };

export type ChunkLanding = 'counted' | 'already' | 'not_running';

/** The persistence a job needs beyond grading (functions/store/inspections.ts). */
export interface GradingJobStore {
  jobState(kind: JobKind, id: string): Promise<(JobState & Record<string, unknown>) | undefined>;
  putWhatIfChanges(id: string, rows: readonly WhatIfChangeRow[]): Promise<void>;
  /**
   * The chunk's item, the header's progress and the chunk's `results` (an inspection's grades) in
   * one transaction, if the chunk is new and the job still running: a chunk that landed before
   * writes nothing again.
   */
  landChunk(kind: JobKind, id: string, index: number, size: number, partial: unknown, at: string, results?: readonly ResultRow[]): Promise<ChunkLanding>;
  partials(kind: JobKind, id: string): Promise<unknown[]>;
  /** running → done with `fields`; false when the job was no longer running. */
  finishJob(kind: JobKind, id: string, fields: Record<string, unknown>, at: string): Promise<boolean>;
  /** running → failed; false when the job was no longer running. */
  failJob(kind: JobKind, id: string, failure: JobFailure): Promise<boolean>;
}

/** Everything the inspection routes store and read (functions/store/inspections.ts). */
export interface InspectionStore extends GradingJobStore {
  /** Grades graded in the request, written before their header (`create` calls it). */
  putResultRows(id: string, rows: readonly ResultRow[]): Promise<void>;
  /** The inspection with every result (reports, notices, rectification). */
  get(id: string): Promise<Inspection | undefined>;
  create(header: InspectionHeader, audit: AuditEntry, rows?: readonly ResultRow[]): Promise<void>;
  createWhatIf(header: WhatIfHeader): Promise<void>;
  header(id: string): Promise<(Omit<Inspection, 'results'> & Partial<JobState>) | undefined>;
  resultsPage(id: string, filter: { verdict?: 'pass' | 'fail'; departmentId?: string; platform?: string }, limit: number, cursor?: string): Promise<{ items: Grade[]; cursor: string | null }>;
  whatIfChanges(id: string): Promise<WhatIfChangeRow[]>;
}

/** An inspection's header as stored: the record of before, plus its job state (summary once done). */
export type InspectionHeader = Omit<Inspection, 'results' | 'summary'> & JobState & { summary?: InspectionSummary };

/** A what-if job's header: the scope, both profiles as resolved, and once done both summaries and the counts. */
export interface WhatIfHeader extends JobState {
  [key: string]: unknown;
  regionCode: string;
  checkDate: string;
  baseline: { profile: string; profileVersion: number };
  candidate: { profile: string; profileVersion: number };
  createdAt: string;
  createdBy: { sub: string; name: string };
}

export type GradingJobPorts = AssessmentPorts;

/** Consecutive runs of at most `size` items. */
export function chunkIds<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A job's chunks: its accounts in chunk order, CHUNK_SIZE a chunk, each with its ids and (for an
 * engine that keeps them) its accounts and their units' accounts, from `listed`, the listing the
 * accounts were chosen from (every account of their units).
 */
export function gradingChunks(kind: JobKind, jobId: string, accounts: readonly Account[], listed: readonly Account[]): GradingChunk[] {
  const unitOf = (a: Account) => `${a.regionCode}#${a.departmentId}`;
  const units = new Map<string, Account[]>();
  for (const a of listed) {
    const list = units.get(unitOf(a));
    if (list) list.push(a);
    else units.set(unitOf(a), [a]);
  }
  return chunkIds(inChunkOrder(accounts)).map((part, index) => ({
    kind,
    jobId,
    index,
    accountIds: part.map((a) => a.id),
    accounts: part,
    units: [...new Set(part.map(unitOf))].flatMap((u) => units.get(u) ?? []),
  }));
}

export async function describeAccounts(accounts: readonly Account[], ctx: AssessmentContext): Promise<Map<string, InspectedAccount>> {
  const out = new Map<string, InspectedAccount>();
  for (const a of accounts) {
    out.set(a.id, { platform: a.platform, departmentId: a.departmentId, departmentName: await ctx.departmentName(a.departmentId), name: a.name, handle: a.handle });
  }
  return out;
}

export async function gradeAccounts(accounts: readonly Account[], checkDate: string, profile: RuleProfile, ctx: AssessmentContext): Promise<Grade[]> {
  return mapLimit(accounts, CHUNK_CONCURRENCY, async (a) => (await assessAccount(a, checkDate, profile, ctx)).grade);
}

async function loadAccounts(ids: readonly string[], ports: AssessmentPorts): Promise<Account[]> {
  const found = ports.accounts.getMany
    ? new Map((await ports.accounts.getMany(ids)).map((a) => [a.id, a]))
    : new Map((await mapLimit(ids, CHUNK_CONCURRENCY, (id) => ports.accounts.get(id))).flatMap((a) => (a ? [[a.id, a] as const] : [])));
  return ids.map((id) => {
    const account = found.get(id);
    // Accounts are never deleted (decision 15): a missing one is a fault worth a retry, not a skip.
    if (!account) throw new Error(`grading chunk: account ${id} not found`);
    return account;
  });
}

/** The chunk's accounts: those the job listed, when the engine handed them over, else read by id. */
function accountsOf(chunk: GradingChunk, ports: AssessmentPorts): Promise<Account[]> {
  const given = chunk.accounts;
  if (given && given.length === chunk.accountIds.length && given.every((a, i) => a.id === chunk.accountIds[i])) return Promise.resolve(given);
  return loadAccounts(chunk.accountIds, ports);
}

/**
 * The accounts of a job in the order its chunks take them: by department, so a chunk reads
 * each unit's sibling list and name once instead of once per account of an interleaved unit.
 */
export function inChunkOrder(accounts: readonly Account[]): Account[] {
  return [...accounts].sort((a, b) => (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The what-if answer's comparison part, from two sets of grades of the same accounts. */
export function whatIfChanges(a: readonly Grade[], b: readonly Grade[], described: ReadonlyMap<string, InspectedAccount>) {
  const comparison = compareProfiles(a, b);
  const rows: WhatIfChangeRow[] = [
    ...comparison.newlyFailing.map((c) => ({ ...c, direction: 'newlyFailing' as const, account: described.get(c.accountId) })),
    ...comparison.newlyPassing.map((c) => ({ ...c, direction: 'newlyPassing' as const, account: described.get(c.accountId) })),
  ];
  return { comparison, rows };
}

/**
 * Grades one chunk and lands it. Safe to run again (a retry, a redelivered message): an
 * inspection's grades are written with the chunk's landing, which happens once, and a what-if's
 * changes under fixed keys. Throws when grading or writing fails, so
 * the engine retries it.
 */
export async function runGradingChunk(chunk: GradingChunk, ports: GradingJobPorts): Promise<ChunkLanding> {
  const state = await ports.inspections.jobState(chunk.kind, chunk.jobId);
  if (!state) throw new Error(`grading chunk: ${chunk.kind} ${chunk.jobId} not found`);
  if (state.status !== 'running') return 'not_running';
  const ctx = new AssessmentContext(ports);
  // The chunk's accounts and their summaries, each in one batch read (graded 16 at a time, the
  // summaries would otherwise go out in as many small batches as accounts finish).
  const [accounts] = await Promise.all([accountsOf(chunk, ports), ctx.prefetchSummaries(chunk.accountIds)]);
  if (chunk.units && accounts === chunk.accounts) ctx.knowUnits(chunk.units, accounts);
  // The chunk's department names asked for in one turn: one batch read instead of one read each.
  for (const departmentId of new Set(accounts.map((a) => a.departmentId))) void ctx.departmentName(departmentId);
  const described = await describeAccounts(accounts, ctx);
  const checkDate = state.checkDate as string;
  let partial: InspectionSummary | WhatIfPartial;
  let results: ResultRow[] | undefined;
  if (chunk.kind === 'inspection') {
    const profile = await resolveProfile(state.profile as string, state.profileVersion as number, ports);
    const grades = await gradeAccounts(accounts, checkDate, profile, ctx);
    results = grades.map((grade, i) => ({ grade, platform: accounts[i]!.platform, departmentId: accounts[i]!.departmentId }));
    partial = summarizeInspection(grades, described);
  } else {
    const refs = state as unknown as { baseline: { profile: string; profileVersion: number }; candidate: { profile: string; profileVersion: number } };
    const [baseline, candidate] = await Promise.all([resolveProfile(refs.baseline.profile, refs.baseline.profileVersion, ports), resolveProfile(refs.candidate.profile, refs.candidate.profileVersion, ports)]);
    const a = await gradeAccounts(accounts, checkDate, baseline, ctx);
    const b = await gradeAccounts(accounts, checkDate, candidate, ctx);
    const { comparison, rows } = whatIfChanges(a, b, described);
    await ports.inspections.putWhatIfChanges(chunk.jobId, rows);
    partial = { baseline: summarizeInspection(a, described), candidate: summarizeInspection(b, described), compared: comparison.compared, unchanged: comparison.unchanged };
  }
  // An inspection's grades land with the chunk, in its transaction: a chunk that already landed writes none again.
  const landing = await ports.inspections.landChunk(chunk.kind, chunk.jobId, chunk.index, chunk.accountIds.length, partial, ports.clock.now(), results);
  // 'already': this chunk landed before (the run that counted it may have stopped before finishing the job).
  if (landing !== 'not_running') await finishIfComplete(chunk.kind, chunk.jobId, ports);
  return landing;
}

/** When every chunk has landed: the partial summaries summed into the header, running → done. */
export async function finishIfComplete(kind: JobKind, jobId: string, ports: GradingJobPorts): Promise<boolean> {
  const state = await ports.inspections.jobState(kind, jobId);
  if (!state || state.status !== 'running' || state.chunksDone < state.chunks) return false;
  const partials = await ports.inspections.partials(kind, jobId);
  if (partials.length < state.chunks) return false;
  const now = ports.clock.now();
  if (kind === 'inspection') {
    return ports.inspections.finishJob(kind, jobId, { summary: mergeSummaries(partials as InspectionSummary[]) }, now);
  }
  const parts = partials as WhatIfPartial[];
  const baseline = mergeSummaries(parts.map((p) => p.baseline));
  const candidate = mergeSummaries(parts.map((p) => p.candidate));
  return ports.inspections.finishJob(
    kind,
    jobId,
    {
      baselineSummary: baseline,
      candidateSummary: candidate,
      compared: parts.reduce((n, p) => n + p.compared, 0),
      unchanged: parts.reduce((n, p) => n + p.unchanged, 0),
    },
    now,
  );
}

/** A chunk that could not be graded after its retries: the job ends `failed`, naming the chunk and why. */
export async function failGradingJob(chunk: Pick<GradingChunk, 'kind' | 'jobId' | 'index'>, reason: string, attempts: number, ports: Pick<GradingJobPorts, 'inspections' | 'clock'>): Promise<boolean> {
  const state = await ports.inspections.jobState(chunk.kind, chunk.jobId);
  const of = state ? `（共 ${state.chunks} 批）` : '';
  return ports.inspections.failJob(chunk.kind, chunk.jobId, {
    code: 'chunk_failed',
    chunk: chunk.index,
    message: `第 ${chunk.index + 1} 批账号${of}评分 ${attempts} 次均失败，检查未完成，请重新发起：${reason.slice(0, 300)} (chunk ${chunk.index + 1} failed ${attempts} times; the job did not finish)`,
    at: ports.clock.now(),
  });
}

/**
 * A job read while running that has not moved for STALL_MS (its engine stopped: a restarted local
 * server, a grading function that timed out on its last attempt) ends `failed` then, so nobody
 * waits for it forever. Returns the state as it now is.
 */
export async function settleStalled<T extends JobState>(kind: JobKind, state: T, ports: Pick<GradingJobPorts, 'inspections' | 'clock'>): Promise<T> {
  if (state.status !== 'running') return state;
  const now = ports.clock.now();
  if (Date.parse(now) - Date.parse(state.updatedAt) < STALL_MS) return state;
  const failure: JobFailure = {
    code: 'stalled',
    message: `检查已 ${Math.round(STALL_MS / 60_000)} 分钟没有进展，已终止，请重新发起 (no progress for ${Math.round(STALL_MS / 60_000)} minutes; the job was given up)`,
    at: now,
  };
  if (await ports.inspections.failJob(kind, state.id, failure)) return { ...state, status: 'failed', failure };
  return ((await ports.inspections.jobState(kind, state.id)) as T | undefined) ?? state;
}
