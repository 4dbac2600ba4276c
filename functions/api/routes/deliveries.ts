import { Hono } from 'hono';
import * as v from 'valibot';
import { DELIVERY_STATUSES, listDeliveries } from '../../../shared/notify/deliveries';
import { deliveryPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { Cursor, Limit, query } from '../validation';

const DeliveryQuery = v.strictObject({
  status: v.optional(v.picklist(DELIVERY_STATUSES, 'status 须为 pending、sent 或 failed')),
  region: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/, '地区代码须为 6 位数字'))),
  limit: Limit,
  cursor: Cursor,
});

/** GET /deliveries: each group-robot delivery of the caller's region, its status and last error (never a URL or secret). Mounted at /deliveries. */
export const deliveryRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const q = query(c, DeliveryQuery);
  const page = await listDeliveries({ ...q, limit: q.limit ?? 50 }, c.get('principal'), deliveryPortsOf(c.get('deps')));
  return c.json(page);
});
