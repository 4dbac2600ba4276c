import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Issue 15: a pass-rate bar is the passing share, so it is drawn in the «good» colour, not the red accent. */
describe('pass-rate bars', () => {
  it('fill with var(--good)', () => {
    const css = readFileSync(resolve(process.cwd(), 'web/src/app.css'), 'utf8');
    const rule = css.match(/\.bar > span \{[^}]*\}/)?.[0] ?? '';
    expect(rule).toContain('background: var(--good)');
    expect(rule).not.toContain('var(--accent)');
  });
});
