import type { PostClassification } from '../activity/schemas';
import type { Platform } from '../registry/schemas';

export const VETO_CODES = ['no_update', 'no_interaction', 'security', 'fake_engagement'] as const;
export type VetoCode = (typeof VETO_CODES)[number];
export const DEDUCTION_CODES = ['cadence', 'service_share', 'off_mission_share', 'wording', 'naming', 'service_links'] as const;
export type DeductionCode = (typeof DEDUCTION_CODES)[number];

export type Verdict = 'pass' | 'fail';
export type Band = 'excellent' | 'good' | 'pass' | 'fail';

/** What the engine needs to know about an account. */
export interface GradeAccount {
  id: string;
  name: string;
  platform: Platform;
  interactionEnabled: boolean;
  verifiedSubject?: string;
  /** The owning department's (主办单位) name. */
  departmentName: string;
  /** Names of the same department's accounts on other platforms. */
  siblingNames?: readonly string[];
  serviceLinks?: readonly { label: string; url: string }[];
  /** The registry's last known post (ISO instant), which may lie before the posts handed in (the look-back): keeps the no_update evidence true for an account silent longer than that. */
  lastPostAt?: string;
}

/** A post as stored: classified once at ingest. */
export interface GradePost {
  externalId: string;
  /** ISO 8601 instant; its Beijing calendar day is what counts. */
  publishedAt: string;
  classification?: PostClassification;
  /** Optional precomputed Beijing day number of publishedAt (see shared/time beijingDay); saves parsing in bulk runs. */
  day?: number;
}

/** Fields of the latest metric snapshot at or before the check date. */
export interface GradeMetrics {
  /** When the snapshot was taken; a snapshot dated after the check date is ignored. */
  at?: string;
  oldestUnansweredDays?: number;
  brokenServiceLinks?: readonly string[];
  securityIncident?: string;
}

/** A reviewer's confirmation of bought followers or forced likes. */
export interface FakeEngagementConfirmation {
  confirmedAt?: string;
  confirmedBy?: string;
  note?: string;
}

export interface GradeInput {
  account: GradeAccount;
  posts: readonly GradePost[];
  metrics?: GradeMetrics;
  /** true or the confirmation record; only a confirmation vetoes, a suspicion is a flag. A confirmation dated after the check date is ignored. */
  confirmedFakeEngagement?: boolean | FakeEngagementConfirmation;
}

export interface PostRef {
  externalId: string;
  /** Beijing calendar date of publication. */
  date: string;
}

export interface WordingRef {
  error: string;
  suggestion: string;
}

export interface NoUpdateEvidence {
  threshold: { windowDays: number };
  checkDate: string;
  latestPost: PostRef | null;
  daysSinceLatestPost: number | null;
  /**
   * With no post among those graded: the Beijing date of the account's last known post
   * (GradeAccount.lastPostAt) when it is on or before the check date; absent when none is known,
   * so "nothing in the window" is all the evidence says.
   */
  lastKnownPostDate?: string;
}

export interface NoInteractionEvidence {
  threshold: { requireChannel: boolean; maxUnansweredDays: number };
  reasons: ('channel_disabled' | 'unanswered_too_long')[];
  interactionEnabled: boolean;
  oldestUnansweredDays?: number;
  metricsAt?: string;
}

export interface SecurityEvidence {
  threshold: { windowDays: number };
  from: string;
  to: string;
  severePosts: (PostRef & { errors: WordingRef[] })[];
  incident?: string;
}

export interface FakeEngagementEvidence {
  confirmed: true;
  confirmedAt?: string;
  confirmedBy?: string;
  note?: string;
}

export type Veto =
  | { code: 'no_update'; evidence: NoUpdateEvidence }
  | { code: 'no_interaction'; evidence: NoInteractionEvidence }
  | { code: 'security'; evidence: SecurityEvidence }
  | { code: 'fake_engagement'; evidence: FakeEngagementEvidence };

interface Capped {
  /** Points before the cap was applied. */
  uncappedPoints: number;
}

export interface CadenceEvidence extends Capped {
  threshold: { windowDays: number; minPosts: number; pointsPerMissingPost: number };
  from: string;
  to: string;
  posts: number;
  missing: number;
  postIds: string[];
}

export interface ServiceShareEvidence extends Capped {
  threshold: { windowDays: number; tiers: { belowPercent: number; points: number }[] };
  from: string;
  to: string;
  totalPosts: number;
  servicePosts: number;
  /** Rounded to two decimals for display; null when there was no post in the window (then counted as 0%). */
  sharePercent: number | null;
  appliedTier: { belowPercent: number; points: number };
}

export interface OffMissionShareEvidence extends Capped {
  threshold: { windowDays: number; tiers: { atLeastPercent: number; points: number }[] };
  from: string;
  to: string;
  totalPosts: number;
  offMissionPosts: number;
  sharePercent: number;
  appliedTier: { atLeastPercent: number; points: number };
  posts: (PostRef & { reasons: string[] })[];
}

export interface WordingEvidence extends Capped {
  threshold: { windowDays: number; pointsPerPost: number };
  from: string;
  to: string;
  posts: (PostRef & { errors: WordingRef[] })[];
}

export type NamingProblem =
  | { rule: 'name_missing_unit'; accountName: string; departmentName: string }
  | { rule: 'verified_subject_mismatch'; verifiedSubject: string; departmentName: string }
  | { rule: 'inconsistent_names'; accountName: string; siblingNames: string[] };

export interface NamingEvidence extends Capped {
  threshold: { unitMismatchPoints: number; inconsistentAcrossPlatformsPoints: number };
  problems: NamingProblem[];
}

export interface ServiceLinksEvidence extends Capped {
  threshold: { pointsPerBrokenLink: number };
  brokenLinks: string[];
}

export type Deduction =
  | { code: 'cadence'; points: number; cap: number; evidence: CadenceEvidence }
  | { code: 'service_share'; points: number; cap: number; evidence: ServiceShareEvidence }
  | { code: 'off_mission_share'; points: number; cap: number; evidence: OffMissionShareEvidence }
  | { code: 'wording'; points: number; cap: number; evidence: WordingEvidence }
  | { code: 'naming'; points: number; cap: number; evidence: NamingEvidence }
  | { code: 'service_links'; points: number; cap: number; evidence: ServiceLinksEvidence };

/** The API's grade: GET /accounts/{id}/grade and every inspection result. */
export interface Grade {
  accountId: string;
  checkDate: string;
  profile: string;
  profileVersion: number;
  verdict: Verdict;
  /** null iff a veto applies. */
  score: number | null;
  band: Band;
  vetoes: Veto[];
  /** Only indicators that cost points. Under a veto they are still listed, for information; they do not make a score. */
  deductions: Deduction[];
}
