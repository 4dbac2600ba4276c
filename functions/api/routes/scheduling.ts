import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Id, IsoDate } from '../../../shared/registry/schemas';
import {
  CalendarQuery,
  SCHEDULED_POST_STATUSES,
  ScheduledPostConfirm,
  ScheduledPostCreate,
  ScheduledPostDecision,
  ScheduledPostSubmit,
  ScheduledPostEdit,
  VersionOnly,
} from '../../../shared/scheduling';
import {
  confirmNotPublishedPost,
  confirmPost,
  createDraft,
  decidePost,
  departmentCalendar,
  editDraft,
  getScheduledPost,
  listScheduledPosts,
  retryPost,
  submitDraft,
  withdrawPost,
} from '../../../shared/scheduling/service';
import { schedulingPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, Cursor, ifMatchVersion, jsonBody, Limit, param, parse, query } from '../validation';


/**
 * The body of a write to an existing post. `version` may come from `If-Match` instead
 * (API.md conventions); the body's own `version` wins.
 */
async function versionedBody<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): Promise<v.InferOutput<S>> {
  const data = await jsonBody(c);
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && !('version' in data)) {
    const version = ifMatchVersion(c);
    if (version !== undefined) return parse(schema, { ...data, version });
  }
  return parse(schema, data);
}

const ListQuery = v.strictObject({
  department: v.optional(Id),
  region: v.optional(RegionCode),
  status: v.optional(v.picklist(SCHEDULED_POST_STATUSES, `status 须为以下之一：${SCHEDULED_POST_STATUSES.join(', ')}`)),
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  limit: Limit,
  cursor: Cursor,
});

/** Mounted at /scheduled-posts: drafts, the three reviews, publication and its confirmation. */
export const scheduledPostRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const input = await body(c, ScheduledPostCreate);
    return c.json(await createDraft(input, c.get('principal'), schedulingPortsOf(c.get('deps'))), 201);
  })
  .get('/', async (c) => {
    return c.json(await listScheduledPosts(query(c, ListQuery), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .get('/:id', async (c) => {
    return c.json(await getScheduledPost(param(c, 'id', Id), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .patch('/:id', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await editDraft(id, await versionedBody(c, ScheduledPostEdit), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/submit', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await submitDraft(id, await versionedBody(c, ScheduledPostSubmit), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/decisions', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await decidePost(id, await versionedBody(c, ScheduledPostDecision), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/withdraw', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withdrawPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/confirm', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await confirmPost(id, await versionedBody(c, ScheduledPostConfirm), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/confirm-not-published', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await confirmNotPublishedPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  })
  .post('/:id/retry', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await retryPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPortsOf(c.get('deps'))));
  });

/** Mounted at /calendar: the department's content calendar and its warnings (the holiday years are routes/holidays.ts, at /calendar/holidays). */
export const calendarRoutes = new Hono<AppEnv>().get('/', async (c) => {
  return c.json(await departmentCalendar(query(c, CalendarQuery), c.get('principal'), schedulingPortsOf(c.get('deps'))));
});
