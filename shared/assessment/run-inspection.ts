import { auditEntry } from '../audit/audit';
import { canActAs, canSee, type Principal } from '../auth/principal';
import { Conflict, Forbidden, NotFound } from '../errors';
import type { Grade } from '../grading/types';
import { selectSample } from '../inspection/sample';
import { summarizeInspection, type InspectedAccount, type InspectionSummary } from '../inspection/summary';
import { profileForRequest } from '../profiles/catalog';
import { regionPrefix } from '../auth/principal';
import type { Account } from '../registry/schemas';
import { beijingDate } from '../time';
import { AssessmentContext, assessAccount } from './inputs';
import {
  describeAccounts,
  failGradingJob,
  gradeAccounts,
  gradingChunks,
  INLINE_LIMIT,
  runGradingChunk,
  settleStalled,
  whatIfChanges,
  type GradingChunk,
  type InspectionHeader,
  type InspectionJobs,
  type JobFailure,
  type JobProgress,
  type JobState,
  type JobStatus,
  type WhatIfHeader,
} from './jobs';
import type { AssessmentPorts, Inspection } from './assessment-ports';
import type { InspectionRequest, WhatIfRequest } from './schemas';

const INSPECT_ROLES = ['office', 'reviewer', 'admin'] as const;

/** Accounts that are inspected: everything still operating (closed accounts are archived). */
const inspectable = (a: Account) => a.status !== 'closed';

export async function gradeAccountAt(
  accountId: string,
  at: string | undefined,
  profileRef: { name?: string; version?: number },
  actor: Principal,
  ports: AssessmentPorts,
): Promise<Grade> {
  const account = await ports.accounts.get(accountId);
  if (!account || !canSee(actor, account)) throw new NotFound('账号');
  const profile = await profileForRequest(account.regionCode, profileRef, ports);
  const checkDate = at ?? beijingDate(ports.clock.now());
  const { grade } = await assessAccount(account, checkDate, profile, new AssessmentContext(ports));
  return grade;
}

/** The region's accounts that are inspected (in account id order), and every account listed (closed ones too: the units' accounts grading reads). */
async function accountsInScope(regionCode: string, actor: Principal, ports: AssessmentPorts): Promise<{ inScope: Account[]; listed: Account[] }> {
  if (!canActAs(actor, INSPECT_ROLES, { regionCode })) {
    throw new Forbidden('只有本地区的管理部门可以组织检查 (only an office, reviewer or admin of this region)');
  }
  const listed = await ports.accounts.allInRegion(regionPrefix(regionCode));
  return { inScope: listed.filter(inspectable).sort((a, b) => (a.id < b.id ? -1 : 1)), listed };
}

/** A run's context that knows the units of `accounts` from the region's listing (no unit query while grading them). */
function contextFor(accounts: readonly Account[], listed: readonly Account[], ports: AssessmentPorts): AssessmentContext {
  const ctx = new AssessmentContext(ports);
  ctx.knowUnits(listed, accounts);
  return ctx;
}

/** An inspection as GET /inspections/{id} answers it: the header, its job state, and (done, at most INLINE_LIMIT accounts) the results. */
export type InspectionView = Omit<Inspection, 'results' | 'summary'> & {
  status: JobStatus;
  progress: JobProgress;
  summary?: InspectionSummary;
  failure?: JobFailure;
  completedAt?: string;
  results?: Grade[];
};

/** The stored header as the API shows it; an inspection stored before jobs existed is `done`. */
type StoredHeader = Omit<Inspection, 'results' | 'summary'> & { summary?: InspectionSummary } & Partial<JobState>;

function present(header: StoredHeader, results?: Grade[]): InspectionView {
  const { chunks: _c, chunksDone: _d, updatedAt: _u, ...rest } = header as InspectionHeader;
  const status = header.status ?? 'done';
  const checked = header.summary?.checked ?? 0;
  const progress = header.progress ?? { checked, total: checked };
  return { ...rest, status, progress, ...(results ? { results } : {}) };
}

function chosenAccounts(population: Account[], sample: InspectionRequest['sample']): Account[] {
  if (!sample) return population;
  const ids = new Set(selectSample(population.map((a) => a.id), sample.ratio, sample.seed));
  return population.filter((a) => ids.has(a.id));
}

/**
 * Starts an inspection of a region (or a reproducible sample of it). At most INLINE_LIMIT
 * accounts: graded here and stored `done` with the results inline. More: stored `running` and
 * handed to `engine` in chunks (shared/assessment/jobs.ts); without an engine the chunks run
 * here, one after another (the demo seed, the bench).
 */
