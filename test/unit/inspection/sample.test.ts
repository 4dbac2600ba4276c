import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { InspectionRequest, sampleSize, selectSample } from '../../../shared/inspection';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `acc-${String(i).padStart(4, '0')}`);

describe('selectSample: a reproducible random sample (抽查)', () => {
  it('gives the same sample for the same ids, ratio and seed', () => {
    expect(selectSample(ids(500), 0.12, 'inspection-2026Q1')).toEqual(selectSample(ids(500), 0.12, 'inspection-2026Q1'));
  });

  it('does not depend on the order of the ids', () => {
    const shuffled = [...ids(500)].reverse();
    expect(selectSample(shuffled, 0.12, 42)).toEqual(selectSample(ids(500), 0.12, 42));
  });

  it('gives a different sample for a different seed', () => {
    expect(selectSample(ids(500), 0.12, 'a')).not.toEqual(selectSample(ids(500), 0.12, 'b'));
  });

  it.each([
    [100, 0.12, 12, 'ceil(12.000000000000002) must still be 12'],
    [101, 0.12, 13, 'ceil(12.12) = 13'],
    [7, 0.5, 4, 'ceil(3.5) = 4'],
    [10, 0, 0, 'ratio 0 draws nothing'],
    [10, 1, 10, 'ratio 1 draws everyone'],
    [0, 0.3, 0, 'no accounts'],
  ])('N = %i, ratio %d → %i accounts (%s)', (n, ratio, size) => {
    expect(selectSample(ids(n), ratio, 's')).toHaveLength(size);
    expect(sampleSize(n, ratio)).toBe(size);
  });

  it('counts duplicate ids once', () => {
    expect(selectSample(['a', 'a', 'b', 'b'], 1, 's')).toEqual(['a', 'b']);
  });

  it('rejects a ratio outside 0..1', () => {
    expect(() => selectSample(ids(5), 1.5, 's')).toThrow(RangeError);
    expect(() => selectSample(ids(5), -0.1, 's')).toThrow(RangeError);
  });

  it('draws at least ceil(ratio × N) distinct ids from the input, sorted (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.string(), (all, ratio, seed) => {
        const s = selectSample(all, ratio, seed);
        expect(s.length).toBeGreaterThanOrEqual(Math.min(all.length, Math.ceil(ratio * all.length - 1e-9)));
        expect(new Set(s).size).toBe(s.length);
        for (const id of s) expect(all).toContain(id);
        expect([...s].sort()).toEqual(s);
      }),
    );
  });

  it('keeps an earlier draw when accounts are added (most of the old sample survives)', () => {
    const before = selectSample(ids(1000), 0.1, 'stable');
    const after = selectSample([...ids(1000), ...Array.from({ length: 20 }, (_, i) => `new-${i}`)], 0.1, 'stable');
    const kept = before.filter((id) => after.includes(id)).length;
    expect(kept).toBeGreaterThanOrEqual(90);
  });

  it('spreads roughly evenly (each half of the ids gets 35–65% of the sample)', () => {
    const s = selectSample(ids(2000), 0.1, 'spread');
    const firstHalf = s.filter((id) => id < 'acc-1000').length;
    expect(firstHalf / s.length).toBeGreaterThan(0.35);
    expect(firstHalf / s.length).toBeLessThan(0.65);
  });
});

describe('InspectionRequest (POST /inspections body)', () => {
  it('accepts a sampled inspection and rejects a ratio over 1', () => {
    expect(v.safeParse(InspectionRequest, { regionCode: '330100', checkDate: '2026-03-15', profile: 'national', sample: { ratio: 0.12, seed: 'q1' } }).success).toBe(true);
    const bad = v.safeParse(InspectionRequest, { regionCode: '330100', checkDate: '2026-03-15', sample: { ratio: 1.2, seed: 'q1' } });
    expect(bad.success).toBe(false);
    expect(bad.issues?.[0]?.message).toBe('抽查比例不能超过 1');
  });
});
