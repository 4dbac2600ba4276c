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

  // The account and consolidation pages put muted text (dt labels, hints, times) on panels of their
  // own (.keeper-why, table heads, .rule-veto, other-month calendar days): every light background
  // app.css paints, literal or variable, is checked, so a new panel colour cannot slip under AA.
  // Pseudo-elements (::before dots, ::after connector lines) hold no text and are left out.
  const textRules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => !m[1]!.includes('::')).map((m) => m[2]!);
  const painted = textRules.flatMap((body) => [...body.matchAll(/background(?:-color)?: (#[0-9a-f]{6}|#[0-9a-f]{3}\b|var\(--[a-z-]+\))/g)].map((m) => m[1]!));
  const backgrounds = [
    ...new Set(
      painted
        .map((b) => (b.startsWith('var(') ? v(b.slice(6, -1)) : b.length === 4 ? `#${[...b.slice(1)].map((c) => c + c).join('')}` : b))
        .filter((hex) => hex && lum(hex) > 0.6),
    ),
  ];
  it('covers the panels of the account and consolidation pages', () => {
    expect(backgrounds).toEqual(expect.arrayContaining(['#f8fafc', '#fffafa', '#ffffff']));
  });
  it.each(backgrounds)('on %s', (bg) => {
    expect(ratio(v('muted'), bg)).toBeGreaterThanOrEqual(4.5);
  });
});
