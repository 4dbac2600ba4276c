import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../shared/closure/attachments';
import { app, call, editorOf, makeAccount, makeDepartment, office, tokenFor, type Caller } from '../support/api';

/** Evidence attached to a closure: POST /closures/{id}/attachments?kind=, GET …/attachments/{attachmentId}. */

const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id });
const reviewer = (region = '330127'): Caller => ({ sub: `reviewer-${region}`, roles: ['reviewer'], region });

/** A tiny valid PNG (1×1, transparent). */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

async function approvedClosure() {
  const dept = await makeDepartment();
  const account = await makeAccount(dept);
  const created = await call(editorOf(dept), 'POST', '/closures', { accountId: account.id, reason: '长期不更新，予以关停' });
  expect(created.status).toBe(201);
  await call(approverOf(dept), 'POST', `/closures/${created.body.id}/decisions`, { decision: 'approve', version: 1 });
  const approved = await call(reviewer(), 'POST', `/closures/${created.body.id}/decisions`, { decision: 'approve', version: 2 });
  expect(approved.body.status).toBe('approved');
  return { dept, account, closure: approved.body };
}

const upload = (caller: Caller, closureId: string, bytes: Uint8Array, contentType: string, kind = 'notice') =>
  call(caller, 'POST', `/closures/${closureId}/attachments?kind=${kind}`, bytes, { 'content-type': contentType });

/** The raw download (call() would decode the body as text). */
async function download(caller: Caller, closureId: string, attachmentId: string) {
  const res = await app.request(`/api/v1/closures/${closureId}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${await tokenFor(caller)}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('closure attachments', () => {
  it('stores a PNG of the notice (201) and gives back the identical bytes', async () => {
    const { dept, closure } = await approvedClosure();
    const res = await upload(editorOf(dept), closure.id, PNG, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'notice', contentType: 'image/png', size: PNG.byteLength, sha256: createHash('sha256').update(PNG).digest('hex') });
    expect(Date.parse(res.body.uploadedAt)).not.toBeNaN();

    const got = await download(editorOf(dept), closure.id, res.body.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="closure-notice-/);
    expect(Buffer.from(got.bytes).equals(Buffer.from(PNG))).toBe(true);
  });

  it('lists the attachment on the closure and in its attachment list', async () => {
    const { dept, closure } = await approvedClosure();
    const { body: a } = await upload(editorOf(dept), closure.id, PDF, 'application/pdf');
    const shown = await call(office(), 'GET', `/closures/${closure.id}`);
    expect(shown.body.attachments).toEqual([a]);
    expect(shown.body.version).toBe(closure.version); // evidence does not move the closure's version
    expect((await call(reviewer(), 'GET', `/closures/${closure.id}/attachments`)).body).toEqual({ items: [a], cursor: null });
  });

  it('audits the upload on the closure', async () => {
    const { dept, closure } = await approvedClosure();
    const { body: a } = await upload(editorOf(dept), closure.id, JPEG, 'image/jpeg');
    const audit = await call(office(), 'GET', `/audit-log?entity=closure:${closure.id}`);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'closure.attachment');
    expect(entry).toMatchObject({ actor: { sub: editorOf(dept).sub }, after: { id: a.id, kind: 'notice', contentType: 'image/jpeg', sha256: a.sha256 } });
  });

  it('lets an office of the region attach and a reviewer download', async () => {
    const { closure } = await approvedClosure();
    const res = await upload(office(), closure.id, PNG, 'image/png');
    expect(res.status).toBe(201);
    expect((await download(reviewer(), closure.id, res.body.id)).status).toBe(200);
  });

  it.each([
    ['text claiming to be a PNG', new TextEncoder().encode('just some text, not an image'), 'image/png', 'attachment_content'],
    ['a PDF claiming to be a JPEG', PDF, 'image/jpeg', 'attachment_content'],
    ['a PNG sent as text/plain', PNG, 'text/plain', 'attachment_type'],
    ['a GIF', new TextEncoder().encode('GIF89a....'), 'image/gif', 'attachment_type'],
  ])('refuses %s (415) and stores nothing', async (_, bytes, contentType, code) => {
    const { dept, closure } = await approvedClosure();
    const res = await upload(editorOf(dept), closure.id, bytes, contentType);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe(code);
    expect((await call(office(), 'GET', `/closures/${closure.id}/attachments`)).body.items).toEqual([]);
  });

  it(`refuses a file over ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB (413)`, async () => {
    const { dept, closure } = await approvedClosure();
    const big = new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1);
    big.set(PNG);
    const res = await upload(editorOf(dept), closure.id, big, 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('accepts a file of exactly the limit', async () => {
    const { dept, closure } = await approvedClosure();
    const max = new Uint8Array(ATTACHMENT_LIMITS.maxBytes);
    max.set(PNG);
    expect((await upload(editorOf(dept), closure.id, max, 'image/png')).status).toBe(201);
  });

  it('shows nothing to a user of another region: upload, list and download are 404', async () => {
    const { dept, closure } = await approvedClosure();
    const { body: a } = await upload(editorOf(dept), closure.id, PNG, 'image/png');
    const foreign: Caller = { sub: 'office-440100', roles: ['office'], region: '440100' };
    expect((await upload(foreign, closure.id, PNG, 'image/png')).status).toBe(404);
    expect((await call(foreign, 'GET', `/closures/${closure.id}/attachments`)).status).toBe(404);
    expect((await download(foreign, closure.id, a.id)).status).toBe(404);
  });

  it('forbids a visible user who may not record the notice (a reviewer, an approver): 403', async () => {
    const { dept, closure } = await approvedClosure();
    expect((await upload(reviewer(), closure.id, PNG, 'image/png')).status).toBe(403);
    expect((await upload(approverOf(dept), closure.id, PNG, 'image/png')).status).toBe(403);
  });

  it('takes cancellation evidence only once the notice is recorded (409 illegal_transition before)', async () => {
    const { dept, closure } = await approvedClosure();
    const early = await upload(editorOf(dept), closure.id, PNG, 'image/png', 'cancellation');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('illegal_transition');
    const publishedAt = (await call(null, 'GET', '/dev/clock')).body.now as string;
    expect((await call(editorOf(dept), 'POST', `/closures/${closure.id}/notice`, { publishedAt, url: 'https://weibo.com/n' })).status).toBe(200);
    expect((await upload(editorOf(dept), closure.id, PNG, 'image/png', 'cancellation')).status).toBe(201);
  });

  it.each([
    ['no kind', ''],
    ['an unknown kind', '?kind=photo'],
  ])('refuses %s (400)', async (_, q) => {
    const { dept, closure } = await approvedClosure();
    const res = await call(editorOf(dept), 'POST', `/closures/${closure.id}/attachments${q}`, PNG, { 'content-type': 'image/png' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain('kind');
  });

  it('answers 404 for an unknown attachment of a visible closure', async () => {
    const { closure } = await approvedClosure();
    expect((await download(office(), closure.id, 'nosuchattachment0000')).status).toBe(404);
  });
});
