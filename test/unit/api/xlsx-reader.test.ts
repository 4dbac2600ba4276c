import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInput, RuleViolation } from '../../../shared/errors';
import { closeXlsxWorkers, readXlsx } from '../../../functions/api/spreadsheet';
import { checkZip, inspectZip, scanMarkup, XLSX_LIMITS } from '../../../functions/api/xlsx-reader';
import { nested, worksheetXml, xlsx, xlsxParts, zip } from '../../support/xlsx';
import { answeredAs } from '../../support/answered';

afterAll(closeXlsxWorkers);

const bytes = (s: string) => new TextEncoder().encode(s);
const unbounded = { maxElements: Number.POSITIVE_INFINITY, maxDepth: Number.POSITIVE_INFINITY };

/** The domain error `fn` throws: 422 spreadsheet_too_complex with a message containing `text`. */
const tooComplex = (text: string) => answeredAs({ status: 422, code: 'spreadsheet_too_complex', message: expect.stringContaining(text) });

const HEADERS = ['平台', '账号', '账号名称', '主办单位', '链接', '认证主体', '开设用途', '互动功能', '联系人', '联系电话', '联系邮箱', '开设日期', '运维方式', '服务链接'];

/** The reported file: three million elements nested in one another, about 20 KB zipped. */
const BOMB = nested(3_000_000);

describe('counting XML without parsing it', () => {
  it.each([
    ['one empty element', '<a/>', 1, 1],
    ['nested elements', '<a><b><c/></b></a>', 3, 3],
    ['siblings', '<a><b/><b></b><b/></a>', 4, 2],
    ['a declaration, and a comment holding tags', '<?xml version="1.0"?><!-- <x><y> --><a/>', 1, 1],
    ['CDATA holding tags', '<a><![CDATA[<x><y>]]></a>', 1, 1],
    ['quoted > and /> in attribute values', `<a t="x>y" u='/>'><b/></a>`, 2, 2],
    ['a DOCTYPE with an internal subset', '<!DOCTYPE a [<!ENTITY e "<x>">]><a/>', 1, 1],
    ['text with > and entities', '<a>1 &lt; 2 > 0</a>', 1, 1],
  ])('counts %s', (_label, xml, elements, depth) => {
    expect(scanMarkup(bytes(xml), unbounded)).toEqual({ elements, depth });
  });

  it('counts the elements and the depth of any element tree, whatever its attributes, text and comments hold', () => {
    type Tree = { tag: string; attr: string; text: string; children: Tree[] };
    const safe = fc.string({ unit: fc.constantFrom('a', '>', '/', ' ', '=', "'", '平'), maxLength: 6 });
    const node = (children: fc.Arbitrary<Tree[]>) => fc.record({ tag: fc.constantFrom('c', 'row', 'x:y'), attr: safe, text: safe, children });
    const { tree } = fc.letrec<{ tree: Tree }>((t) => ({
      tree: fc.oneof({ maxDepth: 8, depthIdentifier: 'tree' }, node(fc.constant([])), node(fc.array(t('tree'), { maxLength: 3, depthIdentifier: 'tree' }))),
    }));
    const xml = (n: Tree): string =>
      `<${n.tag} v="${n.attr.replace(/"/g, '')}"` +
      (n.children.length === 0 && n.text === '' ? '/>' : `>${n.text.replace(/[<&]/g, '')}<!--<${n.tag}>-->${n.children.map(xml).join('')}</${n.tag}>`);
    const count = (n: Tree): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
    const depth = (n: Tree): number => 1 + Math.max(0, ...n.children.map(depth));
    fc.assert(
      fc.property(tree, (t) => {
        expect(scanMarkup(bytes(`<?xml version="1.0"?>${xml(t)}`), unbounded)).toEqual({ elements: count(t), depth: depth(t) });
      }),
    );
  });

  it('stops at the element bound', () => {
    expect(scanMarkup(bytes('<a/>'.repeat(1000)), { maxElements: 10, maxDepth: 64 })).toMatchObject({ elements: 11, over: 'elements' });
  });

  it('stops at the depth bound', () => {
    expect(scanMarkup(bytes(BOMB), { maxElements: Number.POSITIVE_INFINITY, maxDepth: 64 })).toEqual({ elements: 65, depth: 65, over: 'depth' });
  });
});

