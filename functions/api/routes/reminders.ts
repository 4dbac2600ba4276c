import { Hono, type Context } from 'hono';
import type { Principal } from '../../../shared/auth/principal';
import { getVisibleClosure } from '../../../shared/closure/service';
import { Id } from '../../../shared/registry/schemas';
import { getScheduledPost } from '../../../shared/scheduling/service';
import type { WaitingKind } from '../../../shared/supervision/approvals';
import { remindNow, waitingOn } from '../../../shared/supervision/service';
import { getVisibleRequest } from '../../../shared/approvals/service';
import { approvalPortsOf, closurePortsOf, schedulingPortsOf, supervisionPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { param } from '../validation';

/** Each approvable's own visibility rule: what the caller cannot see is 404 before anything else. */
const visible: Record<WaitingKind, (id: string, actor: Principal, c: Context<AppEnv>) => Promise<unknown>> = {
  closure: (id, actor, c) => getVisibleClosure(id, actor, closurePortsOf(c.get('deps'))),
  approval_request: (id, actor, c) => getVisibleRequest(id, actor, approvalPortsOf(c.get('deps'))),
  scheduled_post: (id, actor, c) => getScheduledPost(id, actor, schedulingPortsOf(c.get('deps'))),
};

/**
 * Who must act on a waiting approval, and the 催办 button (API notes: "Approvals waiting"), for
 * one kind of approvable. Mounted per prefix: at /closures, /approval-requests and /scheduled-posts
 * (functions/api/route-sets.ts).
 */
export function reminderRoutes(kind: WaitingKind): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/:id/waiting', async (c) => {
      const id = param(c, 'id', Id);
      await visible[kind](id, c.get('principal'), c);
      return c.json(await waitingOn({ kind, id }, c.get('principal'), supervisionPortsOf(c.get('deps'))));
    })
    .post('/:id/remind', async (c) => {
      const id = param(c, 'id', Id);
      await visible[kind](id, c.get('principal'), c);
      return c.json(await remindNow({ kind, id }, c.get('principal'), supervisionPortsOf(c.get('deps'))));
    });
}
