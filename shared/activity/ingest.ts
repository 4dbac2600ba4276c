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
  putMetrics(account: Account, recorded: { snapshot: MetricSnapshot; audit: AuditEntry }[]): Promise<void>;
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
  const now = ports.clock.now();
  // The same externalId twice in one request is one post: the first wins, the rest are duplicates.
  const seen = new Set<string>();
  const unique: Post[] = [];
  let inBatchDuplicates = 0;
  for (const p of posts) {
    if (seen.has(p.externalId)) {
      inBatchDuplicates++;
      continue;
    }
    seen.add(p.externalId);
    unique.push({ ...p, accountId, ingestedAt: now, ...(ports.classify ? { classification: ports.classify(p) } : {}) });
  }
  const result = await ports.activity.insertNew(account, unique, (acceptedIds) =>
    auditEntry(actor, 'posts.ingest', { type: 'account', id: accountId }, account, null, { acceptedExternalIds: acceptedIds }, ports.clock.now(), ports.ids.next()),
  );
  if (result.accepted.length && ports.refresh) await ports.refresh(accountId);
  return { accepted: result.accepted.length, duplicates: result.duplicates.length + inBatchDuplicates };
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
  const recorded = inputs.map((input) => {
    const snapshot: MetricSnapshot = { ...input, accountId };
    return { snapshot, audit: auditEntry(actor, 'metrics.record', { type: 'account', id: accountId }, account, null, snapshot, ports.clock.now(), ports.ids.next()) };
  });
  await ports.activity.putMetrics(account, recorded);
  if (ports.refresh) await ports.refresh(accountId);
  return recorded.map((r) => r.snapshot);
}
