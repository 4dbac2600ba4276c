import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountInput } from '../../../shared/registry/schemas';
import { ENTITIES, ERROR_CODES, ISSUE_CODES } from '../../../shared/errors-codes';
import { ApiError, errorMessage } from '../lib/api';
import { writeError } from '../lib/errors';
import { CODES_ZH, ENTITIES_ZH, fillCode, type Coded, joinIssues, splitGloss, translateApiError, translateCoded, translateDomainMessage as tr } from './domain';
import { CODES_EN, ENTITIES_EN } from './domain-en';
import { domainMessages, loadDomainMessages, setLocale } from './i18n.svelte';

const HAN = /\p{Script=Han}/u;

/** Every message a schema gives for the inputs (all issues, not just the first per field). */
function messages(schema: v.GenericSchema, inputs: unknown[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const r = v.safeParse(schema, input);
    if (!r.success) for (const i of r.issues) out.add(i.message);
  }
  return [...out];
}

const long = (n: number) => 'x'.repeat(n + 1);

describe('translateDomainMessage', () => {
  beforeAll(async () => {
    await loadDomainMessages();
  });
  afterEach(() => setLocale('zh-CN'));

  it('translates the parametrised schema messages with the label dictionary (the import reports carry them as sentences)', () => {
    expect(tr('账号名称不能超过 100 个字符', 'en')).toBe('Account name must be at most 100 characters');
    expect(tr('联系人姓名须为字符串', 'en')).toBe('Contact name must be a string');
    expect(tr('联系人姓名不能为空', 'en')).toBe('Contact name must not be empty');
    expect(tr('至少填写一名联系人', 'en')).toBe('Enter at least one contact');
    expect(tr('联系人不能超过 10 名', 'en')).toBe('At most 10 contacts');
    expect(tr('平台须为以下之一：wechat, weibo, douyin', 'en')).toBe('Platform must be one of: wechat, weibo, douyin');
    // The closure forms' issues come with a code and a path, and are said by them (issue 11).
    expect(translateCoded({ path: 'reason', code: 'required', params: {}, message: '例外理由不能为空' }, 'en')).toBe('Reason must not be empty');
    expect(translateCoded({ path: 'filedAt', code: 'date_or_instant', params: {}, message: '备案时间须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00' }, 'en')).toBe(
      'Filing date must be a date (YYYY-MM-DD) or a time with a time zone, e.g. 2026-11-27T08:00:00+08:00',
    );
    expect(tr('日期须在 1970-01-01 至 2199-12-31 之间', 'en')).toBe('Date must be between 1970-01-01 and 2199-12-31');
    expect(tr('第 2 位联系人：电话格式不正确（手机号或带区号的座机）', 'en')).toBe('Contact 2: Phone number is not valid (a mobile number, or a landline with its area code)');
    // zh-CN: unchanged.
    expect(tr('账号名称不能超过 100 个字符', 'zh-CN')).toBe('账号名称不能超过 100 个字符');
  });

  it('API errors: the English gloss (capitalised) in English, the Chinese part in Chinese', () => {
    const msg = '记录已被他人修改，请刷新后重试 (stale version)';
    expect(splitGloss(msg)).toEqual({ zh: '记录已被他人修改，请刷新后重试', en: 'stale version' });
    expect(tr(msg, 'en')).toBe('Stale version');
    expect(tr(msg, 'zh-CN')).toBe('记录已被他人修改，请刷新后重试');
    expect(tr('当前状态为“已发布”，不能撤回 (illegal transition: withdraw from published)', 'en')).toBe('Illegal transition: withdraw from published');
    // Full-width parentheses are part of the Chinese text, not a gloss.
    expect(tr('电话格式不正确（手机号或带区号的座机）', 'zh-CN')).toBe('电话格式不正确（手机号或带区号的座机）');
  });

  it('falls back to the original text for an unknown message or label', () => {
    expect(tr('这是一条没人认识的消息', 'en')).toBe('这是一条没人认识的消息');
    expect(tr('神秘字段不能为空', 'en')).toBe('神秘字段不能为空');
    expect(tr('Already English (really)', 'en')).toBe('Already English (really)');
    expect(tr('', 'en')).toBe('');
  });

  it('translates joined issue lists part by part, and uses the current locale by default', () => {
    const issues: Coded[] = [
      { path: 'title', code: 'required', params: {}, message: '标题不能为空' },
      { path: 'body', code: 'too_long', params: { max: 20000 }, message: '正文不能超过 20000 个字符' },
    ];
    expect(joinIssues(issues)).toBe('标题不能为空；正文不能超过 20000 个字符');
    setLocale('en');
    expect(joinIssues(issues)).toBe('Title must not be empty; Body must be at most 20000 characters');
    // A joined sentence without codes (an import report's) part by part.
    expect(tr('账号名称不能为空；联系人姓名不能超过 50 个字符')).toBe('Account name must not be empty; Contact name must be at most 50 characters');
  });

  // The other request schemas' issues have codes and paths, and are said by them: issues-by-code.test.ts.
  it('has English for every message of the account schema, which the import reports carry as sentences (no Chinese left)', () => {
    const all = [
      ...messages(AccountInput, [
        {},
        { platform: 'x', handle: 1, name: 2, departmentId: '!', url: 'ftp://x', verifiedSubject: 3, purpose: 4, interactionEnabled: 'y', contacts: 'x', openedAt: 'x', operator: 'x' },
        { handle: 'a b', name: long(100), departmentId: 3, url: 'not a url', verifiedSubject: long(100), purpose: long(500), contacts: [], serviceLinks: [{ label: '', url: 1 }], openedAt: '2026-02-30' },
        { handle: long(100), name: '', contacts: Array.from({ length: 11 }, () => ({ name: 1, phone: '1', email: 'x' })), serviceLinks: Array.from({ length: 31 }, () => ({ label: long(50), url: `https://x/${long(500)}` })) },
        { contacts: [{ name: '', phone: 5, email: long(100) }], url: 5 },
        { openedAt: '1960-01-01' },
      ]),
    ];
    expect(all.length).toBeGreaterThan(25);
    const untranslated = all.filter((m) => HAN.test(m)).filter((m) => HAN.test(tr(m, 'en')));
    expect(untranslated).toEqual([]);
  });

  it('loads the English chunk lazily', () => {
    expect(domainMessages.translate).toBeTypeOf('function');
  });
});

