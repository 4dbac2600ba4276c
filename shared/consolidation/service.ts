import * as v from 'valibot';
import { canActAs, regionPrefix, type Principal } from '../auth/principal';
import { requestClosure, type ClosurePorts } from '../closure/service';
import type { Closure } from '../closure/closure';
import { RequestReason } from '../workflow/schemas';
import { Forbidden, InvalidInput } from '../errors';
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
 * Turns a cluster into closure requests in one step: every listed account except the
 * keeper gets a closure request naming the keeper as successor. All requests are
 * checked first; one that cannot be made leaves the others unmade.
 */
export async function planConsolidation(plan: ConsolidationPlan, actor: Principal, ports: ClosurePorts): Promise<{ keeperId: string | null; closures: Closure[] }> {
  const toClose = [...new Set(plan.accountIds)].filter((id) => id !== plan.keeperId);
  if (!toClose.length) throw new InvalidInput([{ path: 'accountIds', message: '除保留账号外，至少还要有一个待关停的账号' }]);
  const accounts = await Promise.all(toClose.map((id) => ports.accounts.get(id)));
  accounts.forEach((a, i) => {
    if (!a || a.status !== 'active') {
      throw new InvalidInput([{ path: `accountIds.${plan.accountIds.indexOf(toClose[i]!)}`, message: a ? '账号不处于正常运行状态，不能申请关停' : '账号不存在' }]);
    }
  });
  const closures: Closure[] = [];
  for (const accountId of toClose) {
    closures.push(await requestClosure({ accountId, reason: plan.reason, ...(plan.keeperId ? { successorAccountId: plan.keeperId } : {}) }, actor, ports));
  }
  return { keeperId: plan.keeperId ?? null, closures };
}
