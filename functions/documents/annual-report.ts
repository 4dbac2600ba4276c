/**
 * The annual report's new-media section (shared/reports/annual.ts) as the template lays it
 * out, in XLSX (exceljs) and DOCX (docx): first the template's 政务新媒体 block (微博: 名称,
 * 信息发布总数, 其中原创量, 关注量; 微信: 名称, 信息发布总数, 其中原创量, 订阅数; 其他: each
 * further platform the same way), then the region's totals, then one row per account
 * (docs/annual-report.md). Figures are numbers in the workbook, never formulas. The Word file
 * uses the formal documents' page, fonts and sizes (./official-docx.ts) but is a 报表, not a
 * 公文: no red header, addressee or signature, a 填报单位 line and the tables.
 *
 * Both libraries are imported on first use (the spreadsheet function only).
 */
import type { AnnualReport, AnnualRow, PlatformTotals } from '../../shared/reports/annual';
import { FONTS, PAGE_MM, SIZES } from './official-docx';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number;

export const annualTitle = (r: Pick<AnnualReport, 'regionName' | 'year'>) => `${r.regionName ?? ''}政府网站与政务新媒体工作年度报表（${r.year}年度）`;
export const annualSubtitle = '政务新媒体部分';
export const annualFileName = (r: Pick<AnnualReport, 'regionName' | 'regionCode' | 'year'>) => `${r.regionName ?? r.regionCode}${r.year}年度政务新媒体工作年度报表`;

const unknown = (n: number | null): Cell => (n === null ? '无数据' : n);
const yesNo = (b: boolean) => (b ? '是' : '否');

/** The template's block: one group of rows per platform (微博, 微信 first, as the template has them; then 其他). */
export function templateRows(report: AnnualReport): { group: string; rows: [string, Cell][] }[] {
  const by = new Map(report.byPlatform.map((p) => [p.platform, p]));
  const block = (p: PlatformTotals | undefined, followersLabel: string): [string, Cell][] => [
    ['名称', p ? p.names.join('、') : '无'],
    ['信息发布总数（条）', p?.posts ?? 0],
    ['其中：原创量（条）', p?.originalPosts ?? 0],
    [followersLabel, p?.followersAtYearEnd ?? 0],
  ];
  const others = report.byPlatform.filter((p) => p.platform !== 'weibo' && p.platform !== 'wechat');
  return [
    { group: '微博', rows: block(by.get('weibo'), '关注量（个）') },
    { group: '微信', rows: block(by.get('wechat'), '订阅数（个）') },
    ...(others.length
      ? others.map((p) => ({ group: `其他（${p.platformName}）`, rows: block(p, '关注量（个）') }))
      : [{ group: '其他', rows: [['名称', '无'] as [string, Cell]] }]),
  ];
}

/** The region's totals as label and figure. */
export function totalRows(report: AnnualReport): [string, Cell][] {
  const t = report.totals;
  return [
    ['账号总数（个）', t.accounts],
    ['年末在运营账号（个）', t.operatingAtYearEnd],
    ['信息发布总数（条）', t.posts],
    ['其中：原创量（条）', t.originalPosts],
    ['其中：服务类信息（条）', t.servicePosts],
    ['收到留言（条）', t.messagesReceived],
    ['答复留言（条）', t.messagesAnswered],
    ['年末关注量合计（个）', t.followersAtYearEnd],
    ['本年新开设（个）', t.openings],
    ['本年关停注销（个）', t.closures],
    ['本年检查次数（次）', t.inspections],
    ['账号受检（个次）', t.checked],
    ['合格（个次）', t.passed],
    ['不合格（个次）', t.failed],
    ['合格率（%）', t.passRate === null ? '无检查' : t.passRate],
  ];
}

export const ROW_HEADERS = ['序号', '平台', '账号名称', '主办单位', '信息发布总数', '其中原创', '其中服务类', '收到留言', '答复留言', '年末关注量', '本年开设', '本年关停', '受检次数', '合格', '不合格', '最近检查'];

const latestText = (r: AnnualRow) => (r.inspection.latest ? `${r.inspection.latest.checkDate} ${r.inspection.latest.verdict === 'pass' ? '合格' : '不合格'}${r.inspection.latest.score === null ? '' : `（${r.inspection.latest.score}分）`}` : '未检查');

export function accountRow(r: AnnualRow, i: number): Cell[] {
  return [
    i + 1,
    r.platformName,
    r.name,
    r.department,
    r.posts,
    r.originalPosts,
    r.servicePosts,
    unknown(r.messagesReceived),
    unknown(r.messagesAnswered),
    unknown(r.followersAtYearEnd),
    yesNo(r.openedInYear),
    yesNo(r.closedInYear),
    r.inspection.checked,
    r.inspection.passed,
    r.inspection.failed,
    latestText(r),
  ];
}

const caption = (r: AnnualReport) => `填报单位：${r.regionName ? `${r.regionName}人民政府办公室` : r.regionCode}　　统计期间：${r.period.from} 至 ${r.period.to}（北京时间）`;

