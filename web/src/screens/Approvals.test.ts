import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetData } from '../lib/data.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import Approvals from './Approvals.svelte';

function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.x`;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const base = {
  regionCode: '330127',
  departmentId: 'dept-market',
  reason: '清理整合（同一单位同一平台）：并入「淳安县市场监管」',
  status: 'pending',
  requestedAt: '2026-11-27T08:00:00Z',
  tiers: ['approver', 'reviewer'],
  rules: { noticePeriodDays: 30, filingWorkingDays: 5 },
  history: [],
  updatedAt: '2026-11-27T08:00:00Z',
};
/** Tier 1 approved: waiting for the reviewer. */
const mine = {
  ...base,
  id: 'c1',
  accountId: 'a1',
  version: 2,
  requestedBy: { sub: 'demo-office', name: '李敏' },
  account: { name: '淳安市场监督管理', platform: 'wechat', handle: 'm' },
  decisions: [{ tier: 0, role: 'approver', by: { sub: 'demo-market-approver', name: '汪俊杰' }, at: '2026-11-27T09:00:00Z', decision: 'approve', note: '同意整合' }],
};
/** Still at tier 1 (the department's approver). */
const notMine = { ...base, id: 'c2', accountId: 'a2', version: 1, requestedBy: { sub: 'demo-office', name: '李敏' }, account: { name: '淳安交警', platform: 'douyin', handle: 'j' }, decisions: [] };

describe('Approvals inbox (reviewer)', () => {
  let decisions: Response[];
  let posted: unknown[];
  beforeEach(() => {
    sessionStorage.clear();
    resetData();
    signIn(fakeJwt({ sub: 'demo-reviewer', name: '周建国', 'cognito:groups': ['reviewer'], 'custom:region': '330127' }));
    decisions = [];
    posted = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return decisions.shift() ?? json(500, {});
        }
        if (url.startsWith('/api/v1/closures?')) return json(200, { items: [notMine, mine], cursor: null });
        return json(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('puts my tier first with the buttons, and explains why I cannot decide the others', async () => {
    render(Approvals);
    const cards = await screen.findAllByTestId('closure-card');
    expect(cards.map((c) => c.dataset.account)).toEqual(['淳安市场监督管理', '淳安交警']);
    expect(within(cards[0]!).getByText('轮到您审批')).toBeTruthy();
    expect(within(cards[0]!).getByRole('button', { name: '同意' })).toBeTruthy();
    expect(cards[0]!.textContent).toContain('“同意整合”');
    expect(within(cards[1]!).queryByRole('button', { name: '同意' })).toBeNull();
    expect(cards[1]!.textContent).toContain('等待单位审批人审批。');
    expect(screen.getByText('共 2 份待审批，其中 1 份轮到您。')).toBeTruthy();
  });

  it('shows 403 self_approval and 409 stale_version in plain words', async () => {
    render(Approvals);
    const card = (await screen.findAllByTestId('closure-card'))[0]!;
    decisions.push(json(403, { error: { code: 'self_approval', message: '不能审批本人提交的申请 (the requester may not decide on their own request)' } }));
    await fireEvent.click(within(card).getByRole('button', { name: '同意' }));
    // Approving a closure asks first, with the account's grade and flags (issue 15).
    expect(posted).toHaveLength(0);
    expect(within(card).getByTestId('closure-confirm').textContent).toContain('确认同意关停「淳安市场监督管理」');
    await fireEvent.click(within(card).getByRole('button', { name: '确认同意关停' }));
    await waitFor(() => expect(within(card).getByRole('alert').textContent).toBe('不能审批本人提交的申请（self_approval）。'));
    expect(posted[0]).toEqual({ decision: 'approve', version: 2 });

    decisions.push(json(409, { error: { code: 'stale_version', message: 'stale' } }));
    await fireEvent.click(within(card).getByRole('button', { name: '同意' }));
    await fireEvent.click(within(card).getByRole('button', { name: '确认同意关停' }));
    await screen.findByText('该申请已被他人处理或已更新（版本已变化），列表已刷新，请核对后再审批。');
  });
});

describe('Approvals inbox: openings and duplicate exceptions', () => {
  const request = (over: Record<string, unknown>) => ({
    regionCode: '330127',
    departmentId: 'dept-market',
    status: 'pending',
    requestedAt: '2026-11-27T08:00:00Z',
    history: [],
    updatedAt: '2026-11-27T08:00:00Z',
    ...over,
  });
  const opening = request({ id: 'r1', kind: 'opening', accountId: 'a3', version: 1, reason: '新设政务服务号', requestedBy: { sub: 'demo-market-editor', name: '刘洋' }, tiers: ['reviewer'], decisions: [] });
  const exception = request({ id: 'r2', kind: 'duplicate_exception', accountId: 'a4', version: 1, reason: '面向企业的专门服务号', requestedBy: { sub: 'demo-office', name: '李敏' }, tiers: ['approver', 'reviewer'], decisions: [] });
  let answers: Response[];
  let posted: { url: string; body: unknown }[];
  let listed: string[];
  beforeEach(() => {
    sessionStorage.clear();
    resetData();
    signIn(fakeJwt({ sub: 'demo-reviewer', name: '周建国', 'cognito:groups': ['reviewer'], 'custom:region': '330127' }));
    answers = [];
    posted = [];
    listed = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push({ url, body: JSON.parse(String(init.body)) });
          return answers.shift() ?? json(500, {});
        }
        if (url.startsWith('/api/v1/approval-requests?')) {
          listed.push(url);
          return json(200, { items: [exception, opening], cursor: null });
        }
        if (url.startsWith('/api/v1/accounts?'))
          return json(200, {
            items: [
              { id: 'a3', name: '淳安市场监管服务', platform: 'douyin', handle: 'x', departmentId: 'dept-market', regionCode: '330127', status: 'opening_pending', flags: [] },
              { id: 'a4', name: '淳安市场监管企业服务', platform: 'wechat', handle: 'y', departmentId: 'dept-market', regionCode: '330127', status: 'active', flags: [] },
            ],
            cursor: null,
          });
        return json(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('lists pending requests of the region, mine first, with kind, reason and tiers', async () => {
    render(Approvals);
    await fireEvent.click(screen.getByRole('tab', { name: '开设与例外审批' }));
    const cards = await screen.findAllByTestId('request-card');
    expect(listed[0]).toContain('status=pending');
    expect(listed[0]).toContain('region=330127');
    expect(cards.map((c) => c.dataset.kind)).toEqual(['opening', 'duplicate_exception']);
    await waitFor(() => expect(cards[0]!.dataset.account).toBe('淳安市场监管服务'));
    expect(within(cards[0]!).getByText('开设审批')).toBeTruthy();
    expect(cards[0]!.textContent).toContain('新设政务服务号');
    expect(within(cards[0]!).getByRole('button', { name: '同意' })).toBeTruthy();
    expect(within(cards[1]!).getByText('例外保留')).toBeTruthy();
    expect(within(cards[1]!).queryByRole('button', { name: '同意' })).toBeNull();
    expect(cards[1]!.textContent).toContain('等待单位审批人审批。');
    expect(screen.getByText('共 2 份待审批，其中 1 份轮到您。')).toBeTruthy();
  });

  it('decides with {decision, note, version}; 403 and 409 get their own messages', async () => {
    render(Approvals);
    await fireEvent.click(screen.getByRole('tab', { name: '开设与例外审批' }));
    const card = (await screen.findAllByTestId('request-card'))[0]!;
    await fireEvent.input(within(card).getByLabelText('审批意见'), { target: { value: '同意开设' } });
    answers.push(json(403, { error: { code: 'self_approval', message: '不能审批本人提交的申请' } }));
    await fireEvent.click(within(card).getByRole('button', { name: '同意' }));
    await waitFor(() => expect(within(card).getByRole('alert').textContent).toBe('不能审批本人提交的申请（self_approval）。'));
    expect(posted[0]).toEqual({ url: '/api/v1/approval-requests/r1/decisions', body: { decision: 'approve', note: '同意开设', version: 1 } });

    answers.push(json(409, { error: { code: 'illegal_transition', message: 'x' } }));
    await fireEvent.click(within(card).getByRole('button', { name: '同意' }));
    await screen.findByText('该申请已审结，不能再审批，列表已刷新。');

    const fresh = (await screen.findAllByTestId('request-card'))[0]!;
    answers.push(json(200, { ...opening, status: 'approved', version: 2, decisions: [{ tier: 0, role: 'reviewer', by: { sub: 'demo-reviewer', name: '周建国' }, at: '2026-11-27T09:00:00Z', decision: 'approve' }] }));
    await fireEvent.click(within(fresh).getByRole('button', { name: '同意' }));
    await screen.findByText('已同意「淳安市场监管服务」的开设申请，账号已转为正常运行。');
  });
});