export async function startInspection(req: InspectionRequest, actor: Principal, ports: AssessmentPorts, engine?: InspectionJobs): Promise<InspectionView> {
  const { inScope: population, listed } = await accountsInScope(req.regionCode, actor, ports);
  const profile = await profileForRequest(req.regionCode, { name: req.profile, version: req.profileVersion }, ports);
  const chosen = chosenAccounts(population, req.sample);
  const now = ports.clock.now();
  const base = {
    id: ports.ids.next(),
    regionCode: req.regionCode,
    checkDate: req.checkDate,
    profile: profile.name,
    profileVersion: profile.version,
    sample: req.sample ? { ...req.sample, population: population.length } : null,
    createdAt: now,
    createdBy: { sub: actor.sub, name: actor.name },
  };
  const audit = (record: InspectionHeader) =>
    auditEntry(actor, 'inspection.run', { type: 'inspection', id: base.id }, { regionCode: req.regionCode }, null, record, now, ports.ids.next());

  if (chosen.length <= INLINE_LIMIT) {
    const ctx = contextFor(chosen, listed, ports);
    const results = await gradeAccounts(chosen, req.checkDate, profile, ctx);
    const header: InspectionHeader = {
      ...base,
      status: 'done',
      progress: { checked: results.length, total: chosen.length },
      chunks: 0,
      chunksDone: 0,
      summary: summarizeInspection(results, await describeAccounts(chosen, ctx)),
      updatedAt: now,
      completedAt: now,
    };
    const rows = results.map((grade, i) => ({ grade, platform: chosen[i]!.platform, departmentId: chosen[i]!.departmentId }));
    await ports.inspections.create(header, audit(header), rows);
    return present(header, results);
  }

  const chunks = gradingChunks('inspection', base.id, chosen, listed);
  const header: InspectionHeader = { ...base, status: 'running', progress: { checked: 0, total: chosen.length }, chunks: chunks.length, chunksDone: 0, updatedAt: now };
  await ports.inspections.create(header, audit(header));
  await launch(chunks, ports, engine);
  return present((await ports.inspections.header(base.id)) ?? header);
}

/** Hands the chunks to the engine, or runs them here; a job whose chunks could not be queued ends `failed` at once. */
async function launch(chunks: GradingChunk[], ports: AssessmentPorts, engine?: InspectionJobs): Promise<void> {
  if (!engine) {
    for (const chunk of chunks) {
      try {
        await runGradingChunk(chunk, ports);
      } catch (err) {
        await failGradingJob(chunk, (err as Error).message, 1, ports);
        return;
      }
    }
    return;
  }
  try {
    await engine.submit(chunks);
  } catch (err) {
    const first = chunks[0]!;
    await ports.inspections.failJob(first.kind, first.jobId, {
      code: 'not_queued',
      message: `检查任务未能排队，请重新发起 (the job could not be queued): ${(err as Error).message.slice(0, 300)}`,
      at: ports.clock.now(),
    });
    throw err;
  }
}

/** Grades a region (or a sample of it) to the end and answers the whole inspection with its results (the demo seed). */
export async function runInspection(req: InspectionRequest, actor: Principal, ports: AssessmentPorts): Promise<Inspection> {
  const started = await startInspection(req, actor, ports);
  const inspection = await ports.inspections.get(started.id);
  if (!inspection) throw new Error(`inspection ${started.id} was not stored`);
  return inspection;
}

/** The stored inspection with every result (reports, documents). */
export async function getInspection(id: string, actor: Principal, ports: AssessmentPorts): Promise<Inspection> {
  const header = await visibleHeader(id, actor, ports);
  // A job still running (or failed) has no whole set of results to report on.
  if (header.status && header.status !== 'done') throw notDone(present(header));
  const inspection = await ports.inspections.get(id);
  if (!inspection) throw new NotFound('检查');
  return inspection;
}

function notDone(view: InspectionView): Conflict {
  return new Conflict(
    'inspection_not_done',
    view.status === 'running'
      ? `检查尚未完成（已检查 ${view.progress.checked}/${view.progress.total}），完成后可查看结果 (the inspection is still running)`
      : '检查未能完成，没有结果可查看，请重新发起 (the inspection failed; it has no results)',
    { checked: view.progress.checked, total: view.progress.total },
  );
}

async function visibleHeader(id: string, actor: Principal, ports: AssessmentPorts) {
  const header = await ports.inspections.header(id);
  if (!header || !canActAs(actor, INSPECT_ROLES, header)) throw new NotFound('检查');
  return header.status ? await settleStalled('inspection', header as InspectionHeader, ports) : header;
}

/** GET /inspections/{id}: status, progress, once done the summary, and the results of an inspection of at most INLINE_LIMIT accounts. */
export async function inspectionView(id: string, actor: Principal, ports: AssessmentPorts): Promise<InspectionView> {
  const header = await visibleHeader(id, actor, ports);
  const view = present(header);
  if (view.status !== 'done' || view.progress.total > INLINE_LIMIT) return view;
  const full = await ports.inspections.get(id);
  return present(header, full?.results ?? []);
}

/** GET /inspections/{id}/results: a page of the grades of a finished inspection, filtered. */
export async function inspectionResults(
  id: string,
  query: { verdict?: 'pass' | 'fail'; department?: string; platform?: string; limit?: number; cursor?: string },
  actor: Principal,
  ports: AssessmentPorts,
) {
  const view = present(await visibleHeader(id, actor, ports));
  if (view.status !== 'done') throw notDone(view);
  return ports.inspections.resultsPage(id, { verdict: query.verdict, departmentId: query.department, platform: query.platform }, query.limit ?? 50, query.cursor);
}

