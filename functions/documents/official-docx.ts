/**
 * Renders a formal document (shared/documents/official.ts) as a Word file in the layout of
 * GB/T 9704-2012 《党政机关公文格式》, with the `docx` library (no hand-written XML):
 * A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 2号
 * 方正小标宋简体, the body in 3号 仿宋_GB2312 (≈ 16 pt, 22 lines a page), level-1 headings
 * in 黑体, level-2 in 楷体_GB2312; the issuer's red header (发文机关标志) with its red rule;
 * page numbers 「— 1 —」 in 4号 宋体, right on odd pages, left on even ones; bordered tables
 * whose header row repeats on each page; the 版记 (issuer and date of printing) at the end.
 *
 * Fonts are named, not embedded: each style names the Chinese font (w:eastAsia) and a
 * fallback for the other scripts (SimSun, FangSong, SimHei, KaiTi) that every Chinese
 * Windows and WPS has; where 方正小标宋简体 or 仿宋_GB2312 is not installed, Word and WPS
 * substitute their default Song and FangSong faces.
 *
 * `docx` is imported on first use, so the spreadsheet function only loads it when a
 * document is asked for.
 */
import type { Annex, Block, OfficialDocument } from '../../shared/documents/official';
import { dateZh } from '../../shared/documents/official';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The fonts the document names (GB/T 9704), each with the fallback for non-Chinese text. */
export const FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong' },
  heading1: { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei' },
  heading2: { eastAsia: '楷体_GB2312', ascii: 'KaiTi', hAnsi: 'KaiTi', cs: 'KaiTi' },
  pageNumber: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' },
} as const;

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt; the red header 小初 36 pt. */
export const SIZES = { issuer: 72, title: 44, body: 32, pageNumber: 28, table: 24 } as const;

/** GB/T 9704 page: A4 and its margins, in millimetres. */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

const RED = 'FF0000';
/** One 3号 character, in twips (16 pt). */
const CHAR = 320;
/** 22 lines on the 225 mm type area: 28.95 pt a line. */
const LINE = 579;

const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
const CONTENT_WIDTH = mmToTwip(PAGE_MM.width - PAGE_MM.left - PAGE_MM.right);

