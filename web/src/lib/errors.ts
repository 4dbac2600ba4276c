/**
 * Plain-language messages for the API's refusals on a write (403, 409, 422). Specific codes a
 * form knows about come first (`known`); then the common ones; else the API's own message
 * (Chinese with an English gloss: the locale's part is shown, see i18n/domain.ts).
 */
import { joinIssues, translateDomainMessage } from '../i18n/domain';
import { t } from '../i18n/i18n.svelte';
import { ApiError, errorMessage } from './api';

export function writeError(e: unknown, known: Record<string, string> = {}): string {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const specific = known[e.code];
  if (specific !== undefined) return specific;
  if (e.code === 'stale_version') return t('errors.stale');
  const message = translateDomainMessage(e.message);
  if (e.code === 'illegal_transition') return t('errors.illegalTransition', { message });
  if (e.status === 403) return t('errors.forbidden', { message });
  if (e.status === 422) return t('errors.rule', { message });
  if (e.status === 400 && e.issues.length) return joinIssues(e.issues);
  return errorMessage(e);
}

/** 409 stale_version: the record changed meanwhile (the caller reloads it). */
export const isStale = (e: unknown): boolean => e instanceof ApiError && e.code === 'stale_version';
