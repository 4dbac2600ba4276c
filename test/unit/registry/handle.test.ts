import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { keys } from '../../../functions/store/keys';
import { canonicalHandle, handleIdentity, handleIssue } from '../../../shared/registry/handle';
import { AccountInput } from '../../../shared/registry/schemas';

/** The handle field exactly as POST /accounts, PATCH /accounts/{id} and the import validate it. */
const HandleField = AccountInput.entries.handle;
const accepted = (h: string) => v.safeParse(HandleField, h).success;
/** The handle as stored (trimmed), or undefined when refused. */
const stored = (h: string): string | undefined => {
  const r = v.safeParse(HandleField, h);
  return r.success ? r.output : undefined;
};

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));

describe('canonicalHandle', () => {
  it.each([
    ['chunanrenshe', 'chunanrenshe'],
    ['ChunanRenshe', 'chunanrenshe'],
    ['ＣＨＵＮＡＮＲＥＮＳＨＥ', 'chunanrenshe'],
    ['ｃｈｕｎａｎ＿ｒｅｎｓｈｅ', 'chunan_renshe'],
    ['𝐜𝐡𝐮𝐧𝐚𝐧', 'chunan'],
    ['ﬁle', 'file'],
    ['Kelvin\u212a', 'kelvink'],
    ['e\u0301', '\u00e9'],
    ['ΑΣ', 'ασ'],
    ['淳安发布', '淳安发布'],
    ['淳安发布２０２４', '淳安发布2024'],
    // Legacy data only (the schema refuses these): invisible and control characters are dropped.
    ['chunan\u200brenshe', 'chunanrenshe'],
    ['chunan\u0000renshe\u202e', 'chunanrenshe'],
  ])('%j → %j', (raw, canonical) => {
    expect(canonicalHandle(raw)).toBe(canonical);
  });
});

