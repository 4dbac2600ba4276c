import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { actionText, AUDIT_ACTIONS, auditCsv, auditQuery, entityHref, ENTITY_TYPES, fieldText } from '../lib/audit-view';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, makeAccount, USERS } from '../test-fixtures';
import AuditLog from './AuditLog.svelte';
import zh from '../i18n/zh-CN';
import en from '../i18n/en';

const entries = [
  {
    id: 'e2',
    at: '2026-12-01T02:30:00.000Z',
    actor: { sub: 'demo-office', name: '张伟' },
    action: 'closure.approve_tier',
    entity: { type: 'closure', id: '01m8zzclosure0001' },
    before: { status: 'pending' },
    after: { status: 'pending', decisions: [{ tier: 1 }] },
  },
  {
    id: 'e1',
    at: '2026-11-30T01:00:00.000Z',
    actor: { sub: 'sync', name: '=HYPERLINK("x")' },
    action: 'posts.ingest',
    entity: { type: 'account', id: 'acc-1' },
    before: null,
    after: { acceptedExternalIds: ['p1', 'p2'] },
  },
];

/** Issue 15: the audit log showed `closure.approve_tier`, `account:01m8…` and `acceptedExternalIds`. */
describe('audit entries in words', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('names every action, entity type and the usual changed fields in both languages', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(zh[`audit.action.${a}` as keyof typeof zh], a).toBeTruthy();
      expect(en[`audit.action.${a}` as keyof typeof en], a).toBeTruthy();
    }
    for (const ty of ENTITY_TYPES) {
      expect(zh[`audit.type.${ty}` as keyof typeof zh], ty).toBeTruthy();
      expect(en[`audit.type.${ty}` as keyof typeof en], ty).toBeTruthy();
    }
    expect(actionText('closure.approve_tier')).toBe('关停审批：本级同意');
    expect(fieldText('acceptedExternalIds')).toBe('接收的发布编号');
    setLocale('en');
    expect(actionText('closure.approve_tier')).toBe('Closure approved at one tier');
    expect(fieldText('acceptedExternalIds')).toBe('Accepted post IDs');
  });

  it('reads an action it does not know yet as its entity type and verb, never a bare code', () => {
    expect(actionText('closure.something_new')).toBe('关停申请 · something_new');
  });

  it('links each entity to its page', () => {
    expect(entityHref({ entity: { type: 'account', id: 'a 1' }, after: null })).toBe('#/accounts/a%201');
    expect(entityHref({ entity: { type: 'closure', id: 'c1' }, after: null })).toBe('#/closures/c1');
    expect(entityHref({ entity: { type: 'inspection', id: 'i1' }, after: null })).toBe('#/inspections/i1');
    expect(entityHref({ entity: { type: 'rectification_item', id: 'x' }, after: { rectificationId: 'r1' } })).toBe('#/rectifications/r1');
    expect(entityHref({ entity: { type: 'import', id: 'x' }, after: null })).toBeNull();
  });

  it('builds the query: the region’s trail with the filters, or one entity’s history', () => {
    expect(auditQuery({ from: '2026-12-01', to: '2026-12-03', actor: ' 张 ', action: 'closure.approve', type: 'closure' }, '330127')).toEqual({
      from: '2026-12-01',
      to: '2026-12-03',
      actor: '张',
      action: 'closure.approve',
      region: '330127',
      type: 'closure',
    });
    expect(auditQuery({ type: 'account', entity: 'acc-1' }, '330127')).toMatchObject({ entity: 'account:acc-1' });
    expect(auditQuery({ type: 'account', entity: 'closure:c1' }, '330127')).toMatchObject({ entity: 'closure:c1' });
  });

  it('exports CSV with a BOM, words, Beijing times, the entity id and formula cells made text', () => {
    const csv = auditCsv(entries, (type, id) => (type === 'account' && id === 'acc-1' ? '淳安人社' : undefined), () => []);
    expect(csv.startsWith('\uFEFF时间,操作人,操作,对象,对象编号,变更\r\n')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[1]).toBe('2026/12/01 10:30,张伟,关停审批：本级同意,关停申请 01m8zzcl…,closure:01m8zzclosure0001,');
    expect(lines[2]).toBe(`2026/11/30 09:00,"'=HYPERLINK(""x"")",接收发布记录,账号 淳安人社,account:acc-1,`);
  });
});

