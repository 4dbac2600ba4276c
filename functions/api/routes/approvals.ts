import { Hono } from 'hono';
import * as v from 'valibot';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { Id } from '../../../shared/registry/schemas';
import { APPROVAL_KINDS } from '../../../shared/approvals/requests';
import { ApprovalDecision, DuplicateExceptionCreate } from '../../../shared/approvals/schemas';
import { decideOnRequest, getVisibleRequest, listRequests, requestDuplicateException } from '../../../shared/approvals/service';
import { approvalPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, Cursor, Limit, param, query } from '../validation';

const RequestQuery = v.strictObject({
  region: v.optional(RegionCode),
  status: v.optional(v.picklist(['pending', 'approved', 'rejected'], '状态须为 pending、approved 或 rejected')),
  kind: v.optional(v.picklist(APPROVAL_KINDS, `类型须为以下之一：${APPROVAL_KINDS.join(', ')}`)),
  limit: Limit,
  cursor: Cursor,
});

const DuplicateExceptionBody = v.strictObject({ reason: DuplicateExceptionCreate.entries.reason });

/** Mounted at /accounts: asking to keep a second account of the unit on the platform (an exception request). */
export const duplicateExceptionRoutes = new Hono<AppEnv>().post('/:id/duplicate-exception', async (c) => {
  const id = param(c, 'id', Id);
  const { reason } = await body(c, DuplicateExceptionBody);
  return c.json(await requestDuplicateException(id, reason, c.get('principal'), approvalPortsOf(c.get('deps'))), 201);
});

/**
 * Mounted at /approval-requests: account openings (when the profile requires approval) and
 * duplicate exceptions, on the closures' tier mechanism.
 */
export const approvalRequestRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await listRequests(query(c, RequestQuery), c.get('principal'), approvalPortsOf(c.get('deps')))))
  .get('/:id', async (c) => c.json(await getVisibleRequest(param(c, 'id', Id), c.get('principal'), approvalPortsOf(c.get('deps')))))
  .post('/:id/decisions', async (c) => {
    const id = param(c, 'id', Id);
    return c.json(await decideOnRequest(id, await body(c, ApprovalDecision), c.get('principal'), approvalPortsOf(c.get('deps'))));
  });
