import { afterEach, describe, expect, it } from 'vitest';
import type { Grade } from '../../../shared/grading/types';
import { setLocale } from '../i18n/i18n.svelte';
import { compareInspections, coverageLabel, headlineInspection } from './inspection-compare';
import type { Inspection } from './types';

const g = (accountId: string, verdict: 'pass' | 'fail'): Grade =>
  ({ accountId, checkDate: '2026-11-27', profile: 'national', profileVersion: 1, verdict, score: verdict === 'pass' ? 90 : null, band: verdict === 'pass' ? 'excellent' : 'fail', vetoes: [], deductions: [] }) as Grade;
const run = (id: string, results: Grade[], over: Partial<Inspection> = {}): Inspection => ({
  id,
  checkDate: '2026-11-27',
  profile: 'national',
  createdAt: `2026-11-27T0${id.length}:00:00Z`,
  summary: { checked: results.length, passed: results.filter((r) => r.verdict === 'pass').length, failed: results.filter((r) => r.verdict === 'fail').length, passRate: 0 } as Inspection['summary'],
  results,
  ...over,
});

describe('samples and full runs (issue 15)', () => {
  afterEach(() => setLocale('zh-CN'));

  it.each([
    ['a 12% sample', { sample: { ratio: 0.12, seed: 7 } }, '抽查 12%'],
    ['a full run', {}, '全面检查'],
  ])('labels %s', (_name, over, text) => {
    expect(coverageLabel(run('a', [], over))).toBe(text);
  });

  it('the headline is the latest full run, even when a sample ran later', () => {
    const full = run('f', [g('1', 'pass')], { createdAt: '2026-11-20T00:00:00Z' });
    const sample = run('s', [g('1', 'fail')], { createdAt: '2026-11-27T00:00:00Z', sample: { ratio: 0.12, seed: 1 } });
    expect(headlineInspection([sample, full])?.id).toBe('f');
    expect(headlineInspection([sample])).toBeNull();
  });

  it('a sample and a full run are not alike, and never identical, though the shared accounts agree', () => {
    const fullResults = Array.from({ length: 30 }, (_, i) => g(String(i), i < 3 ? 'fail' : 'pass'));
    const full = run('full', fullResults);
    const sample = run('s', fullResults.slice(0, 4), { sample: { ratio: 0.12, seed: 3 } });
    const c = compareInspections(sample, full);
    expect(c).toMatchObject({ alike: false, identical: false, both: 4, newFail: [], newPass: [] });
  });

  it('two full runs with the same verdicts are identical', () => {
    const a = run('a', [g('1', 'pass'), g('2', 'fail')]);
    const b = run('bb', [g('1', 'pass'), g('2', 'fail')]);
    expect(compareInspections(a, b)).toMatchObject({ alike: true, identical: true, both: 2 });
  });

  it('two full runs over different accounts are alike but not identical', () => {
    const a = run('a', [g('1', 'pass'), g('2', 'fail')]);
    const b = run('bb', [g('1', 'pass'), g('3', 'pass')]);
    expect(compareInspections(a, b)).toMatchObject({ alike: true, identical: false, both: 1 });
  });

  it('finds accounts whose verdict changed', () => {
    const a = run('a', [g('1', 'pass'), g('2', 'fail')]);
    const b = run('bb', [g('1', 'fail'), g('2', 'pass')]);
    const c = compareInspections(a, b);
    expect(c.newFail.map((x) => x.accountId)).toEqual(['1']);
    expect(c.newPass.map((x) => x.accountId)).toEqual(['2']);
  });
});
