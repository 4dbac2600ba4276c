import type { Principal } from '../auth/principal';
import { getVisibleAccount } from '../registry/registry';
import type { Account } from '../registry/schemas';
import type { MetricSnapshot, Post } from './schemas';
import type { Page } from '../page';


/** What an account's activity history reads. */
export interface ActivityHistoryPorts {
  accounts: { get(id: string): Promise<Account | undefined> };
  activity: {
    posts(accountId: string, limit: number, cursor?: string): Promise<Page<Post>>;
    metrics(accountId: string, limit: number, cursor?: string): Promise<Page<MetricSnapshot>>;
  };
}

/** GET /accounts/{id}/posts: newest first; an account the caller cannot see is 404. */
export async function accountPosts(accountId: string, q: { limit?: number; cursor?: string }, actor: Principal, ports: ActivityHistoryPorts): Promise<Page<Post>> {
  const account = await getVisibleAccount(accountId, actor, ports);
  return ports.activity.posts(account.id, q.limit ?? 50, q.cursor);
}

/** GET /accounts/{id}/metrics: newest first; an account the caller cannot see is 404. */
export async function accountMetrics(accountId: string, q: { limit?: number; cursor?: string }, actor: Principal, ports: ActivityHistoryPorts): Promise<Page<MetricSnapshot>> {
  const account = await getVisibleAccount(accountId, actor, ports);
  return ports.activity.metrics(account.id, q.limit ?? 50, q.cursor);
}
