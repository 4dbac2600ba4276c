import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import type { ContentFinding, ScheduledPost } from '../lib/types';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import DraftEditor from './DraftEditor.svelte';

const accounts = [{ id: 'acc-1', name: '淳安人社', platform: 'wechat' }];
const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
const LOTTERY: ContentFinding[] = [
  { kind: 'off_mission', severity: 'ordinary', term: '抽奖', category: 'lottery_game', message: 'x' },
  { kind: 'off_mission', severity: 'ordinary', term: '限时优惠', category: 'advertising', message: 'x' },
];
const SEVERE: ContentFinding[] = [{ kind: 'wording', severity: 'severe', term: '台湾总统', suggestion: '台湾地区领导人', message: 'x' }];

const stored = (over: Partial<ScheduledPost> = {}): ScheduledPost =>
  ({
    id: 'p1',
    accountId: 'acc-1',
    regionCode: '330127',
    departmentId: 'dept-hrss',
    publishAt: `${tomorrow}T10:30:00+08:00`,
    title: '周末活动',
    body: '转发抽奖',
    category: 'news',
    status: 'draft',
    version: 1,
    createdBy: { sub: 'demo-hrss-editor', name: '王晓燕' },
    createdAt: '2026-11-27T08:00:00Z',
    updatedAt: '2026-11-27T08:00:00Z',
    reviewSteps: ['approver', 'approver'],
    round: 0,
    decisions: [],
    checks: [],
    attempts: 0,
    history: [],
    ...over,
  }) as unknown as ScheduledPost;

describe('DraftEditor (issue 15)', () => {
  let calls: { url: string; method: string; body: unknown }[];
  let answer: (url: string, method: string) => Response;
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.editor));
    calls = [];
    answer = () => jsonResponse(500, {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET';
        calls.push({ url, method, body: JSON.parse(String(init?.body ?? 'null')) });
        return answer(url, method);
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
    setLocale('zh-CN');
  });
  const writes = () => calls.filter((c) => !c.url.includes('/content/check'));

  async function fill(body = '转发抽奖赢大奖') {
    await fireEvent.input(screen.getByLabelText('发布日期'), { target: { value: tomorrow } });
    await fireEvent.input(screen.getByLabelText('发布时间（北京时间）'), { target: { value: '10:30' } });
    await fireEvent.input(screen.getByLabelText('标题'), { target: { value: '周末活动' } });
    await fireEvent.input(screen.getByLabelText('正文'), { target: { value: body } });
  }

  it('shows the terms behind a service decision as its basis and off-mission terms as warnings, all in words', async () => {
    answer = (url) =>
      url.includes('/content/check')
        ? jsonResponse(200, { category: 'service', reasons: [{ term: 'APP', category: 'service' }, { term: '下载', category: 'lottery_game' }], wording: [] })
        : jsonResponse(500, {});
    render(DraftEditor, { props: { accounts, onsaved: () => {}, oncancel: () => {} } });
    await fill('下载APP办理社保');
    await waitFor(() => expect(screen.getByText('识别依据：「APP」（办事服务）')).toBeTruthy(), { timeout: 3000 });
    const warning = screen.getByText('偏离职能：「下载」（抽奖游戏）');
    expect(warning.className).toContain('grade-fail');
    expect(screen.getByText('识别依据：「APP」（办事服务）').className).not.toContain('grade-fail');
    expect(document.body.textContent).not.toMatch(/\b(service|lottery_game)\b/);
  });

  it('after saving a draft with warnings, submitting needs the explicit confirmation and sends it', async () => {
    answer = (url, method) => {
      if (url.includes('/content/check')) return jsonResponse(200, { category: 'off_mission', reasons: [], wording: [] });
      if (url.endsWith('/scheduled-posts') && method === 'POST') return jsonResponse(201, stored({ checks: LOTTERY }));
      if (url.endsWith('/submit')) return jsonResponse(200, stored({ status: 'in_review', version: 2, checks: LOTTERY }));
      return jsonResponse(500, {});
    };
    const onsaved = vi.fn();
    render(DraftEditor, { props: { accounts, onsaved, oncancel: () => {} } });
    await fill();
    await fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    // The draft is saved and its findings shown; nothing is submitted yet.
    await waitFor(() => expect(screen.getByTestId('stored-findings')).toBeTruthy());
    expect(writes().map((c) => c.method + ' ' + c.url.replace(/^.*\/scheduled-posts/, '/scheduled-posts'))).toEqual(['POST /scheduled-posts']);
    expect([...screen.getByTestId('stored-findings').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '偏离职能：「抽奖」（抽奖游戏）',
      '偏离职能：「限时优惠」（商业广告）',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    expect(screen.getByText('请先勾选确认已阅读检查提示')).toBeTruthy();
    expect(writes()).toHaveLength(1);
    await fireEvent.click(screen.getByLabelText('我已阅读以上 2 条检查提示，确认仍要提交审核'));
    await fireEvent.click(screen.getByRole('button', { name: '提交审核' }));
    await waitFor(() => expect(onsaved).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'in_review' }), true));
    expect(writes().at(-1)).toMatchObject({ method: 'POST', body: { version: 1, acknowledgeFindings: true } });
  });

  it('a severe wording error blocks submission in the form and after saving', async () => {
    answer = (url, method) => {
      if (url.includes('/content/check')) return jsonResponse(200, { category: 'news', reasons: [], wording: [{ error: '台湾总统', suggestion: '台湾地区领导人', severity: 'severe', start: 0, end: 4 }] });
      if (method === 'POST') return jsonResponse(201, stored({ checks: SEVERE }));
      return jsonResponse(500, {});
    };
    render(DraftEditor, { props: { accounts, onsaved: () => {}, oncancel: () => {} } });
    await fill('台湾总统讲话');
    await waitFor(() => expect((screen.getByRole('button', { name: '提交审核' }) as HTMLButtonElement).disabled).toBe(true), { timeout: 3000 });
    await fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(screen.getByTestId('submit-blocked')).toBeTruthy());
    expect((screen.getByRole('button', { name: '提交审核' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('edits a returned post: the form starts from it and PATCHes only what changed, with the version', async () => {
    const returned = stored({ status: 'rejected', version: 4, body: '转发抽奖', checks: LOTTERY });
    answer = (url, method) => {
      if (url.includes('/content/check')) return jsonResponse(200, { category: 'news', reasons: [], wording: [] });
      if (method === 'PATCH') return jsonResponse(200, { ...returned, status: 'draft', version: 5, body: '本周社保服务安排', checks: [] });
      return jsonResponse(500, {});
    };
    const onsaved = vi.fn();
    render(DraftEditor, { props: { accounts, post: returned, onsaved, oncancel: () => {} } });
    expect((screen.getByLabelText('标题') as HTMLInputElement).value).toBe('周末活动');
    expect((screen.getByLabelText('发布时间（北京时间）') as HTMLInputElement).value).toBe('10:30');
    expect((screen.getByLabelText('发布账号') as HTMLSelectElement).disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('正文'), { target: { value: '本周社保服务安排' } });
    await fireEvent.click(screen.getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(expect.objectContaining({ version: 5 }), false));
    expect(writes()).toEqual([{ url: expect.stringMatching(/\/scheduled-posts\/p1$/), method: 'PATCH', body: { version: 4, body: '本周社保服务安排' } }]);
  });
});
