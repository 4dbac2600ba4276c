/**
 * Issue 11: the web app says every validation issue of the shared request schemas by its code,
 * its params and its field's label (shared/validation-issues.ts, domain.ts translateCoded), never
 * by matching the schema's Chinese sentence.
 */
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClosureComplete, ClosureCreate, ClosureFiling, ClosureNotice, ClosureQuery } from '../../../shared/closure/schemas';
import { AccountInput, AccountPatch, AccountQuery, DepartmentInput } from '../../../shared/registry/schemas';
import { CalendarQuery, ScheduledPostConfirm, ScheduledPostCreate, ScheduledPostDecision, ScheduledPostEdit } from '../../../shared/scheduling/schemas';
import { InspectionRequest } from '../../../shared/assessment/schemas';
import { ApprovalDecision, DuplicateExceptionCreate } from '../../../shared/approvals/schemas';
import { ItemClosureBody, ItemExtensionBody, ItemResponseBody, ItemReviewBody, RectificationCreate } from '../../../shared/supervision/schemas';
import { MetricsInput, PostBatch } from '../../../shared/activity/schemas';
import { ChannelsInput } from '../../../shared/notify/channels';
import { CREDENTIAL_INPUTS } from '../../../shared/connectors/credential-fields';
import { issuesOf, type CodedIssueOut } from '../../../shared/validation-issues';
import { validate } from '../lib/validation';
import { dm, translateCoded } from './domain';
import { domainMessages, loadDomainMessages, setLocale } from './i18n.svelte';

const HAN = /\p{Script=Han}/u;
const long = (n: number) => 'x'.repeat(n + 1);

function issues(schema: v.GenericSchema, inputs: unknown[]): CodedIssueOut[] {
  return inputs.flatMap((input) => {
    const r = v.safeParse(schema, input);
    return r.success ? [] : issuesOf(r.issues);
  });
}

