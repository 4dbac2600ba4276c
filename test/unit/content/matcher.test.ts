import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, findPii, isValidIdCard } from '../../../shared/content';

const all = (ac: AhoCorasick, text: string) => {
  const out: [string, number, number][] = [];
  ac.scan(text, (id, start, end) => out.push([ac.patterns[id]!, start, end]));
  return out.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
};

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, including overlaps and nested ones', () => {
    const ac = new AhoCorasick(['抽奖', '转发抽奖', '奖池', '转发']);
    expect(all(ac, '转发抽奖池')).toEqual([
      ['转发', 0, 2],
      ['转发抽奖', 0, 4],
      ['抽奖', 2, 4],
      ['奖池', 3, 5],
    ]);
  });

  it('folds case and full-width Latin without moving offsets', () => {
    const ac = new AhoCorasick(['app']);
    expect(all(ac, '下载ＡＰＰ或App')).toEqual([
      ['app', 2, 5],
      ['app', 6, 9],
    ]);
  });

  it('agrees with a naive indexOf search (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '抽', '奖', '😄');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 8 }), fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (patterns, text) => {
        const ac = new AhoCorasick(patterns);
        const expected: [string, number, number][] = [];
        for (const p of patterns) for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) expected.push([p, i, i + p.length]);
        expected.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
        expect(all(ac, text)).toEqual(expected);
      }),
    );
  });
});

describe('personal data', () => {
  it.each([
    ['11010519491231002X', true],
    ['110105194912310021', false],
    ['110105194902300028', false],
    ['012345199001011234', false],
  ])('isValidIdCard(%s) = %s', (id, valid) => {
    expect(isValidIdCard(id)).toBe(valid);
  });

  it.each([
    ['电话13812345678', [['mobile', 2, 13]]],
    ['电话138-1234-5678。', [['mobile', 2, 15]]],
    ['订单号2013812345678901', []],
    ['138****5678', []],
    ['短文本', []],
  ])('findPii(%s)', (text, hits) => {
    expect(findPii(text).map((h) => [h.kind, h.start, h.end])).toEqual(hits);
  });
});
