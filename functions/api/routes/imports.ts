import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { InvalidInput } from '../../../shared/errors';
import { registryExport } from '../../../shared/registry/export';
import { IMPORT_LIMITS, templateRows } from '../../../shared/registry/import-parser';
import { importAccounts } from '../../../shared/registry/import-service';
import { AccountQuery } from '../../../shared/registry/schemas';
import { beijingDate } from '../../../shared/time';
import type { AppEnv } from '../context';
import { importPortsOf, registryListPortsOf } from '../../wiring/domain-ports';
import { CONTENT_TYPES, formatOfContentType, readSheet, writeCsv, writeXlsx, type SheetFormat } from '../spreadsheet';
import { query } from '../validation';

/**
 * Bulk import and export of the registry (docs/import-export.md): the import and its template
 * under /imports, the export under /accounts (routes/registry.ts's `GET /accounts/:id` leaves
 * `export` to it, so the mount order does not matter).
 */

const Flag = v.optional(v.picklist(['true', 'false', '1', '0'], 'dryRun 须为 true 或 false'));
const Format = v.optional(v.picklist(['csv', 'xlsx'], 'format 须为 csv 或 xlsx'));

const ImportQuery = v.strictObject({ dryRun: Flag, region: v.optional(RegionCode) });
/** The list's filters (GET /accounts: region, department, platform, status, flag, q), the format and the columns (issue 15). */
const ExportQuery = v.strictObject({
  ...v.omit(AccountQuery, ['limit', 'cursor']).entries,
  format: Format,
  columns: v.optional(v.picklist(['template', 'full'], 'columns 须为 template 或 full')),
});
const TemplateQuery = v.strictObject({ format: Format });

const MB = IMPORT_LIMITS.maxBytes / 1024 / 1024;

function tooLarge(c: Context<AppEnv>) {
  return c.json(
    { error: { code: 'payload_too_large', message: `导入文件不能超过 ${MB} MB，请拆分后分批导入 (import file over ${MB} MB)`, params: { maxMb: MB } } },
    413,
  );
}

async function sheetResponse(c: Context<AppEnv>, format: SheetFormat, rows: string[][], filename: string) {
  const headers = {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${filename}.${format}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (format === 'xlsx') return c.body(await writeXlsx(rows, '账号台账'), 200, headers);
  return c.body(writeCsv(rows), 200, headers);
}

/** Mounted at /imports. */
export const importRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const q = query(c, ImportQuery);
    const contentType = c.req.header('content-type');
    const format = formatOfContentType(contentType);
    if (!format) {
      throw new InvalidInput(
        [{ path: 'Content-Type', message: `导入文件的 Content-Type 须为 text/csv 或 ${CONTENT_TYPES.xlsx}` }],
        '不支持的文件类型 (unsupported Content-Type: send text/csv or XLSX)',
      );
    }
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > IMPORT_LIMITS.maxBytes) return tooLarge(c);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > IMPORT_LIMITS.maxBytes) return tooLarge(c);
    if (bytes.byteLength === 0) throw new InvalidInput([{ path: '', message: '导入文件为空 (empty body)' }]);

    const rows = await readSheet(bytes, format, contentType, IMPORT_LIMITS.maxRows);
    const dryRun = q.dryRun === 'true' || q.dryRun === '1';
    const { report, rejected } = await importAccounts(rows, { region: q.region, dryRun, format }, c.get('principal'), importPortsOf(c.get('deps')));
    if (rejected) {
      return c.json(
        {
          error: {
            code: 'import_rejected',
            message: `${report.invalid} 行有错误，整批未写入任何账号；请按报告修改后重新导入 (${report.invalid} invalid rows; nothing was written)`,
            params: { invalid: report.invalid },
          },
          report,
        },
        422,
      );
    }
    return c.json(report);
  })
  .get('/template', async (c) => {
    const q = query(c, TemplateQuery);
    return sheetResponse(c, q.format ?? 'csv', templateRows(), 'govmedia-accounts-template');
  });

/** Mounted at /accounts: GET /accounts/export, the registry as CSV or XLSX. */
export const accountExportRoutes = new Hono<AppEnv>().get('/export', async (c) => {
    const { format, ...q } = query(c, ExportQuery);
    const date = beijingDate(c.get('deps').clock.now());
    const { region, header, rows } = await registryExport(q, c.get('principal'), registryListPortsOf(c.get('deps')), date);
    return sheetResponse(c, format ?? 'csv', [header, ...rows], `govmedia-accounts-${region}-${date}`);
  });
