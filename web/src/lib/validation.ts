import * as v from 'valibot';
import { issuesOf } from '../../../shared/validation-issues';
import { codedText } from '../i18n/domain';
import type { ApiIssue } from './api';

/**
 * Field path → its error: the issue with its code, params and path (`codedText`), which a
 * template's `dm` says in the locale of the moment by code and field label
 * (web/src/i18n/domain.ts translateCoded), never by matching the schema's Chinese sentence.
 */
export type FieldErrors = Record<string, string>;

/** Runs a shared valibot schema; returns the output or the first issue per dot path (`contacts.0.phone`). */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  scope?: string,
): { ok: true; value: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: issuesToErrors(result.issues, scope) };
}

/** valibot's issues coded as the API codes them (shared/validation-issues.ts), the first per path; `scope` names the form's own field labels (`field.account.name`). */
export function issuesToErrors(issues: readonly v.BaseIssue<unknown>[], scope?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issuesOf(issues)) {
    if (!(issue.path in errors)) errors[issue.path] = codedText({ ...issue, scope });
  }
  return errors;
}

/** Server `issues` (`path` may be `contacts.0.phone`, `/contacts/0/phone` or `contacts[0].phone`) → field errors. */
export function serverIssuesToErrors(issues: readonly ApiIssue[], scope?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const path = (i.path ?? '')
      .replace(/^\$?\.?\/?/, '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/\//g, '.')
      .replace(/^body\./, '');
    if (!(path in errors)) errors[path] = i.code ? codedText({ code: i.code, params: i.params, message: i.message, path, scope }) : i.message;
  }
  return errors;
}
