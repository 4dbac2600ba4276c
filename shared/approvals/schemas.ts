import * as v from 'valibot';
import { Id, VersionField } from '../registry/schemas';
import { DECISIONS } from './tiers';

export const DecisionNote = v.optional(
  v.pipe(v.string('意见须为字符串'), v.trim(), v.maxLength(500, '意见不能超过 500 个字符')),
);

/** Body of any tier decision: closures, openings, duplicate exceptions. */
export const ApprovalDecision = v.strictObject({
  decision: v.picklist(DECISIONS, '审批结论须为 approve（同意）或 reject（驳回）'),
  note: DecisionNote,
  version: VersionField,
});
export type ApprovalDecision = v.InferOutput<typeof ApprovalDecision>;

export const RequestReason = (label: string) =>
  v.pipe(v.string(`${label}须为字符串`), v.trim(), v.minLength(1, `${label}不能为空`), v.maxLength(500, `${label}不能超过 500 个字符`));

/** Body of a request to keep a second account of the same unit on one platform. */
export const DuplicateExceptionCreate = v.strictObject({
  accountId: Id,
  reason: RequestReason('例外理由'),
});
export type DuplicateExceptionCreate = v.InferOutput<typeof DuplicateExceptionCreate>;
