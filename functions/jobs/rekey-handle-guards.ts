/**
 * One-off migration after deploying handle identity (docs/decisions.md, "Handle identity"):
 *
 *   TABLE_NAME=<the stack's table> AWS_REGION=<region> npx tsx functions/jobs/rekey-handle-guards.ts
 *
 * Moves the handle guards of accounts registered with a non-ASCII handle to their identity key and prints
 * `{checked, rekeyed, conflicts}`; each conflict is two accounts that the old lower-case key let in side by
 * side, for an office to resolve (consolidation or a handle correction). ASCII handles need nothing. Safe to
 * run again.
 */
import { baseDeps } from '../wiring/deps';

const report = await baseDeps().stores.accounts.rekeyLegacyHandleGuards();
console.log(JSON.stringify(report, null, 2));
