import type { ActivityPorts } from '../../shared/activity/ingest';
import { AssessmentContext, assessAccount } from '../../shared/assessment/inputs';
import type { AssessmentPorts } from '../../shared/assessment/assessment-ports';
import type { InspectionJobs } from '../../shared/assessment/jobs';
import { memoProfiles, planRegistryFlags, refreshAccount, refreshRegistryFlags, registryFlagPortsOf } from '../../shared/assessment/refresh';
import type { AttachmentPorts } from '../../shared/closure/attachments';
import type { ClosurePorts } from '../../shared/closure/service';
import { requestClosure } from '../../shared/closure/service';
import type { BulletinPorts } from '../../shared/documents/service';
import type { ChannelPorts } from '../../shared/notify/channels';
import { queueDeliveries } from '../../shared/notify/deliveries';
import { profileForRegion, resolveProfile } from '../../shared/profiles/catalog';
import type { ImportPorts } from '../../shared/registry/import-service';
import type { RegistryPorts } from '../../shared/registry/registry';
import type { VerifyPorts } from '../../shared/registry/verify';
import type { CredentialPorts } from '../../shared/connectors/credentials';
import type { SchedulingPorts } from '../../shared/scheduling/service';
import type { WaitingWatch } from '../../shared/supervision/approvals';
import { supervisionRulesOf } from '../../shared/supervision/escalation';
import { publishEvents, watchWaiting, type SupervisionPorts } from '../../shared/supervision/service';
import type { WorkCalendar } from '../../shared/time';
import type { HolidayPorts } from '../../shared/time/holidays';
import type { ApprovalPorts } from '../../shared/approvals/service';
import { calendarPortOf, SHIPPED_YEARS } from '../calendar';
import { notifyConfig } from '../notify/config';
import { oauthConfiguredPlatforms } from './connector-ports';
import type { Deps } from './deps';
import type { ActivityHistoryPorts } from '../../shared/activity/history';
import type { InspectionListPorts } from '../../shared/assessment/inspection-list';
import type { AuditLogPorts } from '../../shared/audit/log';
import type { Closure } from '../../shared/closure/closure';
import type { ConsolidationPorts } from '../../shared/consolidation/service';
import type { DeliveryStore } from '../../shared/notify/deliveries';
import type { ProfilePorts } from '../../shared/profiles/catalog';
import type { RegionProfilePorts } from '../../shared/profiles/region-profile';
import type { RegistryListPorts } from '../../shared/registry/lists';
import type { AnnualReportPorts } from '../../shared/reports/service';
import { readOnce } from '../../shared/util/read-once';

/**
 * The domain's ports, wired to the repositories: one builder per port set, each taking the one
 * `Deps` (docs/architecture.md "Wiring"). The HTTP routes and the scheduled jobs call the same
 * builders, so both run the domain over the same wiring. A new port set gets its builder here,
 * never in a route.
 *
 * Type-only imports of the domain's port types keep this module light: it is part of the main
 * API bundle, so it imports no vault, connector, S3, exceljs or docx code.
 */

/** The parts of `Deps` the domain's ports are built from (a job's own deps type passes as well as the whole `Deps`). */
export type DomainDeps = Pick<Deps, 'stores' | 'clock' | 'ids' | 'classify'>;

/** The official working-day calendar (shipped State Council years plus the admin's), cached a minute per process. */
export function calendarOf({ stores, clock }: Pick<Deps, 'stores' | 'clock'>): () => Promise<WorkCalendar> {
  const port = calendarPortOf(stores.holidayYears, clock);
  return () => port.calendar();
}

export function assessmentPortsOf({ stores, clock, ids }: DomainDeps): AssessmentPorts {
  return {
    calendar: calendarOf({ stores, clock }),
    accounts: stores.accounts,
    departments: stores.departments,
    activity: stores.activity,
    summaries: stores.activitySummaries,
    profiles: stores.profiles,
    inspections: stores.inspections,
    clock,
    ids,
  };
}

