import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { signIn, signOut } from '../lib/session.svelte';
import { fakeJwt, jsonResponse, USERS } from '../test-fixtures';
import Inspections from './Inspections.svelte';

const summary = { checked: 25, passed: 20, failed: 5, passRate: 0.8, byPlatform: {}, byDepartment: {} };
const sampled = { id: 'ins-s', regionCode: '330127', checkDate: '2026-11-20', profile: 'national', profileVersion: 1, createdAt: '2026-11-20T01:00:00Z', sample: { ratio: 0.12, seed: 7 }, summary, results: [] };
const profiles = [
  { name: 'national', title: '国家基线', latestVersion: 1 },
  { name: 'county', title: '本县自定规则', latestVersion: 2 },
];

/** Issue 15: in English mode the inspection screen names built-in profiles in English and brackets in half width. */
describe('Inspections screen in each language', () => {
  beforeEach(() => {
    sessionStorage.clear();
    signIn(fakeJwt(USERS.office));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        const path = new URL(input, 'http://localhost').pathname.replace(/^.*\/api\/v1/, '');
        if (path === '/profiles') return jsonResponse(200, { items: profiles, cursor: null });
        if (path === '/inspections') return jsonResponse(200, { items: [sampled], cursor: null });
        return jsonResponse(200, { items: [], cursor: null });
      }),
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    signOut();
    setLocale('zh-CN');
  });

  const optionTexts = (id: string) => [...(document.getElementById(id) as HTMLSelectElement).options].map((o) => o.textContent?.trim());

  it.each([
    ['en', ['National baseline v1', '本县自定规则 v2'], 'National baseline (Sample 12%)'],
    ['zh-CN', ['国家基线 v1', '本县自定规则 v2'], '国家基线（抽查 12%）'],
  ] as const)('%s: built-in titles translated, an admin’s own as written, the sample in brackets of the language', async (locale, options, historyCell) => {
    setLocale(locale);
    render(Inspections, { props: { params: {} } });
    await waitFor(() => expect(optionTexts('in-profile')).toEqual(options));
    expect(await screen.findByText(historyCell)).toBeTruthy();
  });
});
