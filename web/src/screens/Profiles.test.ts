import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_PROFILES, NATIONAL, STRICT_10DAY } from '../../../shared/profiles/builtin';
import { setLocale } from '../i18n/i18n.svelte';
import { profileDescription, profileSections, profileTitle } from '../lib/profile-view';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import Profiles from './Profiles.svelte';

const list = [
  { name: 'national', title: '国家基线', description: NATIONAL.description, latestVersion: 1, versions: [1], builtin: true },
  { name: 'strict-10day', title: '从严：10 天不更新否决', description: STRICT_10DAY.description, latestVersion: 1, versions: [1], builtin: true },
];
const inForce = { regionCode: '330127', profile: 'national', profileVersion: 1, title: '国家基线', inheritedFrom: null, assignment: null };

describe('profile titles and descriptions', () => {
  afterEach(() => setLocale('zh-CN'));

  it('are the dictionaries\' for a built-in profile, in both languages', () => {
    for (const p of BUILTIN_PROFILES) {
      setLocale('zh-CN');
      expect(profileTitle(p)).toBe(p.title);
      expect(profileDescription(p)).toBe(p.description);
      setLocale('en');
      expect(profileTitle(p)).not.toBe(p.title);
      expect(profileTitle(p)).not.toMatch(/\p{Script=Han}/u);
      expect(profileDescription(p)).not.toMatch(/[\p{Script=Han}，。：；（）〔〕]/u);
    }
    expect(profileTitle({ profile: 'national', title: '国家基线' })).toBe('National baseline');
  });

  it('are shown as written when an admin wrote them', () => {
    setLocale('en');
    expect(profileTitle({ name: 'national', title: '国家基线（本市修订）' })).toBe('国家基线（本市修订）');
    expect(profileDescription({ name: 'national', description: '本市修订版' })).toBe('本市修订版');
    expect(profileTitle({ name: 'hz-2027', title: '杭州 2027' })).toBe('杭州 2027');
    expect(profileTitle({ name: 'hz-2027' })).toBe('hz-2027');
  });
});

describe('profile thresholds as sentences', () => {
  afterEach(() => setLocale('zh-CN'));
  it('names every veto, indicator with cap, flag, deadline and tier chain', () => {
    const s = Object.fromEntries(profileSections(NATIONAL).map((x) => [x.id, x]));
    expect(s.vetoes!.rows[0]).toEqual({ name: '内容不更新', enabled: true, rule: '检查日前 14 天内无更新' });
    expect(s.vetoes!.rows[1]!.rule).toBe('须开通互动渠道；留言超过 90 天未答复');
    expect(s.indicators!.rows[0]).toEqual({ name: '更新频率', points: 20, rule: '28 天内少于 4 条，每缺一条扣 5 分' });
    expect(s.indicators!.rows[1]!.rule).toBe('近 90 天：服务类占比低于 30% 扣 10 分；服务类占比低于 10% 扣 20 分');
    expect(s.bands!.rows.map((r) => r.points)).toEqual([90, 80, 60]);
    expect(s.registry!.rows[0]!.rule).toBe('开设、变更或注销后 5 个工作日内');
    expect(s.approvals!.rows[0]!.rule).toBe('单位审批人 → 审核人');
    expect(s.approvals!.rows[1]).toMatchObject({ enabled: false, rule: '无需审批' });
    expect(s.approvals!.rows[3]!.rule).toBe('起草人 → 单位审批人 → 单位审批人');
    const strict = Object.fromEntries(profileSections(STRICT_10DAY).map((x) => [x.id, x]));
    expect(strict.approvals!.rows[1]).toMatchObject({ enabled: true, rule: '审核人' });
    setLocale('en');
    expect(profileSections(NATIONAL)[0]!.rows[0]!.rule).toBe('No post in the 14 days before the check');
  });
});

