import { handleIdentity } from '../../shared/registry/handle';

/**
 * Every key string in the table is built here and nowhere else
 * (docs/data-model.md lists the access patterns these serve).
 */
export const province = (regionCode: string) => regionCode.slice(0, 2);

export const keys = {
  department: (id: string) => ({ pk: `DEP#${id}`, sk: 'D' }),
  departmentIndex: (regionCode: string, id: string) => ({
    gsi1pk: `REG#${province(regionCode)}`,
    gsi1sk: `DEP#${regionCode}#${id}`,
  }),
  departmentNameGuard: (regionCode: string, name: string) => ({ pk: `DEPNAME#${regionCode}#${name}`, sk: 'N' }),
  departmentsInRegion: (regionPrefix: string) => ({ gsi1pk: `REG#${province(regionPrefix)}`, prefix: `DEP#${regionPrefix}` }),

  account: (id: string) => ({ pk: `ACC#${id}`, sk: 'A' }),
  accountIndex: (regionCode: string, departmentId: string, id: string) => ({
    gsi1pk: `REG#${province(regionCode)}`,
    gsi1sk: `ACC#${regionCode}#${departmentId}#${id}`,
  }),
  accountSweepIndex: (id: string) => ({ gsi3pk: `ACC#${id}`, gsi3sk: 'A' }),
  accountsInRegion: (regionPrefix: string) => ({ gsi1pk: `REG#${province(regionPrefix)}`, prefix: `ACC#${regionPrefix}` }),
  accountsInDepartment: (regionCode: string, departmentId: string) => ({
    gsi1pk: `REG#${province(regionCode)}`,
    prefix: `ACC#${regionCode}#${departmentId}#`,
  }),
  /** The unit's roster (pattern U1): what registry-derived flags read of the unit's accounts, one item per unit. */
  unitRoster: (regionCode: string, departmentId: string) => ({ pk: `UNIT#${regionCode}#${departmentId}`, sk: 'ROSTER' }),
  /** Keyed on the handle's identity (NFKC, case-folded, look-alikes mapped: shared/registry/handle.ts). */
  handleGuard: (platform: string, handle: string) => ({ pk: `HANDLE#${platform}#${handleIdentity(handle)}`, sk: 'H' }),
  /** Where guards were put before handle identity (lower case only); equal to handleGuard for ASCII handles. */
  legacyHandleGuard: (platform: string, handle: string) => ({ pk: `HANDLE#${platform}#${handle.toLowerCase()}`, sk: 'H' }),

  post: (accountId: string, externalId: string) => ({ pk: `ACC#${accountId}`, sk: `POST#${externalId}` }),
  postTimeIndex: (accountId: string, publishedAtUtc: string, externalId: string) => ({
    gsi2pk: `POSTS#${accountId}`,
    gsi2sk: `${publishedAtUtc}#${externalId}`,
  }),
  postsOfAccount: (accountId: string) => ({ gsi2pk: `POSTS#${accountId}` }),
  metric: (accountId: string, atUtc: string) => ({ pk: `ACC#${accountId}`, sk: `MET#${atUtc}` }),
  metricsOfAccount: (accountId: string) => ({ pk: `ACC#${accountId}`, prefix: 'MET#' }),
  /** The account's activity summary (shared/activity/summary.ts), beside it in its partition. */
  activitySummary: (accountId: string) => ({ pk: `ACC#${accountId}`, sk: 'SUM' }),

  audit: (entityType: string, entityId: string, at: string, id: string) => ({ pk: `AUD#${entityType}#${entityId}`, sk: `${at}#${id}` }),
  auditRegionIndex: (regionCode: string, at: string, id: string) => ({ gsi1pk: `AUDREG#${province(regionCode)}`, gsi1sk: `${at}#${id}` }),
  auditOfEntity: (entityType: string, entityId: string) => ({ pk: `AUD#${entityType}#${entityId}` }),
  auditInRegion: (regionCode: string) => ({ gsi1pk: `AUDREG#${province(regionCode)}` }),

  profile: (name: string, version: number) => ({ pk: `PROFILE#${name}`, sk: `V#${String(version).padStart(6, '0')}` }),
  profileIndex: (name: string, version: number) => ({ gsi1pk: 'PROFILES', gsi1sk: `${name}#${String(version).padStart(6, '0')}` }),
  profileVersions: (name: string) => ({ pk: `PROFILE#${name}` }),
  allProfiles: () => ({ gsi1pk: 'PROFILES' }),
  regionProfile: (regionCode: string) => ({ pk: `REGPROF#${regionCode}`, sk: 'P' }),

  inspection: (id: string) => ({ pk: `INSP#${id}`, sk: 'I' }),
  inspectionIndex: (regionCode: string, createdAt: string, id: string) => ({ gsi1pk: `INSPREG#${province(regionCode)}`, gsi1sk: `${createdAt}#${id}` }),
  inspectionResult: (id: string, accountId: string) => ({ pk: `INSP#${id}`, sk: `R#${accountId}` }),
  inspectionResults: (id: string) => ({ pk: `INSP#${id}`, prefix: 'R#' }),
  inspectionsInRegion: (regionPrefix: string) => ({ gsi1pk: `INSPREG#${province(regionPrefix)}` }),

  closure: (id: string) => ({ pk: `CLO#${id}`, sk: 'C' }),
  closureRegionIndex: (regionCode: string, departmentId: string, requestedAt: string, id: string) => ({
    gsi1pk: `CLOREG#${province(regionCode)}`,
    gsi1sk: `${regionCode}#${departmentId}#${requestedAt}#${id}`,
  }),
  closureAccountIndex: (accountId: string, requestedAt: string, id: string) => ({ gsi2pk: `CLOACC#${accountId}`, gsi2sk: `${requestedAt}#${id}` }),
  closuresInRegion: (regionPrefix: string) => ({ gsi1pk: `CLOREG#${province(regionPrefix)}`, prefix: regionPrefix }),
  closuresInDepartment: (regionCode: string, departmentId: string) => ({ gsi1pk: `CLOREG#${province(regionCode)}`, prefix: `${regionCode}#${departmentId}#` }),
  closuresOfAccount: (accountId: string) => ({ gsi2pk: `CLOACC#${accountId}` }),
  /** An attachment record, in its closure's partition (ids are time-ordered: oldest first). */
  closureAttachment: (closureId: string, id: string) => ({ pk: `CLO#${closureId}`, sk: `ATT#${id}` }),
  closureAttachments: (closureId: string) => ({ pk: `CLO#${closureId}`, prefix: 'ATT#' }),
  /** The object key (S3) or relative path (local directory) of an attachment's bytes. */
  attachmentObject: (closureId: string, id: string) => `${ATTACHMENT_OBJECT_PREFIX}${closureId}/${id}`,

  approvalRequest: (id: string) => ({ pk: `APR#${id}`, sk: 'R' }),
  approvalRequestIndex: (regionCode: string, departmentId: string, requestedAt: string, id: string) => ({
    gsi1pk: `APRREG#${province(regionCode)}`,
    gsi1sk: `${regionCode}#${departmentId}#${requestedAt}#${id}`,
  }),
  approvalRequestsInRegion: (regionPrefix: string) => ({ gsi1pk: `APRREG#${province(regionPrefix)}`, prefix: regionPrefix }),
  approvalRequestsInDepartment: (regionCode: string, departmentId: string) => ({ gsi1pk: `APRREG#${province(regionCode)}`, prefix: `${regionCode}#${departmentId}#` }),

  idempotency: (sub: string, key: string) => ({ pk: `IDEM#${sub}#${key}`, sk: 'I' }),

  // Scheduled posts (docs/data-model.md, patterns 14–17): the post item, and a status item in the same partition.
  scheduledPost: (id: string) => ({ pk: `SPOST#${id}`, sk: 'P' }),
  scheduledPostStatusItem: (id: string) => ({ pk: `SPOST#${id}`, sk: 'S' }),
  scheduledPostCalendarIndex: (departmentId: string, publishAtUtc: string, id: string) => ({
    gsi1pk: `SPOST#${departmentId}`,
    gsi1sk: `${publishAtUtc}#${id}`,
  }),
  scheduledPostsOfDepartment: (departmentId: string) => ({ gsi1pk: `SPOST#${departmentId}` }),
  scheduledPostStatusIndex: (regionCode: string, status: string, publishAtUtc: string, id: string) => ({
    gsi1pk: `SPSTATUS#${province(regionCode)}#${status}`,
    gsi1sk: `${regionCode}#${publishAtUtc}#${id}`,
  }),
  scheduledPostsWithStatus: (regionPrefix: string, status: string) => ({ gsi1pk: `SPSTATUS#${province(regionPrefix)}#${status}`, prefix: regionPrefix }),
  /** Sparse: only posts the dispatcher must act on at `dueAtUtc` carry it. */
  scheduledPostDueIndex: (id: string, dueAtUtc: string) => ({ gsi2pk: `DUE#${dueShard(id)}`, gsi2sk: `${dueAtUtc}#${id}` }),
  scheduledPostsDue: (shard: number) => ({ gsi2pk: `DUE#${shard}` }),

  // Platform credentials (patterns 18–19): the secret lives in the vault; this marker says that (and which platform) without it.
  credentialMarker: (accountId: string) => ({ pk: `ACC#${accountId}`, sk: 'CRED' }),
  credentialMarkerIndex: (platform: string, accountId: string) => ({ gsi1pk: `CREDS#${platform}`, gsi1sk: accountId }),
  accountsWithCredentials: (platform: string) => ({ gsi1pk: `CREDS#${platform}` }),
  // Connector health (shared/connectors/health.ts): what the fetch job last did for the account.
  connectorHealth: (accountId: string) => ({ pk: `ACC#${accountId}`, sk: 'CONN' }),
  // The last link check of the account's service links and URL (shared/links/check.ts).
  linkCheck: (accountId: string) => ({ pk: `ACC#${accountId}`, sk: 'LINKS' }),

  // Supervision loop (docs/data-model.md, patterns 24–31).
  notification: (id: string) => ({ pk: `NOTE#${id}`, sk: 'N' }),
  notificationAudienceIndex: (audienceKey: string, at: string, id: string) => ({ gsi1pk: `NOTEAUD#${audienceKey}`, gsi1sk: `${at}#${id}` }),
  notificationsOfAudience: (audienceKey: string) => ({ gsi1pk: `NOTEAUD#${audienceKey}` }),
  notificationRead: (sub: string, notificationId: string) => ({ pk: `READ#${sub}`, sk: notificationId }),
  notificationsReadBy: (sub: string) => ({ pk: `READ#${sub}` }),

  /** What an approval waits for (closures, drafts, openings, exceptions); in the due index until its reminder went out. */
  waiting: (kind: string, id: string) => ({ pk: `WAIT#${kind}#${id}`, sk: 'W' }),
  waitingDueIndex: (remindAt: string, kind: string, id: string) => ({ gsi2pk: 'WAITDUE', gsi2sk: `${remindAt}#${kind}#${id}` }),
  waitingDue: () => ({ gsi2pk: 'WAITDUE' }),

  rectification: (id: string) => ({ pk: `RECT#${id}`, sk: 'R' }),
  rectificationRegionIndex: (regionCode: string, issuedAt: string, id: string) => ({ gsi1pk: `RECTREG#${province(regionCode)}`, gsi1sk: `${regionCode}#${issuedAt}#${id}` }),
  rectificationsInRegion: (regionPrefix: string) => ({ gsi1pk: `RECTREG#${province(regionPrefix)}`, prefix: regionPrefix }),
  /** Sparse: only notices still open carry it; the daily job reads them all. */
  rectificationOpenIndex: (id: string) => ({ gsi2pk: 'RECTOPEN', gsi2sk: id }),
  rectificationsOpen: () => ({ gsi2pk: 'RECTOPEN' }),
  rectificationOfInspection: (inspectionId: string) => ({ pk: `RECTINSP#${inspectionId}`, sk: 'G' }),
  rectificationItem: (rectificationId: string, itemId: string) => ({ pk: `RECT#${rectificationId}`, sk: `I#${itemId}` }),
  rectificationItems: (rectificationId: string) => ({ pk: `RECT#${rectificationId}`, prefix: 'I#' }),
  rectificationItemDepartmentIndex: (departmentId: string, issuedAt: string, rectificationId: string, itemId: string) => ({
    gsi2pk: `RECTDEP#${departmentId}`,
    gsi2sk: `${issuedAt}#${rectificationId}#${itemId}`,
  }),
  rectificationItemsOfDepartment: (departmentId: string) => ({ gsi2pk: `RECTDEP#${departmentId}` }),

  // External channels and their deliveries (docs/data-model.md, "Channels and deliveries", patterns C1–C5).
  /** An owner's channel marker (which robots, which host; the secrets are in the vault). */
  channelMarker: (ownerType: 'department' | 'region', ownerId: string) => ({ pk: `CHAN#${ownerType === 'department' ? 'd' : 'r'}#${ownerId}`, sk: 'C' }),
  /** One channel's send state: the notify job's lease and the times of its messages in the last minute. */
  channelSendState: (channelKey: string) => ({ pk: `CHANSEND#${channelKey}`, sk: 'S' }),
  delivery: (id: string) => ({ pk: `DLV#${id}`, sk: 'D' }),
  deliveryRegionIndex: (regionCode: string, createdAt: string, id: string) => ({ gsi1pk: `DLVREG#${province(regionCode)}`, gsi1sk: `${regionCode}#${createdAt}#${id}` }),
  deliveriesInRegion: (regionPrefix: string) => ({ gsi1pk: `DLVREG#${province(regionPrefix)}`, prefix: regionPrefix }),
  /** Sparse: only pending deliveries carry it, at their next attempt time. */
  deliveryDueIndex: (nextAttemptAt: string, id: string) => ({ gsi2pk: 'DLVDUE', gsi2sk: `${nextAttemptAt}#${id}` }),
  deliveriesDue: () => ({ gsi2pk: 'DLVDUE' }),

  // The official holiday calendar's admin-entered years (docs/data-model.md, pattern H1): one small partition, read whole.
  holidayYear: (year: number) => ({ pk: 'HOLYEAR', sk: String(year) }),
  holidayYears: () => ({ pk: 'HOLYEAR' }),

  // The readiness probe (GET /health): a read of a key that is never written.
  healthProbe: () => ({ pk: 'HEALTH', sk: 'PROBE' }),

  // Public verification (docs/data-model.md, pattern V1): an account item carries its URL's normal form
  // (shared/registry/links.ts normaliseUrl) in gsi2, which account items use for nothing else.
  accountUrlIndex: (normalisedUrl: string, id: string) => ({ gsi2pk: `ACCURL#${normalisedUrl}`, gsi2sk: id }),
  accountsWithUrl: (normalisedUrl: string) => ({ gsi2pk: `ACCURL#${normalisedUrl}` }),

  // Inspections and what-ifs as jobs (docs/data-model.md, "Grading jobs"): a chunk's item, written once when the chunk
  // has landed, in the job's partition beside its header and results; a what-if's header and its changed accounts.
  inspectionChunk: (id: string, index: number) => ({ pk: `INSP#${id}`, sk: `C#${String(index).padStart(6, '0')}` }),
  inspectionChunks: (id: string) => ({ pk: `INSP#${id}`, prefix: 'C#' }),
  /** Part `part` of the grades of chunk `chunk` (pattern J3): one item holds a chunk's grades, split only past the item limit. */
  inspectionGrades: (id: string, chunk: number, part: number) => ({ pk: `INSP#${id}`, sk: `G#${String(chunk).padStart(6, '0')}#${String(part).padStart(3, '0')}` }),
  /** Every grades item of an inspection, in chunk order: the sort keys between `from` and `to` (`to` sorts after every `G#` key). */
  inspectionGradeItems: (id: string) => ({ pk: `INSP#${id}`, from: 'G#', to: 'G$' }),
  whatIf: (id: string) => ({ pk: `WHATIF#${id}`, sk: 'W' }),
  whatIfChunk: (id: string, index: number) => ({ pk: `WHATIF#${id}`, sk: `C#${String(index).padStart(6, '0')}` }),
  whatIfChunks: (id: string) => ({ pk: `WHATIF#${id}`, prefix: 'C#' }),
  whatIfChange: (id: string, accountId: string) => ({ pk: `WHATIF#${id}`, sk: `X#${accountId}` }),
  whatIfChanges: (id: string) => ({ pk: `WHATIF#${id}`, prefix: 'X#' }),
  /** The first XLSX/DOCX export of a region's annual report of a year (pattern Y1); later exports count on it. */
  annualReportExport: (regionCode: string, year: number) => ({ pk: `ANNUAL#${regionCode}#${year}`, sk: 'E' }),
};

/** Every attachment object key starts with this (the functions' S3 grant is limited to it). */
export const ATTACHMENT_OBJECT_PREFIX = 'closures/';

/** The due index is spread over this many partitions; the dispatcher reads them all. */
export const DUE_SHARDS = 4;

/** A post's due-index partition: a stable hash of its id. */
export function dueShard(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % DUE_SHARDS;
}

export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'expiresAt'] as const;

/** Strips the key attributes so repositories return plain domain objects. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (!(KEY_ATTRIBUTES as readonly string[]).includes(k) && !k.startsWith('_')) out[k] = v;
  }
  return out as T;
}
