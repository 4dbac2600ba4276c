/** Response shapes from docs API.md. Registry types come from shared/ so web and API agree. */
export type { Account, Department, Flag, FlagType, Platform, AccountStatus, GradeSummary } from '../../../shared/registry/schemas';

export interface Evidence {
  [key: string]: unknown;
}

export interface Grade {
  accountId: string;
  checkDate: string;
  profile: string;
  profileVersion: number;
  verdict: 'pass' | 'fail';
  score: number | null;
  band: 'excellent' | 'good' | 'pass' | 'fail';
  vetoes: { code: string; evidence: Evidence; rule?: string; threshold?: unknown; message?: string }[];
  deductions: { code: string; points: number; cap: number; evidence: Evidence; rule?: string; threshold?: unknown; message?: string }[];
}

export interface InspectionSummary {
  checked: number;
  passed: number;
  failed: number;
  passRate: number;
  byPlatform?: Record<string, { checked: number; passed: number; failed?: number; passRate?: number }>;
  byDepartment?: Record<string, { checked: number; passed: number; failed?: number; passRate?: number }>;
}

export interface Inspection {
  id: string;
  regionCode?: string;
  checkDate?: string;
  profile?: string;
  profileVersion?: number;
  sample?: { ratio: number; seed: number | string };
  createdAt?: string;
  summary: InspectionSummary;
  results?: Grade[];
}

export interface Profile {
  name: string;
  version?: number;
  title?: string;
  description?: string;
  [key: string]: unknown;
}

export interface Cluster {
  reason: 'same_unit_same_platform' | 'similar_function' | 'internal_division' | string;
  accountIds: string[];
  keeperId: string;
  why: string | string[];
}

export interface Decision {
  tier?: string;
  decision: 'approve' | 'reject';
  note?: string;
  actor?: { sub: string; name: string } | string;
  at?: string;
}

export interface Closure {
  id: string;
  accountId: string;
  reason: string;
  successorAccountId?: string;
  status: 'pending' | 'approved' | 'rejected' | 'announcing' | 'closed' | 'filed' | string;
  version: number;
  requestedBy?: { sub: string; name: string } | string;
  createdAt?: string;
  regionCode?: string;
  departmentId?: string;
  decisions?: Decision[];
  tier?: string;
  nextTier?: string;
  notice?: { publishedAt: string; url: string };
  noticeEndsAt?: string;
  platformCancelledAt?: string;
  filedAt?: string;
  account?: { name?: string; platform?: string; handle?: string };
}

export interface ContentCheck {
  category: 'service' | 'policy' | 'news' | 'off_mission';
  reasons: { term: string; category: string }[];
  wording: { error: string; suggestion: string; severity: 'ordinary' | 'severe'; start: number; end: number }[];
}

export interface ScheduledPost {
  id: string;
  accountId: string;
  publishAt: string;
  title: string;
  body: string;
  category: 'service' | 'policy' | 'news' | 'other';
  status: 'draft' | 'in_review' | 'approved' | 'published' | 'failed' | 'expired' | 'rejected' | string;
  version: number;
  checks?: unknown[];
  decisions?: Decision[];
  createdBy?: { sub: string; name: string } | string;
  departmentId?: string;
  publishedUrl?: string;
}

export interface CalendarWarning {
  type: string;
  accountId?: string;
  date?: string;
  from?: string;
  to?: string;
  weekStart?: string;
  postId?: string;
  message?: string;
  [key: string]: unknown;
}

export interface CalendarResponse {
  posts: ScheduledPost[];
  warnings: CalendarWarning[];
}

export interface AuditEntry {
  id?: string;
  at: string;
  actor: { sub: string; name: string } | string;
  action: string;
  entity: { type: string; id: string } | string;
  before: unknown;
  after: unknown;
}

export interface PostItem {
  externalId: string;
  publishedAt: string;
  title?: string;
  text: string;
  url?: string;
  isRepost?: boolean;
  classification?: {
    category: 'service' | 'policy' | 'news' | 'off_mission';
    offMissionReasons?: { term: string; category: string }[];
    wording?: { error: string; suggestion: string; severity: 'ordinary' | 'severe' }[];
  };
}

export interface ImportRow {
  row?: number;
  line?: number;
  status?: 'ok' | 'rejected' | 'created' | 'updated' | string;
  ok?: boolean;
  id?: string;
  handle?: string;
  platform?: string;
  name?: string;
  issues?: { path: string; message: string }[];
  errors?: { path?: string; field?: string; message: string }[];
}

export interface ImportReport {
  id?: string;
  dryRun?: boolean;
  total?: number;
  accepted?: number;
  imported?: number;
  created?: number;
  updated?: number;
  rejected?: number;
  committed?: boolean;
  rows?: ImportRow[];
}

export const actorName = (a: { sub: string; name: string } | string | undefined): string =>
  a === undefined ? '—' : typeof a === 'string' ? a : a.name || a.sub;
