import { schedulingPortsOf } from '../wiring/domain-ports';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { StaleVersion } from '../../shared/errors';
import type { Clock, IdGenerator } from '../../shared/clock-and-ids';
import type { Account } from '../../shared/registry/schemas';
import {
  DEFAULT_DISPATCH_POLICY,
  expireIfDue,
  idempotencyKey,
  isCheckDue,
  isDue,
  isStuck,
  recoverStuck,
  resolveCheck,
  settleAttempt,
  startPublishing,
  type AttemptOutcome,
  type DispatchPolicy,
  type ScheduledPost,
} from '../../shared/scheduling';
import { recordPublication, saveTransition, systemPrincipal, type SchedulingPorts } from '../../shared/scheduling/service';
import { mapLimit } from '../../shared/util/concurrency';
import { attemptPublish, canCheck, checkPublished, pickConnector, redactText, type Connector, type ConnectorSet, type CredentialVault } from '../connectors';
import type { Stores } from '../store';

/**
 * The publish dispatcher, every minute (EventBridge Scheduler deployed, a timer locally).
 * One tick reads the due index (posts whose next action time has come) and, per post:
 *
 * - draft / rejected / in_review at or past publishAt → expired (never published);
 * - approved and due → `publishing` by a write conditional on the version read: of two
 *   dispatchers only the one whose write wins calls the connector, so a post is never
 *   taken twice → connector.publish → settleAttempt → published (and recorded as an
 *   activity post of the account), a retry after backoff, failed, or needs_confirmation;
 * - needs_confirmation with a lookup due → connector.findPublished → resolveCheck;
 * - publishing for longer than stuckAfterMs (a dispatcher died mid-publish) → needs_confirmation.
 *
 * The connector is chosen before the post is taken (a vault failure leaves it due for the
 * next tick rather than in an unknown state). Whatever happens after the post is taken and
 * before its outcome is written is, by construction, an unknown outcome: the post stays in
 * `publishing` and is recovered as stuck, never published again blindly.
 */

export const DispatchEvent = v.looseObject({});

export interface DispatchDeps {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  vault: Pick<CredentialVault, 'get'>;
  connectors: ConnectorSet;
  classify?: SchedulingPorts['classify'];
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  policy?: DispatchPolicy;
  /** Posts handled at once (default 8). */
  concurrency?: number;
  /** Stop taking new posts after this long (default 40 s; the function times out at 55 s). */
  deadlineMs?: number;
}

export interface DispatchReport {
  due: number;
  expired: number;
  started: number;
  published: number;
  retryScheduled: number;
  failed: number;
  needsConfirmation: number;
  checked: number;
  recovered: number;
  /** Taken by another dispatcher (or changed by a person) between the read and the write. */
  lost: number;
  /** Left for the next tick (deadline reached, or not actually due yet). */
  deferred: number;
  errors: { postId: string; message: string }[];
}

const emptyReport = (): DispatchReport => ({
  due: 0,
  expired: 0,
  started: 0,
  published: 0,
  retryScheduled: 0,
  failed: 0,
  needsConfirmation: 0,
  checked: 0,
  recovered: 0,
  lost: 0,
  deferred: 0,
  errors: [],
});

export async function runDispatch(event: unknown, deps: DispatchDeps): Promise<DispatchReport> {
  v.parse(DispatchEvent, event ?? {});
  const started = Date.now();
  const deadline = started + (deps.deadlineMs ?? 40_000);
  const policy = deps.policy ?? DEFAULT_DISPATCH_POLICY;
  const report = emptyReport();
  const ports = schedulingPortsOf(deps);
  const dispatcher = new Dispatcher(deps, ports, policy, report);

  const due = await deps.stores.scheduledPosts.due(deps.clock.now());
  report.due = due.length;
  await mapLimit(due, deps.concurrency ?? 8, async (post) => {
    if (Date.now() > deadline) {
      report.deferred++;
      return;
    }
    try {
      await dispatcher.handle(post);
    } catch (err) {
      if (err instanceof StaleVersion) {
        report.lost++;
        return;
      }
      const message = redactText(err instanceof Error ? err.message : String(err));
      report.errors.push({ postId: post.id, message });
      deps.logger?.error('dispatch: post failed', { postId: post.id, error: message });
    }
  });
  return report;
}


class Dispatcher {
  constructor(
    private readonly deps: DispatchDeps,
    private readonly ports: SchedulingPorts,
    private readonly policy: DispatchPolicy,
    private readonly report: DispatchReport,
  ) {}

