import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, signOut } from '../lib/session.svelte';
import SignIn from './SignIn.svelte';

const USERS = [
  { sub: 'demo-office', name: '李敏', roles: ['office'], region: '330127', label: '县委宣传部网信办 · 管理人员' },
  { sub: 'demo-market-approver', name: '汪俊杰', roles: ['approver'], region: '330127', department: 'dept-market', departmentName: '淳安县市场监督管理局', label: '县市场监管局 · 审核负责人' },
];

/** An unsigned JWT with the given claims (the UI only reads claims; the API verifies). */
function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.x`;
}

describe('SignIn (local)', () => {
  let calls: { url: string; body?: unknown }[];
  beforeEach(() => {
    sessionStorage.clear();
    signOut();
    calls = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const body = init?.body ? JSON.parse(String(init.body)) : undefined;
        calls.push({ url, body });
        if (url.endsWith('/api/v1/dev/users')) return new Response(JSON.stringify({ items: USERS }), { headers: { 'Content-Type': 'application/json' } });
        if (url.endsWith('/api/v1/dev/token')) {
          const b = body as Record<string, unknown>;
          return new Response(JSON.stringify({ token: fakeJwt({ sub: b.sub, name: b.name, 'cognito:groups': b.roles, 'custom:region': b.region, 'custom:department': b.department }) }), {
            headers: { 'Content-Type': 'application/json' },
          });
        }
        return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/json' } });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
  });

  it('offers the seeded demo users with role and department, and signs in as one', async () => {
    render(SignIn);
    const market = await screen.findByRole('button', { name: /汪俊杰/ });
    expect(market.textContent).toContain('单位审批人');
    expect(market.textContent).toContain('淳安县市场监督管理局');
    expect(screen.getByRole('button', { name: /李敏/ }).textContent).toContain('全地区（330127）');
    // No directory token: the only calls are the user list and, on click, the token.
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/dev/users']);

    await fireEvent.click(market);
    await waitFor(() => expect(session.principal?.sub).toBe('demo-market-approver'));
    expect(calls[1]).toEqual({ url: '/api/v1/dev/token', body: { sub: 'demo-market-approver', name: '汪俊杰', roles: ['approver'], region: '330127', department: 'dept-market' } });
    expect(session.principal).toMatchObject({ roles: ['approver'], region: '330127', department: 'dept-market' });
  });

  it('keeps a custom identity as the secondary option (department from the demo users or typed)', async () => {
    render(SignIn);
    await screen.findByRole('button', { name: /汪俊杰/ });
    await fireEvent.click(screen.getByRole('tab', { name: '自定义身份' }));
    await fireEvent.click(screen.getByLabelText('单位审批人'));
    await fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(screen.getByText('运维人员和单位审批人须选择所属单位')).toBeTruthy();
    const dept = screen.getByLabelText('所属单位') as HTMLSelectElement;
    expect([...dept.options].map((o) => o.textContent)).toEqual(['请选择单位', '淳安县市场监督管理局', '其他单位（填写单位编号）']);
    dept.value = 'dept-market';
    await fireEvent.change(dept);
    await fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(session.principal?.roles).toEqual(['office', 'approver']));
    expect(session.principal?.department).toBe('dept-market');
  });
});
