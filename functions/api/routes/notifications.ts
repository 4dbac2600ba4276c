import { Hono } from 'hono';
import { InvalidInput } from '../../../shared/errors';
import { Id } from '../../../shared/registry/schemas';
import { NotificationQuery } from '../../../shared/supervision/schemas';
import { listNotifications, markNotificationRead } from '../../../shared/supervision/service';
import { supervisionPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { param, query } from '../validation';

const POSITION = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_-]{1,64}$/;

const encodePosition = (p: string) => Buffer.from(JSON.stringify({ before: p })).toString('base64url');
function decodePosition(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof parsed.before === 'string' && POSITION.test(parsed.before)) return parsed.before;
  } catch {
    // fall through
  }
  throw new InvalidInput([{ path: 'cursor', message: '分页游标无效 (invalid cursor)' }]);
}

/** Mounted at /notifications: the caller's notifications (addressed to audiences their token belongs to), read state per user. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = query(c, NotificationQuery);
    const page = await listNotifications(
      { unread: q.unread === 'true', limit: q.limit ?? 30, before: q.cursor ? decodePosition(q.cursor) : undefined },
      c.get('principal'),
      supervisionPortsOf(c.get('deps')),
    );
    return c.json({ items: page.items, cursor: page.next ? encodePosition(page.next) : null, unread: page.unread });
  })
  .post('/:id/read', async (c) => c.json(await markNotificationRead(param(c, 'id', Id), c.get('principal'), supervisionPortsOf(c.get('deps')))));