/** The engine inspections and what-ifs hand their chunks to (absent: the chunks run in the request). */
export function inspectionJobsOf(d: Pick<Deps, 'inspectionJobs'>): InspectionJobs | undefined {
  return d.inspectionJobs;
}

/** The 通报 (docx): an inspection's assessment ports and the rectification notice issued from it. */
export function bulletinPortsOf(d: DomainDeps): BulletinPorts {
  const { rectifications } = d.stores;
  return { ...assessmentPortsOf(d), rectificationOfInspection: (inspectionId) => rectifications.forInspection(inspectionId) };
}

/** Public verification (GET /public/verify): reads only, no actor. */
export function verifyPortsOf({ stores }: Pick<Deps, 'stores'>): VerifyPorts {
  return { accounts: stores.accounts, departments: stores.departments, closures: stores.closures };
}

export function registryPortsOf(d: DomainDeps): RegistryPorts {
  const { stores, clock, ids } = d;
  const refresh = accountRefreshOf(d);
  // Each read once a request: the department (checked, then named by the flags), the profile
  // (opening policy and flags), the calendar and the unit's accounts (warmed beside the policy).
  const profileOf = memoProfiles(stores);
  const departmentOf = readOnce((id: string) => stores.departments.get(id));
  const unitOf = readOnce((regionCode: string, departmentId: string) => stores.accounts.unitOf(regionCode, departmentId));
  const calendar = readOnce(calendarOf(d));
  const flags = registryFlagPortsOf(
    {
      accounts: { unitOf, get: (id) => stores.accounts.get(id), setDerived: (id, fields) => stores.accounts.setDerived(id, fields) },
      departments: { get: departmentOf },
      profiles: stores.profiles,
      clock,
      calendar,
    },
    profileOf,
  );
  return {
    departments: { get: departmentOf, create: (dept, audit) => stores.departments.create(dept, audit) },
    accounts: stores.accounts,
    clock,
    ids,
    flagPlanner: (changes) => planRegistryFlags(changes, flags),
    warmUnit: async ({ regionCode, departmentId }) => void (await Promise.all([unitOf(regionCode, departmentId), calendar(), profileOf(regionCode)])),
    refresh: async (a) => refresh(a.id),
    openingPolicy: async (regionCode) => (await profileOf(regionCode)).approvals.opening,
    waiting: waitingWatchOf(d),
  };
}

/** Bulk import of the registry (docs/import-export.md). */
export function importPortsOf(d: DomainDeps): ImportPorts {
  const { stores, clock, ids } = d;
  const flags = registryFlagPortsOf({ accounts: stores.accounts, departments: stores.departments, profiles: stores.profiles, clock, calendar: calendarOf(d) });
  return { departments: stores.departments, imports: stores.accountImports, clock, ids, flagPlanner: (changes) => planRegistryFlags(changes, flags) };
}

/** A full re-grade of one account, after a write that can change its grade (a registry edit, a post, new activity). */
function accountRefreshOf(d: DomainDeps): (accountId: string) => Promise<void> {
  const assessment = assessmentPortsOf(d);
  return async (id) => void (await refreshAccount(id, assessment));
}

/**
 * What the approval workflows' ports share (scheduled posts, approval requests, closures): the
 * accounts and departments they decide on, the profiles whose tiers they follow, time, ids,
 * and the watch told what waits for whom after each write.
 */
function workflowPortsOf(d: DomainDeps) {
  const { stores, clock, ids } = d;
  return { accounts: stores.accounts, departments: stores.departments, profiles: stores.profiles, clock, ids, waiting: waitingWatchOf(d) };
}

export function schedulingPortsOf(d: DomainDeps): SchedulingPorts {
  const { stores, classify } = d;
  return {
    ...workflowPortsOf(d),
    scheduledPosts: stores.scheduledPosts,
    activity: stores.activity,
    classify,
    refresh: accountRefreshOf(d),
    announce: async (events) => void (await publishEvents(events, supervisionPortsOf(d))),
    calendar: calendarOf(d),
  };
}