describe('handleIdentity (the guard key)', () => {
  it.each([
    ['сhunanrenshe', 'Cyrillic с'],
    ['chunаnrenshe', 'Cyrillic а'],
    ['chunanrеnshе', 'Cyrillic е'],
    ['chunanrenѕhe', 'Cyrillic ѕ'],
    ['cһunanrenshe', 'Cyrillic һ'],
    ['ᴄhunanrenshe', 'Latin small capital'],
    ['chunanrenshe'.toUpperCase(), 'upper case'],
    [fullWidth('chunanrenshe'), 'full width'],
  ])('%j (%s) has the identity of chunanrenshe', (raw) => {
    expect(handleIdentity(raw)).toBe('chunanrenshe');
  });

  it.each([
    ['сосоа', 'cocoa', 'Cyrillic'],
    ['ροpe', 'pope', 'Greek ρ ο'],
    ['рор', 'pop', 'Cyrillic'],
    ['νiνa', 'viva', 'Greek ν'],
    ['ԁоg', 'dog', 'Cyrillic ԁ о'],
    ['ɡood', 'good', 'Latin script g'],
    ['ёж', 'ëж', 'Cyrillic ё maps with its diaeresis'],
  ])('%j → %j (%s)', (raw, identity) => {
    expect(handleIdentity(raw)).toBe(identity);
  });

  it.each([
    ['chunan', 'chunan1'],
    ['chunan', 'chunań'],
    ['淳安发布', '淳安發布'],
    ['o0', 'oo'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(handleIdentity(a)).not.toBe(handleIdentity(b));
  });
});

describe('handleIssue (400 at the handle field)', () => {
  it.each([
    ['chunan\u200brenshe', 'U+200B', 'zero-width space'],
    ['chunanrenshe\u200d', 'U+200D', 'trailing zero-width joiner'],
    ['chunan\u200crenshe', 'U+200C', 'zero-width non-joiner'],
    ['chunan\ufeffrenshe', 'U+FEFF', 'byte order mark inside'],
    ['chunan\u00adrenshe', 'U+00AD', 'soft hyphen'],
    ['chunan\u2060renshe', 'U+2060', 'word joiner'],
    ['chunanrenshe\ufe0f', 'U+FE0F', 'variation selector'],
    ['chunan\u3164renshe', 'U+3164', 'Hangul filler'],
    ['\u202echunanrenshe', 'U+202E', 'right-to-left override'],
    ['chunan\u2066renshe\u2069', 'U+2066', 'left-to-right isolate'],
    ['chunan\u200frenshe', 'U+200F', 'right-to-left mark'],
    ['chunan\u0000renshe', 'U+0000', 'NUL'],
    ['chunan\u0007renshe', 'U+0007', 'bell'],
    ['chunan\u009frenshe', 'U+009F', 'C1 control'],
    ['chunan\ud800renshe', 'U+D800', 'lone high surrogate'],
    ['chunan\udc00renshe', 'U+DC00', 'lone low surrogate'],
    ['chunan\ue000renshe', 'U+E000', 'private use'],
    ['chunan\u{50000}renshe', 'U+50000', 'unassigned'],
  ])('refuses %j naming %s (%s)', (raw, codePoint) => {
    expect(handleIssue(raw)).toContain(codePoint);
    expect(accepted(raw)).toBe(false);
  });

  it.each([
    ['сhunanrenshe', 'Latin + Cyrillic'],
    ['chunanrenshε', 'Latin + Greek'],
    ['chunanօ', 'Latin + Armenian'],
    ['сhunanrеnshε', 'Latin + Cyrillic + Greek'],
  ])('refuses the mixed-script %j (%s)', (raw, scripts) => {
    expect(handleIssue(raw)).toContain(`mixed scripts: ${scripts}`);
  });

  it.each([
    ['x¨', 'a spacing diaeresis is a space once normalised'],
    ['\ufdfa'.repeat(10), 'a ligature expands to words with spaces'],
  ])('refuses %j (%s)', (raw) => {
    expect(handleIssue(raw)).toContain('whitespace once normalised');
  });

  it('trims a byte order mark at either end like a space (JavaScript counts it as white space)', () => {
    expect(v.parse(HandleField, '\ufeffchunanrenshe\ufeff')).toBe('chunanrenshe');
  });

  it('refuses a handle that grows beyond 100 characters once normalised', () => {
    expect(handleIssue('\u3392'.repeat(40))).toContain('longer than 100 characters');
  });

  it.each([
    'chunanrenshe',
    'Chunan_Renshe-2024',
    fullWidth('chunanrenshe'),
    '淳安发布',
    '淳安发布abc',
    'сосоа',
    'αθήνα',
    'gov.cn@chunan',
    '👍chunan',
  ])('accepts %j', (raw) => {
    expect(handleIssue(raw)).toBeUndefined();
    expect(accepted(raw)).toBe(true);
  });
});

/** Any Unicode, lone surrogates included, weighted towards the characters the rules are about. */
const anyUnicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('c', 'C', 'h', 'а', 'с', 'о', 'ο', 'ｃ', 'Ｃ', '\u200b', '\u00ad', 'ς', 'Σ', 'ﬁ', 'K', 'İ', '\u0301', '¨'), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A variant of a handle that a person could not tell apart from it (or that the rules fold together). */
const variant = (base: string) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom('upper', 'lower', 'fullwidth', 'nfd'),
        fc.record({ at: fc.nat(), insert: fc.constantFrom('\u200b', '\u200d', '\u200c', '\ufeff', '\u00ad', '\u202e', '\u0000', '\u2060') }),
        fc.record({ at: fc.nat(), swap: fc.constantFrom(...Object.entries({ c: 'с', a: 'а', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і' })) }),
      ),
      { maxLength: 4 },
    )
    .map((steps) =>
      steps.reduce((s, step) => {
        if (step === 'upper') return s.toUpperCase();
        if (step === 'lower') return s.toLowerCase();
        if (step === 'fullwidth') return fullWidth(s);
        if (step === 'nfd') return s.normalize('NFD');
        if ('insert' in step) {
          const at = step.at % (s.length + 1);
          return s.slice(0, at) + step.insert + s.slice(at);
        }
        return s.replace(step.swap[0], step.swap[1]);
      }, base),
    );

describe('properties of handle identity', () => {
  it('canonicalHandle is idempotent on any string', () => {
    fc.assert(fc.property(anyUnicode, (h) => canonicalHandle(canonicalHandle(h)) === canonicalHandle(h)), { numRuns: 2000 });
  });

  it('the guard key is a function of the canonical form: two handles with one canonical form share one guard', () => {
    fc.assert(
      fc.property(anyUnicode, fc.constantFrom('wechat', 'weibo'), (h, platform) => {
        expect(keys.handleGuard(platform, h)).toEqual(keys.handleGuard(platform, canonicalHandle(h)));
        expect(keys.handleGuard(platform, h).pk).toBe(`HANDLE#${platform}#${handleIdentity(h)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('no accepted handle keeps a character of a refused class, even once normalised', () => {
    const refused = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\s]/u;
    fc.assert(
      fc.property(anyUnicode, (h) => {
        const handle = stored(h);
        if (handle === undefined) return;
        expect(refused.test(handle)).toBe(false);
        expect(refused.test(canonicalHandle(handle))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a variant of a registered handle is either refused or lands on the same guard', () => {
    const base = fc.stringMatching(/^[a-z][a-z0-9_]{2,14}$/);
    fc.assert(
      fc.property(base.chain((b) => fc.tuple(fc.constant(b), variant(b))), ([b, other]) => {
        const handle = stored(other);
        if (handle !== undefined) expect(keys.handleGuard('wechat', handle).pk).toBe(keys.handleGuard('wechat', b).pk);
      }),
      { numRuns: 2000 },
    );
  });

  it('two accepted handles with equal canonical forms never get different guards', () => {
    const spelling = fc.constantFrom<(s: string) => string>(
      (s) => s.toUpperCase(),
      (s) => s.toLowerCase(),
      fullWidth,
      (s) => s.normalize('NFD'),
      (s) => s.normalize('NFKD'),
    );
    fc.assert(
      fc.property(anyUnicode, spelling, (a, respell) => {
        const [x, y] = [stored(a), stored(respell(a))];
        fc.pre(x !== undefined && y !== undefined && x !== y && canonicalHandle(x) === canonicalHandle(y));
        expect(keys.handleGuard('wechat', x!).pk).toBe(keys.handleGuard('wechat', y!).pk);
      }),
      { numRuns: 500, maxSkipsPerRun: 1000 },
    );
  });
});
