import * as v from 'valibot';

/** Body of POST /content/check (and the draft check of scheduling). */
export const ContentCheckRequest = v.strictObject({
  title: v.optional(v.pipe(v.string('标题须为字符串'), v.maxLength(200, '标题不能超过 200 个字符'))),
  text: v.pipe(v.string('正文须为字符串'), v.maxLength(50_000, '正文不能超过 50000 个字符')),
  isRepost: v.optional(v.boolean('是否转发须为是或否')),
});
export type ContentCheckRequest = v.InferOutput<typeof ContentCheckRequest>;
