/** Response shapes from docs API.md. Registry types come from shared/ so web and API agree. */
export type { Account, Department, Flag, FlagType, Platform, AccountStatus, GradeSummary } from '../../../shared/registry/schemas';

export type { Grade, Veto, Deduction } from '../../../shared/grading/types';

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
  results?: import('../../../shared/grading/types').Grade[];
  /** Inspections as jobs (API.md): `running` and `failed` ones have no summary yet; stored before jobs: absent (done). */
  status?: 'running' | 'done' | 'failed';
  progress?: { checked: number; total: number };
  failure?: { code: string; message: string; chunk?: number; at: string };
}

export interface Profile {
  name: string;
  version?: number;
  latestVersion?: number;
  versions?: number[];
  title?: string;
  description?: string;
  [key: string]: unknown;
}

export type { DuplicateCluster as Cluster } from '../../../shared/consolidation/duplicates';

/** Closures and scheduled posts as the domain defines them. */
export type { Closure } from '../../../shared/closure/closure';
export type { ScheduledPost, ContentFinding } from '../../../shared/scheduling/schemas';
export type { CalendarWarning } from '../../../shared/scheduling/calendar';

export interface ContentCheck {
  category: 'service' | 'policy' | 'news' | 'off_mission';
  reasons: { term: string; category: string }[];
  wording: { error: string; suggestion: string; severity: 'ordinary' | 'severe'; start: number; end: number }[];
}

/** An activity post already on the platform, as `GET /calendar` lists it in `published`. */
export interface CalendarPublished {
  accountId: string;
  externalId: string;
  publishedAt: string;
  title?: string;
  text?: string;
  url?: string;
  classification?: { category: 'service' | 'policy' | 'news' | 'off_mission' };
}

export interface CalendarResponse {
  department?: string;
  from?: string;
  to?: string;
  accounts?: { id: string; name: string; platform: import('../../../shared/registry/schemas').Platform; lastPostAt?: string }[];
  posts: import('../../../shared/scheduling/schemas').ScheduledPost[];
  published?: CalendarPublished[];
  warnings: import('../../../shared/scheduling/calendar').CalendarWarning[];
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
  /** Shared ImportReportRow: ok (valid, dry run), written, error. */
  status?: 'ok' | 'error' | 'written' | 'rejected' | string;
  accountId?: string;
  ok?: boolean;
  id?: string;
  handle?: string;
  platform?: string;
  name?: string;
  issues?: ImportProblem[];
  /** Shared RowError: the column (`field`), the message, its code and params (shared/errors-codes.ts ISSUE_CODES). */
  errors?: ImportProblem[];
}

/** A row error or a file issue of an import report: said by its code and params (ImportDialog), the message is the fallback. */
export interface ImportProblem {
  path?: string;
  field?: string;
  message: string;
  code?: string;
  params?: Readonly<Record<string, string | number>>;
}

export interface ImportReport {
  id?: string;
  importId?: string;
  valid?: number;
  invalid?: number;
  written?: number;
  dryRun?: boolean;
  total?: number;
  accepted?: number;
  imported?: number;
  created?: number;
  updated?: number;
  rejected?: number;
  committed?: boolean;
  rows?: ImportRow[];
  /** Each column of the file by field, its heading as the file spells it (shared ImportReport.columns). */
  columns?: Record<string, { heading: string; letter: string }>;
}

export const actorName = (a: { sub: string; name: string } | string | undefined): string =>
  a === undefined ? '—' : typeof a === 'string' ? a : a.name || a.sub;

/** Openings and duplicate exceptions (`GET /approval-requests`). */
export type { ApprovalRequest, ApprovalKind } from '../../../shared/approvals/requests';

/** One profile version in full (`GET /profiles/{name}?version=`). */
export type { RuleProfile } from '../../../shared/profiles/schema';

/** `GET /profiles` items. */
export interface ProfileListItem {
  name: string;
  title: string;
  description?: string;
  latestVersion: number;
  versions: number[];
  builtin?: boolean;
}

/** `GET /regions/{code}/profile`: the profile in force and where it comes from. */
export interface RegionProfile {
  regionCode: string;
  profile: string;
  profileVersion: number;
  title: string;
  /** The region whose assignment applies (this one or a parent); null: nothing assigned, the national default. */
  inheritedFrom: string | null;
  /** `own` assignment, `inherited` from a parent, or the shipped `builtin` national default. */
  source?: 'own' | 'inherited' | 'builtin';
  assignment: { regionCode: string; profile: string; version: number; assignedAt: string; assignedBy: { sub: string; name: string } } | null;
}

/** `GET /accounts/{id}/credentials`. */
export interface CredentialStatus {
  configured: boolean;
  platform: import('../../../shared/registry/schemas').Platform;
}

/** `GET /notifications` items (shared/supervision/service.ts NotificationView). */
export type { NotificationView as NotificationItem } from '../../../shared/supervision/service';
export interface NotificationPage {
  items: import('../../../shared/supervision/service').NotificationView[];
  cursor: string | null;
  unread: number;
}

/** `GET …/{id}/waiting` and `POST …/{id}/remind` (who must act on a waiting approval). */
export interface WaitingView {
  waiting: boolean;
  tier?: number;
  role?: string;
  roleName?: string;
  since?: string;
  workingHours?: number;
  /** Only on `POST …/remind`: false when this hour's reminder had already gone out. */
  sent?: boolean;
}

/** Rectification (整改) as the API answers it. */
import type { Rectification as RectificationHeader, RectificationItem as RectItem } from '../../../shared/supervision/rectification';
export type { Rectification, RectificationItem, Problem, Recheck, ItemStatus } from '../../../shared/supervision/rectification';
export interface RectificationDetail extends RectificationHeader {
  status: 'open' | 'closed';
  items: RectItem[];
  counts: Record<string, number>;
}
/** `GET /rectifications`: region roles get notices; department roles get their own items under each notice. */
export interface RectificationListItem extends RectificationHeader {
  status: 'open' | 'closed';
  items?: RectItem[];
}

/** `GET /departments/{id}/channels`, `GET /regions/{code}/channels` (never a URL or secret). */
export type { ChannelView } from '../../../shared/notify/channels';
/** `GET /deliveries` items. */
export type { DeliveryView } from '../../../shared/notify/deliveries';
