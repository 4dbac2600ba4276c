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

describe('GradePanel: one reading of the verdict (issue 15)', () => {
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });
  const passing = (band: Grade['band'], score: number): Grade => ({ ...vetoed, verdict: 'pass', score, band, vetoes: [], deductions: [] });

  it('a passing account in the pass band shows 合格 once, not 「合格 合格」', () => {
    setLocale('zh-CN');
    const { container } = render(GradePanel, { props: { grade: passing('pass', 65) } });
    expect([...container.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['合格']);
  });

  it.each([
    ['excellent', 95, '优秀'],
    ['good', 85, '良好'],
  ] as const)('a %s band is shown beside the verdict', (band, score, text) => {
    setLocale('zh-CN');
    const { container } = render(GradePanel, { props: { grade: passing(band, score) } });
    expect([...container.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['合格', text]);
  });

  it.each([
    ['zh-CN', '否决（内容不更新）'],
    ['en', 'Vetoed (No updates)'],
  ] as const)('a vetoed score reads as the veto, not a bare dash (%s)', (locale, text) => {
    setLocale(locale);
    const { container } = render(GradePanel, { props: { grade: vetoed } });
    expect(container.querySelector('.score')?.textContent).toBe(text);
  });
});
