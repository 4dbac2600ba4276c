import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from '../lib/session.svelte';
import type { RectificationItem } from '../lib/types';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import RectificationItemCard from './RectificationItemCard.svelte';

const editor = { sub: 'demo-hrss-editor', name: '王晓燕' };
const problems: RectificationItem['problems'] = [
  {
    kind: 'veto',
    code: 'no_update',
    evidence: { checkDate: '2026-11-20', threshold: { windowDays: 14 }, latestPost: { date: '2026-10-01', externalId: 'p9' }, daysSinceLatestPost: 50 },
  },
  {
    kind: 'deduction',
    code: 'cadence',
    points: 4,
    evidence: { from: '2026-10-21', to: '2026-11-19', posts: 0, missing: 4, uncappedPoints: 4, threshold: { windowDays: 30, minPosts: 4, pointsPerMissingPost: 1 } },
  },
];

function makeItem(over: Partial<RectificationItem> = {}): RectificationItem {
  return {
    id: 'it1',
    rectificationId: 'r1',
    regionCode: '330127',
    accountId: 'acc-1',
    departmentId: 'dept-hrss',
    account: { name: '淳安人社', platform: 'weibo', handle: 'chunanrs' },
    departmentName: '淳安县人力资源和社会保障局',
    problems,
    stage: 'open',
    status: 'open',
    dueDate: '2026-12-04',
    history: [{ at: '2026-11-20T02:00:00Z', by: { sub: 'demo-office', name: '李敏' }, action: 'issue', from: null, to: 'open' }],
    version: 1,
    updatedAt: '2026-11-20T02:00:00Z',
    ...over,
  };
}
const responded = makeItem({
  stage: 'responded',
  status: 'responded',
  version: 2,
  response: { measures: '已恢复更新，明确专人负责。', evidenceUrls: ['https://weibo.com/chunanrs/1'], by: editor, at: '2026-11-25T02:00:00Z', late: false },
});

