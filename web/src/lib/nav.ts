import type { Role } from '../../../shared/auth/principal';
import type { MessageKey } from '../i18n/zh-CN';

export interface NavItem {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** Screens and who may see them (the API enforces the same; the UI only hides what would be refused). */
export const NAV: readonly NavItem[] = [
  { path: '/dashboard', label: 'nav.dashboard', roles: ['office', 'reviewer', 'admin'] },
  { path: '/registry', label: 'nav.registry', roles: ['office', 'reviewer', 'editor', 'approver', 'admin'] },
  { path: '/inspections', label: 'nav.inspections', roles: ['office', 'reviewer', 'admin'] },
  { path: '/consolidation', label: 'nav.consolidation', roles: ['office', 'admin'] },
  { path: '/approvals', label: 'nav.approvals', roles: ['reviewer', 'approver', 'office'] },
  { path: '/calendar', label: 'nav.calendar', roles: ['editor', 'approver'] },
  { path: '/rectifications', label: 'nav.rectifications', roles: ['office', 'reviewer', 'admin', 'editor', 'approver'] },
  { path: '/profiles', label: 'nav.profiles', roles: ['office', 'reviewer', 'admin'] },
  { path: '/audit', label: 'nav.audit', roles: ['office', 'reviewer', 'admin'] },
  { path: '/channels', label: 'nav.channels', roles: ['office', 'admin'] },
  { path: '/reports/annual', label: 'nav.annual', roles: ['office', 'reviewer', 'admin'] },
];

export const EDIT_ACCOUNT_ROLES: readonly Role[] = ['office', 'admin', 'editor'];
export const RUN_INSPECTION_ROLES: readonly Role[] = ['office', 'admin'];
export const REQUEST_CLOSURE_ROLES: readonly Role[] = ['office', 'admin', 'editor'];

export function allowed(roles: readonly Role[], mine: readonly Role[] | undefined): boolean {
  return !!mine && mine.some((r) => roles.includes(r));
}

/** Who issues and re-checks rectification notices (shared/supervision/rectification.ts REVIEW_ROLES). */
export const REVIEW_RECTIFICATION_ROLES: readonly Role[] = ['office', 'reviewer'];

/**
 * Where a user lands after sign-in: their work. The office on the dashboard (overdue
 * rectifications, accounts close to the veto), reviewers and approvers in their inbox, editors on
 * the calendar (with their open rectification items); anyone else on the registry. With several
 * roles the first in that order wins.
 */
const LANDING: readonly [Role, string][] = [
  ['office', '/dashboard'],
  ['reviewer', '/approvals'],
  ['approver', '/approvals'],
  ['editor', '/calendar'],
];

export function landingPath(mine: readonly Role[] | undefined): string {
  for (const [role, path] of LANDING) {
    if (!mine?.includes(role)) continue;
    const item = NAV.find((n) => n.path === path);
    if (item && allowed(item.roles, mine)) return path;
  }
  return '/registry';
}
