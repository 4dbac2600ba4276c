import * as v from 'valibot';
import type { ApiIssue } from './api';

export type FieldErrors = Record<string, string>;

/** Runs a shared valibot schema; returns the output or the first message per dot path (`contacts.0.phone`). */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: issuesToErrors(result.issues) };
}

export function issuesToErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? '';
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/** Server `issues` (`path` may be `contacts.0.phone`, `/contacts/0/phone` or `contacts[0].phone`) → field errors. */
export function serverIssuesToErrors(issues: readonly ApiIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const path = (i.path ?? '')
      .replace(/^\$?\.?\/?/, '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/\//g, '.')
      .replace(/^body\./, '');
    if (!(path in errors)) errors[path] = i.message;
  }
  return errors;
}
