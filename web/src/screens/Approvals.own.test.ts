import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetData } from '../lib/data.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse } from '../test-fixtures';
import Approvals from './Approvals.svelte';

/** Issue 15: an office's own closure request is not in 待我审批 (it waits for others); the successor is unmistakable. */
const closure = (id: string, sub: string, name: string) => ({
  id,
  accountId: `acc-${id}`,
  regionCode: '330127',
  departmentId: 'dept-hrss',
  reason: '清理整合',
  status: 'pending',
  version: 1,
  requestedAt: '2026-11-27T08:00:00Z',
  requestedBy: { sub, name },
  tiers: ['office'],
  decisions: [],
  rules: { noticePeriodDays: 30, filingWorkingDays: 5 },
  account: { name: '淳安人社', platform: 'weibo', handle: 'chunanrs_old' },
  successorAccountId: 'acc-keep',
  successor: { name: '淳安人社', platform: 'wechat', handle: 'chunanrs' },
  history: [],
  updatedAt: '2026-11-27T08:00:00Z',
});

describe('Approvals: own requests', () => {
  beforeEach(() => {
    sessionStorage.clear();
    resetData();
    signIn(fakeJwt({ sub: 'demo-office', name: '李敏', 'cognito:groups': ['office'], 'custom:region': '330127' }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.startsWith('/api/v1/closures?') ? jsonResponse(200, { items: [closure('mine', 'demo-office', '李敏'), closure('theirs', 'demo-hrss-editor', '王晓燕')], cursor: null }) : jsonResponse(200, { items: [], cursor: null }),
      ),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('leaves my own request out of the list and says so', async () => {
    render(Approvals);
    const cards = await screen.findAllByTestId('closure-card');
    expect(cards).toHaveLength(1);
    expect(document.body.textContent).not.toContain('不能审批自己提交的申请');
    expect(screen.getByTestId('own-hidden').textContent).toBe('另有 1 项是您本人提交的，等待其他人审批，不在此列出。');
  });

  it('names the successor with platform and handle', async () => {
    render(Approvals);
    await screen.findAllByTestId('closure-card');
    expect(screen.getByTestId('successor').textContent).toBe('淳安人社（微信公众号 @chunanrs）');
  });
});

describe('Approvals: approving a closure asks first (issue 15)', () => {
  let posted: unknown[];
  beforeEach(() => {
    sessionStorage.clear();
    resetData();
    posted = [];
    signIn(fakeJwt({ sub: 'demo-office', name: '李敏', 'cognito:groups': ['office'], 'custom:region': '330127' }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return jsonResponse(200, { ...closure('theirs', 'demo-hrss-editor', '王晓燕'), status: 'approved', version: 2 });
        }
        if (url.startsWith('/api/v1/closures?')) return jsonResponse(200, { items: [closure('theirs', 'demo-hrss-editor', '王晓燕')], cursor: null });
        if (url.startsWith('/api/v1/accounts'))
          return jsonResponse(200, {
            items: [{ id: 'acc-theirs', name: '淳安人社', platform: 'weibo', handle: 'chunanrs_old', departmentId: 'dept-hrss', regionCode: '330127', status: 'closure_pending', flags: [{ type: 'zombie', since: '2026-06-01', evidence: {} }], latestGrade: { checkDate: '2026-11-20', profile: 'national', profileVersion: 1, verdict: 'fail', score: null, band: 'fail' } }],
            cursor: null,
          });
        return jsonResponse(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('shows the grade and flags, and approves only on confirmation', async () => {
    render(Approvals);
    const card = (await screen.findAllByTestId('closure-card'))[0]!;
    await fireEvent.click(within(card).getByRole('button', { name: '同意' }));
    expect(posted).toHaveLength(0);
    await waitFor(() => expect(within(card).getByTestId('closure-confirm-grade').textContent).toBe('不合格 否决 · 2026-11-20'));
    await fireEvent.click(within(card).getByRole('button', { name: '确认同意关停' }));
    await waitFor(() => expect(posted).toEqual([{ decision: 'approve', version: 1 }]));
  });
});
