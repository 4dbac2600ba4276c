import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cursorCodec } from '../../../functions/store/cursor';

const codec = cursorCodec(randomBytes(32));
const LIST = '["gsi1","gsi1pk","REG#33","330127#",null,null,false]';
const KEY = { pk: 'ACC#a1', sk: 'A', gsi1pk: 'REG#33', gsi1sk: '330127#d1#a1' };

const lastKey = fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'), fc.string({ maxLength: 80 }), { minKeys: 1 });
const list = fc.string({ minLength: 1, maxLength: 200 });

describe('list cursors (sealed with AES-256-GCM)', () => {
  it('open to the key they were sealed with, for the list they were sealed for', () => {
    fc.assert(
      fc.property(lastKey, list, (key, l) => {
        expect(codec.open(codec.seal(key, l), l)).toEqual(key);
      }),
    );
  });

  it('do not open on another list', () => {
    fc.assert(
      fc.property(lastKey, list, list, (key, a, b) => {
        fc.pre(a !== b);
        expect(codec.open(codec.seal(key, a), b)).toBeUndefined();
      }),
    );
  });

  it('do not open with one bit of them changed', () => {
    const sealed = Buffer.from(codec.seal(KEY, LIST), 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: sealed.length * 8 - 1 }), (bit) => {
        const changed = Buffer.from(sealed);
        changed[bit >> 3]! ^= 1 << (bit & 7);
        expect(codec.open(changed.toString('base64url'), LIST)).toBeUndefined();
      }),
    );
  });

  it('do not open under another deployment\'s key', () => {
    expect(cursorCodec(randomBytes(32)).open(codec.seal(KEY, LIST), LIST)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['truncated', codec.seal(KEY, LIST).slice(0, -4)],
    ['not base64url', `${codec.seal(KEY, LIST)}=`],
    ['with a stray character', `${codec.seal(KEY, LIST).slice(0, 10)}.${codec.seal(KEY, LIST).slice(10)}`],
    ['a plaintext key', Buffer.from(JSON.stringify(KEY)).toString('base64url')],
    ['a plaintext key without an index attribute', Buffer.from(JSON.stringify({ pk: KEY.pk, sk: KEY.sk })).toString('base64url')],
  ])('refuse a cursor that is %s', (_label, cursor) => {
    expect(codec.open(cursor, LIST)).toBeUndefined();
  });

  it('reveal none of the key they carry', () => {
    const decoded = Buffer.from(codec.seal(KEY, LIST), 'base64url').toString('latin1');
    for (const part of ['ACC#', 'REG#', '330127', '"pk"']) expect(decoded).not.toContain(part);
  });

  it('differ each time the same key is sealed (random IV)', () => {
    expect(codec.seal(KEY, LIST)).not.toBe(codec.seal(KEY, LIST));
  });

  it('need a 32-byte key', () => {
    expect(() => cursorCodec(randomBytes(16))).toThrow(/32 bytes/);
  });
});