export function activityPortsOf(d: DomainDeps): ActivityPorts {
  const { stores, clock, ids, classify } = d;
  return { accounts: stores.accounts, activity: stores.activity, clock, ids, classify, refresh: accountRefreshOf(d) };
}

export function approvalPortsOf(d: DomainDeps): ApprovalPorts {
  const { stores } = d;
  const assessment = assessmentPortsOf(d);
  return {
    ...workflowPortsOf(d),
    requests: stores.approvalRequests,
    // An outcome changes status or the duplicate exception: registry-derived flags only (decision 30).
    refresh: async (a) => void (await refreshRegistryFlags(a, registryFlagPortsOf({ ...assessment, accounts: stores.accounts }))),
  };
}

export function closurePortsOf(d: DomainDeps): ClosurePorts {
  return { ...workflowPortsOf(d), closures: d.stores.closures, calendar: calendarOf(d) };
}

/** Closure attachments: the records in the table, the bytes in the attachment store (the spreadsheet function and the local process only). */
export function attachmentPortsOf({ stores, clock, ids, attachments }: Pick<Deps, 'stores' | 'clock' | 'ids' | 'attachments'>): AttachmentPorts {
  // The S3 client lives only in the function that serves these routes (functions/wiring/spreadsheets.ts).
  if (!attachments) throw new Error('attachment store not configured in this function');
  return { closures: stores.closures, attachments: stores.closureAttachments, files: attachments, clock, ids };
}

/** What the workflows call after each write: the waiting tier is told, its 催办 scheduled. */
export function waitingWatchOf(d: DomainDeps): WaitingWatch {
  return (ref, waiting) => watchWaiting(ref, waiting, supervisionPortsOf(d));
}

export function supervisionPortsOf(d: DomainDeps): SupervisionPorts {
  const { stores, clock, ids } = d;
  const assessment = assessmentPortsOf(d);
  return {
    notifications: stores.notifications,
    waiting: stores.waiting,
    // External channels: each new notification queues its group-robot deliveries (docs/notifications.md).
    onPublished: async (created) => void (await queueDeliveries(created, { channels: stores.channels, deliveries: stores.deliveries, clock })),
    rectifications: stores.rectifications,
    inspections: stores.inspections,
    accounts: stores.accounts,
    departments: stores.departments,
    regrade: async (accountId, checkDate, profile) => {
      const account = await stores.accounts.get(accountId);
      if (!account) throw new Error(`regrade: account ${accountId} is gone`);
      const rules = await resolveProfile(profile.name, profile.version, assessment);
      return (await assessAccount(account, checkDate, rules, new AssessmentContext(assessment))).grade;
    },
    rules: async (regionCode) => {
      const profile = await profileForRegion(regionCode, assessment);
      return { ...supervisionRulesOf(profile), noUpdateWindowDays: profile.vetoes.noUpdate.windowDays, filingWorkingDays: profile.registry.filingWorkingDays };
    },
    calendar: calendarOf(d),
    requestClosure: (input, actor) => requestClosure(input, actor, closurePortsOf(d)),
    clock,
    ids,
  };
}

/** The official holiday calendar's years (API.md "Yearly duties"; docs/api-notes.md). */
export function holidayPortsOf({ stores, clock, ids }: Pick<Deps, 'stores' | 'clock' | 'ids'>): HolidayPorts {
  return { holidayYears: stores.holidayYears, shipped: SHIPPED_YEARS, clock, ids, changed: () => calendarPortOf(stores.holidayYears, clock).invalidate() };
}

