/**
 * Evidence attached to a closure (issue 10): a screenshot or file of the published
 * stop-update notice and of the platform's cancellation. The bytes live behind the
 * `AttachmentStore` port (S3 deployed, a directory locally); the metadata and the audit
 * entry are written together by the `AttachmentRecordStore`.
 *
 * Rules (docs/closure-workflow.md, "Attachments"):
 * - who: the people who may record the notice and complete the closure (an editor of the
 *   department, an office of the region); anyone else who sees the closure gets 403,
 *   anyone who does not, 404;
 * - when: `notice` once the closure is approved, `cancellation` once it is announcing
 *   (and both afterwards, for late evidence); earlier is 409 `illegal_transition`;
 * - what: PNG, JPEG or PDF, judged by the file's first bytes, not only by its
 *   Content-Type (415 `attachment_type` for another declared type, 415
 *   `attachment_content` when the bytes are not what the header says); at most
 *   `ATTACHMENT_LIMITS.maxBytes` (413) and `maxPerClosure` per closure (422
 *   `too_many_attachments`); an empty body is 400.
 */
import * as v from 'valibot';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, type Principal, type Role } from '../auth/principal';
import { Conflict, Forbidden, InvalidInput, NotFound, PayloadTooLarge, RuleViolation, UnsupportedMediaType } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { actorOf, type Actor } from '../approvals/tiers';
import type { Closure, ClosureStatus } from './closure';
import { getVisibleClosure, type ClosureStore } from './service';

