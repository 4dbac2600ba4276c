import { describe, expect, it } from 'vitest';
import type { Veto } from '../../../shared/grading/types';
import { explainVetoEn } from './grade-explain';

/** Issue 15: the English no_update sentence is as true as the Chinese one for posts outside the window. */
describe('explainVetoEn no_update', () => {
  const base = { threshold: { windowDays: 14 }, checkDate: '2026-03-15', latestPost: null };

  it('names the last known post and its age when it lies before the graded posts', () => {
    const v: Veto = { code: 'no_update', evidence: { ...base, daysSinceLatestPost: 158, lastKnownPostDate: '2025-10-08' } };
    expect(explainVetoEn(v)).toContain('the latest post was published on 2025-10-08, 158 days without an update');
  });

  it('claims only the window when no post is known', () => {
    const v: Veto = { code: 'no_update', evidence: { ...base, daysSinceLatestPost: null } };
    const text = explainVetoEn(v);
    expect(text).toContain('nothing was published in the 14 days before the check date 2026-03-15');
    expect(text).not.toMatch(/by the check date/);
  });
});
