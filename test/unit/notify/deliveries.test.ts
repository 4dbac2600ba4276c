import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelMarker } from '../../../shared/notify/channels';
import {
  byteLength,
  deliveriesFor,
  deliveryId,
  MAX_DIGEST_ITEMS,
  MAX_MESSAGE_BYTES,
  planMessages,
  remainingBudget,
  renderMessage,
  settleDelivery,
  webLinks,
  type Delivery,
} from '../../../shared/notify/deliveries';
import { notificationsOf, type NotificationEvent } from '../../../shared/supervision/notifications';

const NOW = '2027-06-01T02:00:00.000Z';
const marker = (owner: ChannelMarker['owner'], kinds: ('wecom' | 'dingtalk')[]): ChannelMarker => ({
  owner,
  regionCode: owner.regionCode,
  ...Object.fromEntries(kinds.map((k) => [k, { host: 'h', updatedAt: NOW }])),
  updatedAt: NOW,
  updatedBy: { sub: 's', name: 'n' },
  version: 1,
});
const DEPT = marker({ type: 'department', id: 'dep1', regionCode: '330127' }, ['wecom', 'dingtalk']);
const REGION = marker({ type: 'region', id: '330127', regionCode: '330127' }, ['wecom']);
const markerOf = (o: { type: string; id: string }) => (o.type === 'department' && o.id === 'dep1' ? DEPT : o.type === 'region' && o.id === '330127' ? REGION : undefined);

const event = (key: string, audiences: NotificationEvent['audiences']): NotificationEvent => ({
  key,
  type: 'rectification_overdue',
  at: NOW,
  entity: { type: 'rectification', id: 'r1' },
  title: '整改逾期：千岛湖发布',
  body: '整改期限已过。',
  regionCode: '330127',
  departmentId: 'dep1',
  audiences,
});

describe('which channels a notification goes to', () => {
  it('an event for the department’s editors and approvers and the region’s office: one delivery per channel', () => {
    const created = notificationsOf(event('e1', [{ role: 'editor', departmentId: 'dep1' }, { role: 'approver', departmentId: 'dep1' }, { role: 'office', regionCode: '330127' }]));
    const out = deliveriesFor(created, markerOf, NOW);
    expect(out.map((d) => d.channel.key).sort()).toEqual(['d:dep1:dingtalk', 'd:dep1:wecom', 'r:330127:wecom']);
    expect(out.every((d) => d.status === 'pending' && d.attempts === 0 && d.nextAttemptAt === NOW)).toBe(true);
  });

  it('an owner without channels gets none', () => {
    expect(deliveriesFor(notificationsOf(event('e2', [{ role: 'editor', departmentId: 'other' }])), markerOf, NOW)).toEqual([]);
  });

  it('the id depends only on (event, channel), so the same event is queued once', () => {
    expect(deliveryId('e1', 'd:dep1:wecom')).toBe(deliveryId('e1', 'd:dep1:wecom'));
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => (a === b ? true : deliveryId(a, c) !== deliveryId(b, c))));
  });
});

const pending = (id = 'x'): Delivery => deliveriesFor(notificationsOf(event(id, [{ role: 'editor', departmentId: 'dep1' }])), markerOf, NOW).find((d) => d.channel.kind === 'wecom')!;
const plus = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

describe('retry policy', () => {
  it.each([
    [0, plus(1)],
    [1, plus(5)],
    [2, plus(30)],
    [3, plus(120)],
  ])('after %i earlier attempts a retryable failure waits until %s', (attempts, next) => {
    const after = settleDelivery({ ...pending(), attempts }, { kind: 'retryable', error: 'busy' }, NOW, 1);
    expect(after).toMatchObject({ status: 'pending', attempts: attempts + 1, nextAttemptAt: next, lastError: 'busy' });
  });

  it('the fifth failed attempt is final', () => {
    expect(settleDelivery({ ...pending(), attempts: 4 }, { kind: 'retryable', error: 'busy' }, NOW, 1)).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null });
  });

  it('a permanent error fails at once', () => {
    expect(settleDelivery(pending(), { kind: 'permanent', error: 'errcode 93000' }, NOW, 1)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'errcode 93000' });
  });

  it('a rate-limit answer waits for the robot’s cool-down and does not count as an attempt', () => {
    expect(settleDelivery(pending(), { kind: 'rate_limited', error: '45009' }, NOW, 1)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: plus(1) });
  });

  it('a sent delivery records when and in how large a message', () => {
    expect(settleDelivery(pending(), { kind: 'sent' }, NOW, 3)).toMatchObject({ status: 'sent', attempts: 1, sentAt: NOW, nextAttemptAt: null, sentInDigestOf: 3 });
  });
});

describe('the rate limit and digests', () => {
  it('counts only the messages of the last 60 seconds', () => {
    const sends = [...Array(15).fill(new Date(Date.parse(NOW) - 61_000).toISOString()), ...Array(5).fill(NOW)];
    expect(remainingBudget(sends, NOW)).toBe(15);
  });

  const items = (n: number, text = '通知') => Array.from({ length: n }, (_, i) => ({ id: i, notification: { ...pending().notification, title: `${text} ${i}` } }));

  it('sends each alone while the budget allows', () => {
    expect(planMessages(items(5), 20).map((g) => g.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps within the budget, the digest size and the byte limit, in order, each item at most once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 200 }), (n, budget, titleLength) => {
        const due = items(n, '长'.repeat(titleLength));
        const plan = planMessages(due, budget);
        const flat = plan.flat().map((d) => d.id);
        expect(plan.length).toBeLessThanOrEqual(budget);
        expect(flat).toEqual(due.slice(0, flat.length).map((d) => d.id));
        for (const group of plan) {
          expect(group.length).toBeLessThanOrEqual(MAX_DIGEST_ITEMS);
          if (group.length > 1) expect(byteLength(renderMessage(group).markdown)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        }
        if (n <= budget * MAX_DIGEST_ITEMS && titleLength <= 20) expect(flat).toHaveLength(n);
      }),
    );
  });

  it('a digest lists every notification with its link', () => {
    const message = renderMessage(items(3), webLinks('https://govmedia.example.gov.cn/'));
    expect(message.title).toBe('【政务新媒体】通知汇总（3 条）');
    expect(message.markdown.match(/\[查看\]\(https:\/\/govmedia\.example\.gov\.cn\/#\/rectifications\/r1\)/g)).toHaveLength(3);
  });

  it('text from records cannot inject markdown links or tags', () => {
    const [d] = items(1, '[点我](http://evil) <font color="red">');
    expect(renderMessage([d!]).markdown).not.toMatch(/\[点我\]\(|<font/);
  });
});
