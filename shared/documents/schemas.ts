import * as v from 'valibot';

const Line = (field: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, `${field}不能为空`),
      v.maxLength(40, `${field}最多 40 个字`),
      v.regex(/^[^\p{Cc}\p{Cf}]*$/u, `${field}不能含控制字符`),
    ),
  );

/** What a caller may set on a formal document: the issuing office (发文机关) and the document number (发文字号). */
export const DocumentOptions = {
  issuer: Line('发文机关（issuer）'),
  number: Line('发文字号（number）'),
};

/** GET /rectifications/{id}/notice: only `docx` (the 整改通知 is a formal document; its data is GET /rectifications/{id}). */
export const NoticeQuery = v.strictObject({
  format: v.optional(v.picklist(['docx'], 'format 须为 docx（整改通知的数据见 GET /rectifications/{id}）'), 'docx'),
  ...DocumentOptions,
});

/** GET /inspections/{id}/report: the report as CSV or XLSX (sheets), or the formal 通报 (docx). */
export const ReportQuery = v.strictObject({
  format: v.optional(v.picklist(['csv', 'xlsx', 'docx'], 'format 须为 csv、xlsx 或 docx'), 'csv'),
  ...DocumentOptions,
});