const COVERED: [string, CodedIssueOut[]][] = [
  [
    'AccountInput',
    issues(AccountInput, [
      {},
      { platform: 'x', handle: 1, name: 2, departmentId: '!', url: 'ftp://x', verifiedSubject: 3, purpose: 4, interactionEnabled: 'y', contacts: 'x', openedAt: 'x', operator: 'x' },
      { handle: 'a b', name: long(100), departmentId: 3, url: 'not a url', verifiedSubject: long(100), purpose: long(500), contacts: [], serviceLinks: [{ label: '', url: 1 }], openedAt: '2026-02-30' },
      { handle: long(100), name: '', contacts: Array.from({ length: 11 }, () => ({ name: 1, phone: '1', email: 'x' })), serviceLinks: Array.from({ length: 31 }, () => ({ label: long(50), url: `https://x/${long(500)}` })) },
      { contacts: [{ name: '', phone: 5, email: long(100) }], url: 5 },
      { openedAt: '1960-01-01', filingNumber: '!', appFeatures: { checkIn: 'x' } },
    ]),
  ],
  ['AccountPatch', issues(AccountPatch, [{ version: 'x' }, { version: 1.5 }, { version: 0 }])],
  ['AccountQuery', issues(AccountQuery, [{ platform: 'x', status: 'x', flag: 'x', limit: 'abcd', region: 'x' }, { limit: '999' }, { region: 1 }])],
  ['DepartmentInput', issues(DepartmentInput, [{ name: '' }, { name: 1 }, { name: long(100), regionCode: '012345', level: 'x' }])],
  ['ClosureCreate', issues(ClosureCreate, [{ accountId: 1, reason: 1 }, { reason: '' }, { reason: long(500) }])],
  ['ClosureNotice', issues(ClosureNotice, [{ publishedAt: 'x', url: 'x' }, { publishedAt: 1 }, { publishedAt: '2026-02-30T08:00:00+08:00' }])],
  ['ClosureComplete', issues(ClosureComplete, [{ platformCancelledAt: 'x' }])],
  ['ClosureFiling', issues(ClosureFiling, [{ filedAt: 'x' }])],
  ['ClosureQuery', issues(ClosureQuery, [{ status: 'x' }])],
  ['ApprovalDecision', issues(ApprovalDecision, [{ decision: 'x', note: 1 }, { note: long(500) }])],
  ['DuplicateExceptionCreate', issues(DuplicateExceptionCreate, [{ reason: '' }, { reason: 1 }, { reason: long(500) }])],
  [
    'ScheduledPostCreate',
    issues(ScheduledPostCreate, [{ title: 1, body: 1, category: 'x', publishAt: 'x' }, { title: '', body: '' }, { title: long(200), body: long(20000) }, { publishAt: 1 }, { publishAt: '1960-01-01T08:00:00+08:00' }]),
  ],
  ['ScheduledPostEdit', issues(ScheduledPostEdit, [{ version: 1 }])],
  ['ScheduledPostDecision', issues(ScheduledPostDecision, [{ decision: 'reject', version: 1 }, { decision: 'x', note: 1 }, { note: long(1000) }])],
  ['ScheduledPostConfirm', issues(ScheduledPostConfirm, [{ url: 'x', platformPostId: 1 }, { platformPostId: ' ' }, { platformPostId: long(128) }])],
  ['CalendarQuery', issues(CalendarQuery, [{ department: 'd', from: '2026-02-01', to: '2026-01-01' }, { department: 'd', from: '2026-01-01', to: '2026-12-01' }])],
  ['InspectionRequest', issues(InspectionRequest, [{ regionCode: 'x', checkDate: 'x', profileVersion: 'x', sample: { ratio: 'x', seed: null } }, { sample: { ratio: 0 } }, { sample: { ratio: 2 } }, { profileVersion: 0.5 }])],
  ['RectificationCreate', issues(RectificationCreate, [{ inspectionId: '!', dueDate: 'x', note: '' }, { note: long(2000) }])],
  ['ItemResponseBody', issues(ItemResponseBody, [{ measures: '', evidenceUrls: 'x' }, { measures: long(4000), evidenceUrls: Array.from({ length: 21 }, () => 'https://x.cn'), version: 0 }])],
  ['ItemReviewBody', issues(ItemReviewBody, [{ decision: 'x', note: 1 }])],
  ['ItemExtensionBody', issues(ItemExtensionBody, [{ dueDate: '2026-02-30', note: '' }])],
  ['ItemClosureBody', issues(ItemClosureBody, [{ reason: long(1000), version: 'x' }])],
  ['PostBatch', issues(PostBatch, [{ posts: [] }, { posts: [{ externalId: '', publishedAt: 'x', title: 1, text: 1, isRepost: 'x' }] }])],
  ['MetricsInput', issues(MetricsInput, [{ at: 'x', followers: -1, messagesReceived: 1.5, messagesAnswered: 'x' }, { at: '2026-11-27T08:00:00+08:00', messagesReceived: 1, messagesAnswered: 2 }])],
  ['ChannelsInput', issues(ChannelsInput, [{ wecom: { webhookUrl: '' }, dingtalk: { webhookUrl: 1, secret: '!!' }, version: 0 }, { wecom: 'x' }])],
  ['WeChat credentials', issues(CREDENTIAL_INPUTS.wechat, [{ appId: '', appSecret: 1, author: long(32) }])],
  ['Weibo credentials', issues(CREDENTIAL_INPUTS.weibo, [{ accessToken: long(512), shareUrl: 'ftp://x' }])],
  ['Bilibili credentials', issues(CREDENTIAL_INPUTS.bilibili, [{ mid: 'abc' }, { mid: '' }])],
];

