/**
 * Deterministic randomness and Beijing-date arithmetic for the demo seed.
 * Never Math.random: every start must seed the same data relative to `today`.
 */

import { mulberry32 } from '../../../shared/util/random';
import { addDays, isCalendarDate } from '../../../shared/time';

export type Rng = () => number;
export { addDays, mulberry32 };


/** FNV-1a over UTF-16 code units: a stable seed per string (account handle, post slot…). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const rngFor = (key: string): Rng => mulberry32(hashString(key));

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** n decimal digits (leading digit not 0). */
export function digits(rng: Rng, n: number): string {
  let s = String(int(rng, 1, 9));
  while (s.length < n) s += String(int(rng, 0, 9));
  return s;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function alnum(rng: Rng, n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');


export const isValidDate = isCalendarDate;

/** An instant on a Beijing calendar date: 2026-05-01T23:30:00+08:00. */
export const beijing = (date: string, hour: number, minute: number): string => `${date}T${pad2(hour)}:${pad2(minute)}:00+08:00`;

export function dateParts(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}
