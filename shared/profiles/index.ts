import * as v from 'valibot';
import { InvalidInput, type Issue } from '../errors';
import { issuesOf } from '../validation-issues';
import { BUILTIN_PROFILES } from './builtin';
import { RuleProfile } from './schema';

export { RuleProfile, ProfileName, semanticIssues } from './schema';
export { BUILTIN_PROFILES, NATIONAL, STRICT_10DAY, WEEKLY_3 } from './builtin';

/** The default profile name when a request names none. */
export const DEFAULT_PROFILE = 'national';

/**
 * A built-in profile by name (and version; the newest built-in version when
 * omitted), or undefined. Stored, admin-made profiles live in the database and
 * are looked up by the caller; this only knows the built-ins.
 */
export function getBuiltinProfile(name: string, version?: number): RuleProfile | undefined {
  let best: RuleProfile | undefined;
  for (const p of BUILTIN_PROFILES) {
    if (p.name !== name) continue;
    if (version !== undefined) {
      if (p.version === version) return p;
      continue;
    }
    if (!best || p.version > best.version) best = p;
  }
  return best;
}

/** valibot issues → the API's {path, code, params, message} list (shared/validation-issues.ts). */
function toIssues(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issuesOf(issues);
}

/** Problems with a candidate profile, in Chinese; empty when it is valid. */
export function profileIssues(input: unknown): Issue[] {
  const r = v.safeParse(RuleProfile, input);
  return r.success ? [] : toIssues(r.issues);
}

/**
 * Parses an admin-supplied profile. Returns the typed profile, or throws
 * InvalidInput (400) with one Chinese message per problem.
 */
export function validateProfile(input: unknown): RuleProfile {
  const r = v.safeParse(RuleProfile, input);
  if (!r.success) throw new InvalidInput(toIssues(r.issues), '规则配置不合法 (invalid rule profile)');
  return r.output;
}
