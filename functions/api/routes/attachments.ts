import { Hono } from 'hono';
import {
  AttachmentQuery,
  assertAttachmentSize,
  attachmentFileName,
  downloadAttachment,
  listAttachments,
  uploadAttachment,
} from '../../../shared/closure/attachments';
import { Id } from '../../../shared/registry/schemas';
import { attachmentPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { param, query } from '../validation';

/**
 * Closure attachments (screenshots or files of the notice and of the platform's
 * cancellation), mounted at /closures. Deployed, these routes run in the spreadsheet function, the one that
 * carries the S3 client (infra/constructs/api.ts SPREADSHEET_ROUTES); locally they are
 * part of the one app. The attachment store comes with the function's deps
 * (functions/wiring/spreadsheets.ts, functions/wiring/local.ts).
 */
export const attachmentRoutes = new Hono<AppEnv>()
  .post('/:id/attachments', async (c) => {
    const id = param(c, 'id', Id);
    const q = query(c, AttachmentQuery);
    // Refuse an announced oversize body before reading it.
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared)) assertAttachmentSize(declared);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const attachment = await uploadAttachment(id, { kind: q.kind, contentType: c.req.header('content-type'), bytes }, c.get('principal'), attachmentPortsOf(c.get('deps')));
    return c.json(attachment, 201);
  })
  .get('/:id/attachments', async (c) => c.json(await listAttachments(param(c, 'id', Id), c.get('principal'), attachmentPortsOf(c.get('deps')))))
  .get('/:id/attachments/:attachmentId', async (c) => {
    const { attachment, bytes } = await downloadAttachment(param(c, 'id', Id), param(c, 'attachmentId', Id), c.get('principal'), attachmentPortsOf(c.get('deps')));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': attachment.contentType,
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="${attachmentFileName(attachment)}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'x-checksum-sha256': attachment.sha256,
    });
  });
