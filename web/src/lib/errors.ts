/**
 * Plain-language messages for the API's refusals on a write (403, 409, 422). Specific codes a
 * form knows about come first (`known`); then the common ones; else the API's own message
 * (Chinese with an English gloss: the locale's part is shown, see i18n/domain.ts).
 */
import { joinIssues, translateApiError, translateDomainMessage } from '../i18n/domain';
import { t } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/zh-CN';
import { ApiError, errorMessage } from './api';

/**
 * Codes of the supervision loop said in plain words by code (the API's message adds detail that
 * names raw rule codes, so these replace it). `{message}` where the API's detail helps.
 */
export const CODE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  still_failing: 'errors.code.still_failing',
  nothing_to_rectify: 'errors.code.nothing_to_rectify',
  rectification_exists: 'errors.code.rectification_exists',
  not_waiting: 'errors.code.not_waiting',
  self_review: 'errors.code.self_review',
  due_date_past: 'errors.code.due_date_past',
  closure_already_requested: 'errors.code.closure_already_requested',
  webhook_host_not_allowed: 'errors.code.webhook_host_not_allowed',
  webhook_insecure: 'errors.code.webhook_insecure',
};

export function writeError(e: unknown, known: Record<string, string> = {}): string {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const specific = known[e.code];
  if (specific !== undefined) return specific;
  const byCode = CODE_MESSAGES[e.code];
  if (byCode) return t(byCode, { message: translateDomainMessage(e.message) });
  if (e.code === 'stale_version') return t('errors.stale');
  const message = translateApiError(e);
  if (e.code === 'illegal_transition') return t('errors.illegalTransition', { message });
  if (e.status === 403) return t('errors.forbidden', { message });
  if (e.status === 422) return t('errors.rule', { message });
  if (e.status === 400 && e.issues.length) return joinIssues(e.issues);
  return message;
}

/** 409 stale_version: the record changed meanwhile (the caller reloads it). */
export const isStale = (e: unknown): boolean => e instanceof ApiError && e.code === 'stale_version';
