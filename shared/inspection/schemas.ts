import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { ProfileName } from '../profiles/schema';
import { IsoDate } from '../registry/schemas';

/** The sample part of POST /inspections: a ratio in (0, 1] and a seed kept with the inspection. */
export const SampleRequest = v.strictObject({
  ratio: v.pipe(v.number('抽查比例须为数字'), v.gtValue(0, '抽查比例须大于 0'), v.maxValue(1, '抽查比例不能超过 1')),
  seed: v.union([v.pipe(v.string(), v.minLength(1, '随机种子不能为空'), v.maxLength(100, '随机种子不能超过 100 个字符')), v.pipe(v.number(), v.integer())], '随机种子须为字符串或整数'),
});

/** Body of POST /inspections. */
export const InspectionRequest = v.strictObject({
  regionCode: RegionCode,
  checkDate: IsoDate,
  profile: v.optional(ProfileName),
  sample: v.optional(SampleRequest),
});
export type InspectionRequest = v.InferOutput<typeof InspectionRequest>;

/** Query of GET /accounts/{id}/grade?at=&profile=. */
export const GradeQuery = v.strictObject({
  at: v.optional(IsoDate),
  profile: v.optional(ProfileName),
});
export type GradeQuery = v.InferOutput<typeof GradeQuery>;