describe('errors and issues by code', () => {
  beforeAll(async () => {
    await loadDomainMessages();
  });
  afterEach(() => setLocale('zh-CN'));

  const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
  const ALL_CODES: [string, readonly string[]][] = [...Object.entries(ERROR_CODES), ...Object.entries(ISSUE_CODES)];

  it.each(ALL_CODES)('%s has a zh-CN and an English template naming only its registered params', (code, params) => {
    expect(CODES_ZH[code], `zh-CN template of ${code}`).toBeTypeOf('string');
    expect(CODES_EN[code], `English template of ${code}`).toBeTypeOf('string');
    expect(HAN.test(CODES_EN[code]!)).toBe(false);
    for (const name of placeholders(CODES_ZH[code]!)) expect(params).toContain(name);
    expect(placeholders(CODES_EN[code]!)).toEqual(placeholders(CODES_ZH[code]!));
  });

  it('has no template for a code the registry does not name', () => {
    const registered = new Set(ALL_CODES.map(([code]) => code));
    expect(Object.keys(CODES_ZH).filter((c) => !registered.has(c))).toEqual([]);
    expect(Object.keys(CODES_EN).filter((c) => !registered.has(c))).toEqual([]);
  });

  it('names every entity of not_found in both languages', () => {
    for (const entity of [...new Set(Object.values(ENTITIES)), 'route']) {
      expect(ENTITIES_ZH[entity], entity).toBeTypeOf('string');
      expect(ENTITIES_EN[entity], entity).toBeTypeOf('string');
    }
  });

  it.each([
    ['not_found', { entity: 'account' }, '未找到账号（不存在或无权查看）', 'Account not found (or not visible to you)'],
    ['notice_period', { earliest: '2026-12-01', days: 30 }, '公告期未满（30 天），最早可于 2026-12-01 注销', 'The notice period (30 days) is not over: cancel on 2026-12-01 at the earliest'],
    ['handle_taken', { platform: 'weibo', handle: 'chunan' }, '该平台账号已登记：微博上已有与“chunan”相同或形近易混淆的账号', 'An account with the handle “chunan” (or a look-alike of it) is already registered on Weibo'],
    ['not_your_tier', { tier: 2, role: 'reviewer' }, '当前为第 2 级审批（审核人），您在该级没有审批权限', 'This is tier 2 (Reviewer): you have no approval role at this tier'],
    ['rate_limited', { retryAfterSeconds: 30 }, '请求过于频繁，请 30 秒后再试', 'Too many requests: try again in 30 s'],
  ])('%s %j is said by its template', (code, params, zh, en) => {
    expect(fillCode(code, params, 'zh-CN')).toBe(zh);
    expect(fillCode(code, params, 'en')).toBe(en);
    expect(translateCoded({ code, params, message: '服务器的句子 (the server sentence)' }, 'en')).toBe(en);
  });

  it('English does not depend on the wording of the Chinese message (a reworded sentence keeps its translation)', () => {
    expect(translateCoded({ code: 'publish_at_past', params: {}, message: '改写过的一句中文' }, 'en')).toBe('The publish time must be in the future');
    expect(translateCoded({ code: 'too_long', params: { max: 5 }, message: '某个新字段太长了' }, 'en')).toBe('At most 5 characters');
  });

  it('falls back to the server message for an unknown code or a missing param', () => {
    expect(translateCoded({ code: 'no_such_code', message: '新的规则 (a new rule)' }, 'en')).toBe('A new rule');
    expect(translateCoded({ code: 'no_such_code', message: '新的规则 (a new rule)' }, 'zh-CN')).toBe('新的规则');
    expect(translateCoded({ code: 'payload_too_large', params: {}, message: '请求体过大 (payload too large)' }, 'en')).toBe('Payload too large');
    expect(translateCoded({ code: 'not_found', params: { entity: 'something_new' }, message: '未找到 某物 (not found or not visible)' }, 'en')).toBe('Not found or not visible');
  });

  it('says the codes whose message is more specific by their message, the template when the message cannot be translated', () => {
    const forbidden = { code: 'forbidden', params: {}, message: '无权修改该账号 (not allowed to edit this account)' };
    expect(translateCoded(forbidden, 'en')).toBe('Not allowed to edit this account');
    expect(translateCoded(forbidden, 'zh-CN')).toBe('无权修改该账号');
    expect(translateCoded({ code: 'forbidden', params: {}, message: '一句没有英文的拒绝' }, 'en')).toBe('Not allowed');
    // A validation issue: the schema's message names the field.
    expect(translateCoded({ code: 'too_long', params: { max: 100 }, message: '账号名称不能超过 100 个字符' }, 'en')).toBe('Account name must be at most 100 characters');
  });

  it('translates an ApiError by the code and params of its body (writeError, errorMessage)', () => {
    const body = { error: { code: 'filing_before_change', params: { since: '2026-11-02' }, message: '备案日期不能早于开设或变更日期（2026-11-02）' } };
    const e = new ApiError(422, 'filing_before_change', body.error.message, [], body);
    expect(translateApiError(e, 'en')).toBe('The filing date must not be before the opening or change (2026-11-02)');
    setLocale('en');
    expect(errorMessage(e)).toBe('The filing date must not be before the opening or change (2026-11-02)');
    expect(writeError(e)).toContain('The filing date must not be before the opening or change (2026-11-02)');
    expect(joinIssues([{ code: 'too_long', params: { max: 5 }, message: '新字段太长' }])).toBe('At most 5 characters');
  });
});
