import { Hono } from 'hono';
import * as v from 'valibot';
import { compareScopeUnderProfiles, getInspection, gradeAccountAt, runInspection } from '../../../shared/assessment/inspection';
import { GradeQuery, InspectionRequest, WhatIfRequest } from '../../../shared/assessment/schemas';
import { canActAs, listRegion, regionPrefix } from '../../../shared/auth/principal';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Forbidden } from '../../../shared/errors';
import { Id } from '../../../shared/registry/schemas';
import { assessmentPortsOf } from '../../wiring/ports';
import type { AppEnv } from '../context';
import { body, Cursor, Limit, param, query } from '../validation';

const ListQuery = v.strictObject({ region: v.optional(RegionCode), limit: Limit, cursor: Cursor });

export const inspectionRoutes = new Hono<AppEnv>()
  .get('/accounts/:id/grade', async (c) => {
    const id = param(c, 'id', Id);
    const q = query(c, GradeQuery);
    return c.json(await gradeAccountAt(id, q.at, { name: q.profile, version: q.version }, c.get('principal'), assessmentPortsOf(c.get('deps'))));
  })
  .post('/inspections/what-if', async (c) => {
    const req = await body(c, WhatIfRequest);
    return c.json(await compareScopeUnderProfiles(req, c.get('principal'), assessmentPortsOf(c.get('deps'))));
  })
  .post('/inspections', async (c) => {
    const req = await body(c, InspectionRequest);
    return c.json(await runInspection(req, c.get('principal'), assessmentPortsOf(c.get('deps'))), 201);
  })
  .get('/inspections', async (c) => {
    const q = query(c, ListQuery);
    const p = c.get('principal');
    const region = listRegion(p, q.region);
    if (!region || !canActAs(p, ['office', 'reviewer', 'admin'], { regionCode: region })) {
      throw new Forbidden('只有本地区的管理部门可以查看检查 (region roles only)');
    }
    return c.json(await c.get('deps').stores.inspections.listInRegion(regionPrefix(region), q.limit ?? 20, q.cursor));
  })
  .get('/inspections/:id', async (c) => {
    return c.json(await getInspection(param(c, 'id', Id), c.get('principal'), assessmentPortsOf(c.get('deps'))));
  });
