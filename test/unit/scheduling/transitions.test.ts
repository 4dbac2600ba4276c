import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/errors';
import { answered } from '../../support/answered';
import {
  SCHEDULED_POST_STATUSES,
  allowedActions,
  confirmNotPublished,
  confirmPublished,
  decideScheduledPost,
  editScheduledPost,
  expireIfDue,
  resolveCheck,
  retryFailed,
  settleAttempt,
  startPublishing,
  submitScheduledPost,
  withdrawScheduledPost,
  type ScheduledPost,
  type ScheduledPostStatus,
} from '../../../shared/scheduling';
import { AFTER, NOW, PUBLISH_AT, at, editor, head, leader, postIn } from './fixtures';

/**
 * The whole state machine as a table: every status × every action. The legal cells
 * are written out here, independently of the implementation's own table.
 */
type Action =
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'dispatch'
  | 'settle'
  | 'check'
  | 'confirm_published'
  | 'confirm_not_published'
  | 'retry';

const ACTIONS: Action[] = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'dispatch', 'settle', 'check', 'confirm_published', 'confirm_not_published', 'retry'];

/** Legal (status, action) → the status it leads to. */
const LEGAL: Record<ScheduledPostStatus, Partial<Record<Action, ScheduledPostStatus>>> = {
  draft: { edit: 'draft', submit: 'in_review' },
  in_review: { withdraw: 'draft', approve: 'in_review', reject: 'rejected' },
  rejected: { edit: 'draft', submit: 'in_review' },
  approved: { withdraw: 'draft', dispatch: 'publishing', confirm_published: 'published' },
  publishing: { settle: 'published' },
  published: {},
  failed: { confirm_published: 'published', retry: 'approved' },
  needs_confirmation: { confirm_published: 'published', confirm_not_published: 'approved', check: 'published' },
  expired: {},
};

/** Human actions happen before the publish time while the post is still being prepared, the rest after it. */
function timeFor(status: ScheduledPostStatus, action: Action): string {
  if (action === 'dispatch' || action === 'settle' || action === 'check') return AFTER;
  return ['draft', 'in_review', 'rejected', 'approved'].includes(status) ? NOW : at(AFTER, 60_000);
}

function run(post: ScheduledPost, action: Action): ScheduledPost {
  const now = timeFor(post.status, action);
  const version = post.version;
  switch (action) {
    case 'edit':
      return editScheduledPost(post, { title: '医保电子凭证办理指南（修订）', version }, editor, now);
    case 'submit':
      return submitScheduledPost(post, { version }, editor, now);
    case 'withdraw':
      return withdrawScheduledPost(post, { version }, editor, now);
    case 'approve':
      return decideScheduledPost(post, { decision: 'approve', version }, head, now);
    case 'reject':
      return decideScheduledPost(post, { decision: 'reject', note: '数据需核实', version }, leader, now);
    case 'dispatch':
      return startPublishing(post, now);
    case 'settle':
      return settleAttempt(post, { status: 'published', platformPostId: 'P1' }, now);
    case 'check':
      return resolveCheck(post, { state: 'published', platformPostId: 'P1' }, now);
    case 'confirm_published':
      return confirmPublished(post, { url: 'https://weibo.com/1/abc', version }, editor, now);
    case 'confirm_not_published':
      return confirmNotPublished(post, { version }, editor, now);
    case 'retry':
      return retryFailed(post, { version }, editor, now);
  }
}

const cells = SCHEDULED_POST_STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: LEGAL[status][action] })));

describe('scheduled post state machine', () => {
  it.each(cells.filter((c) => c.to !== undefined))('$action from $status leads to $to', ({ status, action, to }) => {
    const before = postIn(status);
    const after = run(before, action);
    expect(after.status).toBe(to);
    expect(after.version).toBe(before.version + 1);
  });

  it.each(cells.filter((c) => c.to === undefined))('$action from $status is an illegal transition (409)', ({ status, action }) => {
    const before = postIn(status);
    let thrown: unknown;
    try {
      run(before, action);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Conflict);
    expect(answered(thrown)).toMatchObject({ status: 409, code: 'illegal_transition' });
  });

  it.each(SCHEDULED_POST_STATUSES.map((status) => ({ status, expires: ['draft', 'in_review', 'rejected'].includes(status) })))(
    'reaching the publish time in $status expires it: $expires',
    ({ status, expires }) => {
      const before = postIn(status);
      const after = expireIfDue(before, at(PUBLISH_AT, 60 * 60_000));
      if (expires) expect(after.status).toBe('expired');
      else expect(after).toBe(before);
    },
  );

  it.each(SCHEDULED_POST_STATUSES)('the buttons offered in %s are exactly its legal human actions', (status) => {
    const human = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'confirm_published', 'confirm_not_published', 'retry'];
    const expected = Object.keys(LEGAL[status]).filter((a) => human.includes(a));
    expect([...allowedActions({ status })].sort()).toEqual(expected.sort());
  });
});