/** Width of a text in 3号 characters: Chinese characters count 1, ASCII half. */
const charWidth = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/** The Word file of a document. */
export async function renderOfficialDocx(doc: OfficialDocument): Promise<Uint8Array<ArrayBuffer>> {
  const d = await import('docx');
  const { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, LineRuleType, Packer, PageBreak, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, VerticalAlign, WidthType } = d;

  const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const paragraph = (text: string) => new Paragraph({ children: [new TextRun(text)], indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED });

  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cellParagraphs = (text: string, header: boolean, center: boolean) =>
    text.split('\n').map(
      (line) =>
        new Paragraph({
          style: header ? 'GovTableHeader' : 'GovTable',
          alignment: header || center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun(line)],
        }),
    );
  const table = (b: Extract<Block, { kind: 'table' }>) => {
    const weights = b.widths ?? b.headers.map(() => 1);
    const total = weights.reduce((a, x) => a + x, 0);
    const widths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / total));
    // Short columns (rank, numbers, platform) are centred; long text is left-aligned.
    const centred = b.headers.map((_, i) => b.rows.every((r) => charWidth(r[i] ?? '') <= 8));
    const row = (cells: string[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        cantSplit: header,
        children: cells.map(
          (text, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              margins: { top: 40, bottom: 40, left: 80, right: 80 },
              children: cellParagraphs(text, header, centred[i]!),
            }),
        ),
      });
    return new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [row(b.headers, true), ...b.rows.map((r) => row(r, false))],
    });
  };
  const block = (b: Block) => {
    switch (b.kind) {
      case 'heading1':
        return new Paragraph({ heading: HeadingLevel.HEADING_1, indent: { firstLine: 2 * CHAR }, children: [new TextRun(b.text)] });
      case 'heading2':
        return new Paragraph({ heading: HeadingLevel.HEADING_2, indent: { firstLine: 2 * CHAR }, children: [new TextRun(b.text)] });
      case 'paragraph':
        return paragraph(b.text);
      case 'table':
        return table(b);
    }
  };

  /** 署名 centred over the 成文日期, which ends four characters from the right margin. */
  const date = dateZh(doc.signature.date);
  const rightOf = (text: string) => Math.max(0, Math.round((4 + (charWidth(date) - charWidth(text)) / 2) * CHAR));
  const signature = [
    new Paragraph({ text: '' }),
    new Paragraph({ text: '' }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: rightOf(doc.signature.issuer) }, children: [new TextRun(doc.signature.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, children: [new TextRun(date)] }),
  ];

  const header = [
    new Paragraph({
      style: 'GovIssuer',
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: doc.number ? 0 : 240, line: 1000, lineRule: LineRuleType.AT_LEAST },
      children: [new TextRun(doc.issuer)],
    }),
    ...(doc.number ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2 * LINE }, children: [new TextRun(doc.number)] })] : []),
    // The red rule under the header (版头中的分隔线).
    new Paragraph({ text: '', spacing: { after: 2 * LINE }, border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: 1 } } }),
  ];

  const annexBlocks = (a: Annex) => [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(a.label)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(a.title)] }),
    ...a.blocks.map(block),
  ];

  const colophonBorder = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 };
  const colophon = [
    new Paragraph({ text: '' }),
    new Paragraph({
      style: 'GovColophon',
      border: { top: colophonBorder, bottom: colophonBorder },
      indent: { left: CHAR, right: CHAR },
      tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH - 2 * CHAR }],
      children: [new TextRun(doc.colophon.issuer), new TextRun({ children: [new Tab(), `${dateZh(doc.colophon.date)}印发`] })],
    }),
  ];

  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], side: 'left' | 'right') =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent: side === 'right' ? { right: CHAR } : { left: CHAR },
          children: [new TextRun({ text: '— ', font: FONTS.pageNumber, size: SIZES.pageNumber }), new TextRun({ children: [PageNumber.CURRENT], font: FONTS.pageNumber, size: SIZES.pageNumber }), new TextRun({ text: ' —', font: FONTS.pageNumber, size: SIZES.pageNumber })],
        }),
      ],
    });

  const document = new Document({
    creator: 'GovMedia',
    title: doc.title,
    description: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: SIZES.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: bodySpacing },
        },
        title: {
          run: { font: FONTS.title, size: SIZES.title, bold: false, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE } },
        },
        heading1: { run: { font: FONTS.heading1, size: SIZES.body, bold: false, color: '000000' }, paragraph: { spacing: bodySpacing, keepNext: true } },
        heading2: { run: { font: FONTS.heading2, size: SIZES.body, bold: false, italics: false, color: '000000' }, paragraph: { spacing: bodySpacing, keepNext: true } },
      },
      paragraphStyles: [
        { id: 'GovIssuer', name: 'GovMedia 发文机关标志', basedOn: 'Normal', run: { font: FONTS.title, size: SIZES.issuer, color: RED } },
        { id: 'GovTable', name: 'GovMedia 表格', basedOn: 'Normal', run: { font: FONTS.body, size: SIZES.table }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 } } },
        { id: 'GovTableHeader', name: 'GovMedia 表头', basedOn: 'GovTable', run: { font: FONTS.heading1, size: SIZES.table } },
        { id: 'GovColophon', name: 'GovMedia 版记', basedOn: 'Normal', run: { font: FONTS.body, size: SIZES.pageNumber } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(PAGE_MM.width), height: mmToTwip(PAGE_MM.height) },
            margin: { top: mmToTwip(PAGE_MM.top), bottom: mmToTwip(PAGE_MM.bottom), left: mmToTwip(PAGE_MM.left), right: mmToTwip(PAGE_MM.right), footer: mmToTwip(28) },
          },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT, 'right'), even: pageNumber(AlignmentType.LEFT, 'left') },
        children: [
          ...header,
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
          new Paragraph({ children: [new TextRun(`${doc.addressee}：`)] }),
          ...doc.body.map(block),
          ...(doc.annexNote.length ? [new Paragraph({ text: '' }), ...doc.annexNote.map((line) => paragraph(line))] : []),
          ...signature,
          ...doc.annexes.flatMap(annexBlocks),
          ...colophon,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** Content-Disposition for a download with a Chinese name: an ASCII `filename` and the real one in RFC 5987 `filename*`. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
