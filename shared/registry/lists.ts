import type { Principal } from '../auth/principal';
import { emptyPage, listScope, resolveListScope, scopeDepartmentId } from '../auth/scope';
import type { Account, AccountQuery, Department } from './schemas';
import type { Page } from '../page';


/** What the registry's lists read. */
export interface RegistryListPorts {
  departments: {
    get(id: string): Promise<Department | undefined>;
    listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<Department>>;
  };
  accounts: {
    list(
      scope: { regionPrefix: string } | { regionCode: string; departmentId: string },
      filters: Pick<AccountQuery, 'platform' | 'status' | 'flag' | 'q'>,
      limit: number,
      cursor?: string,
    ): Promise<Page<Account>>;
  };
}

/** GET /departments?region=: a region role its region's departments; a department role its own department. */
export async function listDepartments(
  q: { region?: string; limit?: number; cursor?: string },
  actor: Principal,
  ports: Pick<RegistryListPorts, 'departments'>,
): Promise<Page<Department>> {
  const id = scopeDepartmentId(actor, { region: q.region });
  const own = id === undefined ? undefined : await ports.departments.get(id);
  const scope = listScope(actor, { region: q.region }, own);
  if (scope.kind === 'region') return ports.departments.listInRegion(scope.regionPrefix, q.limit ?? 100, q.cursor);
  return { items: scope.kind === 'department' && own ? [own] : [], cursor: null };
}

/** GET /accounts?region=&department=&platform=&status=&flag=&q=, in the one list scope (shared/auth/scope.ts). */
export async function listAccounts(q: AccountQuery, actor: Principal, ports: RegistryListPorts): Promise<Page<Account>> {
  const limit = q.limit ?? 50;
  const filters = { platform: q.platform, status: q.status, flag: q.flag, q: q.q };
  const scope = await resolveListScope(actor, { region: q.region, department: q.department }, ports);
  if (scope.kind === 'region') return ports.accounts.list({ regionPrefix: scope.regionPrefix }, filters, limit, q.cursor);
  if (scope.kind === 'department') return ports.accounts.list({ regionCode: scope.regionCode, departmentId: scope.departmentId }, filters, limit, q.cursor);
  return emptyPage<Account>();
}