describe('validation issues said by code', () => {
  let patterns: typeof domainMessages.translate = null;
  beforeAll(async () => {
    await loadDomainMessages();
    // Without the pattern table of domain-en.ts: nothing here may depend on matching a sentence.
    patterns = domainMessages.translate;
    domainMessages.translate = () => undefined;
  });
  afterAll(() => {
    domainMessages.translate = patterns;
  });
  afterEach(() => setLocale('zh-CN'));

  it.each(COVERED)('%s: every issue has a code, and its English names the field with no Chinese left', (_schema, list) => {
    expect(list.length).toBeGreaterThan(0);
    for (const issue of list) {
      const english = translateCoded(issue, 'en');
      expect(english, `${issue.path} ${issue.code} (${issue.message})`).not.toMatch(HAN);
      expect(english).not.toBe('');
      if (process.env.SHOW_ISSUES) console.log(`${_schema} ${issue.path} ${issue.code} | ${issue.message} | ${english}`);
    }
  });

  it('says the field by its label and the params of the code, whatever the schema’s sentence', () => {
    const issue = { path: 'name', code: 'too_long', params: { max: 50 }, message: '随便怎么写的一句话' };
    expect(translateCoded(issue, 'en')).toBe('Name must be at most 50 characters');
    expect(translateCoded({ ...issue, message: '' }, 'zh-CN')).toBe('「名称」不能超过 50 个字');
    // A list position does not change the label.
    expect(translateCoded({ path: 'contacts.3.phone', code: 'phone_format', params: {}, message: '某句' }, 'en')).toBe(
      'Phone number is not valid (a mobile number, or a landline with its area code)',
    );
    // A form's scope names a field its own way (the account form's `name` is the account's name).
    expect(translateCoded({ ...issue, scope: 'account' }, 'en')).toBe('Account name must be at most 50 characters');
    // The server's `/contacts/0/name` form of a path too.
    expect(translateCoded({ path: '/contacts/0/name', code: 'required', params: {}, message: '' }, 'en')).toBe('Contact name must not be empty');
  });

  it('says an `invalid` issue (any other rule) by its own English gloss, else by the field', () => {
    const handle = { path: 'handle', code: 'invalid', params: {} };
    expect(translateCoded({ ...handle, message: '账号不能包含控制字符（第 3 个字符 U+0007）(control character U+0007 at 3)' }, 'en')).toBe('Control character U+0007 at 3');
    expect(translateCoded({ ...handle, message: '一条没有英文的规则' }, 'en')).toBe('Handle is not valid');
    expect(translateCoded({ ...handle, message: '一条没有英文的规则' }, 'zh-CN')).toBe('一条没有英文的规则');
  });

  it('gives a format rule more specific than any template its own code', () => {
    const codes = (schema: v.GenericSchema, input: unknown) => issues(schema, [input]).map((i) => `${i.path}:${i.code}`);
    expect(codes(AccountInput, { platform: 'weibo', handle: 'a b', name: 'n', departmentId: 'd', interactionEnabled: true, contacts: [{ name: 'x', phone: '123' }], openedAt: '2026-02-30' })).toEqual([
      'handle:handle_whitespace',
      'contacts.0.phone:phone_format',
      'openedAt:no_such_date',
    ]);
    expect(codes(DepartmentInput, { name: 'n', regionCode: '12' })).toEqual(['regionCode:region_code']);
    expect(codes(ClosureFiling, { filedAt: 'x' })).toEqual(['filedAt:date_or_instant']);
  });

  it('the forms show the schema’s issues by code: in English with the field label, in Chinese the schema’s own sentence', () => {
    const input = { platform: 'weibo', handle: 'chunan', name: long(100), departmentId: 'd', interactionEnabled: true, contacts: [{ name: '王敏', phone: '12345' }] };
    const checked = validate(AccountInput, input);
    const shown = () => Object.fromEntries(Object.entries(checked.ok ? {} : checked.errors).map(([path, e]) => [path, dm(e)]));
    setLocale('en');
    expect(shown()).toEqual({
      name: 'Name must be at most 100 characters',
      'contacts.0.phone': 'Phone number is not valid (a mobile number, or a landline with its area code)',
    });
    // The same errors follow a switch of language.
    setLocale('zh-CN');
    expect(shown()).toEqual({ name: '账号名称不能超过 100 个字符', 'contacts.0.phone': '电话格式不正确（手机号或带区号的座机）' });
  });
});