/** Platform credentials per account: the vault lives only in the functions that handle credentials (functions/wiring/credentials.ts). */
export function credentialPortsOf({ stores, clock, ids, vault, connectors }: Pick<Deps, 'stores' | 'clock' | 'ids' | 'vault' | 'connectors'>): CredentialPorts {
  if (!vault) throw new Error('credential vault not configured in this function');
  return { accounts: stores.accounts, credentials: stores.credentials, vault, clock, ids, oauthPlatforms: oauthConfiguredPlatforms(connectors) };
}

/** Group-robot channels: their webhook URLs and secrets live in the vault, so these ports too are built only where the vault is. */
export function channelPortsOf({ stores, clock, ids, vault }: Pick<Deps, 'stores' | 'clock' | 'ids' | 'vault'>): ChannelPorts {
  if (!vault) throw new Error('credential vault not configured in this function');
  return { channels: stores.channels, departments: stores.departments, vault, allowList: notifyConfig.allowList, clock, ids };
}

// ---------------------------------------------------------------- reads (routes never read a repository: test/unit/architecture/routes-use-no-repository.test.ts)

/** The registry's lists: GET /departments and GET /accounts (shared/registry/lists.ts). */
export function registryListPortsOf({ stores }: Pick<Deps, 'stores'>): RegistryListPorts {
  return { departments: stores.departments, accounts: stores.accounts };
}

/** GET /audit-log (shared/audit/log.ts): the trail, and the department a department role's scope is read from. */
export function auditLogPortsOf({ stores }: Pick<Deps, 'stores'>): AuditLogPorts {
  return { audit: stores.audit, departments: stores.departments };
}

/** GET /inspections (shared/assessment/inspection-list.ts). */
export function inspectionListPortsOf({ stores }: Pick<Deps, 'stores'>) {
  return { inspections: stores.inspections } satisfies InspectionListPorts<unknown>;
}

/** GET /accounts/{id}/posts and /metrics (shared/activity/history.ts). */
export function activityHistoryPortsOf({ stores }: Pick<Deps, 'stores'>): ActivityHistoryPorts {
  return { accounts: stores.accounts, activity: stores.activity };
}

/** What a closure is answered with (its attachments' records, not their bytes) and an account's closures. */
export function closureReadPortsOf({ stores }: Pick<Deps, 'stores'>): Pick<AttachmentPorts, 'attachments'> & {
  accounts: ClosurePorts['accounts'];
  closures: { ofAccount(accountId: string): Promise<Closure[]> };
} {
  return { attachments: stores.closureAttachments, accounts: stores.accounts, closures: stores.closures };
}

/** GET /consolidation/candidates (shared/consolidation/service.ts). */
export function consolidationPortsOf({ stores }: Pick<Deps, 'stores'>): ConsolidationPorts {
  return { accounts: stores.accounts, departments: stores.departments };
}

/** The rule profiles: the catalog, publishing and assignment, and a region's adoption history from the audit trail. */
export function profilePortsOf({ stores, clock, ids }: Pick<Deps, 'stores' | 'clock' | 'ids'>): ProfilePorts & RegionProfilePorts {
  return { profiles: stores.profiles, audit: stores.audit, clock, ids };
}

/** GET /deliveries (shared/notify/deliveries.ts). */
export function deliveryPortsOf({ stores }: Pick<Deps, 'stores'>): { deliveries: Pick<DeliveryStore, 'listInRegion'> } {
  return { deliveries: stores.deliveries };
}

/** GET /health: the store's one cheap probe. */
export function storeHealthOf({ stores }: Pick<Deps, 'stores'>): Pick<Deps['stores']['health'], 'check'> {
  return stores.health;
}

/** GET /reports/annual and the sweep's January reminder (shared/reports/service.ts). */
export function annualReportPortsOf({ stores, clock }: Pick<Deps, 'stores' | 'clock'>): AnnualReportPorts {
  return {
    accounts: stores.accounts,
    departments: stores.departments,
    activity: stores.activity,
    inspections: stores.inspections,
    exports: stores.annualReports,
    notifications: stores.notifications,
    clock,
  };
}
