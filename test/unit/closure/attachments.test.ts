import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, checkAttachment, mediaTypeOf, sniffContentType, type AttachmentUpload } from '../../../shared/closure/attachments';
import { DomainError } from '../../../shared/errors';
import { answered, type Answered } from '../../support/answered';
import { closureIn, editor, office, reviewer, T } from './support';

function thrown(fn: () => unknown): Answered<DomainError> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return answered(e);
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const ctx = { actor: editor, now: T.notice, id: 'att-1', existing: 0, sha256: 'ab' };
const upload = (over: Partial<AttachmentUpload> = {}): AttachmentUpload => ({ kind: 'notice', contentType: 'image/png', bytes: PNG, ...over });

describe('sniffContentType (magic bytes)', () => {
  it.each([
    ['a PNG signature', PNG, 'image/png'],
    ['a JPEG SOI marker', JPEG, 'image/jpeg'],
    ['%PDF-', PDF, 'application/pdf'],
    ['text', new TextEncoder().encode('hello'), undefined],
    ['a truncated PNG signature', PNG.subarray(0, 7), undefined],
    ['nothing', new Uint8Array(0), undefined],
  ])('reads %s as %s', (_, bytes, type) => {
    expect(sniffContentType(bytes)).toBe(type);
  });
});

describe('mediaTypeOf', () => {
  it.each([
    ['image/PNG', 'image/png'],
    ['application/pdf; name="a.pdf"', 'application/pdf'],
    [undefined, ''],
  ])('reads %s as %s', (header, type) => {
    expect(mediaTypeOf(header)).toBe(type);
  });
});

describe('checkAttachment', () => {
  it('describes an accepted upload by its sniffed type, size, digest, time and uploader', () => {
    expect(checkAttachment(closureIn('approved'), upload(), ctx)).toEqual({
      id: 'att-1',
      closureId: 'clo-1',
      kind: 'notice',
      contentType: 'image/png',
      size: PNG.byteLength,
      sha256: 'ab',
      uploadedAt: T.notice,
      uploadedBy: { sub: editor.sub, name: editor.name },
    });
  });

  it.each([
    ['notice', 'pending', false],
    ['notice', 'rejected', false],
    ['notice', 'approved', true],
    ['notice', 'filed', true],
    ['cancellation', 'approved', false],
    ['cancellation', 'announcing', true],
    ['cancellation', 'closed', true],
  ] as const)('%s evidence on a %s closure: allowed %s', (kind, status, allowed) => {
    const run = () => checkAttachment(closureIn(status), upload({ kind }), ctx);
    if (allowed) expect(run().kind).toBe(kind);
    else expect(thrown(run).code).toBe('illegal_transition');
  });

  it.each([
    ['a reviewer', reviewer, 403],
    ['an office of the region', office, null],
  ] as const)('%s: %s', (_, actor, status) => {
    const run = () => checkAttachment(closureIn('approved'), upload(), { ...ctx, actor });
    if (status) expect(thrown(run).status).toBe(status);
    else expect(run().uploadedBy.sub).toBe(office.sub);
  });

  it.each([
    ['over the size limit', upload({ bytes: new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1) }), 413, 'payload_too_large'],
    ['empty', upload({ bytes: new Uint8Array(0) }), 400, 'invalid_input'],
    ['of a type not taken', upload({ contentType: 'image/gif' }), 415, 'attachment_type'],
    ['without a Content-Type', upload({ contentType: undefined }), 415, 'attachment_type'],
    ['bytes that are not the declared type', upload({ contentType: 'application/pdf' }), 415, 'attachment_content'],
  ])('refuses an upload %s', (_, u, status, code) => {
    const err = thrown(() => checkAttachment(closureIn('approved'), u, ctx));
    expect([err.status, err.code]).toEqual([status, code]);
  });

  it(`refuses the ${ATTACHMENT_LIMITS.maxPerClosure + 1}th attachment of a closure (422 too_many_attachments)`, () => {
    const err = thrown(() => checkAttachment(closureIn('approved'), upload(), { ...ctx, existing: ATTACHMENT_LIMITS.maxPerClosure }));
    expect([err.status, err.code]).toEqual([422, 'too_many_attachments']);
  });
});
