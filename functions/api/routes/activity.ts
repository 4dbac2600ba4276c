import { Hono } from 'hono';
import * as v from 'valibot';
import { accountMetrics, accountPosts } from '../../../shared/activity/history';
import { ingestPosts, recordMetrics } from '../../../shared/activity/ingest';
import { MetricsInput, PostBatch } from '../../../shared/activity/schemas';
import { Id } from '../../../shared/registry/schemas';
import { activityHistoryPortsOf, activityPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, Cursor, Limit, param, query } from '../validation';

const PageQuery = v.strictObject({ limit: Limit, cursor: Cursor });

/** Mounted at /accounts: an account's posts and metric snapshots. */
export const activityRoutes = new Hono<AppEnv>()
  .post('/:id/posts', async (c) => {
    const id = param(c, 'id', Id);
    const input = await body(c, PostBatch);
    return c.json(await ingestPosts(id, input.posts, c.get('principal'), activityPortsOf(c.get('deps'))));
  })
  .get('/:id/posts', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await accountPosts(id, query(c, PageQuery), c.get('principal'), activityHistoryPortsOf(c.get('deps'))));
  })
  .post('/:id/metrics', async (c) => {
    const id = param(c, 'id', Id);
    const input = await body(c, MetricsInput);
    return c.json(await recordMetrics(id, input, c.get('principal'), activityPortsOf(c.get('deps'))), 201);
  })
  .get('/:id/metrics', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await accountMetrics(id, query(c, PageQuery), c.get('principal'), activityHistoryPortsOf(c.get('deps'))));
  });
