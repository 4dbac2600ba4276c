import { Hono } from 'hono';
import * as v from 'valibot';
import { hasRegionRole, listRegion, regionPrefix } from '../../../shared/auth/principal';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Forbidden } from '../../../shared/errors';
import {
  createDepartment,
  getVisibleAccount,
  getVisibleDepartment,
  confirmFakeEngagement,
  recordAccountFiling,
  registerAccount,
  updateAccount,
} from '../../../shared/registry/registry';
import { AccountInput, AccountPatch, AccountQuery, DepartmentInput, Id, IsoDate, IsoInstant, VersionField } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { registryPortsOf } from '../../wiring/ports';
import { body, Cursor, Limit, param, query, versionFrom } from '../validation';

const AccountFilingBody = v.strictObject({
  filedAt: v.union([IsoInstant, IsoDate], '备案时间须为日期 YYYY-MM-DD 或带时区的时间'),
  version: VersionField,
});

const FakeEngagementBody = v.strictObject({
  confirmed: v.boolean('confirmed 须为 true 或 false'),
  note: v.optional(v.pipe(v.string('说明须为字符串'), v.trim(), v.maxLength(500, '说明不能超过 500 个字符'))),
  version: VersionField,
});

const DepartmentQuery = v.strictObject({ region: v.optional(RegionCode), limit: Limit, cursor: Cursor });

export const registryRoutes = new Hono<AppEnv>()
  .post('/departments', async (c) => {
    const input = await body(c, DepartmentInput);
    return c.json(await createDepartment(input, c.get('principal'), registryPortsOf(c.get('deps'))), 201);
  })
  .get('/departments', async (c) => {
    const q = query(c, DepartmentQuery);
    const p = c.get('principal');
    const region = listRegion(p, q.region);
    if (region) return c.json(await c.get('deps').stores.departments.listInRegion(regionPrefix(region), q.limit ?? 100, q.cursor));
    if (q.region && hasRegionRole(p)) throw new Forbidden('该地区不在您的管辖范围内 (region outside your scope)');
    // Department roles see only their own department.
    const own = p.department ? await c.get('deps').stores.departments.get(p.department) : undefined;
    return c.json({ items: own && (!q.region || own.regionCode.startsWith(regionPrefix(q.region))) ? [own] : [], cursor: null });
  })
  .get('/departments/:id', async (c) => {
    return c.json(await getVisibleDepartment(param(c, 'id', Id), c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .post('/accounts', async (c) => {
    const input = await body(c, AccountInput);
    return c.json(await registerAccount(input, c.get('principal'), registryPortsOf(c.get('deps'))), 201);
  })
  .get('/accounts', async (c) => {
    const q = query(c, AccountQuery);
    const p = c.get('principal');
    const { accounts } = c.get('deps').stores;
    const limit = q.limit ?? 50;
    const filters = { platform: q.platform, status: q.status, flag: q.flag, q: q.q };
    const departmentId = q.department ?? (hasRegionRole(p) ? undefined : p.department);
    if (departmentId) {
      const dept = await getVisibleDepartment(departmentId, p, registryPortsOf(c.get('deps')));
      if (q.region && !dept.regionCode.startsWith(regionPrefix(q.region))) return c.json({ items: [], cursor: null });
      return c.json(await accounts.list({ regionCode: dept.regionCode, departmentId: dept.id }, filters, limit, q.cursor));
    }
    const region = listRegion(p, q.region);
    if (!region) throw new Forbidden('该地区不在您的管辖范围内 (region outside your scope)');
    return c.json(await accounts.list({ regionPrefix: regionPrefix(region) }, filters, limit, q.cursor));
  })
  .get('/accounts/:id', async (c) => {
    return c.json(await getVisibleAccount(param(c, 'id', Id), c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .post('/accounts/:id/filing', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await recordAccountFiling(id, await body(c, AccountFilingBody), c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .post('/accounts/:id/fake-engagement', async (c) => {
    const id = param(c, 'id', Id);
    const input = await body(c, FakeEngagementBody);
    return c.json(await confirmFakeEngagement(id, input, c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .patch('/accounts/:id', async (c) => {
    const id = param(c, 'id', Id);
    const patch = await body(c, AccountPatch);
    return c.json(await updateAccount(id, patch, versionFrom(c, patch.version), c.get('principal'), registryPortsOf(c.get('deps'))));
  });
