import { Hono } from 'hono';
import { Id } from '../../../shared/registry/schemas';
import { ItemClosureBody, ItemExtensionBody, ItemResponseBody, ItemReviewBody, RectificationCreate, RectificationQuery } from '../../../shared/supervision/schemas';
import {
  extendRectificationItem,
  getRectification,
  issueRectificationNotice,
  listRectifications,
  requestClosureForItem,
  respondToRectificationItem,
  reviewRectificationItem,
} from '../../../shared/supervision/service';
import { supervisionPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, param, query } from '../validation';

/** Mounted at /rectifications: rectification notices (整改通知): issue, answer, re-check (API.md "Supervision loop"). */
export const rectificationRoutes = new Hono<AppEnv>()
  .post('/', async (c) => c.json(await issueRectificationNotice(await body(c, RectificationCreate), c.get('principal'), supervisionPortsOf(c.get('deps'))), 201))
  .get('/', async (c) => {
    const q = query(c, RectificationQuery);
    return c.json(await listRectifications({ ...q, limit: q.limit ?? 50 }, c.get('principal'), supervisionPortsOf(c.get('deps'))));
  })
  .get('/:id', async (c) => c.json(await getRectification(param(c, 'id', Id), c.get('principal'), supervisionPortsOf(c.get('deps')))))
  .post('/:id/items/:itemId/response', async (c) => {
    const [id, itemId] = [param(c, 'id', Id), param(c, 'itemId', Id)];
    return c.json(await respondToRectificationItem(id, itemId, await body(c, ItemResponseBody), c.get('principal'), supervisionPortsOf(c.get('deps'))));
  })
  .post('/:id/items/:itemId/review', async (c) => {
    const [id, itemId] = [param(c, 'id', Id), param(c, 'itemId', Id)];
    return c.json(await reviewRectificationItem(id, itemId, await body(c, ItemReviewBody), c.get('principal'), supervisionPortsOf(c.get('deps'))));
  })
  .post('/:id/items/:itemId/extension', async (c) => {
    const [id, itemId] = [param(c, 'id', Id), param(c, 'itemId', Id)];
    return c.json(await extendRectificationItem(id, itemId, await body(c, ItemExtensionBody), c.get('principal'), supervisionPortsOf(c.get('deps'))));
  })
  .post('/:id/items/:itemId/closure', async (c) => {
    const [id, itemId] = [param(c, 'id', Id), param(c, 'itemId', Id)];
    return c.json(await requestClosureForItem(id, itemId, await body(c, ItemClosureBody), c.get('principal'), supervisionPortsOf(c.get('deps'))), 201);
  });
