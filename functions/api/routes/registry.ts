import { Hono } from 'hono';
import * as v from 'valibot';
import { RegionCode } from '../../../shared/auth/principal-schema';
import {
  createDepartment,
  getVisibleAccount,
  getVisibleDepartment,
  confirmFakeEngagement,
  recordAccountFiling,
  registerAccount,
  updateAccount,
} from '../../../shared/registry/registry';
import { listAccounts, listDepartments } from '../../../shared/registry/lists';
import { AccountInput, AccountPatch, AccountQuery, DepartmentInput, Id, IsoDate, IsoInstant, VersionField } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { registryListPortsOf, registryPortsOf } from '../../wiring/domain-ports';
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

/** Mounted at /departments: the host units (主办单位). */
export const departmentRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const input = await body(c, DepartmentInput);
    return c.json(await createDepartment(input, c.get('principal'), registryPortsOf(c.get('deps'))), 201);
  })
  .get('/', async (c) => {
    return c.json(await listDepartments(query(c, DepartmentQuery), c.get('principal'), registryListPortsOf(c.get('deps'))));
  })
  .get('/:id', async (c) => {
    return c.json(await getVisibleDepartment(param(c, 'id', Id), c.get('principal'), registryPortsOf(c.get('deps'))));
  });

/**
 * `GET /accounts/{id}` takes any segment but `export`: `GET /accounts/export` is the registry
 * export (routes/imports.ts, the spreadsheet function), and with this pattern neither route
 * shadows the other whichever is mounted first.
 */
const ACCOUNT_ID = '/:id{(?!export$)[^/]+}';

/** Mounted at /accounts: register, list, read, change an account; its filing and the fake-engagement finding. */
export const accountRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const input = await body(c, AccountInput);
    return c.json(await registerAccount(input, c.get('principal'), registryPortsOf(c.get('deps'))), 201);
  })
  .get('/', async (c) => c.json(await listAccounts(query(c, AccountQuery), c.get('principal'), registryListPortsOf(c.get('deps')))))
  .get(ACCOUNT_ID, async (c) => {
    return c.json(await getVisibleAccount(param(c, 'id', Id), c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .post('/:id/filing', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await recordAccountFiling(id, await body(c, AccountFilingBody), c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .post('/:id/fake-engagement', async (c) => {
    const id = param(c, 'id', Id);
    const input = await body(c, FakeEngagementBody);
    return c.json(await confirmFakeEngagement(id, input, c.get('principal'), registryPortsOf(c.get('deps'))));
  })
  .patch('/:id', async (c) => {
    const id = param(c, 'id', Id);
    const patch = await body(c, AccountPatch);
    return c.json(await updateAccount(id, patch, versionFrom(c, patch.version), c.get('principal'), registryPortsOf(c.get('deps'))));
  });
