/**
 * Personal data in post text: 18-digit resident ID numbers (GB 11643, with a
 * valid birth date and check digit) and mainland mobile numbers (11 digits
 * starting 13–19, optionally written 138-1234-5678 or 138 1234 5678). A
 * masked number such as 138****5678 is not a leak. Digits glued to other
 * digits (order numbers, longer codes) are not matched.
 */

export interface PiiHit {
  kind: 'id_card' | 'mobile';
  start: number;
  end: number;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Is s (18 characters) a resident ID number with a real birth date and a correct check digit? */
export function isValidIdCard(s: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (d > dim) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17]!.toUpperCase();
}

const ID_RE = /(?<![0-9])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<![0-9])1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])/g;

/** Personal-data hits in text, by start offset. Cheap when the text has fewer than 11 digits. */
export function findPii(text: string): PiiHit[] {
  let digitCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digitCount >= 11) break;
  }
  if (digitCount < 11) return [];
  const hits: PiiHit[] = [];
  for (const m of text.matchAll(ID_RE)) if (isValidIdCard(m[0])) hits.push({ kind: 'id_card', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(MOBILE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!hits.some((h) => h.start <= start && h.end >= end)) hits.push({ kind: 'mobile', start, end });
  }
  return hits.sort((a, b) => a.start - b.start);
}
