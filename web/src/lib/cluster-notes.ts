/**
 * A duplicate cluster's reasons (why together, why the keeper) in the UI's language, from the
 * notes the finder gives beside its Chinese sentences (shared/consolidation/notes.ts; issue 15:
 * English mode showed the Chinese). A server without notes: its Chinese lines as they are.
 */
import { label, t } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/zh-CN';
import type { ClusterNote } from '../../../shared/consolidation/notes';

const quote = (text: string) => t('app.quote', { text });

export function clusterNoteText(n: ClusterNote): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'code') continue;
    if (k === 'platform') params[k] = label('platform', v as string);
    else if (k === 'tied') params[k] = v ? t('consolidation.note.tied', { n: v as number }) : '';
    else if (k === 'names') params[k] = (v as string[]).map(quote).join(t('app.listSep'));
    else if (k === 'key' || k === 'name') params[k] = quote(String(v));
    else params[k] = v as string | number;
  }
  params.tied ??= '';
  return t(`consolidation.note.${n.code}` as MessageKey, params);
}

/** The lines to show: the notes when the cluster has them, else the Chinese sentences. */
export function clusterLines(notes: readonly ClusterNote[] | undefined, fallback: readonly string[] | undefined): string[] {
  return notes?.length ? notes.map(clusterNoteText) : [...(fallback ?? [])];
}
