import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Grade } from '../../../shared/grading/types';
import { setLocale } from '../i18n/i18n.svelte';
import GradePanel from './GradePanel.svelte';

const vetoed: Grade = {
  accountId: 'acc-1',
  checkDate: '2026-11-27',
  profile: 'national',
  profileVersion: 1,
  verdict: 'fail',
  score: null,
  band: 'fail',
  vetoes: [
    {
      code: 'no_update',
      evidence: { threshold: { windowDays: 14 }, checkDate: '2026-11-27', latestPost: { externalId: 'p-9', date: '2026-11-12' }, daysSinceLatestPost: 15 },
    },
  ],
  deductions: [
    {
      code: 'cadence',
      points: 15,
      cap: 20,
      evidence: { uncappedPoints: 15, threshold: { windowDays: 28, minPosts: 4, pointsPerMissingPost: 5 }, from: '2026-10-30', to: '2026-11-26', posts: 1, missing: 3, postIds: ['p-9'] },
    },
  ],
};

describe('GradePanel', () => {
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('explains every veto and deduction with rule, threshold and evidence', () => {
    setLocale('zh-CN');
    render(GradePanel, { props: { grade: vetoed } });
    expect(screen.getByText('不合格', { selector: '.badge' })).toBeTruthy();
    expect(screen.getByText(/单项否决，不计分/)).toBeTruthy();
    expect(screen.getByText('内容不更新')).toBeTruthy();
    // The veto sentence names the window, the last post (date and id) and the days since.
    const veto = screen.getByText(/单项否决「内容不更新」/).textContent ?? '';
    expect(veto).toContain('14 天');
    expect(veto).toContain('2026-11-12（编号 p-9）');
    expect(veto).toContain('15 天未更新');
    expect(screen.getByText('扣 15 分（上限 20 分）')).toBeTruthy();
    const cadence = screen.getByText(/「更新频率」扣 15 分/).textContent ?? '';
    expect(cadence).toContain('要求至少 4 条，缺 3 条');
  });

  it('in English renders every veto and deduction in English from its code and evidence', () => {
    setLocale('en');
    render(GradePanel, { props: { grade: vetoed } });
    const veto = screen.getByText(/^Single-item veto “No updates”/).textContent ?? '';
    expect(veto).toBe(
      'Single-item veto “No updates”: no update in the 14 days before the check date 2026-11-27; the latest post was published on 2026-11-12 (post p-9), 15 days without an update.',
    );
    const cadence = screen.getByText(/^“Posting cadence”/).textContent ?? '';
    expect(cadence).toBe(
      '“Posting cadence”: −15 points (cap 20): 1 post from 2026-10-30 to 2026-11-26 (the 28 days before the check date), at least 4 required, 3 missing; 5 points per missing post.',
    );
    expect(document.body.textContent).not.toMatch(/\p{Script=Han}/u);
  });
});
