import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * List cursors (docs/decisions.md, "Cursors are sealed"): the query's LastEvaluatedKey,
 * encrypted and authenticated with AES-256-GCM, so a client can neither read the table's
 * keys in it nor change a byte of it unnoticed. The list it came from (`list`: index,
 * partition, sort condition, filter, direction) is the additional authenticated data, so a
 * cursor of one list does not open on another.
 *
 *   cursor = base64url( version(1) | iv(12) | ciphertext | tag(16) )
 *
 * The one pair of functions that writes and reads cursors; functions/store/table.ts uses it.
 */
export type CursorKey = Record<string, string>;

export interface CursorCodec {
  seal(key: CursorKey, list: string): string;
  /** The key sealed for `list`, or undefined for anything else (forged, changed, truncated, another list's). */
  open(cursor: string, list: string): CursorKey | undefined;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const aad = (list: string) => Buffer.from(`govmedia-cursor:v${VERSION}\n${list}`, 'utf8');

/** `secret`: the 32-byte cursor key of this deployment (functions/config.ts). */
export function cursorCodec(secret: Uint8Array): CursorCodec {
  if (secret.length !== 32) throw new Error('the cursor key must be 32 bytes (AES-256)');
  const key = Buffer.from(secret);
  return {
    seal(lastKey, list) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(list));
      const body = Buffer.concat([cipher.update(JSON.stringify(lastKey), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(cursor, list) {
      // Canonical base64url only: Buffer.from ignores stray characters, which would let two strings open alike.
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.toString('base64url') !== cursor) return undefined;
      if (raw.length < 1 + IV_BYTES + 1 + TAG_BYTES || raw[0] !== VERSION) return undefined;
      const iv = raw.subarray(1, 1 + IV_BYTES);
      const tag = raw.subarray(raw.length - TAG_BYTES);
      const body = raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES);
      let text: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(list));
        decipher.setAuthTag(tag);
        text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      if (Object.values(parsed).some((v) => typeof v !== 'string')) return undefined;
      return parsed as CursorKey;
    },
  };
}
