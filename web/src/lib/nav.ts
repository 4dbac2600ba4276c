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
  { path: '/profiles', label: 'nav.profiles', roles: ['office', 'reviewer', 'admin'] },
  { path: '/audit', label: 'nav.audit', roles: ['office', 'reviewer', 'admin'] },
];

export const EDIT_ACCOUNT_ROLES: readonly Role[] = ['office', 'admin', 'editor'];
export const RUN_INSPECTION_ROLES: readonly Role[] = ['office', 'admin'];
export const REQUEST_CLOSURE_ROLES: readonly Role[] = ['office', 'admin', 'editor'];

export function allowed(roles: readonly Role[], mine: readonly Role[] | undefined): boolean {
  return !!mine && mine.some((r) => roles.includes(r));
}