/** The report's account descriptions for a stored inspection. */
export async function inspectionAccounts(inspection: Inspection, ports: AssessmentPorts): Promise<Map<string, InspectedAccount>> {
  const accounts = (await Promise.all(inspection.results.map((g) => ports.accounts.get(g.accountId)))).filter((a): a is Account => !!a);
  return describeAccounts(accounts, new AssessmentContext(ports));
}

/** A what-if job as GET /inspections/what-if/{id} answers it; once done, the same fields as the answer of a small what-if. */
export type WhatIfView = Record<string, unknown> & { id: string; status: JobStatus; progress: JobProgress };

/**
 * What-if: the same scope and date under two profiles; which verdicts change. At most
 * INLINE_LIMIT accounts: answered at once, nothing stored. More: a what-if job (202), read
 * with whatIfView.
 */
export async function compareScopeUnderProfiles(req: WhatIfRequest, actor: Principal, ports: AssessmentPorts, engine?: InspectionJobs) {
  const { inScope: accounts, listed } = await accountsInScope(req.regionCode, actor, ports);
  const [baseline, candidate] = await Promise.all([
    profileForRequest(req.regionCode, req.baseline, ports),
    profileForRequest(req.regionCode, req.candidate, ports),
  ]);
  if (accounts.length > INLINE_LIMIT) {
    const now = ports.clock.now();
    const id = ports.ids.next();
    const chunks = gradingChunks('what-if', id, accounts, listed);
    const header: WhatIfHeader = {
      id,
      regionCode: req.regionCode,
      checkDate: req.checkDate,
      baseline: { profile: baseline.name, profileVersion: baseline.version },
      candidate: { profile: candidate.name, profileVersion: candidate.version },
      createdAt: now,
      createdBy: { sub: actor.sub, name: actor.name },
      status: 'running',
      progress: { checked: 0, total: accounts.length },
      chunks: chunks.length,
      chunksDone: 0,
      updatedAt: now,
    };
    await ports.inspections.createWhatIf(header);
    await launch(chunks, ports, engine);
    return { accepted: true as const, body: await whatIfOf(header.id, ports) };
  }
  const ctx = contextFor(accounts, listed, ports);
  const [a, b] = [await gradeAccounts(accounts, req.checkDate, baseline, ctx), await gradeAccounts(accounts, req.checkDate, candidate, ctx)];
  const described = await describeAccounts(accounts, ctx);
  const { comparison, rows } = whatIfChanges(a, b, described);
  return {
    accepted: false as const,
    body: {
      regionCode: req.regionCode,
      checkDate: req.checkDate,
      baseline: { profile: baseline.name, profileVersion: baseline.version, summary: summarizeInspection(a, described) },
      candidate: { profile: candidate.name, profileVersion: candidate.version, summary: summarizeInspection(b, described) },
      ...comparison,
      // The accounts whose verdict changes, with what an office needs to recognise them.
      changes: rows.map(({ direction: _d, ...c }) => c),
    },
  };
}

async function whatIfOf(id: string, ports: AssessmentPorts): Promise<WhatIfView | undefined> {
  const stored = (await ports.inspections.jobState('what-if', id)) as WhatIfHeader | undefined;
  if (!stored) return undefined;
  const state = await settleStalled('what-if', stored, ports);
  const { chunks: _c, chunksDone: _d, updatedAt: _u, baselineSummary, candidateSummary, compared, unchanged, baseline, candidate, ...rest } = state as WhatIfHeader & Record<string, any>;
  const view: WhatIfView = { ...rest, id: state.id, status: state.status, progress: state.progress };
  if (state.status !== 'done') return { ...view, baseline, candidate };
  const rows = await ports.inspections.whatIfChanges(id);
  const newlyFailing = rows.filter((r) => r.direction === 'newlyFailing').map(({ direction: _x, account: _a, ...c }) => c);
  const newlyPassing = rows.filter((r) => r.direction === 'newlyPassing').map(({ direction: _x, account: _a, ...c }) => c);
  const rateOf = (s: InspectionSummary | undefined) => s?.passRate ?? 0;
  return {
    ...view,
    baseline: { ...baseline, summary: baselineSummary },
    candidate: { ...candidate, summary: candidateSummary },
    compared,
    newlyFailing,
    newlyPassing,
    unchanged,
    onlyInA: [],
    onlyInB: [],
    passRateA: rateOf(baselineSummary),
    passRateB: rateOf(candidateSummary),
    changes: [...rows.filter((r) => r.direction === 'newlyFailing'), ...rows.filter((r) => r.direction === 'newlyPassing')].map(({ direction: _x, ...c }) => c),
  };
}

/** GET /inspections/what-if/{id}. */
export async function whatIfView(id: string, actor: Principal, ports: AssessmentPorts): Promise<WhatIfView> {
  const stored = (await ports.inspections.jobState('what-if', id)) as WhatIfHeader | undefined;
  if (!stored || !canActAs(actor, INSPECT_ROLES, stored)) throw new NotFound('模拟比较');
  return (await whatIfOf(id, ports))!;
}
