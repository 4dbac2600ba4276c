import { Hono } from 'hono';
import * as v from 'valibot';
import { compareScopeUnderProfiles, gradeAccountAt, inspectionResults, inspectionView, startInspection, whatIfView } from '../../../shared/assessment/run-inspection';
import { GradeQuery, InspectionRequest, WhatIfRequest } from '../../../shared/assessment/schemas';
import { listInspections } from '../../../shared/assessment/inspection-list';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Id, PLATFORMS } from '../../../shared/registry/schemas';
import { assessmentPortsOf, inspectionJobsOf, inspectionListPortsOf } from '../../wiring/domain-ports';
import { gradeDataAsOf } from '../../../shared/connectors/health';
import { connectorHealthPortsOf } from '../../wiring/connector-ports';
import type { AppEnv } from '../context';
import { body, Cursor, Limit, param, query } from '../validation';

const ListQuery = v.strictObject({ region: v.optional(RegionCode), limit: Limit, cursor: Cursor });
const ResultsQuery = v.strictObject({
  verdict: v.optional(v.picklist(['pass', 'fail'], 'verdict 须为 pass 或 fail')),
  department: v.optional(Id),
  platform: v.optional(v.picklist(PLATFORMS, 'platform 不是已知平台')),
  limit: Limit,
  cursor: Cursor,
});

/** Mounted at /accounts: one account's grade. */
export const gradeRoutes = new Hono<AppEnv>().get('/:id/grade', async (c) => {
    const id = param(c, 'id', Id);
    const q = query(c, GradeQuery);
    const grade = await gradeAccountAt(id, q.at, { name: q.profile, version: q.version }, c.get('principal'), assessmentPortsOf(c.get('deps')));
    // Automatic data more than two days old: say so on the grade (shared/connectors/health.ts), unless asked about a day before it.
    const dataAsOf = await gradeDataAsOf(id, connectorHealthPortsOf(c.get('deps')));
    return c.json(dataAsOf && (!q.at || q.at > dataAsOf.slice(0, 10)) ? { ...grade, dataAsOf } : grade);
});

/** Mounted at /inspections: inspections and the two-profile comparison (what-if). */
export const inspectionRoutes = new Hono<AppEnv>()
  .post('/what-if', async (c) => {
    const req = await body(c, WhatIfRequest);
    const answer = await compareScopeUnderProfiles(req, c.get('principal'), assessmentPortsOf(c.get('deps')), inspectionJobsOf(c.get('deps')));
    return c.json(answer.body, answer.accepted ? 202 : 200);
  })
  .get('/what-if/:id', async (c) => {
    return c.json(await whatIfView(param(c, 'id', Id), c.get('principal'), assessmentPortsOf(c.get('deps'))));
  })
  .post('/', async (c) => {
    const req = await body(c, InspectionRequest);
    const view = await startInspection(req, c.get('principal'), assessmentPortsOf(c.get('deps')), inspectionJobsOf(c.get('deps')));
    // Graded in the request: 201 with the results; a job (more than 1,000 accounts): 202, then GET /inspections/{id}.
    return c.json(view, view.status === 'running' ? 202 : 201);
  })
  .get('/', async (c) => {
    return c.json(await listInspections(query(c, ListQuery), c.get('principal'), inspectionListPortsOf(c.get('deps'))));
  })
  .get('/:id', async (c) => {
    return c.json(await inspectionView(param(c, 'id', Id), c.get('principal'), assessmentPortsOf(c.get('deps'))));
  })
  .get('/:id/results', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await inspectionResults(id, query(c, ResultsQuery), c.get('principal'), assessmentPortsOf(c.get('deps'))));
  });
