/**
 * Notifications addressed to audiences, not people: a role in a department or in a region. No
 * user directory is needed; a user reads what is addressed to any audience their token matches,
 * and read state is kept per user. Each event has a stable key, and a notification's id is
 * derived from (event, audience), so a sweep that runs many times writes each one once.
 */
import type { Principal, Role } from '../auth/principal';
import { hashString } from '../inspection/sample';

export const NOTIFICATION_TYPES = [
  'stale_warning',
  'approval_waiting',
  'approval_reminder',
  'filing_due',
  'filing_overdue',
  'rectification_issued',
  'rectification_due',
  'rectification_overdue',
  'rectification_responded',
  'revalidation_due',
  'post_needs_confirmation',
  'post_failed',
  'annual_report_due',
  'connector_authorization_lost',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export type EntityRef = { type: string; id: string };

/** A role in one department, or a role in one region (exactly that region code). */
export type Audience = { role: Role; departmentId: string; regionCode?: undefined } | { role: Role; regionCode: string; departmentId?: undefined };

const DEPARTMENT_ROLES: readonly Role[] = ['editor', 'approver'];

export function audienceKey(a: Audience): string {
  return a.departmentId !== undefined ? `${a.role}@d:${a.departmentId}` : `${a.role}@r:${a.regionCode}`;
}

/** The audiences a token belongs to: department roles in its department, region roles in its region. */
export function audiencesOf(p: Principal): Audience[] {
  const out: Audience[] = [];
  for (const role of new Set(p.roles)) {
    if (DEPARTMENT_ROLES.includes(role)) {
      if (p.department) out.push({ role, departmentId: p.department });
    } else out.push({ role, regionCode: p.region });
  }
  return out;
}

/** For the account's owner: a department role of its department, a region role of its region. */
export function audienceFor(role: Role, owner: { regionCode: string; departmentId?: string }): Audience | null {
  if (DEPARTMENT_ROLES.includes(role)) return owner.departmentId ? { role, departmentId: owner.departmentId } : null;
  return { role, regionCode: owner.regionCode };
}

export interface NotificationEvent {
  /** Stable for one occurrence of one event: the same event seen by two sweeps has one key. */
  key: string;
  type: NotificationType;
  at: string;
  entity: EntityRef;
  title: string;
  body: string;
  regionCode: string;
  departmentId?: string;
  audiences: Audience[];
}

export interface Notification {
  id: string;
  eventKey: string;
  at: string;
  type: NotificationType;
  entity: EntityRef;
  title: string;
  body: string;
  audience: Audience;
  regionCode: string;
  departmentId?: string;
}

/** Deterministic, so writing it "if absent" makes the event reach this audience once. */
export function notificationId(eventKey: string, audience: Audience): string {
  const text = `${eventKey}|${audienceKey(audience)}`;
  return `n${hashString(text).toString(36)}${hashString(text, 0x9e3779b9).toString(36)}${text.length.toString(36)}`;
}

export function notificationsOf(event: NotificationEvent): Notification[] {
  const seen = new Set<string>();
  const out: Notification[] = [];
  for (const audience of event.audiences) {
    const key = audienceKey(audience);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: notificationId(event.key, audience),
      eventKey: event.key,
      at: event.at,
      type: event.type,
      entity: event.entity,
      title: event.title,
      body: event.body,
      audience,
      regionCode: event.regionCode,
      ...(event.departmentId ? { departmentId: event.departmentId } : {}),
    });
  }
  return out;
}

/** The audiences of an owner for a list of roles (the ones that apply). */
export function audiencesFor(roles: readonly Role[], owner: { regionCode: string; departmentId?: string }): Audience[] {
  return roles.map((r) => audienceFor(r, owner)).filter((a): a is Audience => a !== null);
}
