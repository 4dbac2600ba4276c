/** Top-level fields that differ between two snapshots (for history and audit views). */
const IGNORE = new Set(['version', 'updatedAt', '_search', '_flagTypes', 'pk', 'sk']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (IGNORE.has(k)) continue;
    if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) out.push({ field: k, before: b[k], after: a[k] });
  }
  return out;
}

export function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((v) => (v && typeof v === 'object' ? Object.values(v as Record<string, unknown>).filter((x) => x !== undefined && x !== '').join(' / ') : String(v)))
      .join('；');
  }
  return JSON.stringify(value);
}
