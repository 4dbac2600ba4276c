/**
 * The documents' use cases: load what a document shows, with the caller's visibility, and
 * assemble its content. Rendering (docx) is functions/documents' part.
 */
import { getInspection, inspectionAccounts } from '../assessment/run-inspection';
import type { AssessmentPorts } from '../assessment/assessment-ports';
import type { Principal } from '../auth/principal';
import type { Grade } from '../grading/types';
import { getRectification, type SupervisionPorts } from '../supervision/service';
import { bulletinDocument } from './bulletin';
import type { IssuerOptions, OfficialDocument } from './official';
import { rectificationNoticeDocument } from './rectification-notice';

export interface BulletinPorts extends AssessmentPorts {
  /** The rectification notice issued from an inspection, if any (its due date goes into the requirements). */
  rectificationOfInspection(inspectionId: string): Promise<{ dueDate: string } | undefined>;
}

/** GET /inspections/{id}/report?format=docx: the 通报 of a stored inspection, for those who may see it. */
export async function inspectionBulletin(id: string, actor: Principal, ports: BulletinPorts, options: IssuerOptions = {}): Promise<OfficialDocument> {
  const inspection = await getInspection(id, actor, ports);
  const [accounts, rectification] = await Promise.all([inspectionAccounts(inspection, ports), ports.rectificationOfInspection(inspection.id)]);
  return bulletinDocument({ inspection, accounts, rectification: rectification ?? null, now: ports.clock.now(), options });
}

/** GET /rectifications/{id}/notice?format=docx: the 整改通知 with the items the caller may see (a department: its own). */
export async function rectificationNotice(id: string, actor: Principal, ports: SupervisionPorts, options: IssuerOptions = {}): Promise<OfficialDocument> {
  const view = await getRectification(id, actor, ports);
  const inspection = await ports.inspections.get(view.inspectionId);
  const grades = new Map<string, Grade>((inspection?.results ?? []).map((g) => [g.accountId, g]));
  return rectificationNoticeDocument({ rectification: view, items: view.items, grades, options });
}
