import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { HttpUrl, Id, IsoDate, VersionField } from '../registry/schemas';

const text = (max: number, label: string) =>
  v.pipe(v.string(`${label}须为字符串`), v.trim(), v.minLength(1, `${label}不能为空`), v.maxLength(max, `${label}不能超过 ${max} 个字符`));

/** POST /rectifications */
export const RectificationCreate = v.strictObject({
  inspectionId: Id,
  dueDate: v.optional(IsoDate),
  note: v.optional(text(2000, '整改要求')),
});
export type RectificationCreate = v.InferOutput<typeof RectificationCreate>;

/** POST /rectifications/{id}/items/{itemId}/response */
export const ItemResponseBody = v.strictObject({
  measures: text(4000, '整改措施'),
  evidenceUrls: v.optional(v.pipe(v.array(HttpUrl, '佐证链接须为列表'), v.maxLength(20, '佐证链接最多 20 个'))),
  version: VersionField,
});

/** POST /rectifications/{id}/items/{itemId}/review */
export const ItemReviewBody = v.strictObject({
  decision: v.picklist(['accept', 'reopen'], 'decision 须为 accept 或 reopen'),
  note: v.optional(text(2000, '复查意见')),
  version: VersionField,
});

/** POST /rectifications/{id}/items/{itemId}/extension: a later deadline for one item (延期). */
export const ItemExtensionBody = v.strictObject({
  dueDate: IsoDate,
  note: text(1000, '延期理由'),
  version: VersionField,
});

/** POST /rectifications/{id}/items/{itemId}/closure: close the account instead of fixing it. */
export const ItemClosureBody = v.strictObject({
  reason: text(1000, '关停理由'),
  successorAccountId: v.optional(Id),
  version: VersionField,
});

export const RectificationQuery = v.strictObject({
  region: v.optional(RegionCode),
  status: v.optional(v.picklist(['open', 'closed'], 'status 须为 open 或 closed')),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 须为 1–500 的整数'), v.transform(Number), v.minValue(1), v.maxValue(500, 'limit 最大 500'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2000, 'cursor 过长'))),
});

export const NotificationQuery = v.strictObject({
  unread: v.optional(v.picklist(['true', 'false'], 'unread 须为 true 或 false')),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 须为 1–200 的整数'), v.transform(Number), v.minValue(1), v.maxValue(200, 'limit 最大 200'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500, 'cursor 过长'))),
});
