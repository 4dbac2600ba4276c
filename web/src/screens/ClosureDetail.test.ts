import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDomainMessages, setLocale } from '../i18n/i18n.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import ClosureDetail from './ClosureDetail.svelte';

function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.x`;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const by = { sub: 'demo-office', name: '李敏' };
const announcing = {
  id: 'c1',
  accountId: 'a1',
  regionCode: '330127',
  departmentId: 'dept-market',
  reason: '清理整合',
  successorAccountId: 'a0',
  status: 'announcing',
  version: 4,
  requestedBy: by,
  requestedAt: '2026-11-27T08:00:00Z',
  tiers: ['approver', 'reviewer'],
  decisions: [
    { tier: 0, role: 'approver', by: { sub: 'm', name: '汪俊杰' }, at: '2026-11-27T09:00:00Z', decision: 'approve', note: '同意整合' },
    { tier: 1, role: 'reviewer', by: { sub: 'r', name: '周建国' }, at: '2026-11-27T10:00:00Z', decision: 'approve' },
  ],
  rules: { noticePeriodDays: 30, filingWorkingDays: 5 },
  account: { name: '淳安市场监督管理', platform: 'wechat', handle: 'chunanscjdgl' },
  successor: { name: '淳安县市场监管', platform: 'wechat', handle: 'chunanscjg' },
  departmentName: '淳安县市场监督管理局',
  noticeDraft: '关于微信公众号“淳安市场监督管理”停止更新的公告（草稿）',
  notice: { publishedAt: '2026-11-27T10:30:00+08:00', url: 'https://mp.weixin.qq.com/s/n', draftText: '关于微信公众号“淳安市场监督管理”停止更新的公告', earliestCancellationDate: '2026-12-27' },
  history: [
    { at: '2026-11-27T08:00:00Z', by, action: 'create', from: null, to: 'pending' },
    { at: '2026-11-27T09:00:00Z', by: { sub: 'm', name: '汪俊杰' }, action: 'approve', from: 'pending', to: 'pending', tier: 0, note: '同意整合' },
    { at: '2026-11-27T10:00:00Z', by: { sub: 'r', name: '周建国' }, action: 'approve', from: 'pending', to: 'approved', tier: 1 },
    { at: '2026-11-27T10:40:00Z', by, action: 'notice', from: 'approved', to: 'announcing' },
  ],
  updatedAt: '2026-11-27T10:40:00Z',
};

describe('ClosureDetail', () => {
  let answers: Response[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt({ sub: 'demo-office', name: '李敏', 'cognito:groups': ['office'], 'custom:region': '330127' }));
    answers = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => (init?.method === 'POST' ? (answers.shift() ?? json(500, {})) : json(200, announcing))),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('shows the whole timeline and the notice text, and the notice-period refusal with the earliest date', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await screen.findByRole('heading', { name: '关停申请：淳安市场监督管理', level: 1 });
    const history = document.querySelector('.timeline')!.textContent!;
    for (const s of ['提出关停申请', '第 1 级审批（单位审批人）', '“同意整合”', '第 2 级审批（审核人）', '登记停更公告']) expect(history).toContain(s);
    expect((screen.getByTestId('notice-draft') as HTMLTextAreaElement).value).toBe('关于微信公众号“淳安市场监督管理”停止更新的公告');
    expect(screen.getByText('公告期 30 天，最早可于 2026-12-27 注销。')).toBeTruthy();

    answers.push(json(422, { error: { code: 'notice_period', message: '公告期未满：停更公告于2026年11月27日发布，公告期 30 天，最早可于2026年12月27日注销 (notice period not over until 2026-12-27)' } }));
    const date = screen.getByLabelText('平台注销日期') as HTMLInputElement;
    date.value = '2026-12-01';
    await fireEvent.input(date);
    await fireEvent.click(screen.getByRole('button', { name: '确认平台已注销' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('公告期未满');
    expect(alert.textContent).toContain('最早可于 2026-12-27 确认注销。');

    // After a late filing the result says so.
    answers.push(json(200, { ...announcing, status: 'closed', version: 5, platformCancelledAt: '2026-12-28', filingDueBy: '2027-01-04' }));
    date.value = '2026-12-28';
    await fireEvent.input(date);
    await fireEvent.click(screen.getByRole('button', { name: '确认平台已注销' }));
    await screen.findByText('已确认平台注销，请在时限内备案。');
    answers.push(json(200, { ...announcing, status: 'filed', version: 6, platformCancelledAt: '2026-12-28', filedAt: '2027-01-08', filing: { overdue: true, workingDays: 8 } }));
    await fireEvent.click(screen.getByRole('button', { name: '登记备案' }));
    await waitFor(() => expect(screen.getByText('逾期备案（第 8 个工作日，时限 5 个工作日）')).toBeTruthy());
    expect(screen.getByTestId('closure-status').textContent).toBe('已备案');
  });

  it('says a server refusal by its code and params, not by the server’s sentence (issue 11)', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await screen.findByRole('heading', { name: '关停申请：淳安市场监督管理', level: 1 });
    answers.push(json(422, { error: { code: 'notice_period', params: { earliest: '2026-12-27', days: 30 }, message: '一句改写过的服务器中文' } }));
    const date = screen.getByLabelText('平台注销日期') as HTMLInputElement;
    date.value = '2026-12-01';
    await fireEvent.input(date);
    await fireEvent.click(screen.getByRole('button', { name: '确认平台已注销' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('公告期未满（30 天），最早可于 2026-12-27 注销');
    expect(alert.textContent).not.toContain('改写');
  });

  it('in English, says a server refusal and a field issue of the API in English (issue 11)', async () => {
    await loadDomainMessages();
    setLocale('en');
    try {
      render(ClosureDetail, { params: { id: 'c1' } });
      await screen.findByRole('heading', { level: 1 });
      answers.push(json(422, { error: { code: 'notice_period', params: { earliest: '2026-12-27', days: 30 }, message: '公告期未满：最早可于2026年12月27日注销' } }));
      const date = screen.getByLabelText('Cancelled on') as HTMLInputElement;
      date.value = '2026-12-01';
      await fireEvent.input(date);
      await fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
      let alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('The notice period (30 days) is not over: cancel on 2026-12-27 at the earliest');

      answers.push(
        json(400, {
          error: {
            code: 'invalid_input',
            params: {},
            message: '输入不合法 (invalid input)',
            issues: [{ path: 'platformCancelledAt', code: 'date_or_instant', params: {}, message: '平台注销时间须为日期 YYYY-MM-DD 或带时区的时间，如 2026-11-27T08:00:00+08:00' }],
          },
        }),
      );
      await fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Platform cancellation date must be a date (YYYY-MM-DD) or a time with a time zone'));
      alert = screen.getByRole('alert');
      expect(alert.textContent).not.toMatch(/\p{Script=Han}/u);
    } finally {
      setLocale('zh-CN');
    }
  });

  it('shows no 「审批中 → 审批中」 for a tier approval inside one status (issue 15)', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await screen.findByRole('heading', { name: '关停申请：淳安市场监督管理', level: 1 });
    const changes = screen.getAllByTestId('status-change').map((e) => e.textContent);
    expect(changes).toHaveLength(3);
    for (const text of changes) expect(text).not.toMatch(/^(.+) → \1$/);
  });

  it('names the successor with platform and handle, unmistakable beside a closed account of the same name (issue 15)', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await screen.findByRole('heading', { name: '关停申请：淳安市场监督管理', level: 1 });
    expect(screen.getByTestId('successor').textContent).toBe('淳安县市场监管（微信公众号 @chunanscjg）');
  });
});

describe('ClosureDetail approval (issue 15: it was one click)', () => {
  const pending = { ...announcing, status: 'pending', version: 1, decisions: [], notice: undefined, noticeDraft: undefined, history: [announcing.history[0]] };
  const account = { id: 'a1', name: '淳安市场监督管理', platform: 'wechat', handle: 'chunanscjdgl', regionCode: '330127', departmentId: 'dept-market', status: 'active', flags: [{ type: 'no_update', since: '2026-10-01', evidence: {} }], latestGrade: { verdict: 'fail', score: 0, vetoed: true, checkDate: '2026-11-20', profile: 'national' } };
  let posts: unknown[];
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt({ sub: 'demo-approver', name: '汪俊杰', 'cognito:groups': ['approver'], 'custom:region': '330127', 'custom:department': 'dept-market' }));
    posts = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posts.push(JSON.parse(String(init.body)));
          return json(200, { ...pending, version: 2, decisions: [{ tier: 0, role: 'approver', by: { sub: 'demo-approver', name: '汪俊杰' }, at: '2026-11-28T09:00:00Z', decision: 'approve' }] });
        }
        return json(200, String(url).includes('/accounts/') ? account : pending);
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('asks first, showing the account’s latest grade and flags, and sends nothing until confirmed', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await fireEvent.click(await screen.findByRole('button', { name: '同意' }));
    const confirm = await screen.findByTestId('closure-confirm');
    expect(confirm.textContent).toContain('确认同意关停「淳安市场监督管理」');
    await waitFor(() => expect(screen.getByTestId('closure-confirm-grade').textContent).toContain('2026-11-20'));
    expect(posts).toEqual([]);
    await fireEvent.click(screen.getByRole('button', { name: '确认同意关停' }));
    await waitFor(() => expect(posts).toEqual([{ decision: 'approve', version: 1 }]));
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    render(ClosureDetail, { params: { id: 'c1' } });
    await fireEvent.click(await screen.findByRole('button', { name: '同意' }));
    await fireEvent.click(within(await screen.findByTestId('closure-confirm')).getByRole('button', { name: '取消' }));
    expect(screen.queryByTestId('closure-confirm')).toBeNull();
    expect(posts).toEqual([]);
  });
});