describe('AuditLog screen', () => {
  let calls: URL[];
  let created: Blob[];
  beforeEach(() => {
    sessionStorage.clear();
    setLocale('zh-CN');
    signIn(fakeJwt(USERS.office));
    calls = [];
    created = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: () => undefined }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        const url = new URL(input, 'http://localhost');
        if (url.pathname.endsWith('/audit-log')) {
          calls.push(url);
          return jsonResponse(200, { items: entries, cursor: null });
        }
        if (url.pathname.endsWith('/accounts')) return jsonResponse(200, { items: [makeAccount()], cursor: null });
        return jsonResponse(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    signOut();
  });

  it('shows actions and entities in words with links, and the changed fields by name', async () => {
    render(AuditLog);
    const table = await screen.findByTestId('audit-table');
    await waitFor(() => expect(within(table).getAllByTestId('audit-row')).toHaveLength(2));
    expect(table.textContent).not.toContain('closure.approve_tier');
    expect(within(table).getByText('关停审批：本级同意')).toBeTruthy();
    await waitFor(() => expect(within(table).getByRole('link', { name: '账号 淳安人社' }).getAttribute('href')).toBe('#/accounts/acc-1'));
    expect(within(table).getByRole('link', { name: '关停申请 01m8zzcl…' }).getAttribute('href')).toBe('#/closures/01m8zzclosure0001');
    const rows = within(table).getAllByTestId('audit-row');
    await fireEvent.click(within(rows[1]!).getByRole('button', { name: /查看变更/ }));
    expect(within(rows[1]!).getByRole('rowheader', { name: '接收的发布编号' })).toBeTruthy();
  });

  it('filters by date range, actor, action and entity type', async () => {
    render(AuditLog);
    await waitFor(() => expect(calls).toHaveLength(1));
    await fireEvent.input(screen.getByLabelText('开始日期'), { target: { value: '2026-12-01' } });
    await fireEvent.input(screen.getByLabelText('结束日期'), { target: { value: '2026-12-03' } });
    await fireEvent.input(screen.getByLabelText('操作人（姓名或编号）'), { target: { value: '张伟' } });
    const action = screen.getByLabelText('操作') as HTMLSelectElement;
    action.value = 'closure.approve_tier';
    await fireEvent.change(action);
    const type = screen.getByLabelText('对象类型') as HTMLSelectElement;
    type.value = 'closure';
    await fireEvent.change(type);
    await fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(Object.fromEntries(calls[1]!.searchParams)).toEqual({ from: '2026-12-01', to: '2026-12-03', actor: '张伟', action: 'closure.approve_tier', type: 'closure', region: '330127', limit: '100' });
  });

  it('refuses a start date after the end date without asking the server', async () => {
    render(AuditLog);
    await waitFor(() => expect(calls).toHaveLength(1));
    await fireEvent.input(screen.getByLabelText('开始日期'), { target: { value: '2026-12-05' } });
    await fireEvent.input(screen.getByLabelText('结束日期'), { target: { value: '2026-12-01' } });
    expect(screen.getByRole('alert').textContent).toBe('开始日期晚于结束日期。');
    expect((screen.getByRole('button', { name: '查询' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('exports the filtered trail as CSV', async () => {
    render(AuditLog);
    await waitFor(() => expect(calls).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('audit-export'));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(calls.at(-1)!.searchParams.get('limit')).toBe('500');
    const text = await created[0]!.text();
    expect(text).toContain('关停审批：本级同意');
    expect(text).toContain('closure:01m8zzclosure0001');
  });
});
