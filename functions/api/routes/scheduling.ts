import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { refreshAccount } from '../../../shared/assessment/refresh';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Id, IsoDate } from '../../../shared/registry/schemas';
import {
  CalendarQuery,
  SCHEDULED_POST_STATUSES,
  ScheduledPostConfirm,
  ScheduledPostCreate,
  ScheduledPostDecision,
  ScheduledPostEdit,
  VersionOnly,
} from '../../../shared/scheduling';
import { accountCredentialStatus, setAccountCredentials, type CredentialPorts } from '../../../shared/scheduling/credentials';
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
  type SchedulingPorts,
} from '../../../shared/scheduling/service';
import type { AppEnv } from '../context';
import { body, Cursor, jsonBody, Limit, param, parse, query } from '../validation';
import { assessmentPorts } from './inspections';

export function schedulingPorts(c: Context<AppEnv>): SchedulingPorts {
  const { stores, clock, ids, classify } = c.get('deps');
  const assessment = assessmentPorts(c);
  return {
    scheduledPosts: stores.scheduledPosts,
    accounts: stores.accounts,
    departments: stores.departments,
    activity: stores.activity,
    profiles: stores.profiles,
    clock,
    ids,
    classify,
    refresh: (id) => refreshAccount(id, assessment),
  };
}

function credentialPorts(c: Context<AppEnv>): CredentialPorts {
  const { stores, clock, ids, vault } = c.get('deps');
  return { accounts: stores.accounts, credentials: stores.credentials, vault, clock, ids };
}

/**
 * The body of a write to an existing post. `version` may come from `If-Match` instead
 * (API.md conventions); the body's own `version` wins.
 */
async function versionedBody<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): Promise<v.InferOutput<S>> {
  const data = await jsonBody(c);
  const ifMatch = c.req.header('if-match');
  if (ifMatch !== undefined && data !== null && typeof data === 'object' && !Array.isArray(data) && !('version' in data)) {
    const n = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
    return parse(schema, { ...data, version: Number.isInteger(n) && n >= 1 ? n : ifMatch });
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

/**
 * Credentials as sent: a small flat object of strings. Which fields a platform needs is
 * checked by the domain once the account (and so the platform) is known. No message
 * here or there ever contains a submitted value.
 */
const CredentialsBody = v.pipe(
  v.record(
    v.pipe(v.string('字段名须为字符串'), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, '字段名须为字母开头的字母、数字或下划线')),
    v.string('凭据值须为字符串'),
    '凭据须为 JSON 对象，如 {"appId": "…", "appSecret": "…"}',
  ),
  v.check((o) => Object.keys(o).length <= 10, '凭据字段过多'),
);

export const schedulingRoutes = new Hono<AppEnv>()
  .post('/scheduled-posts', async (c) => {
    const input = await body(c, ScheduledPostCreate);
    return c.json(await createDraft(input, c.get('principal'), schedulingPorts(c)), 201);
  })
  .get('/scheduled-posts', async (c) => {
    return c.json(await listScheduledPosts(query(c, ListQuery), c.get('principal'), schedulingPorts(c)));
  })
  .get('/scheduled-posts/:id', async (c) => {
    return c.json(await getScheduledPost(param(c, 'id', Id), c.get('principal'), schedulingPorts(c)));
  })
  .patch('/scheduled-posts/:id', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await editDraft(id, await versionedBody(c, ScheduledPostEdit), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/submit', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await submitDraft(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/decisions', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await decidePost(id, await versionedBody(c, ScheduledPostDecision), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/withdraw', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await withdrawPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/confirm', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await confirmPost(id, await versionedBody(c, ScheduledPostConfirm), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/confirm-not-published', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await confirmNotPublishedPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPorts(c)));
  })
  .post('/scheduled-posts/:id/retry', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await retryPost(id, await versionedBody(c, VersionOnly), c.get('principal'), schedulingPorts(c)));
  })
  .get('/calendar', async (c) => {
    return c.json(await departmentCalendar(query(c, CalendarQuery), c.get('principal'), schedulingPorts(c)));
  })
  .put('/accounts/:id/credentials', async (c) => {
    const id = param(c, 'id', Id);
    const input = parse(CredentialsBody, await jsonBody(c));
    await setAccountCredentials(id, input, c.get('principal'), credentialPorts(c));
    return c.body(null, 204);
  })
  .get('/accounts/:id/credentials', async (c) => {
    return c.json(await accountCredentialStatus(param(c, 'id', Id), c.get('principal'), credentialPorts(c)));
  });
