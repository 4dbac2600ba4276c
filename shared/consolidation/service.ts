import * as v from 'valibot';
import { waitingOfClosure } from '../supervision/approvals';
import { canActAs, regionPrefix, type Principal } from '../auth/principal';
import { prepareClosure, referencedAccount, type ClosurePorts } from '../closure/service';
import type { Closure } from '../closure/closure';
import { RequestReason } from '../approvals/schemas';
import { Forbidden, InvalidInput, RuleViolation } from '../errors';
import { splitRegion } from '../grading/naming';
import type { Account, Department } from '../registry/schemas';
import { Id } from '../registry/schemas';
import { candidateFromAccount, findDuplicateClusters, type DuplicateCluster } from './duplicates';

export interface ConsolidationPorts {
  accounts: { allInRegion(regionPrefix: string): Promise<Account[]> };
  departments: { listAll(regionPrefix: string): Promise<Department[]> };
}

const OFFICE_ROLES = ['office', 'reviewer', 'admin'] as const;

/**
 * Region names to strip from account names, taken from the region's own department
 * names (淳安县人力资源和社会保障局 → 淳安县), so every county works without a gazetteer.
 */
function regionNamesOf(departments: Department[]): string[] {
  const names = new Set<string>();
  for (const d of departments) for (const r of splitRegion(d.name).regions) names.add(r);
  return [...names];
}

/** GET /consolidation/candidates: clusters of accounts that should become one, each with a proposed keeper. */
export async function consolidationCandidates(regionCode: string, actor: Principal, ports: ConsolidationPorts): Promise<{ clusters: DuplicateCluster[] }> {
  if (!canActAs(actor, OFFICE_ROLES, { regionCode })) throw new Forbidden('只有本地区的管理部门可以查看整合建议 (region roles only)');
  const prefix = regionPrefix(regionCode);
  const [accounts, departments] = await Promise.all([ports.accounts.allInRegion(prefix), ports.departments.listAll(prefix)]);
  const clusters = findDuplicateClusters(
    accounts.map((a) => candidateFromAccount(a, { followers: a.followers })),
    { regionNames: regionNamesOf(departments) },
  );
  return { clusters };
}

export const ConsolidationPlan = v.strictObject({
  accountIds: v.pipe(v.array(Id, 'accountIds 须为账号编号列表'), v.minLength(1, '至少选择一个账号'), v.maxLength(50, '一次最多 50 个账号')),
  keeperId: v.optional(Id),
  reason: RequestReason('整合理由'),
});
export type ConsolidationPlan = v.InferOutput<typeof ConsolidationPlan>;

/**
 * The most closure requests one plan makes. All are written in one DynamoDB transaction
 * (all or nothing), which takes 100 actions; each request is four: the closure, its
 * account's status, and two audit entries (docs/decisions.md, "A consolidation plan is one
 * transaction").
 */
export const MAX_PLAN_CLOSURES = 25;

/**
 * Turns a cluster into closure requests in one step: every listed account except the
 * keeper gets a closure request naming the keeper as successor. Every account is checked
 * first (visibility, then the rules of POST /closures); then all requests are written
 * together or none is. An account that does not exist and one the caller cannot see give
 * the same 404 as `GET /accounts/{id}`, so a plan reveals nothing about other regions.
 */
export async function planConsolidation(plan: ConsolidationPlan, actor: Principal, ports: ClosurePorts): Promise<{ keeperId: string | null; closures: Closure[] }> {
  const toClose = [...new Set(plan.accountIds)].filter((id) => id !== plan.keeperId);
  if (!toClose.length) throw new InvalidInput([{ path: 'accountIds', message: '除保留账号外，至少还要有一个待关停的账号' }]);
  if (toClose.length > MAX_PLAN_CLOSURES) {
    throw new RuleViolation(
      'plan_too_large',
      `一个整合方案最多关停 ${MAX_PLAN_CLOSURES} 个账号，请分批提交 (a plan closes at most ${MAX_PLAN_CLOSURES} accounts; split it)`,
      { max: MAX_PLAN_CLOSURES },
    );
  }
  // Visibility of every reference before any other rule: a foreign id answers exactly like a missing one.
  const [keeper, ...accounts] = await Promise.all([
    plan.keeperId ? referencedAccount(plan.keeperId, actor, ports) : undefined,
    ...toClose.map((id) => referencedAccount(id, actor, ports)),
  ]);
  const writes = [];
  for (const account of accounts as Account[]) {
    const input = { accountId: account.id, reason: plan.reason, ...(keeper ? { successorAccountId: keeper.id } : {}) };
    writes.push(await prepareClosure(input, { account, successor: keeper }, actor, ports));
  }
  await ports.closures.createAll(writes);
  for (const w of writes) await ports.waiting?.({ kind: 'closure', id: w.after.id }, waitingOfClosure(w.after));
  return { keeperId: plan.keeperId ?? null, closures: writes.map((w) => w.after) };
}
