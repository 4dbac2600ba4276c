import type { Principal } from '../auth/principal';
import { listScope } from '../auth/scope';
import { Forbidden } from '../errors';
import type { Page } from '../page';


/** A region's inspections as stored, newest first (headers only). */
export interface InspectionListPorts<T> {
  inspections: { listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<T>> };
}

/** GET /inspections?region=: the region roles of the one list scope (shared/auth/scope.ts) only; department roles 403. */
export async function listInspections<T>(q: { region?: string; limit?: number; cursor?: string }, actor: Principal, ports: InspectionListPorts<T>): Promise<Page<T>> {
  const scope = listScope(actor, { region: q.region });
  if (scope.kind !== 'region') throw new Forbidden('只有本地区的管理部门可以查看检查 (region roles only)');
  return ports.inspections.listInRegion(scope.regionPrefix, q.limit ?? 20, q.cursor);
}
