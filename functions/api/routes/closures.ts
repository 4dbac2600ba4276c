import { Hono, type Context } from 'hono';
import type { Closure } from '../../../shared/closure/closure';
import { ClosureComplete, ClosureCreate, ClosureDecision, ClosureFiling, ClosureNotice, ClosureQuery } from '../../../shared/closure/schemas';
import {
  closuresOfAccount,
  confirmCancellation,
  decideOnClosure,
  getVisibleClosure,
  listClosures,
  recordFiling,
  recordNotice,
  requestClosure,
} from '../../../shared/closure/service';
import { closureWithAttachments } from '../../../shared/closure/attachments';
import { ConsolidationPlan, consolidationCandidates, planConsolidation } from '../../../shared/consolidation/service';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Id } from '../../../shared/registry/schemas';
import * as v from 'valibot';
import type { AppEnv } from '../context';
import { closurePortsOf, closureReadPortsOf, consolidationPortsOf } from '../../wiring/domain-ports';
import { body, param, query } from '../validation';

/** A single closure as answered: with its attachments (the bytes are served by routes/attachments.ts). */
const withAttachments = (c: Context<AppEnv>, closure: Closure) => closureWithAttachments(closure, closureReadPortsOf(c.get('deps')));

const CandidatesQuery = v.strictObject({ region: v.optional(RegionCode) });

/** Mounted at /closures: request, decide, notice, cancellation, filing. */
export const closureRoutes = new Hono<AppEnv>()
  .post('/', async (c) => c.json(await requestClosure(await body(c, ClosureCreate), c.get('principal'), closurePortsOf(c.get('deps'))), 201))
  .get('/', async (c) => c.json(await listClosures(query(c, ClosureQuery), c.get('principal'), closurePortsOf(c.get('deps')))))
  .get('/:id', async (c) => c.json(await withAttachments(c, await getVisibleClosure(param(c, 'id', Id), c.get('principal'), closurePortsOf(c.get('deps'))))))
  .post('/:id/decisions', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withAttachments(c, await decideOnClosure(id, await body(c, ClosureDecision), c.get('principal'), closurePortsOf(c.get('deps')))));
  })
  .post('/:id/notice', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withAttachments(c, await recordNotice(id, await body(c, ClosureNotice), c.get('principal'), closurePortsOf(c.get('deps')))));
  })
  .post('/:id/complete', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withAttachments(c, await confirmCancellation(id, await body(c, ClosureComplete), c.get('principal'), closurePortsOf(c.get('deps')))));
  })
  .post('/:id/filing', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withAttachments(c, await recordFiling(id, await body(c, ClosureFiling), c.get('principal'), closurePortsOf(c.get('deps')))));
  });

/** Mounted at /accounts: an account's closure requests. */
export const accountClosureRoutes = new Hono<AppEnv>().get('/:id/closures', async (c) =>
  c.json(await closuresOfAccount(param(c, 'id', Id), c.get('principal'), closureReadPortsOf(c.get('deps')))),
);

/** Mounted at /consolidation: the suggestions, and a plan that requests their closures at once. */
export const consolidationRoutes = new Hono<AppEnv>()
  .get('/candidates', async (c) => {
    const q = query(c, CandidatesQuery);
    const p = c.get('principal');
    return c.json(await consolidationCandidates(q.region ?? p.region, p, consolidationPortsOf(c.get('deps'))));
  })
  .post('/plans', async (c) => {
    const plan = await body(c, ConsolidationPlan);
    return c.json(await planConsolidation(plan, c.get('principal'), closurePortsOf(c.get('deps'))), 201);
  });
