/**
 * The bell's state: the unread count (polled every 60 s and on navigation: one cheap
 * `GET /notifications?unread=true&limit=1`) and where a notification leads.
 */
import { api, isMissingRoute } from './api';
import type { NotificationItem, NotificationPage } from './types';

export const POLL_MS = 60_000;

export const bell = $state<{ unread: number | null; missing: boolean }>({ unread: null, missing: false });

let inFlight: Promise<void> | null = null;

/** Re-reads the unread count; a failure leaves the last count (a 404 route hides the count). */
export function refreshUnread(): Promise<void> {
  inFlight ??= api<NotificationPage>('/notifications', { query: { unread: 'true', limit: 1 } })
    .then((p) => {
      bell.unread = p.unread;
      bell.missing = false;
    })
    .catch((e: unknown) => {
      if (isMissingRoute(e)) bell.missing = true;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function resetBell(): void {
  bell.unread = null;
  bell.missing = false;
}

/**
 * The screen a notification leads to (hash path and query). Approval notices of a draft go to the
 * approvals inbox's drafts tab (that is where it is decided); other post notices open the post on
 * the calendar.
 */
export function notificationTarget(n: Pick<NotificationItem, 'type' | 'entity'>): { path: string; query?: Record<string, string> } | null {
  const id = encodeURIComponent(n.entity.id);
  switch (n.entity.type) {
    case 'account':
      return { path: `/accounts/${id}` };
    case 'closure':
      return { path: `/closures/${id}` };
    case 'rectification':
      return { path: `/rectifications/${id}` };
    case 'approval_request':
      return { path: '/approvals', query: { tab: 'requests' } };
    case 'scheduled_post':
      return n.type === 'approval_waiting' || n.type === 'approval_reminder'
        ? { path: '/approvals', query: { tab: 'drafts' } }
        : { path: '/calendar', query: { post: n.entity.id } };
    case 'annual_report': {
      // `<region>:<year>` (shared/reports/reminder.ts): the annual report screen of that region and year.
      const [region, year] = n.entity.id.split(':');
      return { path: '/reports/annual', query: { region: region ?? '', year: year ?? '' } };
    }
    default:
      return null;
  }
}
