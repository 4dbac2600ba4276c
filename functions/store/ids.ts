import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../shared/clock-and-ids';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered opaque ids (10 chars of milliseconds + 12 random): sortable, unguessable enough, URL-safe. */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(12);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return time + rand;
}

export const idGenerator: IdGenerator = { next: () => newId() };
