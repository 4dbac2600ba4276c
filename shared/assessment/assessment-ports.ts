import type { MetricSnapshot, Post } from '../activity/schemas';
import type { ActivitySummaryStore } from '../activity/summary';
import type { AuditEntry } from '../audit/audit';
import type { InspectionStore } from './jobs';
import type { Grade } from '../grading/types';
import type { InspectionSummary } from '../inspection/summary';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { ProfileStore } from '../profiles/catalog';
import type { Account, Department, Flag, GradeSummary } from '../registry/schemas';
import type { WorkCalendar } from '../time';

export interface Inspection {
  id: string;
  regionCode: string;
  checkDate: string;
  profile: string;
  profileVersion: number;
  sample: { ratio: number; seed: string | number; population: number } | null;
  createdAt: string;
  createdBy: { sub: string; name: string };
  summary: InspectionSummary;
  results: Grade[];
}

/** What grading reads and writes, as the assessment functions see it. */
export interface AssessmentPorts {
  accounts: {
    get(id: string): Promise<Account | undefined>;
    /** Many accounts in one go (a chunk of an inspection); missing ids left out, any order. Without it, one get each. */
    getMany?(ids: readonly string[]): Promise<Account[]>;
    allInRegion(regionPrefix: string): Promise<Account[]>;
    allInDepartment(regionCode: string, departmentId: string): Promise<Account[]>;
    setDerived(id: string, fields: { flags?: Flag[]; latestGrade?: GradeSummary }): Promise<void>;
  };
  departments: { get(id: string): Promise<Department | undefined> };
  activity: {
    /** Posts published in [fromUtc, toUtc). */
    postsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<Post[]>;
    /** Metric snapshots taken in [fromUtc, toUtc), newest first. */
    metricsBetween(accountId: string, fromUtc: string, toUtc: string): Promise<MetricSnapshot[]>;
  };
  /** Activity summaries (shared/activity/summary.ts): grading reads one item per account; without it, the posts. */
  summaries?: ActivitySummaryStore;
  profiles: ProfileStore;
  /** Inspections and what-if jobs: headers, results, chunks (shared/assessment/jobs.ts). */
  inspections: InspectionStore;
  clock: Clock;
  ids: IdGenerator;
  /** The official working-day calendar (unfiled_change counts its working days); Monday to Friday without it. */
  calendar?: () => Promise<WorkCalendar>;
}
