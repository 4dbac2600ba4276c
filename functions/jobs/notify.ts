import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as v from 'valibot';
import { StaleVersion } from '../../shared/errors';
import type { Clock } from '../../shared/clock-and-ids';
import { channelVaultId, CHANNEL_NAMES_ZH, type AllowedHost } from '../../shared/notify/channels';
import {
  abandonDelivery,
  planMessages,
  recentSends,
  remainingBudget,
  ROBOT_MESSAGES_PER_MINUTE,
  renderMessage,
  settleDelivery,
  webLinks,
  type Delivery,
  type RetryPolicy,
  type SendOutcome,
} from '../../shared/notify/deliveries';
import { mapLimit } from '../../shared/util/concurrency';
import { redactText, type CredentialVault } from '../connectors/credentials';
import { notifyConfig } from '../notify/config';
import { sendToRobot, type RobotSettings } from '../notify/robots';
import type { Stores } from '../store';

/**
 * The notify job, every minute (EventBridge Scheduler deployed, a timer locally): the due
 * deliveries, grouped by channel. Per channel it takes the channel's lease (no two runs send
 * to one robot), counts the messages the robot got in the last 60 s (20 allowed), and sends
 * what fits — each delivery alone while the budget allows, digests of several otherwise —
 * then settles each delivery: sent, retried after backoff, failed, or (the robot said "too
 * fast") tried again after its cool-down. Webhooks and the 钉钉 secret are read from the vault
 * at send time and their host checked against the allow-list again.
 */

export const NotifyEvent = v.looseObject({});

export interface NotifyDeps {
  stores: Pick<Stores, 'deliveries' | 'channels'>;
  clock: Clock;
  vault: Pick<CredentialVault, 'get'>;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  allowList?: readonly AllowedHost[];
  webUrl?: string;
  robot?: Partial<RobotSettings>;
  policy?: RetryPolicy;
  /** Stop starting new channels after this long (default 40 s; the function times out at 55 s). */
  deadlineMs?: number;
  /** Chases approvals whose tier has waited long enough (automatic 催办) before delivering, so the reminders go out in this run. */
  remind?: () => Promise<{ due: number; notified: number }>;
}

export interface NotifyReport {
  due: number;
  channels: number;
  messages: number;
  sent: number;
  retryScheduled: number;
  rateLimited: number;
  failed: number;
  /** Channels another run held, or left for the next tick (budget used up, deadline). */
  deferred: number;
  errors: { channel: string; message: string }[];
  /** Automatic reminders written in this run. */
  reminders?: number;
}

export async function runNotify(event: unknown, deps: NotifyDeps): Promise<NotifyReport> {
  v.parse(NotifyEvent, event ?? {});
  const started = Date.now();
  const deadline = started + (deps.deadlineMs ?? 40_000);
  const report: NotifyReport = { due: 0, channels: 0, messages: 0, sent: 0, retryScheduled: 0, rateLimited: 0, failed: 0, deferred: 0, errors: [] };
  if (deps.remind) report.reminders = (await deps.remind()).notified;
  const due = await deps.stores.deliveries.due(deps.clock.now());
  report.due = due.length;
  const byChannel = new Map<string, Delivery[]>();
  for (const d of due) byChannel.set(d.channel.key, [...(byChannel.get(d.channel.key) ?? []), d]);
  report.channels = byChannel.size;
  const runId = randomUUID();
  await mapLimit([...byChannel], 4, async ([key, deliveries]) => {
    if (Date.now() > deadline) {
      report.deferred++;
      return;
    }
    try {
      await sendChannel(key, deliveries, runId, deps, report);
    } catch (err) {
      const message = redactText(err instanceof Error ? err.message : String(err));
      report.errors.push({ channel: key, message });
      deps.logger?.error('notify: channel failed', { channel: key, error: message });
    }
  });
  return report;
}

async function sendChannel(key: string, deliveries: Delivery[], runId: string, deps: NotifyDeps, report: NotifyReport): Promise<void> {
  const { stores, clock } = deps;
  const now = clock.now();
  const lease = await stores.deliveries.acquireChannel(key, runId, now, new Date(Date.parse(now) + 55_000).toISOString());
  if (!lease) {
    report.deferred++;
    return;
  }
  let sent = recentSends(lease.sent, now);
  try {
    const { kind, owner } = deliveries[0]!.channel;
    const save = async (before: Delivery, after: Delivery) => {
      try {
        await stores.deliveries.save(before, after);
      } catch (err) {
        if (!(err instanceof StaleVersion)) throw err; // changed by another writer: theirs stands
      }
    };
    const marker = await stores.channels.get(owner);
    const secrets = marker?.[kind] ? await deps.vault.get(channelVaultId(owner)) : undefined;
    const webhookUrl = secrets?.[kind === 'wecom' ? 'wecomUrl' : 'dingtalkUrl'];
    if (!marker?.[kind] || !webhookUrl) {
      const reason = `${CHANNEL_NAMES_ZH[kind]}已不再配置，通知未发送 (channel removed)`;
      for (const d of deliveries) await save(d, abandonDelivery(d, reason, clock.now()));
      report.failed += deliveries.length;
      return;
    }
    const link = webLinks(deps.webUrl ?? notifyConfig.webUrl);
    const settings: RobotSettings = { allowList: deps.allowList ?? notifyConfig.allowList, timeoutMs: notifyConfig.timeoutMs, ...deps.robot };
    const ordered = [...deliveries].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    const plan = planMessages(ordered, remainingBudget(sent, now), link);
    const planned = plan.reduce((n, g) => n + g.length, 0);
    if (planned < ordered.length) report.deferred++;
    for (const group of plan) {
      const outcome: SendOutcome = await sendToRobot({ kind, webhookUrl, ...(secrets?.dingtalkSecret ? { secret: secrets.dingtalkSecret } : {}) }, renderMessage(group, link), settings);
      const at = clock.now();
      report.messages++;
      if (outcome.kind === 'sent' || outcome.kind === 'permanent') sent = [...recentSends(sent, at), at];
      // The robot says its minute is used up (by us or by another sender): count it as full.
      if (outcome.kind === 'rate_limited') sent = Array.from({ length: ROBOT_MESSAGES_PER_MINUTE }, () => at);
      for (const d of group) await save(d, settleDelivery(d, outcome, at, group.length, deps.policy));
      if (outcome.kind === 'sent') report.sent += group.length;
      else if (outcome.kind === 'permanent') report.failed += group.length;
      else if (outcome.kind === 'rate_limited') report.rateLimited += group.length;
      else report.retryScheduled += group.length;
      // The robot is throttling or down: the rest waits for the next tick rather than hammer it.
      if (outcome.kind === 'rate_limited' || outcome.kind === 'retryable') break;
    }
  } finally {
    await stores.deliveries.releaseChannel(key, runId, sent);
  }
}