export const ATTACHMENT_KINDS = ['notice', 'cancellation'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_CONTENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/**
 * 4 MB, not more: deployed, a binary body reaches the function base64-encoded (4/3 of its
 * size) and a Lambda request or response is at most 6 MB, so 4 MB is the largest file that
 * can be both uploaded and downloaded through the HTTP API.
 */
export const ATTACHMENT_LIMITS = { maxBytes: 4 * 1024 * 1024, maxPerClosure: 20 } as const;

/** The statuses from which each kind of evidence may be attached. */
export const ATTACHABLE_FROM: Record<AttachmentKind, readonly ClosureStatus[]> = {
  notice: ['approved', 'announcing', 'closed', 'filed'],
  cancellation: ['announcing', 'closed', 'filed'],
};

export interface ClosureAttachment {
  id: string;
  closureId: string;
  kind: AttachmentKind;
  contentType: AttachmentContentType;
  size: number;
  /** Hex SHA-256 of the bytes, so a copy can be checked against the record. */
  sha256: string;
  uploadedAt: string;
  uploadedBy: Actor;
}

/** Where an attachment's bytes are: the closure and the attachment id (the store builds its own key). */
export interface AttachmentRef {
  closureId: string;
  id: string;
}

/** The bytes of attachments: S3 deployed, a directory locally (functions/attachments). */
export interface AttachmentStore {
  put(ref: AttachmentRef, bytes: Uint8Array, contentType: AttachmentContentType): Promise<void>;
  /** Undefined when there is no such object. */
  get(ref: AttachmentRef): Promise<Uint8Array | undefined>;
}

/** The attachment records of closures (the table). */
export interface AttachmentRecordStore {
  /** The record and its audit entry, together. */
  add(attachment: ClosureAttachment, audit: AuditEntry): Promise<void>;
  /** Oldest first. */
  list(closureId: string): Promise<ClosureAttachment[]>;
  get(closureId: string, id: string): Promise<ClosureAttachment | undefined>;
}

export interface AttachmentPorts {
  closures: ClosureStore;
  attachments: AttachmentRecordStore;
  files: AttachmentStore;
  clock: Clock;
  ids: IdGenerator;
}

/** POST /closures/{id}/attachments?kind= */
export const AttachmentQuery = v.strictObject({
  kind: v.picklist(ATTACHMENT_KINDS, `kind 须为以下之一：${ATTACHMENT_KINDS.join(', ')}`),
});
export type AttachmentQuery = v.InferOutput<typeof AttachmentQuery>;

const SIGNATURES: [AttachmentContentType, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The accepted type the bytes are, by their signature (magic bytes), or undefined. */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | undefined {
  return SIGNATURES.find(([, sig]) => sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b))?.[0];
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

const TYPE_NAMES = 'PNG、JPEG 图片或 PDF 文件';
const MB = ATTACHMENT_LIMITS.maxBytes / 1024 / 1024;

/** Who may attach: the operators of the closure (as for notice and completion). */
const OPERATOR_ROLES: readonly Role[] = ['editor', 'office'];

export interface AttachmentUpload {
  kind: AttachmentKind;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  bytes: Uint8Array;
}

/** The size limit, before the body is read (Content-Length) or after. */
export function assertAttachmentSize(size: number): void {
  if (size > ATTACHMENT_LIMITS.maxBytes) {
    throw new PayloadTooLarge(`附件不能超过 ${MB} MB，请压缩或截取后上传 (attachment over ${MB} MB)`, undefined, { maxMb: MB });
  }
}

/**
 * Decides an upload: scope, status, size, type by signature, count. Pure: the caller
 * passes the closure as the actor may see it, the number of attachments it has, the id,
 * the digest and now.
 */
export function checkAttachment(
  closure: Closure,
  upload: AttachmentUpload,
  ctx: { actor: Principal; now: string; id: string; existing: number; sha256: string },
): ClosureAttachment {
  if (!canActAs(ctx.actor, OPERATOR_ROLES, closure)) {
    throw new Forbidden('只有本单位运维人员或本地区管理部门可以上传附件 (only an editor of the department or an office of the region)');
  }
  if (!ATTACHABLE_FROM[upload.kind].includes(closure.status)) {
    throw new Conflict(
      'illegal_transition',
      upload.kind === 'notice'
        ? `关停申请批准后才能上传停更公告附件 (notice evidence only once approved; status: ${closure.status})`
        : `登记停更公告后才能上传平台注销附件 (cancellation evidence only once announcing; status: ${closure.status})`,
    );
  }
  assertAttachmentSize(upload.bytes.byteLength);
  if (upload.bytes.byteLength === 0) throw new InvalidInput([{ path: '', message: '附件为空 (empty body)' }]);
  const declared = mediaTypeOf(upload.contentType);
  if (!(ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(declared)) {
    throw new UnsupportedMediaType(
      'attachment_type',
      `附件须为${TYPE_NAMES}，Content-Type 须为 ${ATTACHMENT_CONTENT_TYPES.join('、')} (unsupported Content-Type: ${declared || 'none'})`,
    );
  }
  const actual = sniffContentType(upload.bytes);
  if (actual !== declared) {
    throw new UnsupportedMediaType(
      'attachment_content',
      `文件内容不是声明的类型 ${declared}${actual ? `（实为 ${actual}）` : ''}，请上传${TYPE_NAMES} (file content is not ${declared})`,
      { declared },
    );
  }
  if (ctx.existing >= ATTACHMENT_LIMITS.maxPerClosure) {
    throw new RuleViolation(
      'too_many_attachments',
      `每个关停申请最多 ${ATTACHMENT_LIMITS.maxPerClosure} 个附件 (at most ${ATTACHMENT_LIMITS.maxPerClosure} attachments per closure)`,
      { max: ATTACHMENT_LIMITS.maxPerClosure },
    );
  }
  return {
    id: ctx.id,
    closureId: closure.id,
    kind: upload.kind,
    contentType: actual,
    size: upload.bytes.byteLength,
    sha256: ctx.sha256,
    uploadedAt: ctx.now,
    uploadedBy: actorOf(ctx.actor),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** POST /closures/{id}/attachments: checked, bytes stored, then the record and its audit entry. */
export async function uploadAttachment(closureId: string, upload: AttachmentUpload, actor: Principal, ports: AttachmentPorts): Promise<ClosureAttachment> {
  const closure = await getVisibleClosure(closureId, actor, ports);
  const existing = (await ports.attachments.list(closure.id)).length;
  const now = ports.clock.now();
  const attachment = checkAttachment(closure, upload, { actor, now, id: ports.ids.next(), existing, sha256: await sha256Hex(upload.bytes) });
  // Bytes first: a record never points at missing bytes (a failed record write leaves an unreferenced object).
  await ports.files.put({ closureId: closure.id, id: attachment.id }, upload.bytes, attachment.contentType);
  const { uploadedBy: _by, ...after } = attachment;
  const audit = auditEntry(
    actor,
    'closure.attachment',
    { type: 'closure', id: closure.id },
    { regionCode: closure.regionCode, departmentId: closure.departmentId },
    null,
    after,
    now,
    ports.ids.next(),
  );
  await ports.attachments.add(attachment, audit);
  return attachment;
}

/** GET /closures/{id}/attachments */
export async function listAttachments(closureId: string, actor: Principal, ports: Pick<AttachmentPorts, 'closures' | 'attachments'>) {
  const closure = await getVisibleClosure(closureId, actor, ports);
  return { items: await ports.attachments.list(closure.id), cursor: null };
}

/** GET /closures/{id}/attachments/{attachmentId}: the record and its bytes, for whoever sees the closure. */
export async function downloadAttachment(
  closureId: string,
  attachmentId: string,
  actor: Principal,
  ports: Pick<AttachmentPorts, 'closures' | 'attachments' | 'files'>,
): Promise<{ attachment: ClosureAttachment; bytes: Uint8Array }> {
  const closure = await getVisibleClosure(closureId, actor, ports);
  const attachment = await ports.attachments.get(closure.id, attachmentId);
  if (!attachment) throw new NotFound('附件');
  const bytes = await ports.files.get({ closureId: closure.id, id: attachment.id });
  if (!bytes) throw new Error(`attachment ${closure.id}/${attachment.id}: record without bytes`);
  return { attachment, bytes };
}

/** A closure as GET /closures/{id} and the closure writes answer it: with its attachments. */
export async function closureWithAttachments(closure: Closure, ports: Pick<AttachmentPorts, 'attachments'>): Promise<Closure & { attachments: ClosureAttachment[] }> {
  return { ...closure, attachments: await ports.attachments.list(closure.id) };
}

/** The file name a download is offered under: kind, id and the type's extension. */
export function attachmentFileName(a: Pick<ClosureAttachment, 'kind' | 'id' | 'contentType'>): string {
  const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' }[a.contentType];
  return `closure-${a.kind}-${a.id}.${ext}`;
}
