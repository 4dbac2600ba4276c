import * as v from 'valibot';
import { HttpUrl, IsoInstant } from '../registry/schemas';
import { coded } from '../validation-issues';

export const PostInput = v.strictObject({
  externalId: v.pipe(v.string('外部编号须为字符串'), v.trim(), v.minLength(1, '外部编号不能为空'), v.maxLength(128, '外部编号不能超过 128 个字符')),
  publishedAt: IsoInstant,
  title: v.optional(v.pipe(v.string('标题须为字符串'), v.maxLength(200, '标题不能超过 200 个字符'))),
  text: v.pipe(v.string('正文须为字符串'), v.maxLength(50_000, '正文不能超过 50000 个字符')),
  url: v.optional(HttpUrl),
  isRepost: v.optional(v.boolean('是否转发须为是或否')),
});
export type PostInput = v.InferOutput<typeof PostInput>;

export const PostBatch = v.strictObject({
  posts: v.pipe(v.array(PostInput, 'posts 须为列表'), v.minLength(1, '至少一条'), v.maxLength(500, '每次最多 500 条')),
});

const count = (label: string) =>
  v.optional(v.pipe(v.number(`${label}须为数字`), v.integer(`${label}须为整数`), v.minValue(0, `${label}不能为负数`), v.maxValue(1e10, `${label}过大`)));

export const MetricsInput = v.pipe(
  v.strictObject({
    at: IsoInstant,
    followers: count('粉丝数'),
    messagesReceived: count('收到留言数'),
    messagesAnswered: count('已回复留言数'),
    oldestUnansweredDays: count('最久未回复天数'),
    brokenServiceLinks: v.optional(v.pipe(v.array(HttpUrl), v.maxLength(100))),
    securityIncident: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500))),
  }),
  v.check(
    (m) => m.messagesAnswered === undefined || m.messagesReceived === undefined || m.messagesAnswered <= m.messagesReceived,
    coded('answered_over_received', '已回复留言数不能大于收到留言数'),
  ),
);
export type MetricsInput = v.InferOutput<typeof MetricsInput>;

/** What the content checker decided at ingest, stored with the post so grading never re-classifies. */
export interface PostClassification {
  category: 'service' | 'policy' | 'news' | 'off_mission';
  offMissionReasons?: { term: string; category: string }[];
  wording?: { error: string; suggestion: string; severity: 'ordinary' | 'severe'; start: number; end: number }[];
}

export interface Post extends PostInput {
  accountId: string;
  ingestedAt: string;
  classification?: PostClassification;
}

export interface MetricSnapshot extends MetricsInput {
  accountId: string;
}
