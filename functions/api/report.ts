import type { Inspection } from '../../shared/assessment/assessment-ports';
import { DIMENSION_LABELS, formatPassRate, inspectionReportRows, PASS_RATE_COLUMNS, RESULT_COLUMNS, type AccountsById } from '../../shared/inspection/summary';
import { getBuiltinProfile } from '../../shared/profiles';
import { PLATFORM_LABELS } from '../../shared/inspection/explain';
import { csvCell } from './spreadsheet';
import type { StaleGrade } from '../../shared/connectors/health';

export interface Sheet {
  name: string;
  rows: string[][];
}

/** An instant as users read it in a report: `2026-11-27 09:05（北京时间）` (issue 15: no UTC ISO strings). */
export function beijingDateTimeCell(instant: string | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const bj = new Date(ms + 8 * 3_600_000).toISOString();
  return `${bj.slice(0, 10)} ${bj.slice(11, 16)}（北京时间）`;
}

/** A profile by its title and version (`国家基线 第 1 版`), the name when it is not a built-in one. */
export function profileCell(name: string, version: number, title?: string): string {
  return `${title ?? getBuiltinProfile(name, version)?.title ?? getBuiltinProfile(name)?.title ?? name} 第 ${version} 版`;
}

/** The inspection report (通报) as sheets: summary, pass rates, failed accounts with reasons, all results. */
export function inspectionReportSheets(inspection: Inspection, accounts: AccountsById, stale: readonly StaleGrade[] = []): Sheet[] {
  const { passRates, failed, all } = inspectionReportRows(inspection.results, accounts);
  const resultRows = (rows: typeof all) => [
    RESULT_COLUMNS.map((c) => c.header),
    ...rows.map((r) => RESULT_COLUMNS.map((c) => (r[c.key] === null ? '' : String(r[c.key])))),
  ];
  const s = inspection.summary;
  return [
    {
      name: '检查概况',
      rows: [
        ['项目', '内容'],
        ['检查编号', inspection.id],
        ['地区', inspection.regionCode],
        ['检查日期', inspection.checkDate],
        ['规则配置', profileCell(inspection.profile, inspection.profileVersion)],
        ['检查方式', inspection.sample ? `抽查 ${(inspection.sample.ratio * 100).toFixed(1)}%（种子 ${inspection.sample.seed}，总数 ${inspection.sample.population}）` : '全面检查'],
        ['检查账号数', String(s.checked)],
        ['合格', String(s.passed)],
        ['不合格', String(s.failed)],
        ['合格率', formatPassRate(s.passRate)],
        ['组织人', inspection.createdBy.name],
        ['生成时间', beijingDateTimeCell(inspection.createdAt)],
      ],
    },
    {
      name: '合格率',
      rows: [
        PASS_RATE_COLUMNS.map((c) => c.header),
        ...passRates.map((r) =>
          PASS_RATE_COLUMNS.map((c) => {
            const v = r[c.key];
            if (c.key === 'passRate') return formatPassRate(v as number);
            if (c.key === 'dimension') return DIMENSION_LABELS[r.dimension];
            if (c.key === 'label' && r.dimension === 'platform') return PLATFORM_LABELS[r.key as keyof typeof PLATFORM_LABELS] ?? String(v);
            return String(v);
          }),
        ),
      ],
    },
    { name: '不合格账号', rows: resultRows(failed) },
    { name: '全部结果', rows: resultRows(all) },
    // Grades resting on automatic data already over two days old on the check date (issue 16).
    ...(stale.length
      ? [
          {
            name: '数据时效',
            rows: [
              ['账号', '平台', '数据截至', '说明'],
              ...stale.map((g) => {
                const a = accounts instanceof Map ? accounts.get(g.accountId) : (accounts as Readonly<Record<string, { name: string; platform: string }>>)[g.accountId];
                return [a?.name ?? g.accountId, a ? (PLATFORM_LABELS[a.platform as keyof typeof PLATFORM_LABELS] ?? a.platform) : '', beijingDateTimeCell(g.dataAsOf), '平台数据自动获取超过两天未成功，评分依据的不是最新数据'];
              }),
            ],
          },
        ]
      : []),
  ];
}

/** CSV has one sheet: sections one after another, separated by a blank line, each under its title. */
export function sheetsToCsv(sheets: Sheet[]): string {
  const lines: string[] = [];
  for (const sheet of sheets) {
    if (lines.length) lines.push('');
    lines.push(csvCell(`【${sheet.name}】`));
    for (const row of sheet.rows) lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Several worksheets, every cell a string (never a formula), bold frozen headers. */
export async function sheetsToXlsx(sheets: Sheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GovMedia';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const r of sheet.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    (sheet.rows[0] ?? []).forEach((_, i) => {
      const longest = Math.max(...sheet.rows.slice(0, 200).map((r) => [...(r[i] ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)));
      ws.getColumn(i + 1).width = Math.min(80, Math.max(8, longest + 2));
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