describe('RectificationItemCard', () => {
  let answers: Response[];
  let posted: { url: string; body: unknown }[];
  beforeEach(() => {
    sessionStorage.clear();
    answers = [];
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        posted.push({ url, body: JSON.parse(String(init?.body ?? 'null')) });
        return answers.shift() ?? jsonResponse(500, {});
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('says the inspected problems in words, not codes', () => {
    signIn(fakeJwt(USERS.office));
    render(RectificationItemCard, { rectificationId: 'r1', item: makeItem() });
    const card = screen.getByTestId('rect-item');
    expect(card.textContent).toContain('单项否决：内容不更新');
    expect(card.textContent).toContain('最近一条发布于 2026-10-01（编号 p9），已 50 天未更新');
    expect(card.textContent).toContain('扣分：更新频率');
    expect(card.textContent).toContain('发布 0 条，要求至少 4 条，缺 4 条');
    expect(card.textContent).not.toMatch(/no_update|cadence/);
  });

  it('the department answers with measures and evidence links', async () => {
    signIn(fakeJwt(USERS.editor));
    const onupdated = vi.fn();
    render(RectificationItemCard, { rectificationId: 'r1', item: makeItem(), onupdated });
    await fireEvent.input(screen.getByLabelText('整改措施'), { target: { value: '已恢复更新，明确专人负责。' } });
    await fireEvent.input(screen.getByLabelText('佐证链接（可选）'), { target: { value: 'https://weibo.com/chunanrs/1\nhttps://weibo.com/chunanrs/2' } });
    answers.push(jsonResponse(200, { ...responded, response: { ...responded.response!, evidenceUrls: ['https://weibo.com/chunanrs/1', 'https://weibo.com/chunanrs/2'] } }));
    await fireEvent.click(screen.getByRole('button', { name: '提交反馈' }));
    await waitFor(() => expect(onupdated).toHaveBeenCalledOnce());
    expect(posted).toEqual([
      {
        url: '/api/v1/rectifications/r1/items/it1/response',
        body: { measures: '已恢复更新，明确专人负责。', evidenceUrls: ['https://weibo.com/chunanrs/1', 'https://weibo.com/chunanrs/2'], version: 1 },
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('已提交反馈，等待管理部门复查。');
  });

  it('the answer form refuses empty measures and a link that is not a URL before sending', async () => {
    signIn(fakeJwt(USERS.editor));
    render(RectificationItemCard, { rectificationId: 'r1', item: makeItem() });
    await fireEvent.input(screen.getByLabelText('佐证链接（可选）'), { target: { value: 'weibo.com/x' } });
    await fireEvent.click(screen.getByRole('button', { name: '提交反馈' }));
    expect(screen.getByLabelText('整改措施').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('佐证链接（可选）').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toHaveLength(0);
  });

  it('shows the answer with its evidence links, and no review form to the department', () => {
    signIn(fakeJwt(USERS.editor));
    render(RectificationItemCard, { rectificationId: 'r1', item: responded });
    expect(screen.getByText('已恢复更新，明确专人负责。')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'https://weibo.com/chunanrs/1' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.queryByRole('button', { name: '复查通过' })).toBeNull();
    expect(screen.queryByRole('button', { name: '提交反馈' })).toBeNull();
  });

  it('a still_failing re-check is said in plain words, with the way to the current grade', async () => {
    signIn(fakeJwt(USERS.office));
    render(RectificationItemCard, { rectificationId: 'r1', item: responded });
    answers.push(jsonResponse(422, { error: { code: 'still_failing', message: '复查（2026-11-27）该账号仍不合格（no_update, cadence -4），不能通过 (the account still fails the re-check)' } }));
    await fireEvent.click(screen.getByRole('button', { name: '复查通过' }));
    const alert = await screen.findByTestId('rect-error');
    expect(alert.textContent).toContain('复查未通过：该账号按今天的数据重新评分仍不合格，不能验收。');
    expect(alert.textContent).not.toContain('no_update');
    expect(within(alert).getByRole('link', { name: '查看该账号当前评分' }).getAttribute('href')).toBe('#/accounts/acc-1');
    expect(posted[0]).toEqual({ url: '/api/v1/rectifications/r1/items/it1/review', body: { decision: 'accept', version: 2 } });
  });

  it('after a review the re-check grade stands beside the original problems', async () => {
    signIn(fakeJwt(USERS.office));
    const { rerender } = render(RectificationItemCard, { rectificationId: 'r1', item: responded });
    const recheck = { checkDate: '2026-11-27', verdict: 'fail' as const, score: 88, vetoes: [], deductions: [{ code: 'cadence', points: 2 }] };
    const reopened = makeItem({ version: 3, recheck, response: responded.response, history: [...responded.history, { at: '2026-11-27T02:00:00Z', by: { sub: 'demo-office', name: '李敏' }, action: 'reopen', from: 'responded', to: 'open', note: '更新仍不足', recheck }] });
    answers.push(jsonResponse(200, reopened));
    await fireEvent.input(screen.getByLabelText('复查意见（可选）'), { target: { value: '更新仍不足' } });
    await fireEvent.click(screen.getByRole('button', { name: '退回整改' }));
    await screen.findByText('已退回整改，单位需重新反馈。');
    expect(posted[0]!.body).toEqual({ decision: 'reopen', note: '更新仍不足', version: 2 });

    await rerender({ rectificationId: 'r1', item: reopened });
    const re = screen.getByTestId('recheck');
    expect(within(re).getByRole('heading', { name: '复查结果（2026-11-27）' })).toBeTruthy();
    expect(re.textContent).toContain('不合格');
    expect(re.textContent).toContain('88 分');
    expect(re.textContent).toContain('扣分：更新频率−2');
    expect(re.parentElement!.classList.contains('rect-compare-2')).toBe(true);
    expect(within(re.parentElement!).getByRole('heading', { name: '检查发现的问题' })).toBeTruthy();
  });

  it('the person who answered cannot re-check their own answer', () => {
    signIn(fakeJwt({ ...USERS.office, sub: editor.sub }));
    render(RectificationItemCard, { rectificationId: 'r1', item: responded });
    expect(screen.queryByRole('button', { name: '复查通过' })).toBeNull();
    expect(screen.getByText('这条反馈是您提交的，须由其他人复查。')).toBeTruthy();
  });
});