describe('the cheap zip check (central directory only, on the main thread)', () => {
  it.each([
    ['the reported file (three million nested elements, 20 KB zipped)', () => xlsx([HEADERS], { after: BOMB }), '压缩比超过'],
    ['more entries than the bound', () => zip(Array.from({ length: XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}.txt`, data: '', method: 0 as const }))), '条目超过'],
    ['a part declared over the part bound', () => xlsx([HEADERS], { sheet: { declaredSize: XLSX_LIMITS.maxPartBytes + 1 } }), '解压后超过'],
    [
      'parts declared over the total bound together',
      () => zip([0, 1, 2].map((i) => ({ name: `xl/media/${i}.bin`, data: 'x', method: 0 as const, declaredSize: XLSX_LIMITS.maxPartBytes - 1 }))),
      '解压后超过',
    ],
  ])('refuses %s with 422 spreadsheet_too_complex', (_label, file, text) => {
    expect(() => inspectZip(file())).toThrow(tooComplex(text));
  });

  it('trusts the declared sizes: a part that lies about its size passes, and the thorough check catches it', () => {
    const lying = xlsx([HEADERS], { after: BOMB, sheet: { declaredSize: 1000 } });
    expect(() => inspectZip(lying)).not.toThrow();
    expect(() => checkZip(lying)).toThrow(RuleViolation);
  });
});

describe('the thorough zip check (inflating and counting, in the parse worker)', () => {
  it.each([
    ['a part inflating far past what it declares', () => xlsx([HEADERS], { after: BOMB, sheet: { declaredSize: 1000 } }), '压缩比超过'],
    ['XML nested deeper than the bound', () => xlsx([HEADERS], { after: nested(XLSX_LIMITS.maxDepth) }), '嵌套超过'],
    [
      'more XML elements than the bound',
      () => xlsx([HEADERS], { after: Array.from({ length: XLSX_LIMITS.maxElements }, (_, i) => `<x n="${i}"/>`).join('') }),
      'XML 元素超过',
    ],
  ])('refuses %s with 422 spreadsheet_too_complex', (_label, file, text) => {
    expect(() => checkZip(file())).toThrow(tooComplex(text));
  });

  it('lets a full 5,000-row workbook written by exceljs through every bound', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(HEADERS);
    for (let i = 0; i < 5000; i++) ws.addRow(HEADERS.map((h) => `${h}${i}`));
    const file = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(() => inspectZip(file)).not.toThrow();
    expect(() => checkZip(file)).not.toThrow();
    // Writing 5,000 rows with exceljs takes seconds on a shared 2-core machine: the bound is on the reader, not the writer.
  }, 60_000);
});

describe('reading in the parse worker', () => {
  it('reads a workbook in the worker into rows', async () => {
    expect(await readXlsx(xlsx([['平台', '账号'], ['微博', 'gov']]))).toEqual([
      { row: 1, cells: ['平台', '账号'] },
      { row: 2, cells: ['微博', 'gov'] },
    ]);
  });

  it('gives a refusal found in the worker as the same domain error', async () => {
    await expect(readXlsx(xlsx([HEADERS], { after: nested(100) }))).rejects.toThrow(tooComplex('嵌套超过'));
    await expect(readXlsx(zip(xlsxParts('<worksheet><sheetData>')))).rejects.toThrow(InvalidInput);
  });

  it('stops a parse that runs over the time limit with 422, and reads the next file in a fresh worker', async () => {
    const slow = xlsx(Array.from({ length: 20_000 }, (_, i) => ['微博', `h${i}`, '名称', '单位', '是']));
    await expect(readXlsx(slow, Number.POSITIVE_INFINITY, { timeLimitMs: 50 })).rejects.toThrow(tooComplex('解析超过'));
    expect(await readXlsx(xlsx([['平台', '账号']]))).toEqual([{ row: 1, cells: ['平台', '账号'] }]);
  });
});
