import * as v from 'valibot';
import { RegionCode } from '../auth/principal-schema';
import { ProfileName } from '../profiles/schema';
import { IsoDate } from '../registry/schemas';
import { coded } from '../validation-issues';

/** A check date within the years the rules make sense for (and date arithmetic stays in range). */
const CheckDate = v.pipe(
  IsoDate,
  v.check((d) => d >= '2000-01-01' && d <= '2199-12-31', coded('not_between', '检查日期须在 2000-01-01 至 2199-12-31 之间', { min: '2000-01-01', max: '2199-12-31' })),
);

const ProfileVersion = v.pipe(v.number('版本号须为数字'), v.integer('版本号须为整数'), v.minValue(1, '版本号须为正整数'));

export const InspectionRequest = v.strictObject({
  regionCode: RegionCode,
  checkDate: CheckDate,
  profile: v.optional(ProfileName),
  profileVersion: v.optional(ProfileVersion),
  sample: v.optional(
    v.strictObject({
      ratio: v.pipe(v.number('抽查比例须为数字'), v.gtValue(0, '抽查比例须大于 0'), v.maxValue(1, '抽查比例不能大于 1')),
      seed: v.union([v.pipe(v.string(), v.minLength(1), v.maxLength(100)), v.pipe(v.number(), v.integer(), v.safeInteger())], '随机种子须为字符串或整数'),
    }),
  ),
});
export type InspectionRequest = v.InferOutput<typeof InspectionRequest>;

const ProfileRef = v.strictObject({ name: ProfileName, version: v.optional(ProfileVersion) });

export const WhatIfRequest = v.strictObject({
  regionCode: RegionCode,
  checkDate: CheckDate,
  baseline: ProfileRef,
  candidate: ProfileRef,
});
export type WhatIfRequest = v.InferOutput<typeof WhatIfRequest>;

export const GradeQuery = v.strictObject({
  at: v.optional(CheckDate),
  profile: v.optional(ProfileName),
  version: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'version 须为正整数'), v.transform(Number))),
});
