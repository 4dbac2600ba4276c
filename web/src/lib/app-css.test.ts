/// <reference types="node" />
// Read as a file: the web project's CSS pipeline would hand a test an empty module.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const appCss = readFileSync(resolve(process.cwd(), 'web/src/app.css'), 'utf8');
import { describe, expect, it } from 'vitest';

/** Issue 15: a pass-rate bar is the passing share, so it is drawn in the «good» colour, not the red accent. */
describe('pass-rate bars', () => {
  it('fill with var(--good)', () => {
    const css = appCss;
    const rule = css.match(/\.bar > span \{[^}]*\}/)?.[0] ?? '';
    expect(rule).toContain('background: var(--good)');
    expect(rule).not.toContain('var(--accent)');
  });
});

/** Issue 15: muted text meets WCAG AA (4.5:1) on every background it is used on. */
describe('muted text contrast', () => {
  const css = appCss;
  const v = (name: string) => css.match(new RegExp(`--${name}: (#[0-9a-f]{6})`))?.[1] ?? '';
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);

  it.each(['bg', 'card', 'accent-soft', 'warn-bg', 'info-bg'])('on --%s', (bg) => {
    expect(ratio(v('muted'), v(bg))).toBeGreaterThanOrEqual(4.5);
  });
});
