import { ActivityRepository, type BulkWrites } from './activity';
import { ActivitySummaryRepository } from './activity-summary';
import { AccountRepository } from './accounts';
import { AuditRepository } from './audit';
import type { DocClient } from './client';
import { DepartmentRepository } from './departments';
import { IdempotencyRepository } from './idempotency';
import { ApprovalRequestRepository } from './approval-requests';
import { ClosureRepository } from './closures';
import { ClosureAttachmentRepository } from './closure-attachments';
import { InspectionRepository } from './inspections';
import { ProfileRepository } from './profiles';
import { ScheduledPostRepository } from './scheduled-posts';
import { CredentialMarkerRepository } from './credential-markers';
import { StoreHealth } from './health';
import { NotificationRepository } from './notifications';
import { RectificationRepository } from './rectifications';
import { WaitingRepository } from './waiting';
import { ChannelMarkerRepository } from './channels';
import { DeliveryRepository } from './deliveries';
import { HolidayYearRepository } from './holiday-years';
import { cursorCodec } from './cursor';
import { Table } from './table';
import { AccountImportRepository } from './account-imports';
import { ConnectorHealthRepository } from './connector-health';
import { LinkCheckRepository } from './link-checks';
import { AnnualReportRepository } from './annual-reports';

/** Every repository over one table; created once per process. */
export function createStores(doc: DocClient, tableName: string, cursorKey: Uint8Array, options: { bulkWrites?: BulkWrites } = {}) {
  const table = new Table(doc, tableName, cursorCodec(cursorKey));
  const activitySummaries = new ActivitySummaryRepository(table);
  const accounts = new AccountRepository(table);
  return {
    table,
    departments: new DepartmentRepository(table),
    accounts,
    accountImports: new AccountImportRepository(table, accounts),
    activity: new ActivityRepository(table, options.bulkWrites, activitySummaries),
    activitySummaries,
    audit: new AuditRepository(table),
    idempotency: new IdempotencyRepository(table),
    profiles: new ProfileRepository(table),
    inspections: new InspectionRepository(table),
    scheduledPosts: new ScheduledPostRepository(table),
    credentials: new CredentialMarkerRepository(table),
    connectorHealth: new ConnectorHealthRepository(table),
    linkChecks: new LinkCheckRepository(table),
    closures: new ClosureRepository(table),
    closureAttachments: new ClosureAttachmentRepository(table),
    approvalRequests: new ApprovalRequestRepository(table),
    notifications: new NotificationRepository(table),
    rectifications: new RectificationRepository(table),
    waiting: new WaitingRepository(table),
    channels: new ChannelMarkerRepository(table),
    deliveries: new DeliveryRepository(table),
    holidayYears: new HolidayYearRepository(table),
    health: new StoreHealth(table),
    annualReports: new AnnualReportRepository(table),
  };
}
export type Stores = ReturnType<typeof createStores>;
