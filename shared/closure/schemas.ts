import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { HttpUrl, Id, IsoDate, IsoInstant, VersionField } from '../registry/schemas';
import { ApprovalDecision, RequestReason } from '../approvals/schemas';
import { coded } from '../validation-issues';

export const CLOSURE_STATUSES = ['pending', 'approved', 'rejected', 'announcing', 'closed', 'filed'] as const;
export type ClosureStatus = (typeof CLOSURE_STATUSES)[number];

/**
 * A date field that takes either an instant (2026-11-27T08:00:00+08:00) or a bare date
 * (2026-11-27, read as that Asia/Shanghai calendar day): offices often know only the
 * day a platform confirmed a cancellation or a filing was made.
 */
const DayOrInstant = (label: string) =>
  v.union([IsoInstant, IsoDate], coded('date_or_instant', `${label}须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00`));

/** POST /closures */
export const ClosureCreate = v.strictObject({
  accountId: Id,
  reason: RequestReason('关停理由'),
  successorAccountId: v.optional(Id),
});
export type ClosureCreate = v.InferOutput<typeof ClosureCreate>;

/** POST /closures/{id}/decisions */
export const ClosureDecision = ApprovalDecision;
export type ClosureDecision = v.InferOutput<typeof ClosureDecision>;

/** POST /closures/{id}/notice — the stop-update notice (停更公告) as published. */
export const ClosureNotice = v.strictObject({
  publishedAt: IsoInstant,
  url: HttpUrl,
  version: v.optional(VersionField),
});
export type ClosureNotice = v.InferOutput<typeof ClosureNotice>;

/** POST /closures/{id}/complete — the platform confirmed the cancellation. */
export const ClosureComplete = v.strictObject({
  platformCancelledAt: DayOrInstant('平台注销时间'),
  version: v.optional(VersionField),
});
export type ClosureComplete = v.InferOutput<typeof ClosureComplete>;

/** POST /closures/{id}/filing — the national filing (备案) of the closure. */
export const ClosureFiling = v.strictObject({
  filedAt: DayOrInstant('备案时间'),
  version: v.optional(VersionField),
});
export type ClosureFiling = v.InferOutput<typeof ClosureFiling>;

/** GET /closures?region=&status=&limit=&cursor= */
export const ClosureQuery = v.strictObject({
  region: v.optional(RegionCode),
  status: v.optional(v.picklist(CLOSURE_STATUSES, `状态须为以下之一：${CLOSURE_STATUSES.join(', ')}`)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 须为 1–500 的整数'), v.transform(Number), v.minValue(1), v.maxValue(500, 'limit 最大 500'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});
export type ClosureQuery = v.InferOutput<typeof ClosureQuery>;
