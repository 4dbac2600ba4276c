/**
 * Reproducible random samples (抽查). The same ids, ratio and seed always give
 * the same sample, whatever order the ids come in.
 *
 * Method: the seed is hashed to 32 bits; every id gets a key from a
 * mulberry32 step over hash(seed) ⊕ hash(id); the n ids with the smallest keys
 * (ties by id) form the sample. Because an id's key does not depend on the
 * other ids, adding accounts to the registry changes an earlier sample as
 * little as possible — an account that was drawn stays drawn unless a newcomer
 * outranks it.
 */

import { mulberry32 } from '../util/random';

export { mulberry32 };

/** 32-bit FNV-1a over UTF-16 code units, finished with a murmur3 mix. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}


/** How many of n accounts a sample at `ratio` holds: ceil(ratio × n), guarded against float noise (0.12 × 100 is 12, not 13). */
export function sampleSize(n: number, ratio: number): number {
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new RangeError('抽查比例须在 0 到 1 之间');
  const exact = ratio * n;
  const rounded = Math.round(exact);
  const size = Math.abs(exact - rounded) < 1e-9 ? rounded : Math.ceil(exact);
  return Math.min(n, size);
}

/**
 * A reproducible sample of at least ceil(ratio × N) distinct ids (N counts
 * distinct ids), returned sorted. ratio is in [0, 1]; seed is any string or
 * number (stored with the inspection so it can be re-run).
 */
export function selectSample(accountIds: readonly string[], ratio: number, seed: string | number): string[] {
  const ids = [...new Set(accountIds)].sort();
  const size = sampleSize(ids.length, ratio);
  if (size >= ids.length) return ids;
  if (size === 0) return [];
  const seedHash = hashString(String(seed));
  const keyed = ids.map((id) => ({ id, key: mulberry32(seedHash ^ hashString(id))() }));
  keyed.sort((x, y) => x.key - y.key || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return keyed
    .slice(0, size)
    .map((k) => k.id)
    .sort();
}
