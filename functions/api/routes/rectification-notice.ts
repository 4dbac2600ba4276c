import { Hono } from 'hono';
import { NoticeQuery } from '../../../shared/documents/schemas';
import { rectificationNotice } from '../../../shared/documents/service';
import { Id } from '../../../shared/registry/schemas';
import { attachmentDisposition, DOCX_CONTENT_TYPE, renderOfficialDocx } from '../../documents/official-docx';
import { supervisionPortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { param, query } from '../validation';

/**
 * The rectification notice (整改通知) as a Word document. In the spreadsheet function beside
 * the other documents, so the main API bundle carries no `docx`; department roles get their
 * own items only (getRectification filters). Mounted at /rectifications.
 */
export const rectificationNoticeRoutes = new Hono<AppEnv>().get('/:id/notice', async (c) => {
  const id = param(c, 'id', Id);
  const { issuer, number } = query(c, NoticeQuery);
  const doc = await rectificationNotice(id, c.get('principal'), supervisionPortsOf(c.get('deps')), { issuer, number });
  c.header('content-disposition', attachmentDisposition(`${doc.fileName}.docx`, `govmedia-rectification-${id}.docx`));
  c.header('content-type', DOCX_CONTENT_TYPE);
  return c.body(await renderOfficialDocx(doc));
});