/** The workbook: 政务新媒体 (the template's block), 合计, 账号明细. */
export async function annualReportXlsx(report: AnnualReport): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GovMedia';
  const bold = { bold: true };
  const thin = { style: 'thin' as const };
  const boxed = { top: thin, left: thin, bottom: thin, right: thin };

  const form = wb.addWorksheet('政务新媒体');
  form.addRow([annualTitle(report)]).font = { bold: true, size: 14 };
  form.addRow([annualSubtitle]).font = bold;
  form.addRow([caption(report)]);
  form.addRow(['类别', '项目', '数值']).font = bold;
  for (const g of templateRows(report)) {
    const first = form.rowCount + 1;
    for (const [label, value] of g.rows) form.addRow([g.group, label, value]);
    if (g.rows.length > 1) form.mergeCells(first, 1, form.rowCount, 1);
  }
  form.columns.forEach((c, i) => (c.width = [18, 24, 60][i]));
  form.eachRow((row, n) => n >= 4 && row.eachCell((cell) => (cell.border = boxed)));

  const totals = wb.addWorksheet('合计');
  totals.addRow(['项目', '数值']).font = bold;
  for (const r of totalRows(report)) totals.addRow(r);
  totals.columns.forEach((c, i) => (c.width = [24, 14][i]));

  const rows = wb.addWorksheet('账号明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  rows.addRow(ROW_HEADERS).font = bold;
  report.rows.forEach((r, i) => rows.addRow(accountRow(r, i)));
  rows.columns.forEach((c, i) => (c.width = [6, 12, 24, 30][i] ?? 12));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The Word file: title, 填报单位 line, the template's block (类别 merged down), totals, the accounts. */
export async function annualReportDocx(report: AnnualReport): Promise<Uint8Array<ArrayBuffer>> {
  const d = await import('docx');
  const { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } = d;
  const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
  // Landscape A4 (the accounts table has sixteen columns), GB/T 9704's margins turned with the page:
  // the long edge runs between the 37 mm and 35 mm margins.
  const width = mmToTwip(PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const cell = (text: Cell, opts: { header?: boolean; rowSpan?: number; width: number }) =>
    new TableCell({
      width: { size: opts.width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
      children: [new Paragraph({ style: opts.header ? 'GovTableHeader' : 'GovTable', alignment: typeof text === 'number' || opts.header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun(String(text))] })],
    });
  const widthsOf = (weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => Math.floor((width * w) / total));
  };
  const table = (weights: number[], rows: TableRowSpec[]) => {
    const widths = widthsOf(weights);
    return new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      borders,
      rows: rows.map(
        (r) =>
          new TableRow({
            tableHeader: r.header ?? false,
            cantSplit: true,
            children: r.cells.map((c, i) => cell(c.text, { header: r.header, rowSpan: c.rowSpan, width: widths[r.offset ? i + r.offset : i]! })),
          }),
      ),
    });
  };
  type TableRowSpec = { cells: { text: Cell; rowSpan?: number }[]; header?: boolean; offset?: number };

  const templateSpec: TableRowSpec[] = [{ header: true, cells: [{ text: '类别' }, { text: '项目' }, { text: '数值' }] }];
  for (const g of templateRows(report)) {
    g.rows.forEach(([label, value], i) =>
      templateSpec.push(i === 0 ? { cells: [{ text: g.group, rowSpan: g.rows.length }, { text: label }, { text: value }] } : { offset: 1, cells: [{ text: label }, { text: value }] }),
    );
  }
  const totalsSpec: TableRowSpec[] = [{ header: true, cells: [{ text: '项目' }, { text: '数值' }] }, ...totalRows(report).map(([l, v]) => ({ cells: [{ text: l }, { text: v }] }))];
  const rowsSpec: TableRowSpec[] = [{ header: true, cells: ROW_HEADERS.map((text) => ({ text })) }, ...report.rows.map((r, i) => ({ cells: accountRow(r, i).map((text) => ({ text })) }))];

  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [new TextRun(text)] });
  const document = new Document({
    creator: 'GovMedia',
    title: annualTitle(report),
    styles: {
      default: {
        document: { run: { font: FONTS.body, size: SIZES.table, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } },
        title: { run: { font: FONTS.title, size: SIZES.title, bold: false, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
        heading1: { run: { font: FONTS.heading1, size: SIZES.body, bold: false, color: '000000' }, paragraph: { keepNext: true } },
      },
      paragraphStyles: [
        { id: 'GovTable', name: 'GovMedia 表格', basedOn: 'Normal', run: { font: FONTS.body, size: SIZES.table } },
        { id: 'GovTableHeader', name: 'GovMedia 表头', basedOn: 'GovTable', run: { font: FONTS.heading1, size: SIZES.table } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwip(PAGE_MM.width), height: mmToTwip(PAGE_MM.height), orientation: PageOrientation.LANDSCAPE },
            margin: { top: mmToTwip(PAGE_MM.left), bottom: mmToTwip(PAGE_MM.right), left: mmToTwip(PAGE_MM.top), right: mmToTwip(PAGE_MM.bottom) },
          },
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(annualTitle(report))] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: annualSubtitle, font: FONTS.heading2, size: SIZES.body })] }),
          new Paragraph({ spacing: { before: 120, after: 120 }, children: [new TextRun(caption(report))] }),
          table([3, 4, 10], templateSpec),
          heading('合计'),
          table([3, 1], totalsSpec),
          heading('账号明细'),
          table([2, 4, 8, 10, 4, 4, 4, 4, 4, 5, 3, 3, 3, 3, 3, 9], rowsSpec),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
