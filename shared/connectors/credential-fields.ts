import * as v from 'valibot';
import type { Platform } from '../registry/schemas';
import { coded } from '../validation-issues';

/**
 * The one schema of each platform's credentials: the fields an office or admin types in
 * (PUT /accounts/{id}/credentials, web/src/components/CredentialsPanel.svelte) and the
 * connector reads back from the vault (functions/connectors: wechat.ts, weibo.ts,
 * bilibili.ts). The API's input schema and the connectors' read schema are both built
 * from these lists, so a field added, renamed or bounded here changes all of them.
 * Pure data and valibot: the web app imports this module.
 *
 * The OAuth platforms (Douyin, Kuaishou) are not here: their tokens are never typed in,
 * they come from the operator's authorisation (functions/connectors/oauth.ts).
 */

/** One credential setting. */
export interface CredentialField {
  readonly key: string;
  readonly required: boolean;
  /** The longest value accepted, in characters (after trimming). */
  readonly max: number;
  /** `url`: an http(s) link; `digits`: a number id (Bilibili's space id). */
  readonly format?: 'url' | 'digits';
}

const WECHAT_FIELDS = [
  { key: 'appId', required: true, max: 64 },
  { key: 'appSecret', required: true, max: 256 },
  /** A permanent image material used as the article cover (draft/add requires one). */
  { key: 'thumbMediaId', required: false, max: 256 },
  { key: 'author', required: false, max: 32 },
] as const satisfies readonly CredentialField[];

const WEIBO_FIELDS = [
  { key: 'accessToken', required: true, max: 512 },
  /** The account's uid (for users/show). */
  { key: 'uid', required: false, max: 64 },
  /** A URL under the app's registered safe domain, appended when the text has none (share.json requires one). */
  { key: 'shareUrl', required: false, max: 500, format: 'url' },
] as const satisfies readonly CredentialField[];

/** Public data only: no secret, just which space is the account (the fetch job lists it by its marker). */
const BILIBILI_FIELDS = [{ key: 'mid', required: true, max: 20, format: 'digits' }] as const satisfies readonly CredentialField[];

/** The platforms whose credentials are typed in. */
export type CredentialPlatform = 'wechat' | 'weibo' | 'bilibili';

export const CREDENTIAL_FIELDS: { readonly [P in CredentialPlatform]: readonly CredentialField[] } = {
  wechat: WECHAT_FIELDS,
  weibo: WEIBO_FIELDS,
  bilibili: BILIBILI_FIELDS,
};

export function credentialFieldsOf(platform: Platform): readonly CredentialField[] | undefined {
  return Object.hasOwn(CREDENTIAL_FIELDS, platform) ? CREDENTIAL_FIELDS[platform as CredentialPlatform] : undefined;
}

/** The credentials a field list describes: its required keys, and its optional keys if set. */
export type CredentialsOf<F extends readonly CredentialField[]> = { [K in F[number] as K['required'] extends true ? K['key'] : never]: string } & {
  [K in F[number] as K['required'] extends true ? never : K['key']]?: string;
};

// ---------------------------------------------------------------- the API's input

/** The whole-object message of each platform's input: what it must look like. */
const SHAPE_MESSAGES: { readonly [P in CredentialPlatform]: string } = {
  wechat: '微信公众号凭据须为 {appId, appSecret, thumbMediaId?, author?}',
  weibo: '微博凭据须为 {accessToken, uid?, shareUrl?}',
  bilibili: 'B站须登记 {mid}（空间 ID，space.bilibili.com/后的数字）',
};

const FORMAT_MESSAGES: { readonly [F in NonNullable<CredentialField['format']>]: (key: string) => string } = {
  url: (key) => `${key} 须为 http(s) 链接`,
  digits: (key) => `${key} 须为B站空间的数字 ID`,
};

/** What a value of each format looks like (the web app checks the same before sending). */
export const CREDENTIAL_FORMATS: { readonly [F in NonNullable<CredentialField['format']>]: RegExp } = {
  url: /^https?:\/\//,
  digits: /^\d+$/,
};

/** A secret-bearing string as typed in: trimmed, and messages never include the value. */
function inputValue(f: CredentialField): v.GenericSchema<unknown, string> {
  const base = v.pipe(v.string(`${f.key}须为字符串`), v.trim(), v.minLength(1, `${f.key}不能为空`), v.maxLength(f.max, `${f.key}过长`));
  if (!f.format) return base;
  const message = FORMAT_MESSAGES[f.format](f.key);
  // A link's rule is the registry's `url_scheme`; a digits rule is a plain format (shared/validation-issues.ts).
  return v.pipe(base, v.regex(CREDENTIAL_FORMATS[f.format], f.format === 'url' ? coded('url_scheme', message) : message));
}

function inputSchema(platform: CredentialPlatform): v.GenericSchema {
  const entries = Object.fromEntries(CREDENTIAL_FIELDS[platform].map((f) => [f.key, f.required ? inputValue(f) : v.optional(inputValue(f))]));
  return v.strictObject(entries, SHAPE_MESSAGES[platform]);
}

/** PUT /accounts/{id}/credentials: the body each platform with typed-in credentials takes (strict: an unknown field is refused). */
export const CREDENTIAL_INPUTS: { readonly [P in CredentialPlatform]: v.GenericSchema } = {
  wechat: inputSchema('wechat'),
  weibo: inputSchema('weibo'),
  bilibili: inputSchema('bilibili'),
};

// ---------------------------------------------------------------- the connectors' read

/**
 * What a connector accepts from the vault: every required field, each value non-empty, within
 * its bound and of its format. Not strict (the vault is a flat map a connector reads its fields from).
 */
function storedSchema<const F extends readonly CredentialField[]>(fields: F): v.GenericSchema<unknown, CredentialsOf<F>> {
  const value = (f: CredentialField) => {
    const base = v.pipe(v.string(), v.minLength(1), v.maxLength(f.max));
    return f.format ? v.pipe(base, v.regex(CREDENTIAL_FORMATS[f.format])) : base;
  };
  return v.object(Object.fromEntries(fields.map((f) => [f.key, f.required ? value(f) : v.optional(value(f))]))) as unknown as v.GenericSchema<unknown, CredentialsOf<F>>;
}

export const WeChatCredentials = storedSchema(WECHAT_FIELDS);
export type WeChatCredentials = CredentialsOf<typeof WECHAT_FIELDS>;
export const WeiboCredentials = storedSchema(WEIBO_FIELDS);
export type WeiboCredentials = CredentialsOf<typeof WEIBO_FIELDS>;
export const BilibiliCredentials = storedSchema(BILIBILI_FIELDS);
export type BilibiliCredentials = CredentialsOf<typeof BILIBILI_FIELDS>;