describe('Profiles screen', () => {
  let puts: { url: string; body: unknown }[];
  let putAnswer: Response | null;
  beforeEach(() => {
    sessionStorage.clear();
    puts = [];
    putAnswer = null;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') {
          puts.push({ url, body: JSON.parse(String(init.body)) });
          return putAnswer ?? jsonResponse(200, { regionCode: '330127', profile: 'strict-10day', assignedAt: '2026-11-27T08:00:00Z', assignedBy: { sub: 'demo-admin', name: '赵磊' } });
        }
        if (url === '/api/v1/profiles') return jsonResponse(200, { items: list });
        if (url.startsWith('/api/v1/profiles/strict-10day')) return jsonResponse(200, STRICT_10DAY);
        if (url.startsWith('/api/v1/profiles/national')) return jsonResponse(200, NATIONAL);
        if (url.startsWith('/api/v1/regions/')) return jsonResponse(200, inForce);
        return jsonResponse(404, { error: { code: 'not_found', message: 'no such route' } });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
    setLocale('zh-CN');
  });

  it('shows the profile in force and its thresholds; no assignment for a reviewer', async () => {
    signIn(fakeJwt(USERS.reviewer));
    render(Profiles);
    const inForceBox = await screen.findByTestId('region-profile');
    expect(inForceBox.textContent).toContain('国家基线');
    expect(inForceBox.textContent).toContain('未指定，使用国家基线（默认）');
    const vetoes = await screen.findByTestId('profile-vetoes');
    expect(within(vetoes).getByText('检查日前 14 天内无更新')).toBeTruthy();
    expect(screen.getByTestId('profile-indicators').textContent).toContain('每个失效的服务链接扣 5 分');
    expect(screen.queryByTestId('assign-form')).toBeNull();

    await fireEvent.click(screen.getAllByRole('button', { name: '查看' })[1]!);
    await waitFor(() => expect(screen.getByTestId('profile-vetoes').textContent).toContain('检查日前 10 天内无更新'));
  });

  it('an admin assigns a profile to the region: needs a choice, sends {profile, version?}, explains 403', async () => {
    signIn(fakeJwt(USERS.admin));
    render(Profiles);
    const form = await screen.findByTestId('assign-form');
    await within(form).findByRole('option', { name: '从严：10 天不更新否决（strict-10day）' });
    await fireEvent.click(within(form).getByRole('button', { name: '指定给 330127' }));
    expect(within(form).getByRole('alert').textContent).toBe('请选择规则');
    expect(puts).toHaveLength(0);

    await fireEvent.change(within(form).getByLabelText('规则'), { target: { value: 'strict-10day' } });
    putAnswer = jsonResponse(403, { error: { code: 'forbidden', message: 'admin only' } });
    await fireEvent.click(within(form).getByRole('button', { name: '指定给 330127' }));
    await within(form).findByText('只有本地区（或上级）的平台管理员可以指定规则。');
    expect(puts[0]).toEqual({ url: '/api/v1/regions/330127/profile', body: { profile: 'strict-10day' } });

    putAnswer = null;
    await fireEvent.change(within(form).getByLabelText('版本'), { target: { value: '1' } });
    await fireEvent.click(within(form).getByRole('button', { name: '指定给 330127' }));
    await screen.findByText('已为 330127 指定规则「从严：10 天不更新否决」（v1）。');
    expect(puts[1]!.body).toEqual({ profile: 'strict-10day', version: 1 });
  });

  // Issue 15: built-in profiles' titles and descriptions read in English in English mode.
  it('names the built-in profiles and describes them in English in English mode', async () => {
    setLocale('en');
    signIn(fakeJwt(USERS.admin));
    render(Profiles);
    const inForceBox = await screen.findByTestId('region-profile');
    await waitFor(() => expect(inForceBox.textContent).toContain('National baseline'));
    await screen.findByRole('heading', { name: 'National baseline', level: 2 });
    await screen.findByText(/^The national baseline with the no-update veto window tightened to 10 days/);
    expect(await screen.findAllByText(/^Under the State Council General Office's Guobanfa \(2018\) No\. 123/)).not.toHaveLength(0);
    const form = await screen.findByTestId('assign-form');
    await within(form).findByRole('option', { name: 'Strict: 10-day no-update veto (strict-10day)' });
    expect(document.body.textContent).not.toMatch(/国家基线|从严|在国家基线上|依据国办发/);
  });

  it('checks the region code before looking it up', async () => {
    signIn(fakeJwt(USERS.admin));
    render(Profiles);
    const code = await screen.findByLabelText('行政区划代码');
    await fireEvent.input(code, { target: { value: '3301' } });
    await fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(screen.getByText('行政区划代码须为 6 位数字')).toBeTruthy();
  });
});