  private now(): string {
    return this.deps.clock.now();
  }

  private async save(before: ScheduledPost, after: ScheduledPost, who: 'system' | 'dispatcher' = 'dispatcher'): Promise<void> {
    await saveTransition(before, after, systemPrincipal(before.regionCode, who), this.ports);
  }

  /** The account's connector: the platform's when there is one and the account has credentials, else manual. */
  private async connectorFor(account: Account): Promise<Connector> {
    const platformConnector = this.deps.connectors.byPlatform[account.platform];
    const hasCredentials = platformConnector ? (await this.deps.vault.get(account.id)) !== undefined : false;
    return pickConnector(account.platform, hasCredentials, this.deps.connectors);
  }

  async handle(post: ScheduledPost): Promise<void> {
    const now = this.now();
    switch (post.status) {
      case 'draft':
      case 'rejected':
      case 'in_review':
        return this.expire(post, now);
      case 'approved':
        return isDue(post, now) ? this.publish(post) : void this.report.deferred++;
      case 'needs_confirmation':
        return isCheckDue(post, now) ? this.check(post) : void this.report.deferred++;
      case 'publishing':
        return isStuck(post, now, this.policy) ? this.recover(post) : void this.report.deferred++;
      default:
        this.report.deferred++;
    }
  }

  private async expire(post: ScheduledPost, now: string): Promise<void> {
    const after = expireIfDue(post, now);
    if (after === post) {
      this.report.deferred++;
      return;
    }
    await this.save(post, after, 'system');
    this.report.expired++;
  }

  private async publish(post: ScheduledPost): Promise<void> {
    const account = await this.ports.accounts.get(post.accountId);
    const active = account !== undefined && account.status === 'active';
    const connector = active ? await this.connectorFor(account) : undefined;

    const taken = startPublishing(post, this.now());
    await this.save(post, taken); // StaleVersion: another dispatcher (or a person) was first
    this.report.started++;

    const outcome: AttemptOutcome =
      account && connector
        ? await attemptPublish(connector, { account, post: taken, idempotencyKey: idempotencyKey(taken) })
        : { status: 'error', error: { kind: 'permanent', code: 'account_not_active', message: '账号不在正常运营状态（关停中、已注销或不存在），不再发布' } };
    const settled = settleAttempt(taken, outcome, this.now(), this.policy, { canCheck: connector ? canCheck(connector) : false });
    await this.save(taken, settled);
    await this.afterSettle(settled);
  }

  private async check(post: ScheduledPost): Promise<void> {
    const account = await this.ports.accounts.get(post.accountId);
    if (!account) {
      this.report.deferred++;
      return;
    }
    const connector = await this.connectorFor(account);
    const finding = await checkPublished(connector, {
      account,
      post,
      idempotencyKey: idempotencyKey(post),
      since: post.lastAttemptAt ?? post.confirmation?.since ?? post.updatedAt,
      ...(post.confirmation?.ref ? { ref: post.confirmation.ref } : {}),
    });
    const after = resolveCheck(post, finding, this.now(), this.policy);
    await this.save(post, after);
    this.report.checked++;
    await this.afterSettle(after);
  }

  private async recover(post: ScheduledPost): Promise<void> {
    const account = await this.ports.accounts.get(post.accountId);
    const connector = account ? await this.connectorFor(account) : undefined;
    const after = recoverStuck(post, this.now(), this.policy, { canCheck: connector ? canCheck(connector) : false });
    if (after === post) return;
    await this.save(post, after);
    this.report.recovered++;
  }

  private async afterSettle(post: ScheduledPost): Promise<void> {
    switch (post.status) {
      case 'published':
        this.report.published++;
        await this.record(post);
        return;
      case 'approved':
        this.report.retryScheduled++;
        return;
      case 'failed':
        this.report.failed++;
        return;
      case 'needs_confirmation':
        this.report.needsConfirmation++;
        return;
      default:
        return;
    }
  }

  /** The publication as an activity post of the account (what grading counts); a failure here is logged, the post stays published. */
  private async record(post: ScheduledPost): Promise<void> {
    try {
      await recordPublication(post, systemPrincipal(post.regionCode, 'dispatcher'), this.ports);
    } catch (err) {
      const message = redactText(err instanceof Error ? err.message : String(err));
      this.report.errors.push({ postId: post.id, message: `published, but not recorded as activity: ${message}` });
      this.deps.logger?.error('dispatch: recording the publication failed', { postId: post.id, error: message });
    }
  }
}
