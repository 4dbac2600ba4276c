import { auditEntry } from '../audit/audit';
import { canActAs, canSee, type Principal } from '../auth/principal';
import { Forbidden, NotFound } from '../errors';
import type { Grade } from '../grading/types';
import { selectSample } from '../inspection/sample';
import { compareProfiles, summarizeInspection, type InspectedAccount } from '../inspection/summary';
import { profileForRequest } from '../profiles/catalog';
import type { RuleProfile } from '../profiles/schema';
import { regionPrefix } from '../auth/principal';
import type { Account } from '../registry/schemas';
import { beijingDate } from '../time';
import { mapLimit } from '../util/concurrency';
import { AssessmentContext, assessAccount } from './inputs';
import type { AssessmentPorts, Inspection } from './ports';
import type { InspectionRequest, WhatIfRequest } from './schemas';

const INSPECT_ROLES = ['office', 'reviewer', 'admin'] as const;
/** Parallel reads per inspection: enough to hide DynamoDB latency, few enough not to throttle. */
const CONCURRENCY = 16;

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

async function accountsInScope(regionCode: string, actor: Principal, ports: AssessmentPorts): Promise<Account[]> {
  if (!canActAs(actor, INSPECT_ROLES, { regionCode })) {
    throw new Forbidden('只有本地区的管理部门可以组织检查 (only an office, reviewer or admin of this region)');
  }
  return (await ports.accounts.allInRegion(regionPrefix(regionCode))).filter(inspectable);
}

async function gradeAll(accounts: Account[], checkDate: string, profile: RuleProfile, ports: AssessmentPorts): Promise<Grade[]> {
  const ctx = new AssessmentContext(ports);
  return mapLimit(accounts, CONCURRENCY, async (a) => (await assessAccount(a, checkDate, profile, ctx)).grade);
}

async function describeAccounts(accounts: Account[], ports: AssessmentPorts): Promise<Map<string, InspectedAccount>> {
  const ctx = new AssessmentContext(ports);
  const out = new Map<string, InspectedAccount>();
  for (const a of accounts) {
    out.set(a.id, { platform: a.platform, departmentId: a.departmentId, departmentName: await ctx.departmentName(a.departmentId), name: a.name, handle: a.handle });
  }
  return out;
}

/** Grades a region (or a reproducible sample of it) and stores the results with the profile version used. */
export async function runInspection(req: InspectionRequest, actor: Principal, ports: AssessmentPorts): Promise<Inspection> {
  const population = (await accountsInScope(req.regionCode, actor, ports)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const profile = await profileForRequest(req.regionCode, { name: req.profile, version: req.profileVersion }, ports);
  let chosen = population;
  if (req.sample) {
    const ids = new Set(selectSample(population.map((a) => a.id), req.sample.ratio, req.sample.seed));
    chosen = population.filter((a) => ids.has(a.id));
  }
  const results = await gradeAll(chosen, req.checkDate, profile, ports);
  const now = ports.clock.now();
  const inspection: Inspection = {
    id: ports.ids.next(),
    regionCode: req.regionCode,
    checkDate: req.checkDate,
    profile: profile.name,
    profileVersion: profile.version,
    sample: req.sample ? { ...req.sample, population: population.length } : null,
    createdAt: now,
    createdBy: { sub: actor.sub, name: actor.name },
    summary: summarizeInspection(results, await describeAccounts(chosen, ports)),
    results,
  };
  const { results: _omitted, ...record } = inspection;
  await ports.inspections.save(
    inspection,
    auditEntry(actor, 'inspection.run', { type: 'inspection', id: inspection.id }, { regionCode: req.regionCode }, null, record, now, ports.ids.next()),
  );
  return inspection;
}

export async function getInspection(id: string, actor: Principal, ports: AssessmentPorts): Promise<Inspection> {
  const inspection = await ports.inspections.get(id);
  if (!inspection || !canActAs(actor, INSPECT_ROLES, inspection)) throw new NotFound('检查');
  return inspection;
}

/** The report's account descriptions for a stored inspection. */
export async function inspectionAccounts(inspection: Inspection, ports: AssessmentPorts): Promise<Map<string, InspectedAccount>> {
  const accounts = (await Promise.all(inspection.results.map((g) => ports.accounts.get(g.accountId)))).filter((a): a is Account => !!a);
  return describeAccounts(accounts, ports);
}

/** What-if: the same scope and date under two profiles; which verdicts change. Nothing is stored. */
export async function compareScopeUnderProfiles(req: WhatIfRequest, actor: Principal, ports: AssessmentPorts) {
  const accounts = await accountsInScope(req.regionCode, actor, ports);
  const [baseline, candidate] = await Promise.all([
    profileForRequest(req.regionCode, req.baseline, ports),
    profileForRequest(req.regionCode, req.candidate, ports),
  ]);
  const [a, b] = [await gradeAll(accounts, req.checkDate, baseline, ports), await gradeAll(accounts, req.checkDate, candidate, ports)];
  const described = await describeAccounts(accounts, ports);
  const comparison = compareProfiles(a, b);
  return {
    regionCode: req.regionCode,
    checkDate: req.checkDate,
    baseline: { profile: baseline.name, profileVersion: baseline.version, summary: summarizeInspection(a, described) },
    candidate: { profile: candidate.name, profileVersion: candidate.version, summary: summarizeInspection(b, described) },
    ...comparison,
    // The accounts whose verdict changes, with what an office needs to recognise them.
    changes: [...comparison.newlyFailing, ...comparison.newlyPassing].map((c) => ({ ...c, account: described.get(c.accountId) })),
  };
}
