import * as v from 'valibot';
import { ROLES } from './principal';
import { coded } from '../validation-issues';

export const RegionCode = v.pipe(
  v.string('须为字符串'),
  v.regex(/^[1-9]\d{5}$/, coded('region_code', '行政区划代码须为 6 位数字 (6-digit GB/T 2260 code)')),
);

export const DevTokenRequest = v.strictObject({
  sub: v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(128)),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
  roles: v.pipe(v.array(v.picklist(ROLES, '未知角色 (unknown role)')), v.minLength(1, '至少一个角色')),
  region: RegionCode,
  department: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
export type DevTokenRequest = v.InferOutput<typeof DevTokenRequest>;
