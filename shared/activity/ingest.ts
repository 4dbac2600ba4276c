import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, type Principal } from '../auth/principal';
import { Forbidden, RuleViolation } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import { getVisibleAccount, type AccountStore } from '../registry/registry';
import type { Account } from '../registry/schemas';
import type { MetricsInput, MetricSnapshot, Post, PostClassification, PostInput } from './schemas';

export interface ActivityStore {
  /**
   * Writes the posts that are not stored yet (by externalId) with one audit entry per write;
   * returns the ids it accepted and the ids it already had.
   */
  insertNew(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry): Promise<{ accepted: string[]; duplicates: string[] }>;
  /**
   * Stores metric snapshots of one account in one write, each with its audit entry (a later one
   * of the same instant replaces an earlier one, as separate writes would).
   */
  putMetrics(account: Account, recorded: RecordedSnapshot[]): Promise<void>;
  /**
   * Both at once (a back-fill): the same posts, snapshots and audit entries as `insertNew` then
   * `putMetrics`, with one fold into the activity summary for both.
   */
  insertActivity(account: Account, posts: Post[], audit: (acceptedIds: string[]) => AuditEntry, snapshots: RecordedSnapshot[]): Promise<{ accepted: string[]; duplicates: string[] }>;
}

/** A metric snapshot with the audit entry that records it. */
export interface RecordedSnapshot {
  snapshot: MetricSnapshot;
  audit: AuditEntry;
}

export interface ActivityPorts {
  accounts: AccountStore;
  activity: ActivityStore;
  clock: Clock;
  ids: IdGenerator;
  /** The content checker, run once at ingest so grading never re-classifies. */
  classify?: (post: { title?: string; text: string; isRepost?: boolean }) => PostClassification;
  /** Recomputes the account's flags (and current grade) once new activity is stored. */
  refresh?: (accountId: string) => Promise<void>;
}

const REPORT_ROLES = ['office', 'admin', 'editor'] as const;

async function accountForActivity(accountId: string, actor: Principal, ports: Pick<ActivityPorts, 'accounts'>): Promise<Account> {
  const account = await getVisibleAccount(accountId, actor, ports);
  if (!canActAs(actor, REPORT_ROLES, account)) throw new Forbidden('无权为该账号报送数据 (not allowed to report activity for this account)');
  if (account.status === 'closed') throw new RuleViolation('account_closed', '账号已注销归档，不再接收新数据 (account is closed and archived)');
  return account;
}

export async function ingestPosts(
  accountId: string,
  posts: PostInput[],
  actor: Principal,
  ports: ActivityPorts,
): Promise<{ accepted: number; duplicates: number }> {
  const account = await accountForActivity(accountId, actor, ports);
  const { unique, inBatchDuplicates } = postsToStore(account, posts, ports);
  const result = await ports.activity.insertNew(account, unique, postsAudit(account, actor, ports));
  if (result.accepted.length && ports.refresh) await ports.refresh(accountId);
  return { accepted: result.accepted.length, duplicates: result.duplicates.length + inBatchDuplicates };
}

/**
 * An account's posts and metric snapshots at once (a connector's back-fill, the demo seed): the
 * same checks, stored posts, snapshots and audit entries as `ingestPosts` then `recordMetricsBatch`,
 * with one account read, one write path and one refresh.
 */
export async function backfillActivity(
  accountId: string,
  input: { posts: PostInput[]; metrics: readonly MetricsInput[] },
  actor: Principal,
  ports: ActivityPorts,
): Promise<{ accepted: number; duplicates: number; snapshots: MetricSnapshot[] }> {
  const account = await accountForActivity(accountId, actor, ports);
  const { unique, inBatchDuplicates } = postsToStore(account, input.posts, ports);
  const recorded = snapshotsToStore(account, input.metrics, actor, ports);
  const result = await ports.activity.insertActivity(account, unique, postsAudit(account, actor, ports), recorded);
  if ((result.accepted.length || recorded.length) && ports.refresh) await ports.refresh(accountId);
  return { accepted: result.accepted.length, duplicates: result.duplicates.length + inBatchDuplicates, snapshots: recorded.map((r) => r.snapshot) };
}

/** The posts as stored: classified once, stamped with the ingest time. The same externalId twice in one request is one post: the first wins, the rest are duplicates. */
function postsToStore(account: Account, posts: PostInput[], ports: ActivityPorts): { unique: Post[]; inBatchDuplicates: number } {
  const now = ports.clock.now();
  const seen = new Set<string>();
  const unique: Post[] = [];
  let inBatchDuplicates = 0;
  for (const p of posts) {
    if (seen.has(p.externalId)) {
      inBatchDuplicates++;
      continue;
    }
    seen.add(p.externalId);
    unique.push({ ...p, accountId: account.id, ingestedAt: now, ...(ports.classify ? { classification: ports.classify(p) } : {}) });
  }
  return { unique, inBatchDuplicates };
}

function postsAudit(account: Account, actor: Principal, ports: ActivityPorts) {
  return (acceptedIds: string[]) =>
    auditEntry(actor, 'posts.ingest', { type: 'account', id: account.id }, account, null, { acceptedExternalIds: acceptedIds }, ports.clock.now(), ports.ids.next());
}

function snapshotsToStore(account: Account, inputs: readonly MetricsInput[], actor: Principal, ports: ActivityPorts): RecordedSnapshot[] {
  return inputs.map((input) => {
    const snapshot: MetricSnapshot = { ...input, accountId: account.id };
    return { snapshot, audit: auditEntry(actor, 'metrics.record', { type: 'account', id: account.id }, account, null, snapshot, ports.clock.now(), ports.ids.next()) };
  });
}

export async function recordMetrics(accountId: string, input: MetricsInput, actor: Principal, ports: ActivityPorts): Promise<MetricSnapshot> {
  const [snapshot] = await recordMetricsBatch(accountId, [input], actor, ports);
  return snapshot!;
}

/**
 * Several metric snapshots of one account at once (a back-fill, the demo seed): the same checks,
 * snapshots and audit entries (one per snapshot) as one `recordMetrics` call per snapshot, in one
 * write with one account read and one refresh. In the order given: of two snapshots of the same
 * instant the later one is kept, as two calls would leave it.
 */
export async function recordMetricsBatch(accountId: string, inputs: readonly MetricsInput[], actor: Principal, ports: ActivityPorts): Promise<MetricSnapshot[]> {
  if (!inputs.length) return [];
  const account = await accountForActivity(accountId, actor, ports);
  const recorded = snapshotsToStore(account, inputs, actor, ports);
  await ports.activity.putMetrics(account, recorded);
  if (ports.refresh) await ports.refresh(accountId);
  return recorded.map((r) => r.snapshot);
}
