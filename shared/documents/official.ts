/**
 * A formal document (公文) as plain data: what the 通报 and the 整改通知 say, in the order
 * GB/T 9704 lays it out (版头, 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附件, 版记).
 * The content is decided here, in shared/, without any document library;
 * functions/documents renders it as a Word file.
 */
import { splitRegion } from '../grading/naming';
import type { Platform } from '../registry/schemas';
import { PLATFORM_NAMES_ZH } from '../registry/schemas';
import { beijingDate } from '../time';

/** One block of the body or of an annex. */
export type Block =
  /** 一级标题 (黑体): 「一、总体情况」. */
  | { kind: 'heading1'; text: string }
  /** 二级标题 (楷体): 「（一）单项否决问题」. */
  | { kind: 'heading2'; text: string }
  /** A body paragraph, first line indented two characters. */
  | { kind: 'paragraph'; text: string }
  /** A bordered table; `widths` are relative column widths. */
  | { kind: 'table'; headers: string[]; rows: string[][]; widths?: number[] };

export interface Annex {
  /** 「附件」 or 「附件1」. */
  label: string;
  title: string;
  blocks: Block[];
}

export interface OfficialDocument {
  /** 版头: the issuing office (发文机关) and, when given, its document number (发文字号). */
  issuer: string;
  number?: string;
  title: string;
  /** 主送机关, without the final colon. */
  addressee: string;
  body: Block[];
  /** 附件说明 lines (「附件：…」), empty when there is no annex. */
  annexNote: string[];
  /** 署名 and 成文日期 (YYYY-MM-DD, written out in Chinese). */
  signature: { issuer: string; date: string };
  annexes: Annex[];
  /** 版记: who prints it and when (YYYY-MM-DD). */
  colophon: { issuer: string; date: string };
  /** The file name offered for download, without extension. */
  fileName: string;
}

/** Options a caller may give: the issuing office's name and the document number. */
export interface IssuerOptions {
  issuer?: string;
  number?: string;
}

/** 2026-11-27 → 2026年11月27日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function dateZh(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** An instant as a Beijing date and time in words: 2026-12-03T02:20:00Z → 2026年12月3日 10:20（北京时间）. */
export function beijingDateTimeZh(instant: string): string {
  const ms = Date.parse(instant);
  const hhmm = new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${dateZh(beijingDate(instant))} ${hhmm}（北京时间）`;
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (for 「一、」 and 「（一）」 up to 99). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n]!;
  if (n < 20) return `十${NUMERALS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${NUMERALS[tens]}十${ones ? NUMERALS[ones] : ''}`;
}

/** The quarter of a check date: 2026-11-20 → {year: 2026, quarter: 4}. */
export function quarterOf(date: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { year: y, quarter: (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** The region part at the start of a department name: 淳安县人力资源和社会保障局 → 淳安县; none → ''. */
function regionPrefixOf(name: string): string {
  return name.slice(0, name.length - splitRegion(name).stem.length);
}

const isRegionSequence = (s: string) => s.length > 0 && splitRegion(`${s}局`).stem === '局';

/**
 * The region's name, read from its departments' names (there is no gazetteer): the longest
 * run of whole region names (…省, …市, …区, …县) that every department name carrying one
 * starts with. 淳安县人社局 and 淳安县市场监督管理局 → 淳安县; 杭州市教育局 and
 * 杭州市西湖区教育局 → 杭州市. Names without a region prefix are ignored; null when none has one.
 */
export function regionNameOf(departmentNames: readonly string[]): string | null {
  const prefixes = departmentNames.map(regionPrefixOf).filter((p) => p.length > 0);
  if (!prefixes.length) return null;
  let common = prefixes[0]!;
  for (const p of prefixes.slice(1)) {
    let i = 0;
    while (i < common.length && i < p.length && common[i] === p[i]) i++;
    common = common.slice(0, i);
  }
  while (common.length && !isRegionSequence(common)) common = common.slice(0, -1);
  return common || null;
}

/** 全县 / 全区 / 全市 … for a region name ending in its level; the name itself otherwise. */
export function regionScope(regionName: string | null): string {
  if (!regionName) return '';
  const level = regionName.slice(-1);
  return ['省', '市', '区', '县', '州', '旗', '盟'].includes(level) ? `全${level}` : regionName;
}

/**
 * The issuing office (发文机关): the caller's, else the region's government office
 * (淳安县人民政府办公室), else a generic name when the region's name is unknown.
 */
export function issuerOf(regionName: string | null, options: IssuerOptions = {}): string {
  if (options.issuer) return options.issuer;
  return regionName ? `${regionName}人民政府办公室` : '政务新媒体主管部门';
}

/** 微信公众号“淳安人社”, or “名称”账号 on an unnamed platform. */
export function accountLabel(a: { platform: Platform; name: string }): string {
  return a.platform === 'other' ? `“${a.name}”账号` : `${PLATFORM_NAMES_ZH[a.platform]}“${a.name}”`;
}

/** 「单项否决「内容不更新」：检查日…」 → 「检查日…」: the explanation without its label. */
export function withoutLabel(sentence: string): string {
  const i = sentence.indexOf('：');
  return i >= 0 ? sentence.slice(i + 1) : sentence;
}
