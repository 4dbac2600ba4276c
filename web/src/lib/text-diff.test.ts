import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changed, lineDiff } from './text-diff';

const rebuild = (parts: ReturnType<typeof lineDiff>, keep: 'before' | 'after') =>
  parts.filter((p) => p.kind === 'same' || p.kind === (keep === 'before' ? 'removed' : 'added')).map((p) => p.text).join('\n');

describe('lineDiff', () => {
  it('marks a changed line as removed then added, keeping the rest', () => {
    expect(lineDiff('一\n二\n三', '一\n贰\n三')).toEqual([
      { kind: 'same', text: '一' },
      { kind: 'removed', text: '二' },
      { kind: 'added', text: '贰' },
      { kind: 'same', text: '三' },
    ]);
  });

  it('finds no change in equal texts', () => {
    expect(changed(lineDiff('一\n二', '一\n二'))).toBe(false);
  });

  it('rebuilds both texts from the parts (any texts)', () => {
    const text = fc.array(fc.constantFrom('一', '二', '三', ''), { maxLength: 8 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = lineDiff(a, b);
        expect(rebuild(parts, 'before')).toBe(a);
        expect(rebuild(parts, 'after')).toBe(b);
      }),
    );
  });
});
